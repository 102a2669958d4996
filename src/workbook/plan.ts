/**
 * Declarative plans of what the workbook should hold. Built from domain data by the planners in
 * this folder; applied by a host (hosts/excel with Office.js, hosts/xlsx on .xlsx files).
 * Coordinates are 0-based sheet rows and columns. Pure: no Office, DOM or Node APIs.
 */
import { columnLetter } from "../domain/columns";
import { protectedError } from "../domain/errors";

/** A value as a cell holds it. Dates are Excel serial numbers. Strings are always text. */
export type CellValue = string | number | boolean | null;

export interface RangeRef {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** A range inside a table: one column's data body (grows with the table). */
export interface TableColumnRef {
  table: string;
  column: string;
}

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColour?: string;
  fontName?: string;
  fill?: string;
  wrap?: boolean;
  hAlign?: "left" | "center" | "right";
  vAlign?: "top" | "center" | "bottom";
  /** Applied to every cell of the block. */
  numberFormat?: string;
  /** A thin bottom border (headings) or a thin grid round every cell (tables of figures). */
  border?: "bottom" | "grid";
}

export interface CellBlock {
  row: number;
  col: number;
  /** Text is written as text, never as a formula, whatever it starts with. */
  values: CellValue[][];
  /** Cells to write as formulas instead (null keeps the value). Same shape as values. */
  formulas?: (string | null)[][];
  /** One number format per column of the block. */
  columnFormats?: string[];
  style?: CellStyle;
}

export interface TablePlan {
  name: string;
  row: number;
  col: number;
  headers: string[];
  rows: CellValue[][];
  /** Number format per column ("@" text, "dd/mm/yyyy", "General", "0"). */
  columnFormats: string[];
  style: string;
}

export type ConditionalRule =
  /** Cell equals this text: fill and font colour. */
  | { kind: "equals"; text: string; fill: string; fontColour: string }
  /** A formula relative to the range's top-left cell, true where the format applies. */
  | { kind: "formula"; formula: string; fill?: string; fontColour?: string; bold?: boolean };

export interface ChartPlan {
  name: string;
  type: "doughnut" | "barStacked" | "columnStacked" | "line";
  title: string;
  /** Source range: first row holds series names, first column holds categories. */
  data: RangeRef;
  /** Colour per series (bar, column, line) or per point (doughnut), in the data's order. */
  colours: string[];
  /** Top-left cell and size in points. */
  anchor: { row: number; col: number };
  widthPt: number;
  heightPt: number;
  dataLabels: boolean;
  legend: "bottom" | "none";
  /** Number format of the data labels (e.g. "0;;;" hides zero labels); hosts may ignore it. */
  labelNumberFormat?: string;
  /** One font for the chart's title, legend, labels and axes (the sheet's font); hosts may ignore it. */
  fontName?: string;
  /**
   * Bar charts: categories listed from the top in the data's order (as the table beside the
   * chart lists them), with the value axis at the bottom. Excel's default plots the first
   * category at the bottom.
   */
  topDown?: boolean;
}

export interface PageSetupPlan {
  orientation: "landscape" | "portrait";
  paper: "A4";
  fitToPagesWide: number;
  /** 0 = as many pages tall as needed. */
  fitToPagesTall: number;
  /** What prints; absent: everything on the sheet (a table that grows prints whole). */
  printArea?: RangeRef;
  /** Sheet rows (0-based, first to last) printed at the top of every page. */
  printTitleRows?: { first: number; last: number };
  /** The centre header and footer; absent: left as they are. */
  header?: string;
  footer?: string;
  /** "Page N of M" at the right of the footer, beside the footer text. */
  pageNumbers?: boolean;
  centerHorizontally: boolean;
}

export type PlanOp =
  /**
   * Create the sheet if it does not exist (never touches an existing one), just after the sheet
   * `after` when that exists, otherwise at the end.
   */
  | {
      op: "ensureSheet";
      sheet: string;
      visibility?: "visible" | "hidden" | "veryHidden";
      tabColour?: string;
      after?: string;
    }
  /**
   * Empty an add-in-owned sheet in place, or create it when absent: its cells, formats, data
   * validation, conditional formats, charts, page breaks and frozen panes go; the sheet itself
   * (name, place, visibility) stays, so formulas elsewhere that refer to it keep working (deleting
   * a sheet turns them into #REF!). A read before it may name the sheet in ReadRequest.clearing.
   * A sheet it creates goes just after the sheet `after` when that exists, otherwise at the end.
   */
  | { op: "clearSheet"; sheet: string; tabColour?: string; after?: string }
  | { op: "writeCells"; sheet: string; block: CellBlock }
  | { op: "createTable"; sheet: string; table: TablePlan }
  /** Add rows at the end of a table; rows are in the table's current column order. */
  | { op: "appendRows"; table: string; rows: CellValue[][] }
  /** Overwrite cells inside a table's data body (0-based body row and table column). */
  | { op: "writeTableCells"; table: string; row: number; col: number; values: CellValue[][] }
  /** Add a column at the table's end (values: one per data row, or none). */
  | {
      op: "addTableColumn";
      table: string;
      header: string;
      values?: CellValue[];
      numberFormat?: string;
    }
  /** Delete data rows (0-based body indices; removed from the last upward). */
  | { op: "deleteRows"; table: string; rows: number[] }
  /**
   * A dropdown on a table column. `strict` (the default) refuses any other value; otherwise
   * Excel tells the analyst the value is not in the list and keeps it if they say OK.
   */
  | {
      op: "listValidation";
      target: TableColumnRef;
      source: string;
      prompt: string;
      error: string;
      strict?: boolean;
    }
  /** Only dates between two days (serials) may be typed in the target; blank is allowed. */
  | {
      op: "dateValidation";
      target: TableColumnRef;
      from: number;
      to: number;
      title: string;
      prompt: string;
      error: string;
    }
  /**
   * Protect the sheet without a password (to prevent accidents, not to secure): every cell is
   * locked except the unlocked table columns' data bodies. Rows and columns may still be
   * resized, and locked cells selected and copied.
   */
  | { op: "protectSheet"; sheet: string; unlocked: TableColumnRef[] }
  /** Replace all conditional formats on the target with these rules. */
  | {
      op: "conditionalFormats";
      target: TableColumnRef | { sheet: string; range: RangeRef };
      rules: ConditionalRule[];
    }
  | { op: "columnFormat"; target: TableColumnRef; numberFormat: string; wrap?: boolean }
  | { op: "columnWidths"; sheet: string; widths: { col: number; width: number }[] }
  /** Row heights in points (rows whose wrapped text would otherwise print on one line). */
  | { op: "rowHeights"; sheet: string; rows: { row: number; height: number }[] }
  | { op: "freeze"; sheet: string; rows: number; cols?: number }
  | { op: "chart"; sheet: string; chart: ChartPlan }
  | { op: "pageSetup"; sheet: string; setup: PageSetupPlan }
  | { op: "gridlines"; sheet: string; show: boolean }
  /** Manual page breaks: a new printed page starts at each of these 0-based rows. */
  | { op: "pageBreaks"; sheet: string; rows: number[] }
  | { op: "activate"; sheet: string }
  | { op: "select"; sheet: string; range: RangeRef };

export interface WorkbookPlan {
  ops: PlanOp[];
}

/** The table an op writes to (by name), or null. */
export function tableWritten(op: PlanOp): string | null {
  if ("table" in op && typeof op.table === "string") return op.table;
  if ("target" in op && "table" in op.target) return op.target.table;
  return null;
}

/**
 * The sheets a plan writes to (lower-case names): each op's sheet, and the sheet of each table it
 * writes to (`sheetOfTable`: where that table is, when it exists). Showing a sheet (activate,
 * select) writes nothing to it, nor does ensuring that a sheet exists (it never touches one that
 * does, and a sheet it creates is not protected).
 */
export function sheetsWritten(
  ops: readonly PlanOp[],
  sheetOfTable: (table: string) => string | null | undefined
): Set<string> {
  const sheets = new Set<string>();
  for (const op of ops) {
    if (op.op === "activate" || op.op === "select" || op.op === "ensureSheet") continue;
    if ("sheet" in op) sheets.add(op.sheet.toLowerCase());
    if (op.op === "conditionalFormats" && "sheet" in op.target)
      sheets.add(op.target.sheet.toLowerCase());
    const table = tableWritten(op);
    const sheet = table ? sheetOfTable(table) : null;
    if (sheet) sheets.add(sheet.toLowerCase());
  }
  return sheets;
}

/**
 * Refuse a plan before anything is written when a sheet it writes to is protected: the planners
 * check against their snapshot, and each host again against the workbook as it finds it.
 */
export function refuseProtected(
  ops: readonly PlanOp[],
  sheets: Iterable<{ name: string; protected: boolean }>,
  sheetOfTable: (table: string) => string | null | undefined
): void {
  const written = sheetsWritten(ops, sheetOfTable);
  const locked = [...sheets]
    .filter((s) => s.protected && written.has(s.name.toLowerCase()))
    .map((s) => s.name);
  if (locked.length > 0) throw protectedError([...new Set(locked)]);
}

/** Number formats used across the workbook. */
export const FORMATS = {
  text: "@",
  date: "dd/mm/yyyy",
  general: "General",
  integer: "0",
  percent: "0%",
} as const;

/** A column width in characters (Excel's width unit) in points, as Excel lays it out. */
export function charsToPoints(chars: number): number {
  // A width of n characters is trunc(n * 7 + 5) pixels with the default Calibri 11 (7 px per
  // digit plus 5 px padding); a pixel is 0.75 pt at 96 dpi. 8.43 chars → 64 px → 48 pt.
  return Math.round(Math.trunc(chars * 7 + 5) * 0.75 * 100) / 100;
}

/** A1 address of a range (no sheet), e.g. A1:C10. */
export function a1(range: RangeRef): string {
  const tl = `${columnLetter(range.col)}${range.row + 1}`;
  if (range.rows === 1 && range.cols === 1) return tl;
  return `${tl}:${columnLetter(range.col + range.cols - 1)}${range.row + range.rows}`;
}

/** Quote a sheet name for a formula when it needs it: 'Adoption report'!A1. */
export function sheetRef(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}
