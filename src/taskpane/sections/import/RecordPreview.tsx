/**
 * The preview of a parsed record: the inspection's details, the editable inspection code, the
 * warnings about the record as a whole, the themes, and the editable list of items. Everything
 * pasted is shown as text (React escapes it), never as HTML.
 */
import type * as React from "react";
import {
  Body1,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { formatUk, parseIso } from "../../../domain/dates";
import { validCode, type ImportItem, type RecordInspection } from "../../../engine/import";
import { ItemEditor } from "./ItemEditor";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  details: {
    display: "grid",
    gridTemplateColumns: "minmax(80px, max-content) minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  themes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface EditableItem {
  key: number;
  item: ImportItem;
  warnings: string[];
}

export interface RecordPreviewProps {
  source: string;
  inspection: RecordInspection;
  code: string;
  onCodeChange: (code: string) => void;
  warnings: readonly string[];
  themes: readonly string[];
  items: readonly EditableItem[];
  onItemChange: (key: number, item: ImportItem) => void;
  onItemRemove: (key: number) => void;
  /** The add button and its feedback: shown before the list, so it is a few Tab stops away. */
  actions?: React.ReactNode;
}

export function RecordPreview(props: RecordPreviewProps) {
  const styles = useStyles();
  const i = props.inspection;
  const published = i.published ? parseIso(i.published) : null;
  const details: [string, string][] = [
    ["Title", i.title ?? "Not given"],
    ["Force", i.force ?? "Not given"],
    ["Published", published ? formatUk(published) : (i.publishedAsWritten ?? "Not given")],
    ["Grade", i.grade ?? "Not given"],
    ["Inspectorate", i.inspectorate ?? "Not given"],
  ];
  const codeOk = validCode(props.code.trim());
  return (
    <section className={styles.root} aria-label="Preview of the record">
      <Caption1>Read from {props.source}</Caption1>
      <dl className={styles.details} aria-label="Inspection details">
        {details.map(([k, v]) => (
          <div key={k} style={{ display: "contents" }}>
            <dt className={styles.term}>
              <Caption1>{k}</Caption1>
            </dt>
            <dd className={styles.value}>
              <Body1>{v}</Body1>
            </dd>
          </div>
        ))}
      </dl>
      <Field
        label="Inspection code (refs such as PEEL24-R3 start with it)"
        validationState={codeOk ? "none" : "error"}
        validationMessage={
          codeOk ? undefined : "Use 2 to 12 letters and digits, starting with a letter"
        }
      >
        <Input value={props.code} onChange={(_, d) => props.onCodeChange(d.value)} maxLength={12} />
      </Field>
      {props.warnings.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Check the record</MessageBarTitle>
            <ul aria-label="Warnings about the record" className={styles.themes}>
              {props.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {props.themes.length > 0 ? (
        <div>
          <Text weight="semibold">Themes (added to the Lists sheet)</Text>
          <ol aria-label="Themes" className={styles.themes}>
            {props.themes.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ol>
        </div>
      ) : null}
      {props.actions}
      <Text weight="semibold">
        {props.items.length} {props.items.length === 1 ? "item" : "items"} (check and edit them
        before adding)
      </Text>
      <ul className={styles.list} aria-label="Items to add">
        {props.items.map((e, index) => (
          <ItemEditor
            key={e.key}
            index={index}
            item={e.item}
            code={codeOk ? props.code.trim() : ""}
            themes={props.themes}
            warnings={e.warnings}
            onChange={(item) => props.onItemChange(e.key, item)}
            onRemove={() => props.onItemRemove(e.key)}
          />
        ))}
      </ul>
    </section>
  );
}
