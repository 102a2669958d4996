/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read -- excelts objects, not Office.js proxies: nothing to load or sync */
/**
 * Applying a plan, the tables: creating one, appending rows, adding a column and deleting rows
 * as Excel does (cells below or beside the table move instead of being written over; an emptied
 * table keeps one blank row), with the validation and conditional formats on its body following
 * its last row. Node only.
 */
import type { Cell, Workbook, Worksheet } from "@cj-tech-master/excelts";
import { TrackerError } from "../../domain/errors";
import { columnLetter } from "../../domain/columns";
import { a1, type CellValue, type RangeRef, type TablePlan } from "../../workbook/plan";
import { decodeSqref, intersects, toCellValue } from "./cells";
import { findTable, isEmptyBody, resizeTable, type TableLoc } from "./tables";
import { setValue } from "./apply-cells";

export function createTable(wb: Workbook, ws: Worksheet, plan: TablePlan): void {
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

export function padRow(r: CellValue[], width: number): CellValue[] {
  const out = r.slice(0, width);
  while (out.length < width) out.push(null);
  return out;
}

/** Copy the look of a template cell (number format, alignment, font, fill, border). */
export function copyStyle(from: Cell, to: Cell): void {
  to.style = JSON.parse(JSON.stringify(from.style ?? {}));
}

export function appendRows(loc: TableLoc, rows: CellValue[][]): void {
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
export function resizeColumnRules(loc: TableLoc, oldLast: number, newLast: number): void {
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

export function addTableColumn(
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
export function anyContent(ws: Worksheet, r0: number, r1: number, c0: number, c1: number): boolean {
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

export function moveCell(from: Cell, to: Cell): void {
  to.value = from.value as never;
  copyStyle(from, to);
  from.value = null;
  from.style = {};
}

/** Cells of columns c0..c1 from row r0 down move n rows down (Insert > Shift cells down). */
export function shiftDown(ws: Worksheet, r0: number, c0: number, c1: number, n: number): void {
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
export function shiftRight(ws: Worksheet, r0: number, r1: number, c0: number): void {
  for (let r = r0; r <= r1; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    for (let c = row.cellCount; c >= c0; c--) {
      const cell = row.findCell(c);
      if (cell) moveCell(cell, row.getCell(c + 1));
    }
  }
}

export function deleteRows(loc: TableLoc, indices: number[]): void {
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
