/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read -- excelts objects, not Office.js proxies: nothing to load or sync */
/**
 * Applies a WorkbookPlan to an excelts workbook. Every PlanOp of src/workbook/plan.ts. Text is
 * always written as a text cell (a string starting with "=" stays a string); formulas only where
 * a block's `formulas` says. Node only.
 */
import type { Cell, Workbook, Worksheet } from "@cj-tech-master/excelts";
import { TrackerError } from "../../domain/errors";
import { columnLetter, headerIndex } from "../../domain/columns";
import {
  a1,
  refuseProtected,
  tableWritten,
  type CellBlock,
  type CellStyle,
  type CellValue,
  type ChartPlan,
  type ConditionalRule,
  type PageSetupPlan,
  type PlanOp,
  type RangeRef,
  type TableColumnRef,
  type TablePlan,
  type WorkbookPlan,
} from "../../workbook/plan";
import {
  argb,
  contains,
  decodeRange,
  decodeSqref,
  intersects,
  serialToDate,
  toCellValue,
} from "./cells";
import { addChart } from "./chart";
import { sharedPart } from "./write";
import { bodyColumnRange, findTable, isEmptyBody, resizeTable, type TableLoc } from "./tables";
import { sheetHidden, sheetNotFound, tableNotFound, unknownPlanStep } from "../../domain/messages";

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

function sheetOf(wb: Workbook, name: string): Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new TrackerError("sheet-missing", sheetNotFound(name));
  return ws;
}

function tableOf(wb: Workbook, name: string): TableLoc {
  const loc = findTable(wb, name);
  if (!loc) throw new TrackerError("not-a-tracker", tableNotFound(name));
  return loc;
}

function columnOf(loc: TableLoc, column: string): number {
  const j = headerIndex(loc.headers, column);
  if (j < 0) {
    throw new TrackerError("not-a-tracker", `The table '${loc.name}' has no column '${column}'.`);
  }
  return j;
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

/**
 * Empty a sheet in place: everything a new sheet would not have (cells, columns, merges,
 * validation, conditional formats, breaks, views, drawings and charts, page set-up) goes, while
 * the sheet keeps its id, name, place and visibility, so what refers to it still finds it.
 */
function clearInPlace(
  wb: Workbook,
  ws: Worksheet,
  properties: Partial<Worksheet["properties"]>
): void {
  const blank = wb.addWorksheet(`~clear${wb.nextId}`);
  const fresh = blank.model;
  wb.removeWorksheet(blank.id);
  ws.model = {
    ...fresh,
    id: ws.id,
    name: ws.name,
    state: ws.state,
    properties: { ...fresh.properties, ...properties },
  };
}

/** Make a sheet the active tab, with exactly one selected tab (two would be grouped sheets). */
export function activateSheet(wb: Workbook, ws: Worksheet): void {
  if (ws.state !== "visible") {
    throw new TrackerError("sheet-missing", sheetHidden(ws.name));
  }
  const index = wb.worksheets.findIndex((s) => s === ws);
  const views =
    wb.views && wb.views.length > 0
      ? wb.views
      : [{ x: 0, y: 0, width: 12000, height: 24000, firstSheet: 0, visibility: "visible" }];
  wb.views = [
    {
      ...views[0],
      activeTab: index,
      firstSheet: Math.min(views[0].firstSheet ?? 0, index),
    } as Workbook["views"][number],
  ];
  if (!ws.views || ws.views.length === 0)
    ws.views = [{ state: "normal" } as Worksheet["views"][number]];
  for (const s of wb.worksheets) {
    const v = s.views?.[0];
    if (v) (v as { tabSelected?: boolean }).tabSelected = s === ws;
  }
}

/** Go to a range, as clicking a finding does in Excel: its sheet becomes active, its first cell selected. */
export function selectRange(wb: Workbook, ws: Worksheet, range: RangeRef): void {
  if (ws.state === "visible") activateSheet(wb, ws);
  const view = ws.views?.[0] ?? { state: "normal" };
  ws.views = [
    { ...view, activeCell: a1({ ...range, rows: 1, cols: 1 }) } as Worksheet["views"][number],
  ];
}

/** Write a value as a constant: text stays text whatever it starts with. */
export function setValue(cell: Cell, v: CellValue): void {
  cell.value = toCellValue(v);
}

/** Write a block of cells; true when it wrote a formula. */
function writeBlock(ws: Worksheet, block: CellBlock): boolean {
  const style = block.style;
  let formulas = false;
  block.values.forEach((vals, i) => {
    const row = ws.getRow(block.row + i + 1);
    vals.forEach((v, j) => {
      const cell = row.getCell(block.col + j + 1);
      const f = block.formulas?.[i]?.[j];
      if (f !== null && f !== undefined && f !== "") {
        cell.value = { formula: f.replace(/^=/, "") };
        formulas = true;
      } else setValue(cell, v);
      const fmt = block.columnFormats?.[j] ?? style?.numberFormat;
      if (fmt) cell.numFmt = fmt;
      if (style) styleCell(cell, style);
    });
  });
  return formulas;
}

export function styleCell(cell: Cell, style: CellStyle): void {
  const font: Record<string, unknown> = { ...(cell.font ?? {}) };
  let fontSet = false;
  if (style.bold !== undefined) ((font.bold = style.bold), (fontSet = true));
  if (style.italic !== undefined) ((font.italic = style.italic), (fontSet = true));
  if (style.fontSize !== undefined) ((font.size = style.fontSize), (fontSet = true));
  if (style.fontColour) ((font.color = { argb: argb(style.fontColour) }), (fontSet = true));
  if (style.fontName) ((font.name = style.fontName), (fontSet = true));
  // Parts are shared between cells styled alike (one object for thousands of cells).
  if (fontSet) cell.font = sharedPart("font", font as Cell["font"]);
  if (style.fill)
    cell.fill = sharedPart("fill", {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: argb(style.fill) },
    } as Cell["fill"]);
  if (style.wrap !== undefined || style.hAlign || style.vAlign) {
    const al: Record<string, unknown> = { ...(cell.alignment ?? {}) };
    if (style.wrap !== undefined) al.wrapText = style.wrap;
    if (style.hAlign) al.horizontal = style.hAlign;
    if (style.vAlign) al.vertical = style.vAlign === "center" ? "middle" : style.vAlign;
    cell.alignment = sharedPart("alignment", al as Cell["alignment"]);
  }
  if (style.numberFormat) cell.numFmt = style.numberFormat;
  const thin = { style: "thin" as const, color: { argb: "FFBFBFBF" } };
  if (style.border === "bottom")
    cell.border = sharedPart("border", {
      ...(cell.border ?? {}),
      bottom: { style: "thin", color: { argb: "FF404040" } },
    } as Cell["border"]);
  if (style.border === "grid")
    cell.border = sharedPart("border", { top: thin, left: thin, bottom: thin, right: thin });
}

function createTable(wb: Workbook, ws: Worksheet, plan: TablePlan): void {
  if (findTable(wb, plan.name)) {
    throw new TrackerError(
      "not-ours",
      `A table named '${plan.name}' already exists in this workbook.`
    );
  }
  const width = plan.headers.length;
  const rows =
    plan.rows.length > 0 ? plan.rows.map((r) => padRow(r, width)) : [new Array(width).fill(null)];
  ws.addTable({
    name: plan.name,
    displayName: plan.name,
    ref: `${columnLetter(plan.col)}${plan.row + 1}`,
    headerRow: true,
    totalsRow: false,
    style: {
      theme: plan.style as never,
      showRowStripes: true,
      showColumnStripes: false,
      showFirstColumn: false,
      showLastColumn: false,
    },
    columns: plan.headers.map((name) => ({ name, filterButton: true })),
    rows: rows.map((r) => r.map(toCellValue)),
  });
  plan.columnFormats.forEach((fmt, j) => {
    if (!fmt) return;
    for (let i = 0; i < rows.length; i++)
      ws.getRow(plan.row + 2 + i).getCell(plan.col + j + 1).numFmt = fmt;
  });
}

function padRow(r: CellValue[], width: number): CellValue[] {
  const out = r.slice(0, width);
  while (out.length < width) out.push(null);
  return out;
}

/** Copy the look of a template cell (number format, alignment, font, fill, border). */
function copyStyle(from: Cell, to: Cell): void {
  to.style = JSON.parse(JSON.stringify(from.style ?? {}));
}

function appendRows(loc: TableLoc, rows: CellValue[][]): void {
  if (rows.length === 0) return;
  const width = loc.headers.length;
  const start = isEmptyBody(loc) ? 0 : loc.bodyRows;
  const oldLast = loc.row + loc.bodyRows; // 0-based sheet row of the old last body row
  const template = loc.sheet.getRow(loc.row + 2);
  // Like Excel, insert rather than overwrite: cells below the table (in its columns) move down.
  const grow = start + rows.length - Math.max(1, loc.bodyRows);
  const below = loc.row + 2 + Math.max(1, loc.bodyRows); // 1-based first row under the table
  if (grow > 0 && anyContent(loc.sheet, below, loc.sheet.rowCount, loc.col + 1, loc.col + width)) {
    shiftDown(loc.sheet, below, loc.col + 1, loc.col + width, grow);
  }
  const styles = Array.from({ length: width }, (_, j) =>
    JSON.stringify(template.getCell(loc.col + j + 1).style ?? {})
  );
  rows.forEach((vals, i) => {
    const row = loc.sheet.getRow(loc.row + 2 + start + i);
    for (let j = 0; j < width; j++) {
      const cell = row.getCell(loc.col + j + 1);
      if (start + i > 0) cell.style = JSON.parse(styles[j]);
      setValue(cell, j < vals.length ? vals[j] : null);
    }
  });
  const newRows = start + rows.length;
  const newLast = loc.row + newRows;
  resizeTable(loc, newRows);
  if (newLast > oldLast) resizeColumnRules(loc, oldLast, newLast);
}

/**
 * Rules (validation, conditional formats) on the table's body follow its last row: a range
 * that ended at the old last row ends at the new one; one wholly below the new end goes.
 */
function resizeColumnRules(loc: TableLoc, oldLast: number, newLast: number): void {
  const ws = loc.sheet;
  const body = loc.row + 1;
  const span: RangeRef = {
    row: body,
    col: loc.col,
    rows: Math.max(oldLast, newLast) - loc.row,
    cols: loc.headers.length,
  };
  const follow = (r: RangeRef): RangeRef | null => {
    if (r.row < body || !intersects(r, span)) return r;
    if (newLast < oldLast && r.row > newLast && r.row + r.rows - 1 <= oldLast) return null;
    return r.row + r.rows - 1 === oldLast ? { ...r, rows: newLast - r.row + 1 } : r;
  };
  const changed = (a: RangeRef[], b: (RangeRef | null)[]) => b.some((g, i) => g !== a[i]);
  const model = ws.dataValidations.model as Record<string, unknown>;
  for (const key of Object.keys(model)) {
    const dv = model[key];
    if (!dv) continue;
    const ranges = key.startsWith("range:") ? decodeSqref(key.slice(6)) : decodeSqref(key);
    const moved = ranges.map(follow);
    if (!changed(ranges, moved)) continue;
    delete model[key];
    const left = moved.filter((r): r is RangeRef => r !== null);
    if (left.length > 0) model[`range:${left.map(a1).join(" ")}`] = dv;
  }
  const cfs = ws.conditionalFormattings ?? [];
  for (let i = cfs.length - 1; i >= 0; i--) {
    const ranges = decodeSqref(cfs[i].ref);
    const moved = ranges.map(follow);
    if (!changed(ranges, moved)) continue;
    const left = moved.filter((r): r is RangeRef => r !== null);
    if (left.length === 0) cfs.splice(i, 1);
    else cfs[i].ref = left.map(a1).join(" ");
  }
}

function addTableColumn(
  loc: TableLoc,
  header: string,
  values: CellValue[],
  numberFormat?: string
): void {
  const j = loc.headers.length;
  const col = loc.col + j + 1;
  const ws = loc.sheet;
  // Like Excel, insert rather than overwrite: cells right of the table (in its rows) move right.
  const top = loc.row + 1;
  const bottom = loc.row + 1 + Math.max(1, loc.bodyRows);
  if (anyContent(ws, top, bottom, col, Math.max(col, ws.columnCount)))
    shiftRight(ws, top, bottom, col);
  const headerCell = ws.getRow(loc.row + 1).getCell(col);
  copyStyle(ws.getRow(loc.row + 1).getCell(col - 1), headerCell);
  headerCell.value = header;
  headerCell.numFmt = "General";
  const rows = Math.max(1, loc.bodyRows);
  for (let i = 0; i < rows; i++) {
    const cell = ws.getRow(loc.row + 2 + i).getCell(col);
    copyStyle(ws.getRow(loc.row + 2 + i).getCell(col - 1), cell);
    setValue(cell, i < values.length ? values[i] : null);
    if (numberFormat) cell.numFmt = numberFormat;
  }
  resizeTable(loc, loc.bodyRows, [...loc.headers, header]);
}

/** Whether any cell in rows r0..r1 and columns c0..c1 (1-based, inclusive) holds something. */
function anyContent(ws: Worksheet, r0: number, r1: number, c0: number, c1: number): boolean {
  for (let r = r0; r <= r1; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    for (let c = c0; c <= c1; c++) {
      const v = row.findCell(c)?.value;
      if (v !== null && v !== undefined && v !== "") return true;
    }
  }
  return false;
}

function moveCell(from: Cell, to: Cell): void {
  to.value = from.value as never;
  copyStyle(from, to);
  from.value = null;
  from.style = {};
}

/** Cells of columns c0..c1 from row r0 down move n rows down (Insert > Shift cells down). */
function shiftDown(ws: Worksheet, r0: number, c0: number, c1: number, n: number): void {
  for (let r = ws.rowCount; r >= r0; r--) {
    const from = ws.findRow(r);
    if (!from) continue;
    const to = ws.getRow(r + n);
    for (let c = c0; c <= c1; c++) {
      const cell = from.findCell(c);
      if (cell) moveCell(cell, to.getCell(c));
    }
  }
}

/** Cells of rows r0..r1 from column c0 rightwards move one column right. */
function shiftRight(ws: Worksheet, r0: number, r1: number, c0: number): void {
  for (let r = r0; r <= r1; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    for (let c = row.cellCount; c >= c0; c--) {
      const cell = row.findCell(c);
      if (cell) moveCell(cell, row.getCell(c + 1));
    }
  }
}

function deleteRows(loc: TableLoc, indices: number[]): void {
  const width = loc.headers.length;
  const ws = loc.sheet;
  const count = loc.bodyRows;
  const drop = new Set(indices.filter((i) => Number.isInteger(i) && i >= 0 && i < count));
  if (drop.size === 0) return;
  const first = loc.row + 2; // 1-based sheet row of body row 0
  const c0 = loc.col + 1;
  const c1 = loc.col + width;
  // One pass: kept rows move up over the deleted ones, in order.
  let kept = 0;
  for (let i = 0; i < count; i++) {
    if (drop.has(i)) continue;
    if (kept !== i) {
      const from = ws.getRow(first + i);
      const to = ws.getRow(first + kept);
      for (let c = c0; c <= c1; c++) {
        const a = to.getCell(c);
        const b = from.getCell(c);
        a.value = b.value as never;
        copyStyle(b, a);
      }
    }
    kept++;
  }
  // An emptied table keeps one blank row (with its formats), as Excel does.
  const remaining = Math.max(1, kept);
  if (kept === 0) {
    const row = ws.getRow(first);
    for (let c = c0; c <= c1; c++) row.getCell(c).value = null;
  }
  // Cells under the table (in its columns) move up, as Excel's delete shifts them.
  const shift = count - remaining;
  const lastRow = Math.max(ws.rowCount, first + count - 1);
  for (let r = first + remaining; r <= lastRow; r++) {
    const src = r + shift <= lastRow ? ws.findRow(r + shift) : undefined;
    const to = ws.getRow(r);
    for (let c = c0; c <= c1; c++) {
      const b = src?.findCell(c);
      const a = to.getCell(c);
      if (b) {
        a.value = b.value as never;
        copyStyle(b, a);
      } else {
        a.value = null;
        a.style = {};
      }
    }
  }
  resizeTable(loc, kept);
  // Validation and colours that covered the body end at its new last row.
  resizeColumnRules(loc, loc.row + count, loc.row + remaining);
}

/**
 * Move a sheet just added to just after `after` (when that exists): excelts orders the tabs by
 * orderNo, so the sheets are numbered again in their new order.
 */
function placeAfter(wb: Workbook, ws: Worksheet, after: string | undefined): void {
  const anchor = after ? wb.getWorksheet(after) : undefined;
  if (!anchor || anchor === ws) return;
  ws.orderNo = anchor.orderNo + 0.5;
  [...wb.worksheets]
    .sort((a, b) => a.orderNo - b.orderNo)
    .forEach((w, i) => {
      w.orderNo = i;
    });
}

function columnRange(wb: Workbook, target: TableColumnRef): { ws: Worksheet; range: RangeRef } {
  const loc = tableOf(wb, target.table);
  return { ws: loc.sheet, range: bodyColumnRange(loc, columnOf(loc, target.column)) };
}

function listValidation(
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
function clearValidations(ws: Worksheet, range: RangeRef): Record<string, unknown> {
  const model = ws.dataValidations.model as Record<string, unknown>;
  for (const key of Object.keys(model)) {
    const ranges = key.startsWith("range:") ? decodeSqref(key.slice(6)) : decodeSqref(key);
    if (ranges.some((r) => intersects(r, range))) delete model[key];
  }
  return model;
}

function dateValidation(wb: Workbook, op: Extract<PlanOp, { op: "dateValidation" }>): void {
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
function protectSheet(wb: Workbook, ws: Worksheet, unlocked: TableColumnRef[]): void {
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

function conditionalFormats(
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

function pageSetup(ws: Worksheet, setup: PageSetupPlan): void {
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

export { decodeRange };
