/**
 * The preview of a parsed record: the inspection's details, the editable inspection code, the
 * warnings about the record as a whole, the themes (assurance areas), a bar to set the area of
 * the selected items at once, and the editable list of items. Everything pasted is shown as
 * text (React escapes it), never as HTML.
 */
import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { formatUk, parseIso } from "../../../domain/dates";
import {
  validCode,
  type ImportItem,
  type PreviewItem,
  type RecordInspection,
} from "../../../engine/import";
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
  bulk: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  bulkRow: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  full: { width: "100%", minWidth: 0 },
  select: { width: "100%", minWidth: 0, maxWidth: "100%" },
  selectEl: { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
});

export interface RecordPreviewProps {
  source: string;
  inspection: RecordInspection;
  code: string;
  onCodeChange: (code: string) => void;
  warnings: readonly string[];
  themes: readonly string[];
  items: readonly PreviewItem[];
  onItemChange: (key: number, item: ImportItem) => void;
  onItemRemove: (key: number) => void;
  /** Items ticked for "Set area for selected" (none when absent: no ticks are shown). */
  selected?: ReadonlySet<number>;
  onSelect?: (key: number, on: boolean) => void;
  onSelectAll?: (on: boolean) => void;
  onSetArea?: (theme: string | null) => void;
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
      {props.selected && props.onSelect && props.themes.length > 0 ? (
        <SetAreaBar
          themes={props.themes}
          count={props.items.length}
          selected={props.items.filter((e) => props.selected!.has(e.key)).length}
          onSelectAll={props.onSelectAll}
          onSetArea={props.onSetArea}
        />
      ) : null}
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
            suggestion={e.suggestion}
            selected={props.selected?.has(e.key)}
            onSelect={props.onSelect ? (on) => props.onSelect!(e.key, on) : undefined}
            onChange={(item) => props.onItemChange(e.key, item)}
            onRemove={() => props.onItemRemove(e.key)}
          />
        ))}
      </ul>
    </section>
  );
}

interface SetAreaBarProps {
  themes: readonly string[];
  count: number;
  selected: number;
  onSelectAll?: (on: boolean) => void;
  onSetArea?: (theme: string | null) => void;
}

/** Tick items, choose an area, set it for all of them at once. */
function SetAreaBar({ themes, count, selected, onSelectAll, onSetArea }: SetAreaBarProps) {
  const styles = useStyles();
  const [area, setArea] = React.useState(themes[0] ?? "");
  const all = selected === count && count > 0;
  return (
    <div className={styles.bulk} role="group" aria-label="Set the assurance area of several items">
      <Checkbox
        label={`Select all ${count} items (${selected} selected)`}
        checked={all ? true : selected > 0 ? "mixed" : false}
        onChange={() => onSelectAll?.(!all)}
      />
      <Field label="Assurance area for the selected items" className={styles.full}>
        <Select
          className={styles.select}
          select={{ className: styles.selectEl, title: area || undefined }}
          value={area}
          onChange={(_, d) => setArea(d.value)}
        >
          {themes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
          <option value="">(none)</option>
        </Select>
      </Field>
      <div className={styles.bulkRow}>
        <Button disabled={selected === 0} onClick={() => onSetArea?.(area === "" ? null : area)}>
          {`Set area for ${selected} selected`}
        </Button>
      </div>
    </div>
  );
}
