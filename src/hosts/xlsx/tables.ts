/**
 * Tables (ListObjects) in an excelts workbook: find them by name across sheets, know where their
 * header and body sit, and resize them. excelts keeps a table's cells in the sheet and its
 * geometry in the table model (tableRef/autoFilterRef are what the file records), so growing or
 * shrinking a table is: write the cells, then set the model's geometry. Node only.
 */
import type { Table, Workbook, Worksheet } from "@cj-tech-master/excelts";
import { columnLetter } from "../../domain/columns";
import { type RangeRef } from "../../workbook/plan";
import { decodeRange, hasContent } from "./cells";

export interface TableLoc {
  sheet: Worksheet;
  table: Table;
  name: string;
  /** 0-based sheet row of the header and column of the first column. */
  row: number;
  col: number;
  headers: string[];
  /** Rows in the body as the file records them (an empty table keeps one blank row). */
  bodyRows: number;
}

interface Model {
  ref: string;
  tableRef?: string;
  autoFilterRef?: string;
  name: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: { name: string }[];
  rows: unknown[][];
}

export function modelOf(table: Table): Model {
  return (table as unknown as { table: Model }).table;
}

export function findTable(wb: Workbook, name: string): TableLoc | null {
  const want = name.toLowerCase();
  for (const sheet of wb.worksheets) {
    for (const table of sheet.getTables()) {
      const m = modelOf(table);
      if (m.name.toLowerCase() !== want) continue;
      return locate(sheet, table);
    }
  }
  return null;
}

function locate(sheet: Worksheet, table: Table): TableLoc {
  const m = modelOf(table);
  const range = decodeRange(m.tableRef || m.ref) ?? {
    row: 0,
    col: 0,
    rows: 1,
    cols: m.columns.length,
  };
  const header = m.headerRow !== false ? 1 : 0;
  const totals = m.totalsRow ? 1 : 0;
  const headers = m.columns.map((c) => String(c.name ?? ""));
  return {
    sheet,
    table,
    name: m.name,
    row: range.row,
    col: range.col,
    headers,
    bodyRows: Math.max(0, range.rows - header - totals),
  };
}

/** The body's cells of one column (at least one row, as Excel keeps). */
export function bodyColumnRange(loc: TableLoc, col: number): RangeRef {
  return { row: loc.row + 1, col: loc.col + col, rows: Math.max(1, loc.bodyRows), cols: 1 };
}

/** Whether the body is Excel's "empty table": a single row with nothing in it. */
export function isEmptyBody(loc: TableLoc): boolean {
  if (loc.bodyRows === 0) return true;
  if (loc.bodyRows > 1) return false;
  const row = loc.sheet.getRow(loc.row + 2);
  for (let j = 0; j < loc.headers.length; j++)
    if (hasContent(row.getCell(loc.col + j + 1))) return false;
  return true;
}

/** Set the table's geometry: body rows and columns (headers), keeping its top-left cell. */
export function resizeTable(
  loc: TableLoc,
  bodyRows: number,
  headers: string[] = loc.headers
): void {
  const m = modelOf(loc.table);
  const rows = Math.max(1, bodyRows);
  const width = headers.length;
  const top = loc.row + 1;
  const left = loc.col;
  const bottom = loc.row + 1 + rows;
  const right = left + width - 1;
  const ref = `${columnLetter(left)}${top}:${columnLetter(right)}${bottom}`;
  const existing = new Map(m.columns.map((c) => [c.name, c]));
  m.columns = headers.map((h, i) => {
    const c = existing.get(h) ?? { name: h };
    if (i === 0) (c as { totalsRowLabel?: string }).totalsRowLabel ??= "Total";
    else (c as { totalsRowFunction?: string }).totalsRowFunction ??= "none";
    return c;
  });
  m.rows = Array.from({ length: rows }, () => new Array(width).fill(null));
  m.ref = ref;
  m.tableRef = ref;
  m.autoFilterRef = ref;
  m.totalsRow = false;
  loc.bodyRows = rows;
  loc.headers = headers;
}
