/// <reference types="office-js" />
/**
 * Rules on cells: a list validation (dropdown) or a date validation on a table column,
 * conditional formats on a table column or a sheet range.
 */
import { formatIso, fromExcelSerial } from "../../../domain/dates";
import type { ConditionalRule, PlanOp, RangeRef, TableColumnRef } from "../../../workbook/plan";
import type { RunState } from "../state";

function columnBody(s: RunState, target: TableColumnRef): Excel.Range {
  return s.context.workbook.tables
    .getItem(target.table)
    .columns.getItem(target.column)
    .getDataBodyRange();
}

export function listValidation(
  s: RunState,
  target: TableColumnRef,
  source: string,
  prompt: string,
  error: string,
  strict = true
): void {
  const range = columnBody(s, target);
  const dv = range.dataValidation;
  // Clear first: a rule over cells some of which carry validation is refused (office-js #2594).
  dv.clear();
  dv.rule = { list: { inCellDropDown: true, source } };
  dv.prompt = {
    showPrompt: true,
    title: target.column.slice(0, 32),
    message: prompt.slice(0, 255),
  };
  dv.errorAlert = {
    showAlert: true,
    // Stop refuses other values; Information says so and keeps the value on OK.
    style: (strict ? "Stop" : "Information") as Excel.DataValidationAlertStyle,
    title: target.column.slice(0, 32),
    message: error.slice(0, 255),
  };
}

/**
 * Only dates between two days (ExcelApi 1.8 DataValidation; DateTimeDataValidation's formula1
 * and formula2 take "a stringified date/time in ISO8601 format", per its typings).
 */
export function dateValidation(s: RunState, op: Extract<PlanOp, { op: "dateValidation" }>): void {
  const dv = columnBody(s, op.target).dataValidation;
  dv.clear();
  dv.ignoreBlanks = true;
  dv.rule = {
    date: {
      formula1: formatIso(fromExcelSerial(op.from)),
      formula2: formatIso(fromExcelSerial(op.to)),
      operator: "Between" as Excel.DataValidationOperator,
    },
  };
  dv.prompt = { showPrompt: true, title: op.title.slice(0, 32), message: op.prompt.slice(0, 255) };
  dv.errorAlert = {
    showAlert: true,
    style: "Stop" as Excel.DataValidationAlertStyle,
    title: op.title.slice(0, 32),
    message: op.error.slice(0, 255),
  };
}

export function conditionalFormats(
  s: RunState,
  target: TableColumnRef | { sheet: string; range: RangeRef },
  rules: ConditionalRule[]
): void {
  const range =
    "table" in target
      ? columnBody(s, target)
      : s.context.workbook.worksheets
          .getItem(target.sheet)
          .getRangeByIndexes(
            target.range.row,
            target.range.col,
            target.range.rows,
            target.range.cols
          );
  range.conditionalFormats.clearAll();
  for (const rule of rules) {
    if (rule.kind === "equals") {
      const cf = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
      cf.cellValue.format.fill.color = rule.fill;
      cf.cellValue.format.font.color = rule.fontColour;
      cf.cellValue.rule = {
        formula1: `="${rule.text.replace(/"/g, '""')}"`,
        operator: "EqualTo",
      };
    } else {
      const cf = range.conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
      cf.custom.rule.formula = rule.formula;
      if (rule.fill) cf.custom.format.fill.color = rule.fill;
      if (rule.fontColour) cf.custom.format.font.color = rule.fontColour;
      if (rule.bold !== undefined) cf.custom.format.font.bold = rule.bold;
    }
  }
}
