/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read -- excelts objects, not Office.js proxies: nothing to load or sync */
/**
 * Applies a WorkbookPlan to an excelts workbook: every PlanOp of src/workbook/plan.ts, after a
 * preflight that refuses a plan Excel would refuse before anything is written. Text is always
 * written as a text cell (a string starting with "=" stays a string); formulas only where a
 * block's `formulas` says. The steps' work is in apply-sheets, apply-cells, apply-tables and
 * apply-rules. Node only.
 */
import type { Cell, Workbook, Worksheet } from "@cj-tech-master/excelts";
import { TrackerError } from "../../domain/errors";
import { columnLetter } from "../../domain/columns";
import {
  refuseProtected,
  tableWritten,
  type ChartPlan,
  type PlanOp,
  type WorkbookPlan,
} from "../../workbook/plan";
import { argb } from "./cells";
import { addChart } from "./chart";
import { sharedPart } from "./write";
import { bodyColumnRange, findTable } from "./tables";
import { sheetHidden, sheetNotFound, tableNotFound, unknownPlanStep } from "../../domain/messages";
import {
  activateSheet,
  clearInPlace,
  columnOf,
  placeAfter,
  selectRange,
  sheetOf,
  tableOf,
} from "./apply-sheets";
import { setValue, writeBlock } from "./apply-cells";
import { addTableColumn, appendRows, createTable, deleteRows } from "./apply-tables";
import {
  conditionalFormats,
  dateValidation,
  listValidation,
  pageSetup,
  protectSheet,
} from "./apply-rules";

export { selectRange } from "./apply-sheets";
export { setValue, styleCell } from "./apply-cells";

export function applyPlan(wb: Workbook, plan: WorkbookPlan): void {
  preflight(wb, plan);
  for (const op of plan.ops) applyOp(wb, op);
}

/** Apply the ops of a plan that passed preflight (see applyPlan). */
export function applyOps(wb: Workbook, plan: WorkbookPlan): void {
  for (const op of plan.ops) applyOp(wb, op);
}

/** Why Excel would refuse this sheet name, or null when it is fine. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === "") return "a sheet name cannot be blank";
  if (name.length > 31) return `the sheet name '${name}' is longer than Excel's 31 characters`;
  if (/[*?:/\\[\]]/.test(name))
    return `the sheet name '${name}' holds a character Excel does not allow (* ? : / \\ [ ])`;
  if (name.startsWith("'") || name.endsWith("'"))
    return `the sheet name '${name}' starts or ends with an apostrophe`;
  if (name.toLowerCase() === "history")
    return `Excel reserves the sheet name '${name}' (it cannot be used for a sheet)`;
  return null;
}

/**
 * Check the plan before writing anything: sheet names Excel would refuse, sheets or tables the
 * plan needs that are missing, protected sheets. A plan that fails here changes nothing.
 */
export function preflight(wb: Workbook, plan: WorkbookPlan): void {
  const created = new Set<string>();
  const tables = new Set<string>();
  const exists = (sheet: string) =>
    Boolean(wb.getWorksheet(sheet)) || created.has(sheet.toLowerCase());
  for (const op of plan.ops) {
    if (op.op === "ensureSheet" || op.op === "clearSheet") {
      if (!wb.getWorksheet(op.sheet)) {
        const problem = sheetNameProblem(op.sheet);
        if (problem) throw new TrackerError("invalid-input", `Nothing was changed: ${problem}.`);
      }
      created.add(op.sheet.toLowerCase());
      continue;
    }
    if (op.op === "createTable") tables.add(op.table.name.toLowerCase());
    if (op.op === "activate") {
      const ws = wb.getWorksheet(op.sheet);
      if (ws && ws.state !== "visible") {
        throw new TrackerError("sheet-missing", sheetHidden(ws.name));
      }
    }
    if ("sheet" in op && typeof op.sheet === "string") {
      if (!exists(op.sheet)) {
        throw new TrackerError("sheet-missing", sheetNotFound(op.sheet));
      }
    }
    const table = tableWritten(op);
    if (table) {
      const loc = findTable(wb, table);
      if (!loc && !tables.has(table.toLowerCase())) {
        throw new TrackerError("not-a-tracker", tableNotFound(table));
      }
    }
  }
  const sheets = wb.worksheets.map((ws) => ({
    name: ws.name,
    protected: !!(ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection
      ?.sheet,
  }));
  refuseProtected(plan.ops, sheets, (t) => findTable(wb, t)?.sheet.name);
}

export function applyOp(wb: Workbook, op: PlanOp): void {
  switch (op.op) {
    case "ensureSheet": {
      if (wb.getWorksheet(op.sheet)) return;
      const ws = wb.addWorksheet(op.sheet, {
        state: op.visibility ?? "visible",
        properties: op.tabColour ? { tabColor: { argb: argb(op.tabColour) } } : {},
      });
      ws.state = op.visibility ?? "visible";
      placeAfter(wb, ws, op.after);
      return;
    }
    case "clearSheet": {
      const old = wb.getWorksheet(op.sheet);
      const properties = op.tabColour ? { tabColor: { argb: argb(op.tabColour) } } : {};
      if (old) clearInPlace(wb, old, properties);
      else placeAfter(wb, wb.addWorksheet(op.sheet, { state: "visible", properties }), op.after);
      return;
    }
    case "writeCells":
      if (writeBlock(sheetOf(wb, op.sheet), op.block)) {
        // Formulas are written without a cached result: ask Excel to calculate on opening.
        wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
      }
      return;
    case "createTable":
      createTable(wb, sheetOf(wb, op.sheet), op.table);
      return;
    case "appendRows":
      appendRows(tableOf(wb, op.table), op.rows);
      return;
    case "writeTableCells": {
      const loc = tableOf(wb, op.table);
      const needed = op.row + op.values.length;
      if (needed > loc.bodyRows) {
        throw new TrackerError(
          "invalid-input",
          `Row ${needed} is outside the table '${loc.name}' (${loc.bodyRows} rows).`
        );
      }
      op.values.forEach((vals, i) => {
        const row = loc.sheet.getRow(loc.row + 2 + op.row + i);
        vals.forEach((v, j) => setValue(row.getCell(loc.col + op.col + j + 1), v));
      });
      return;
    }
    case "addTableColumn":
      addTableColumn(tableOf(wb, op.table), op.header, op.values ?? [], op.numberFormat);
      return;
    case "deleteRows":
      deleteRows(tableOf(wb, op.table), op.rows);
      return;
    case "listValidation":
      listValidation(wb, op.target, op.source, op.prompt, op.error, op.strict ?? true);
      return;
    case "dateValidation":
      dateValidation(wb, op);
      return;
    case "protectSheet":
      protectSheet(wb, sheetOf(wb, op.sheet), op.unlocked);
      return;
    case "conditionalFormats":
      conditionalFormats(wb, op.target, op.rules);
      return;
    case "columnFormat": {
      const loc = tableOf(wb, op.target.table);
      const j = columnOf(loc, op.target.column);
      const range = bodyColumnRange(loc, j);
      // One shared alignment per alignment the cells had (usually none), not one per cell.
      const aligned = new Map<unknown, Cell["alignment"]>();
      for (let i = 0; i < range.rows; i++) {
        const cell = loc.sheet.getRow(range.row + 1 + i).getCell(range.col + 1);
        cell.numFmt = op.numberFormat;
        if (op.wrap !== undefined) {
          const from = cell.alignment;
          let to = aligned.get(from);
          if (!to) {
            to = sharedPart("alignment", { ...(from ?? {}), wrapText: op.wrap, vertical: "top" });
            aligned.set(from, to);
          }
          cell.alignment = to;
        }
      }
      // Formats live on the table's body cells (Excel carries them to rows the analyst adds),
      // not on the sheet column: column styles are copied into every cell excelts loads.
      return;
    }
    case "columnWidths": {
      const ws = sheetOf(wb, op.sheet);
      for (const w of op.widths) ws.getColumn(w.col + 1).width = w.width;
      return;
    }
    case "rowHeights": {
      const ws = sheetOf(wb, op.sheet);
      for (const r of op.rows) ws.getRow(r.row + 1).height = r.height;
      return;
    }
    case "freeze": {
      const ws = sheetOf(wb, op.sheet);
      const view = ws.views?.[0] ?? {};
      const cols = op.cols ?? 0;
      ws.views = [
        {
          ...view,
          state: "frozen",
          xSplit: cols,
          ySplit: op.rows,
          topLeftCell: `${columnLetter(cols)}${op.rows + 1}`,
        } as Worksheet["views"][number],
      ];
      return;
    }
    case "chart":
      addChart(sheetOf(wb, op.sheet), op.chart as ChartPlan);
      return;
    case "pageSetup":
      pageSetup(sheetOf(wb, op.sheet), op.setup);
      return;
    case "gridlines": {
      const ws = sheetOf(wb, op.sheet);
      const view = ws.views?.[0] ?? { state: "normal" };
      ws.views = [{ ...view, showGridLines: op.show } as Worksheet["views"][number]];
      return;
    }
    case "pageBreaks": {
      // excelts puts a break below a row: the break before 0-based row r is below 1-based row r.
      const ws = sheetOf(wb, op.sheet);
      for (const r of op.rows) if (r > 0) ws.getRow(r).addPageBreak();
      return;
    }
    case "activate":
      activateSheet(wb, sheetOf(wb, op.sheet));
      return;
    case "select":
      selectRange(wb, sheetOf(wb, op.sheet), op.range);
      return;
    default: {
      const never: never = op;
      throw new TrackerError("unsupported", unknownPlanStep((never as { op: string }).op));
    }
  }
}
