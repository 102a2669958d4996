/**
 * Reading the add-in's tables out of a snapshot into domain values. Pure.
 */
import {
  CHECK_HEADER,
  TABLES,
  TRACKER_COLUMNS,
  headerIndex,
  type TrackerKey,
} from "../domain/columns";
import { parseUkDate, toExcelSerial } from "../domain/dates";
import {
  DEFAULT_SETTINGS_VALUES,
  textOf,
  type Settings,
  type TrackerRow,
  type Value,
} from "../domain/model";
import { DEFAULT_STATUSES, type StatusDef } from "../domain/status";
import type { TableSnapshot, WorkbookSnapshot } from "./host";

/** Every table the add-in owns, by name, for a full read. */
export const ALL_TABLES: string[] = Object.values(TABLES);

/** Column index of each contract column in a tracker table (-1 when absent). */
export function trackerColumnIndex(headers: readonly string[]): Record<TrackerKey, number> {
  const out = {} as Record<TrackerKey, number>;
  for (const c of TRACKER_COLUMNS) out[c.key] = headerIndex(headers, c.header);
  return out;
}

/** The tracker's rows with contract columns by key and the analyst's own columns as extras. */
export function trackerRows(table: TableSnapshot): TrackerRow[] {
  const idx = trackerColumnIndex(table.headers);
  const known = new Set<number>(Object.values(idx).filter((i) => i >= 0));
  const check = headerIndex(table.headers, CHECK_HEADER);
  if (check >= 0) known.add(check);
  return table.rows.map((row, i) => {
    const values = {} as Record<TrackerKey, Value>;
    for (const c of TRACKER_COLUMNS) {
      const j = idx[c.key];
      values[c.key] = j >= 0 ? (row[j] ?? null) : null;
    }
    const extras: Record<string, Value> = {};
    table.headers.forEach((h, j) => {
      if (!known.has(j)) extras[h] = row[j] ?? null;
    });
    return { sheetRow: table.row + 2 + i, index: i, values, extras };
  });
}

/** Rows of a generic table as records keyed by header. */
export function tableRecords(table: TableSnapshot | null | undefined): Record<string, Value>[] {
  if (!table) return [];
  return table.rows.map((row) => {
    const rec: Record<string, Value> = {};
    table.headers.forEach((h, j) => (rec[h] = row[j] ?? null));
    return rec;
  });
}

/** The status vocabulary as the workbook holds it (Lists sheet), or the default. */
export function readVocabulary(snapshot: WorkbookSnapshot): StatusDef[] {
  const table = snapshot.tables[TABLES.statuses];
  const recs = tableRecords(table).filter((r) => textOf(r["Status"]) !== "");
  if (recs.length === 0) return [...DEFAULT_STATUSES];
  return recs.map((r) => {
    const name = textOf(r["Status"]);
    const known = DEFAULT_STATUSES.find((s) => s.name === name);
    const colour = /^#?[0-9a-f]{6}$/i.test(textOf(r["Colour"]))
      ? "#" + textOf(r["Colour"]).replace(/^#/, "").toUpperCase()
      : (known?.colour ?? "#7F7F7F");
    const closedText = textOf(r["Closed"]).toLowerCase();
    return {
      name,
      meaning: textOf(r["Meaning"]) || known?.meaning || "",
      colour,
      fontColour: fontFor(colour),
      closed: closedText
        ? ["yes", "y", "true", "closed"].includes(closedText)
        : (known?.closed ?? false),
    };
  });
}

/** Black or white text, whichever reads better on a fill. */
export function fontFor(fill: string): string {
  const hex = fill.replace(/^#/, "");
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return lum > 0.35 ? "#000000" : "#FFFFFF";
}

/** Workbook settings from the Lists sheet's settings table; defaults where blank or invalid. */
export function readSettings(snapshot: WorkbookSnapshot): Settings {
  const recs = tableRecords(snapshot.tables[TABLES.settings]);
  const get = (name: string): Value => {
    const rec = recs.find((r) => textOf(r["Setting"]).toLowerCase() === name.toLowerCase());
    return rec ? (rec["Value"] ?? null) : null;
  };
  const num = (v: Value, d: number) => {
    const n = typeof v === "number" ? v : Number(textOf(v));
    return textOf(v) !== "" && Number.isFinite(n) && n >= 0 ? Math.round(n) : d;
  };
  const asAtValue = get("As-at date");
  const asAtParse = textOf(asAtValue) === "" ? null : parseUkDate(asAtValue);
  return {
    officeName: textOf(get("Office name")) || DEFAULT_SETTINGS_VALUES.officeName,
    protectiveMarking:
      textOf(get("Protective marking")) || DEFAULT_SETTINGS_VALUES.protectiveMarking,
    asAt: asAtParse?.date ? toExcelSerial(asAtParse.date) : null,
    reportingPeriod: textOf(get("Reporting period")),
    staleDays: num(get("Stale after (days)"), DEFAULT_SETTINGS_VALUES.staleDays),
    dueSoonDays: num(get("Due soon (days)"), DEFAULT_SETTINGS_VALUES.dueSoonDays),
  };
}
