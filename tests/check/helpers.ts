/**
 * Test helpers for the check: a fictional force's tracker rows (Wessex Police) as the domain and
 * snapshots see them.
 */
import { TABLES, TRACKER_COLUMNS, type TrackerKey } from "../../src/domain/columns";
import { parseIso, toExcelSerial } from "../../src/domain/dates";
import type { TrackerRow, Value } from "../../src/domain/model";
import type { TableSnapshot, WorkbookSnapshot } from "../../src/workbook/host";
import type { CellValue } from "../../src/workbook/plan";

export const serial = (iso: string) => toExcelSerial(parseIso(iso)!);
export const AS_AT = serial("2026-11-30");

/** A row that passes every rule on 30/11/2026. */
export function goodValues(over: Partial<Record<TrackerKey, Value>> = {}): Record<TrackerKey, Value> {
  return {
    ref: "WP-PEEL25-R1",
    inspection: "PEEL 2025 Wessex Police",
    kind: "Recommendation",
    number: 1,
    recommendation: "Wessex Police should improve how it records crime involving vulnerable victims.",
    addressedTo: "Force",
    theme: "Risk and safeguarding",
    owner: "Supt A. Example",
    targetDate: serial("2027-03-31"),
    status: "Green",
    progress: "Audit complete; training planned.",
    nextSteps: "Deliver training by February.",
    evidence: "",
    lastUpdated: serial("2026-11-01"),
    closedDate: null,
    ...over,
  };
}

export function row(index: number, over: Partial<Record<TrackerKey, Value>> = {}, extras: Record<string, Value> = {}): TrackerRow {
  return { sheetRow: index + 2, index, values: goodValues(over), extras };
}

export const HEADERS = TRACKER_COLUMNS.map((c) => c.header);

export function columnsIndex(): Record<TrackerKey, number> {
  return Object.fromEntries(TRACKER_COLUMNS.map((c, i) => [c.key, i])) as Record<TrackerKey, number>;
}

/** Values of a row in HEADERS order. */
export function cells(values: Record<TrackerKey, Value>): CellValue[] {
  return TRACKER_COLUMNS.map((c) => values[c.key]);
}

export function trackerTable(rows: CellValue[][], extra: Partial<TableSnapshot> = {}): TableSnapshot {
  return { name: TABLES.tracker, sheet: "Tracker", row: 0, col: 0, headers: [...HEADERS], rows, ...extra };
}

export function snapshotWith(tracker: TableSnapshot | null, more: Record<string, TableSnapshot> = {}, protectedSheets: string[] = []): WorkbookSnapshot {
  const tables: Record<string, TableSnapshot> = { ...more };
  if (tracker) tables[tracker.name] = tracker;
  const sheets = new Set(["Tracker", "Lists", "Inspections", ...Object.values(tables).map((t) => t.sheet)]);
  return {
    sheets: [...sheets].map((name) => ({ name, visibility: "visible" as const, protected: protectedSheets.includes(name) })),
    activeSheet: "Tracker",
    meta: null,
    tables,
    sheetValues: {},
  };
}

export function settingsTable(values: Record<string, CellValue>): TableSnapshot {
  return {
    name: TABLES.settings, sheet: "Lists", row: 0, col: 9, headers: ["Setting", "Value", "Note"],
    rows: Object.entries(values).map(([k, v]) => [k, v, ""]),
  };
}

export function inspectionsTable(rows: CellValue[][]): TableSnapshot {
  return {
    name: TABLES.inspections, sheet: "Inspections", row: 0, col: 0,
    headers: ["Code", "Title", "Inspectorate", "Force", "Published", "Grade", "Response due", "Response published", "Summary"],
    rows,
  };
}
