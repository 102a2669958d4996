/**
 * Fictional trackers and returned workbooks for the update round's tests and benchmarks: a
 * force that does not exist (Wessex Police), owners with invented names, and returned
 * workbooks edited the way people edit them.
 */
import { TABLES, TRACKER_COLUMNS, type TrackerKey } from "../../src/domain/columns";
import { toExcelSerial } from "../../src/domain/dates";
import { setupTracker } from "../../src/engine/setup";
import { createXlsxHost, type XlsxHost } from "../../src/hosts/xlsx";
import type { CellValue } from "../../src/workbook/plan";

export const TODAY = { y: 2026, m: 6, d: 30 };
export const DUE = { y: 2026, m: 7, d: 17 };

export const OWNERS = [
  "Supt Ada Morgan",
  "DCI Ravi Patel",
  "Head of Contact",
  "Ch Insp Lucy Hale",
  "Director of HR",
];

const STATUSES = ["Red", "Amber", "Green", "Complete", "Green", "Amber", "Superseded", ""];

export type RowValues = Partial<Record<TrackerKey, CellValue>>;

/** Row i of a tracker with `owners` owners (statuses cycle; every seventh is closed). */
export function trackerRow(i: number, owners: readonly string[] = OWNERS): RowValues {
  return {
    ref: `WP-${String(i + 1).padStart(5, "0")}`,
    inspection: `PEEL 2025/27: Wessex Police (${1 + (i % 4)})`,
    kind: i % 3 === 0 ? "Area for improvement" : "Recommendation",
    number: (i % 12) + 1,
    recommendation: `The force should improve how it handles case ${i + 1}, so that victims are kept informed.`,
    addressedTo: "Force",
    owner: owners[i % owners.length],
    targetDate: toExcelSerial({ y: 2026, m: 9 + (i % 3), d: 30 }),
    status: STATUSES[i % STATUSES.length] || null,
    progress: i % 2 === 0 ? `Progress on case ${i + 1}: plan agreed.` : null,
    nextSteps: i % 3 === 0 ? "Report to the board in September." : null,
    evidence: null,
  };
}

export function rowCells(v: RowValues): CellValue[] {
  return TRACKER_COLUMNS.map((c) => v[c.key] ?? null);
}

/** A tracker workbook (set up, then these rows appended) in an xlsx host. */
export async function trackerWith(rows: readonly RowValues[]): Promise<XlsxHost> {
  const host = await createXlsxHost();
  await setupTracker(host);
  if (rows.length > 0) {
    await host.run("seed", (s) =>
      s.apply({ ops: [{ op: "appendRows", table: TABLES.tracker, rows: rows.map(rowCells) }] })
    );
  }
  return host;
}

export async function trackerOf(n: number, owners: readonly string[] = OWNERS): Promise<XlsxHost> {
  return trackerWith(Array.from({ length: n }, (_, i) => trackerRow(i, owners)));
}
