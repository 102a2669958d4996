/**
 * One item of the preview, editable: kind, number, text, addressed to and theme (the assurance
 * area: suggested from the item's words, with the words that matched, or why none was), with the
 * parser's warnings about it beside it, and a tick to select it for "Set area for selected".
 * Text is shown in form controls, never as HTML.
 */
import * as React from "react";
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Delete16Regular, Warning16Filled } from "@fluentui/react-icons";
import {
  FORCE_ADDRESSEE,
  NATIONAL_BODIES,
  NATIONAL_UNNAMED,
  NOT_STATED_ADDRESSEE,
  UNKNOWN_ADDRESSEE,
  itemRef,
  type ImportItem,
  type ItemKind,
  type ThemeSuggestion,
} from "../../../engine/import";

const useStyles = makeStyles({
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "flex-end",
  },
  kind: { flexGrow: 1, minWidth: "150px" },
  // A native select is as wide as its longest option: held to its card's width, long area
  // names are cut short inside the closed select (the open list shows them whole).
  full: { width: "100%", minWidth: 0 },
  select: { width: "100%", minWidth: 0, maxWidth: "100%" },
  selectEl: { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
  why: { color: tokens.colorNeutralForeground3 },
  headStart: { display: "flex", alignItems: "center", minWidth: 0 },
  number: { width: "88px", minWidth: 0 },
  fill: { width: "100%", minWidth: 0, boxSizing: "border-box" },
  inner: { width: "100%", minWidth: 0 },
  head: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  warning: {
    display: "flex",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteDarkOrangeForeground1,
    alignItems: "flex-start",
  },
  icon: { flexShrink: 0, marginTop: "2px" },
  strong: { fontWeight: tokens.fontWeightSemibold },
});

export const ADDRESSEES: readonly string[] = [
  FORCE_ADDRESSEE,
  ...NATIONAL_BODIES.map((b) => b.name),
  NATIONAL_UNNAMED,
  UNKNOWN_ADDRESSEE,
];

/** What the pane says under Addressed to when the record names nobody but its words suggest who. */
export function addresseeNote(item: ImportItem): string | null {
  const s = item.addresseeSuggestion;
  if (!s || item.addressedTo !== UNKNOWN_ADDRESSEE) return null;
  return `The record names nobody; the words '${s.because}' suggest ${s.addressedTo}. Choose it to confirm, or leave it Not stated.`;
}

export interface ItemEditorProps {
  index: number;
  item: ImportItem;
  code: string;
  themes: readonly string[];
  warnings: readonly string[];
  /** The area suggested for the item when it was read. */
  suggestion?: ThemeSuggestion;
  selected?: boolean;
  onSelect?: (on: boolean) => void;
  onChange: (item: ImportItem) => void;
  onRemove: () => void;
}

/** Why the item has the area it has: the words that matched, or why none was suggested. */
export function themeNote(item: ImportItem, s: ThemeSuggestion | undefined): string | null {
  if (!s) return null;
  const words = s.matched.map((m) => m.word).join(", ");
  if (item.theme !== s.theme) {
    return s.theme ? `Your choice (suggested: ${s.theme}).` : "Your choice (none was suggested).";
  }
  if (s.theme) return `Suggested from the words ${words} (score ${s.score.toFixed(1)}).`;
  return `No area suggested: ${s.reason ?? "no clear match"}${words && s.best ? ` (words: ${words})` : ""}`;
}

export function ItemEditor({
  index,
  item,
  code,
  themes,
  warnings,
  suggestion,
  selected,
  onSelect,
  onChange,
  onRemove,
}: ItemEditorProps) {
  const styles = useStyles();
  const id = React.useId();
  const label = `Item ${index + 1}`;
  const ref = code ? itemRef(code, item.kind, item.number) : null;
  const addressees = ADDRESSEES.includes(item.addressedTo)
    ? ADDRESSEES
    : [item.addressedTo, ...ADDRESSEES];
  return (
    <li className={styles.item} aria-labelledby={`${id}-head`}>
      <div className={styles.head}>
        <div className={styles.headStart}>
          {onSelect ? (
            <Checkbox
              aria-label={`Select item ${index + 1}`}
              checked={selected ?? false}
              onChange={(_, d) => onSelect(d.checked === true)}
            />
          ) : null}
          <Caption1 id={`${id}-head`} className={styles.strong}>
            {ref ? `${label} · ${ref}` : label}
          </Caption1>
        </div>
        <Button
          appearance="subtle"
          size="small"
          icon={<Delete16Regular />}
          aria-label={`Remove item ${index + 1}`}
          title="Remove"
          onClick={onRemove}
        />
      </div>
      {warnings.map((w) => (
        <Caption1 key={w} className={styles.warning}>
          <Warning16Filled className={styles.icon} aria-hidden />
          <span>{w}</span>
        </Caption1>
      ))}
      <div className={styles.row}>
        <Field label="Kind" className={styles.kind}>
          <Select
            aria-label={`${label}: kind`}
            value={item.kind}
            onChange={(_, d) => onChange({ ...item, kind: d.value as ItemKind })}
          >
            <option value="recommendation">Recommendation</option>
            <option value="area-for-improvement">Area for improvement</option>
          </Select>
        </Field>
        <Field label="No." className={styles.number}>
          <Input
            className={styles.fill}
            input={{ className: styles.inner }}
            aria-label={`${label}: number`}
            type="number"
            min={1}
            value={String(item.number)}
            onChange={(_, d) => onChange({ ...item, number: Number.parseInt(d.value, 10) || 0 })}
          />
        </Field>
      </div>
      <Field
        label="Text"
        validationMessage={
          item.text.trim() === "" ? "Type the item's text, or remove the item" : undefined
        }
      >
        <Textarea
          aria-label={`${label}: text`}
          resize="vertical"
          rows={3}
          value={item.text}
          onChange={(_, d) => onChange({ ...item, text: d.value })}
        />
      </Field>
      <Field label="Addressed to" className={styles.full} hint={addresseeNote(item) ?? undefined}>
        <Select
          className={styles.select}
          select={{ className: styles.selectEl }}
          aria-label={`${label}: addressed to`}
          value={item.addressedTo}
          onChange={(_, d) => onChange({ ...item, addressedTo: d.value })}
        >
          {addressees.map((a) => (
            <option key={a} value={a}>
              {a === UNKNOWN_ADDRESSEE ? NOT_STATED_ADDRESSEE : a}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Assurance area (Theme)"
        className={styles.full}
        hint={themeNote(item, suggestion) ?? undefined}
      >
        <Select
          className={styles.select}
          select={{ className: styles.selectEl, title: item.theme ?? undefined }}
          aria-label={`${label}: theme`}
          value={item.theme ?? ""}
          onChange={(_, d) => onChange({ ...item, theme: d.value === "" ? null : d.value })}
        >
          <option value="">(none)</option>
          {themes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </Field>
    </li>
  );
}
