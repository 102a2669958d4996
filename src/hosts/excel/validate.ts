/**
 * Checks a plan before anything is sent to Excel: every value fits a cell, and no sheet it writes
 * to is protected (as far as this session knows; Excel's own AccessDenied is the second line).
 * Pure: no Office.js calls.
 */
import { TrackerError, protectedError } from "../../domain/errors";
import type { CellValue, WorkbookPlan } from "../../workbook/plan";
import { MAX_CELL_CHARS } from "./limits";
import { tableOf, type Layout } from "./geometry";

/** Check every value a plan would write before anything is written. */
export function validatePlan(plan: WorkbookPlan): void {
  const check = (rows: readonly (readonly CellValue[])[] | undefined, where: string) => {
    rows?.forEach((row, i) =>
      row.forEach((v, j) => {
        if (typeof v === "string" && v.length > MAX_CELL_CHARS) {
          throw new TrackerError(
            "invalid-input",
            `${where}, row ${i + 1}, column ${j + 1} holds ${v.length.toLocaleString("en-GB")} characters; ` +
              `an Excel cell holds at most ${MAX_CELL_CHARS.toLocaleString("en-GB")}. Nothing was changed. Shorten that text and try again.`
          );
        }
        if (typeof v === "number" && !Number.isFinite(v)) {
          throw new TrackerError(
            "invalid-input",
            `${where}, row ${i + 1}, column ${j + 1} is not a number Excel can hold. Nothing was changed.`
          );
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
export function refuseProtected(plan: WorkbookPlan, layout: Layout): void {
  const sheets = layout.sheets;
  if (!sheets) return;
  const targets = new Set<string>();
  for (const op of plan.ops) {
    if (op.op === "activate" || op.op === "select" || op.op === "ensureSheet") continue;
    if ("sheet" in op) targets.add(op.sheet.toLowerCase());
    if (op.op === "conditionalFormats" && "sheet" in op.target)
      targets.add(op.target.sheet.toLowerCase());
    const table =
      tableOf(op) ??
      (op.op === "listValidation" || op.op === "conditionalFormats" || op.op === "dateValidation"
        ? (op.target as { table?: string }).table
        : undefined);
    const sheet = table ? layout.table(table)?.sheet : undefined;
    if (sheet) targets.add(sheet.toLowerCase());
  }
  const locked = [...targets]
    .map((t) => sheets.get(t))
    .filter((s) => !!s && s.protected)
    .map((s) => s!.name);
  if (locked.length > 0) throw protectedError(locked);
}
