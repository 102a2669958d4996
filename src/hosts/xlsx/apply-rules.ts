/**
 * Applying a plan, what a sheet enforces and how it prints: list and date validation on a table
 * column, sheet protection with the columns left unlocked, conditional formats, page set-up.
 * Node only.
 */
import type { Cell, Workbook, Worksheet } from "@cj-tech-master/excelts";
import { TrackerError } from "../../domain/errors";
import {
  a1,
  type ConditionalRule,
  type PageSetupPlan,
  type PlanOp,
  type RangeRef,
  type TableColumnRef,
} from "../../workbook/plan";
import { argb, contains, decodeSqref, intersects, serialToDate } from "./cells";
import { sharedPart } from "./write";
import { bodyColumnRange } from "./tables";
import { columnOf, sheetOf, tableOf } from "./apply-sheets";

export function columnRange(
  wb: Workbook,
  target: TableColumnRef
): { ws: Worksheet; range: RangeRef } {
  const loc = tableOf(wb, target.table);
  return { ws: loc.sheet, range: bodyColumnRange(loc, columnOf(loc, target.column)) };
}

export function listValidation(
  wb: Workbook,
  target: TableColumnRef,
  source: string,
  prompt: string,
  error: string,
  strict: boolean
): void {
  const { ws, range } = columnRange(wb, target);
  const model = clearValidations(ws, range);
  const title = target.column.slice(0, 32);
  model[`range:${a1(range)}`] = {
    type: "list",
    allowBlank: true,
    // A range or formula starts with "="; anything else is a comma-separated list, which OOXML
    // holds as a quoted string literal ("Red,Amber,Green").
    formulae: [source.startsWith("=") ? source.slice(1) : `"${source.replace(/"/g, '""')}"`],
    showInputMessage: true,
    promptTitle: title,
    prompt: prompt.slice(0, 255),
    showErrorMessage: true,
    // stop refuses other values; information says so and keeps the value on OK.
    errorStyle: strict ? "stop" : "information",
    errorTitle: title,
    error: error.slice(0, 255),
  };
}

/** Drop the validations that cover any cell of the range (a new one takes their place). */
export function clearValidations(ws: Worksheet, range: RangeRef): Record<string, unknown> {
  const model = ws.dataValidations.model as Record<string, unknown>;
  for (const key of Object.keys(model)) {
    const ranges = key.startsWith("range:") ? decodeSqref(key.slice(6)) : decodeSqref(key);
    if (ranges.some((r) => intersects(r, range))) delete model[key];
  }
  return model;
}

export function dateValidation(wb: Workbook, op: Extract<PlanOp, { op: "dateValidation" }>): void {
  const { ws, range } = columnRange(wb, op.target);
  const model = clearValidations(ws, range);
  // excelts writes a date rule's formulae from Dates (dateToExcel: UTC days since 1899-12-30).
  model[`range:${a1(range)}`] = {
    type: "date",
    operator: "between",
    allowBlank: true,
    formulae: [serialToDate(op.from), serialToDate(op.to)],
    showInputMessage: true,
    promptTitle: op.title.slice(0, 32),
    prompt: op.prompt.slice(0, 255),
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: op.title.slice(0, 32),
    error: op.error.slice(0, 255),
  };
}

/**
 * Lock the sheet without a password: every cell is locked by default (the OOXML default of a
 * cell's protection), the unlocked table columns' bodies are not. Owners may still resize rows
 * and columns, and select and copy any cell.
 */
export function protectSheet(wb: Workbook, ws: Worksheet, unlocked: TableColumnRef[]): void {
  const open = sharedPart("protection", { locked: false } as Cell["protection"]);
  for (const target of unlocked) {
    const { ws: tws, range } = columnRange(wb, target);
    if (tws !== ws) {
      throw new TrackerError(
        "invalid-input",
        `The table '${target.table}' is not on the sheet '${ws.name}' it should unlock.`
      );
    }
    for (let i = 0; i < range.rows; i++) {
      const cell = ws.getRow(range.row + 1 + i).getCell(range.col + 1);
      cell.protection = open;
    }
  }
  // excelts's model says what is allowed (true) and writes OOXML's "protected" flags from it:
  // formatColumns/formatRows/autoFilter true write "0" (allowed); objects/scenarios false write
  // "1" (protected, as Excel's own Protect Sheet does); selecting cells stays allowed.
  (ws as unknown as { sheetProtection: Record<string, boolean> }).sheetProtection = {
    sheet: true,
    objects: false,
    scenarios: false,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
  };
}

export function conditionalFormats(
  wb: Workbook,
  target: TableColumnRef | { sheet: string; range: RangeRef },
  rules: ConditionalRule[]
): void {
  const { ws, range } =
    "table" in target
      ? columnRange(wb, target)
      : { ws: sheetOf(wb, target.sheet), range: target.range };
  const kept = (ws.conditionalFormattings ?? []).filter(
    (cf) => !decodeSqref(cf.ref).every((r) => contains(range, r) || contains(r, range))
  );
  ws.conditionalFormattings.length = 0;
  ws.conditionalFormattings.push(...kept);
  if (rules.length === 0) return;
  let priority = kept.reduce(
    (m, cf) => Math.max(m, ...cf.rules.map((r) => (r as { priority?: number }).priority ?? 0)),
    0
  );
  ws.addConditionalFormatting({
    ref: a1(range),
    rules: rules.map((rule) => {
      priority++;
      if (rule.kind === "equals") {
        return {
          type: "cellIs",
          operator: "equal",
          priority,
          formulae: [`"${rule.text.replace(/"/g, '""')}"`],
          style: {
            fill: {
              type: "pattern",
              pattern: "solid",
              bgColor: { argb: argb(rule.fill) },
              fgColor: { argb: argb(rule.fill) },
            },
            font: { color: { argb: argb(rule.fontColour) } },
          },
        };
      }
      const style: Record<string, unknown> = {};
      if (rule.fill)
        style.fill = {
          type: "pattern",
          pattern: "solid",
          bgColor: { argb: argb(rule.fill) },
          fgColor: { argb: argb(rule.fill) },
        };
      if (rule.fontColour || rule.bold) {
        style.font = {
          ...(rule.fontColour ? { color: { argb: argb(rule.fontColour) } } : {}),
          ...(rule.bold ? { bold: true } : {}),
        };
      }
      return { type: "expression", priority, formulae: [rule.formula.replace(/^=/, "")], style };
    }) as never,
  });
}

export function pageSetup(ws: Worksheet, setup: PageSetupPlan): void {
  const hf = (text: string) => (text ? "&C" + text.replace(/&/g, "&&") : "");
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: setup.orientation,
    fitToPage: true,
    fitToWidth: setup.fitToPagesWide,
    fitToHeight: setup.fitToPagesTall,
    horizontalCentered: setup.centerHorizontally,
    printArea: setup.printArea ? a1(setup.printArea) : undefined,
    printTitlesRow: setup.printTitleRows
      ? `${setup.printTitleRows.first + 1}:${setup.printTitleRows.last + 1}`
      : undefined,
  } as Worksheet["pageSetup"];
  ws.headerFooter = {
    ...ws.headerFooter,
    ...(setup.header !== undefined ? { oddHeader: hf(setup.header) } : {}),
    // "Page 1 of 3" at the right (&P page, &N pages), beside the marking in the centre.
    ...(setup.footer !== undefined || setup.pageNumbers
      ? { oddFooter: hf(setup.footer ?? "") + (setup.pageNumbers ? "&RPage &P of &N" : "") }
      : {}),
  } as Worksheet["headerFooter"];
}
