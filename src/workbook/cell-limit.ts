/**
 * Excel's limit of 32,767 characters in a cell, kept by every plan before it is applied: a
 * longer text is never written. What fits is kept, the cell is marked at its end, and each cut
 * is reported (where, and how long the text was), so nothing is cut silently. Pure.
 */
import { columnLetter } from "../domain/columns";
import { MAX_CELL_CHARS } from "../domain/text";
import type { CellValue, WorkbookPlan } from "./plan";

export { MAX_CELL_CHARS };

export interface CutCell {
  /** Where, in words: "Tracker!C14 (Recommendation)". */
  where: string;
  /** The text's length before it was cut. */
  length: number;
  message: string;
}

/** The marker that ends a cut cell. */
export const cutMarker = (length: number) =>
  ` [… cut: ${length.toLocaleString("en-GB")} characters, over Excel's ${MAX_CELL_CHARS.toLocaleString("en-GB")} a cell]`;

function fit(v: CellValue, where: () => string, cut: CutCell[]): CellValue {
  if (typeof v !== "string" || v.length <= MAX_CELL_CHARS) return v;
  const marker = cutMarker(v.length);
  let kept = v.slice(0, MAX_CELL_CHARS - marker.length);
  // Never leave half of a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  const place = where();
  cut.push({
    where: place,
    length: v.length,
    message: `${place} held ${v.length.toLocaleString("en-GB")} characters, over Excel's limit of ${MAX_CELL_CHARS.toLocaleString("en-GB")} for a cell: the first ${kept.length.toLocaleString("en-GB")} were kept and the cell is marked "[… cut]". Keep the full text elsewhere (the record itself).`,
  });
  return kept + marker;
}

const rowsFit = (
  rows: readonly (readonly CellValue[])[],
  where: (i: number, j: number) => string,
  cut: CutCell[]
): CellValue[][] | null => {
  let changed = false;
  const out = rows.map((row, i) =>
    row.map((v, j) => {
      const f = fit(v, () => where(i, j), cut);
      if (f !== v) changed = true;
      return f;
    })
  );
  return changed ? out : null;
};

/**
 * The plan with every text longer than a cell holds cut to fit and marked, and the cuts made.
 * Returns the same plan object when nothing was cut.
 */
export function fitPlanToCells(plan: WorkbookPlan): { plan: WorkbookPlan; cut: CutCell[] } {
  const cut: CutCell[] = [];
  let changed = false;
  const ops = plan.ops.map((op) => {
    if (op.op === "writeCells") {
      const v = rowsFit(
        op.block.values,
        (i, j) => `${op.sheet}!${columnLetter(op.block.col + j)}${op.block.row + i + 1}`,
        cut
      );
      if (!v) return op;
      changed = true;
      return { ...op, block: { ...op.block, values: v } };
    }
    if (op.op === "createTable") {
      const t = op.table;
      const v = rowsFit(
        t.rows,
        (i, j) =>
          `${op.sheet}!${columnLetter(t.col + j)}${t.row + i + 2} (row ${t.row + i + 2}, ${t.headers[j] ?? `column ${j + 1}`})`,
        cut
      );
      if (!v) return op;
      changed = true;
      return { ...op, table: { ...t, rows: v } };
    }
    if (op.op === "appendRows") {
      const v = rowsFit(
        op.rows,
        (i, j) => `table ${op.table}, new row ${i + 1}, column ${j + 1}`,
        cut
      );
      if (!v) return op;
      changed = true;
      return { ...op, rows: v };
    }
    if (op.op === "writeTableCells") {
      const v = rowsFit(
        op.values,
        (i, j) => `table ${op.table}, row ${op.row + i + 1}, column ${op.col + j + 1}`,
        cut
      );
      if (!v) return op;
      changed = true;
      return { ...op, values: v };
    }
    return op;
  });
  return { plan: changed ? { ...plan, ops: ops as WorkbookPlan["ops"] } : plan, cut };
}
