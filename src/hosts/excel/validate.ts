/**
 * Checks a plan before anything is sent to Excel: every value fits a cell, and no sheet it writes
 * to is protected (as far as this session knows; Excel's own AccessDenied is the second line).
 * Pure: no Office.js calls.
 */
import { TrackerError } from "../../domain/errors";
import { refuseProtected, type CellValue, type WorkbookPlan } from "../../workbook/plan";
import { cellTooLong, notANumber } from "../../domain/messages";
import { MAX_CELL_CHARS } from "../../domain/text";
import type { Layout } from "./geometry";

/** Check every value a plan would write before anything is written. */
export function validatePlan(plan: WorkbookPlan): void {
  const check = (rows: readonly (readonly CellValue[])[] | undefined, where: string) => {
    rows?.forEach((row, i) =>
      row.forEach((v, j) => {
        if (typeof v === "string" && v.length > MAX_CELL_CHARS) {
          throw new TrackerError("invalid-input", cellTooLong(where, i + 1, j + 1, v.length));
        }
        if (typeof v === "number" && !Number.isFinite(v)) {
          throw new TrackerError("invalid-input", notANumber(where, i + 1, j + 1));
        }
      })
    );
  };
  for (const op of plan.ops) {
    if (op.op === "writeCells") check(op.block.values, `Sheet '${op.sheet}'`);
    else if (op.op === "createTable") check(op.table.rows, `Table '${op.table.name}'`);
    else if (op.op === "appendRows") check(op.rows, `New rows for table '${op.table}'`);
    else if (op.op === "writeTableCells") check(op.values, `Table '${op.table}'`);
    else if (op.op === "addTableColumn")
      check(
        op.values?.map((v) => [v]),
        `Column '${op.header}' of table '${op.table}'`
      );
  }
}

/**
 * Refuse before writing anything when a sheet the plan writes to is protected (as far as this
 * session knows; Excel's own AccessDenied is the second line).
 */
export function refuseProtectedSheets(plan: WorkbookPlan, layout: Layout): void {
  if (!layout.sheets) return;
  refuseProtected(plan.ops, layout.sheets.values(), (t) => layout.table(t)?.sheet);
}
