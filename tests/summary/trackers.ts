/**
 * A fictional tracker as real ones are: kinds mixed (areas for improvement, causes of concern,
 * some with no kind), statuses not in the list and blank, items without an owner, a target date
 * or a stated addressee, and three recorded positions, the last holding the untidy statuses.
 * Built through the engine on any host; which rows are untidy depends only on their index.
 */
import { TABLES, TRACKER_COLUMNS, headerIndex, type TrackerKey } from "../../src/domain/columns";
import { recordPosition } from "../../src/engine/history";
import type { WorkbookHost } from "../../src/workbook/host";
import type { CellValue } from "../../src/workbook/plan";
import { buildSampleTracker, SAMPLE_AS_AT } from "../../bench/summary.bench";

/** What row i of the untidy tracker holds instead of the sample's value (undefined: unchanged). */
export function untidy(i: number): Partial<Record<TrackerKey, CellValue>> {
  const out: Partial<Record<TrackerKey, CellValue>> = {};
  if (i % 5 === 1) out.kind = "Area for improvement";
  else if (i % 17 === 3) out.kind = "Cause of concern";
  else if (i % 23 === 7) out.kind = null;
  if (i % 13 === 2) out.status = "grn";
  else if (i % 19 === 5) out.status = "TBC";
  else if (i % 29 === 11) out.status = null;
  if (i % 11 === 4) out.owner = null;
  if (i % 14 === 6) out.targetDate = null;
  else if (i % 31 === 9) out.targetDate = "soon";
  if (i % 9 === 8) out.addressedTo = "Not stated";
  else if (i % 21 === 10) out.addressedTo = "Unknown";
  return out;
}

export interface MixedOptions {
  rows: number;
  /** Positions recorded (2 or 3); the last, on SAMPLE_AS_AT, after the rows were made untidy. */
  positions?: 2 | 3;
}

/** Build the untidy tracker: the sample, then the untidy cells, then the last position again. */
export async function buildMixedTracker(host: WorkbookHost, options: MixedOptions): Promise<void> {
  await buildSampleTracker(host, { rows: options.rows, positions: options.positions ?? 3 });
  await host.run("Untidy rows", async (s) => {
    const snap = await s.read({ tables: [TABLES.tracker] });
    const table = snap.tables[TABLES.tracker];
    const ops = (["kind", "status", "owner", "targetDate", "addressedTo"] as const).map((key) => {
      const col = headerIndex(table.headers, TRACKER_COLUMNS.find((c) => c.key === key)!.header);
      return {
        op: "writeTableCells" as const,
        table: TABLES.tracker,
        row: 0,
        col,
        values: table.rows.map((r, i) => {
          const u = untidy(i);
          return [key in u ? (u[key] ?? null) : (r[col] ?? null)];
        }),
      };
    });
    await s.apply({ ops });
  });
  await recordPosition(host, { date: SAMPLE_AS_AT, replace: true });
}
