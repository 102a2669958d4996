/// <reference types="office-js" />
/**
 * Sheet protection without a password (to prevent accidents, not to secure): the unlocked table
 * columns' bodies first (RangeFormat.protection.locked, ExcelApi 1.2), then the sheet
 * (WorksheetProtection.protect, ExcelApi 1.2), letting owners resize rows and columns and filter.
 * Excel refuses protect() on a sheet already protected; validate.ts refuses such a plan first.
 */
import type { PlanOp } from "../../../workbook/plan";
import type { Batch } from "../batch";
import type { RunState } from "../state";

export async function protectSheet(
  s: RunState,
  op: Extract<PlanOp, { op: "protectSheet" }>,
  batch: Batch
): Promise<void> {
  await batch.room(300 + op.unlocked.length * 200);
  const tables = s.context.workbook.tables;
  for (const target of op.unlocked) {
    tables
      .getItem(target.table)
      .columns.getItem(target.column)
      .getDataBodyRange().format.protection.locked = false;
  }
  s.context.workbook.worksheets.getItem(op.sheet).protection.protect({
    allowFormatColumns: true,
    allowFormatRows: true,
    allowAutoFilter: true,
  });
}
