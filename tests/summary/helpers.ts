/**
 * Shared builders for the summary tests: tracker rows and snapshots of a fictional force.
 */
import { TABLES, TRACKER_COLUMNS, type TrackerKey } from "../../src/domain/columns";
import { toExcelSerial } from "../../src/domain/dates";
import { DEFAULT_SETTINGS_VALUES, type TrackerRow, type Value } from "../../src/domain/model";
import type { TableSnapshot, WorkbookSnapshot } from "../../src/workbook/host";
import type { CellValue } from "../../src/workbook/plan";

export const AS_AT = toExcelSerial({ y: 2026, m: 3, d: 31 });
export const SETTINGS = {
  ...DEFAULT_SETTINGS_VALUES,
  officeName: "Office of the Wessex Police and Crime Commissioner",
};

export function row(values: Partial<Record<TrackerKey, Value>>, index = 0): TrackerRow {
  const full = {} as Record<TrackerKey, Value>;
  for (const c of TRACKER_COLUMNS) full[c.key] = values[c.key] ?? null;
  return { sheetRow: index + 2, index, values: full, extras: {} };
}

export function table(
  name: string,
  sheet: string,
  headers: string[],
  rows: CellValue[][]
): TableSnapshot {
  return { name, sheet, row: 0, col: 0, headers, rows };
}

/** A snapshot with a tracker (contract columns in order) and optional history rows. */
export function snapshotOf(
  trackerRowsValues: Partial<Record<TrackerKey, Value>>[],
  history: CellValue[][] = [],
  extra: Partial<WorkbookSnapshot> = {}
): WorkbookSnapshot {
  const headers = TRACKER_COLUMNS.map((c) => c.header);
  const rows = trackerRowsValues.map((v) =>
    TRACKER_COLUMNS.map((c) => (v[c.key] ?? null) as CellValue)
  );
  return {
    sheets: [
      { name: "Tracker", visibility: "visible", protected: false },
      { name: "Position history", visibility: "visible", protected: false },
    ],
    activeSheet: "Tracker",
    meta: null,
    tables: {
      [TABLES.tracker]: table(TABLES.tracker, "Tracker", headers, rows),
      [TABLES.history]: table(
        TABLES.history,
        "Position history",
        ["Snapshot date", "Ref", "Status", "Owner", "Target date"],
        history
      ),
    },
    sheetValues: {},
    ...extra,
  };
}
