/**
 * Nothing is lost: every non-empty cell of the sheet being adopted is accounted for, in the
 * tracker or in the adoption report. Pure.
 */
import { columnLetter } from "../columns";
import { cellText, isEmptyValue } from "./grid";
import { trackerHeaderOf } from "./mapping";
import type { Accounting, AdoptedRow, Change, SkippedRow, SourceColumn, SourceGrid } from "./types";

/**
 * Account for every non-empty source cell: in the tracker (a data row's cell, kept as is or
 * normalised with the original in the changes) or in the report (title, section, legend,
 * footnote rows; headers in the mapping). Anything else is lost, and adopting refuses.
 */
export function account(
  grid: SourceGrid,
  headerIdx: number,
  columns: SourceColumn[],
  adopted: AdoptedRow[],
  skipped: SkippedRow[],
  changes: Change[]
): Accounting {
  const bySource = new Map<number, AdoptedRow>(adopted.map((r) => [r.sourceRow, r]));
  const skippedBy = new Map<number, SkippedRow>(skipped.map((s) => [s.sourceRow, s]));
  const changed = new Set(
    changes.map((c) => `${c.sourceRow}\u0000${c.column}\u0000${c.asWritten}`)
  );
  const colByIndex = new Map<number, SourceColumn>(columns.map((c) => [c.index, c]));
  const out: Accounting = { sourceCells: 0, inTracker: 0, inReport: 0, lost: [] };
  for (let i = 0; i < grid.values.length; i++) {
    const r = grid.values[i] ?? [];
    const sr = grid.row + i + 1;
    for (let j = 0; j < r.length; j++) {
      const v = r[j];
      if (isEmptyValue(v)) continue;
      out.sourceCells++;
      const text = cellText(grid, i, j);
      const col = colByIndex.get(j);
      if (i === headerIdx) {
        if (col && col.headerAsWritten === text) out.inReport++;
        else out.lost.push({ sourceRow: sr, column: columnLetter(grid.col + j), text });
        continue;
      }
      const skip = skippedBy.get(sr);
      if (skip) {
        if (skip.cells[j] === text) out.inReport++;
        else out.lost.push({ sourceRow: sr, column: columnLetter(grid.col + j), text });
        continue;
      }
      const row = bySource.get(sr);
      let kept = false;
      if (row && col) {
        if (col.mappedTo) {
          const got = row.values[col.mappedTo];
          const header = trackerHeaderOf(col.mappedTo);
          kept = got === v || changed.has(`${sr}\u0000${header}\u0000${text}`);
        } else {
          kept = row.extras[col.extraHeader!] === v;
        }
      }
      if (kept) out.inTracker++;
      else out.lost.push({ sourceRow: sr, column: columnLetter(grid.col + j), text });
    }
  }
  return out;
}
