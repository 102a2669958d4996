/**
 * Snapshots read lean (lean.ts): the same WorkbookSnapshot readSnapshot gives from an excelts
 * workbook, read straight from the package, streaming only the sheets that hold what the request
 * names. A sheet's used range (sheetValues) is read by leanSheetValues.
 * Node only (hosts/xlsx).
 */
import { SHEETS, columnLetter } from "../../domain/columns";
import {
  columnIndexes,
  columnsWanted,
  tablesWanted,
  type ReadRequest,
  type SheetInfo,
  type SheetValues,
  type TableSnapshot,
  type WorkbookSnapshot,
} from "../../workbook/host";
import type { CellValue, RangeRef } from "../../workbook/plan";
import { decodeRange, decodeSqref, displayText, intersects } from "./cells";
import type { LeanSheet, LeanTable, LeanWorkbook, ScanWant, SheetExtras } from "./lean";
import { tableSnapshotOf } from "./table-snapshot";

/** A region of one sheet that a snapshot reads: rows, columns, and where each cell goes. */
interface Region {
  fromRow: number;
  toRow: number;
  /** Sheet column (1-based) -> index in the region's rows. */
  cols: Map<number, number>;
  width: number;
  values: CellValue[][];
  formulas: (string | null)[][];
  /** 1: the cell element is there; 2: it is a formula cell. */
  flags: Uint8Array;
  /** Rows of a region whose height is not known (the metadata sheet): kept as they come. */
  sparse?: Map<number, CellValue[]>;
}

function region(fromRow: number, toRow: number, sheetCols: number[]): Region {
  const rows = Math.max(0, toRow - fromRow + 1);
  const cols = new Map<number, number>();
  sheetCols.forEach((c, k) => cols.set(c, k));
  const width = sheetCols.length;
  return {
    fromRow,
    toRow,
    cols,
    width,
    values: Array.from({ length: rows }, () => new Array<CellValue>(width).fill(null)),
    formulas: Array.from({ length: rows }, () => new Array<string | null>(width).fill(null)),
    flags: new Uint8Array(rows * width),
  };
}

/** A region of every row of some columns, kept sparse (rows as they come). */
function sparseRegion(sheetCols: number[]): Region {
  const r = region(1, 0, sheetCols);
  r.toRow = Number.MAX_SAFE_INTEGER;
  r.sparse = new Map();
  return r;
}

/** Scan one sheet once for all its regions; returns its extras. */
async function scanRegions(
  lw: LeanWorkbook,
  sheet: LeanSheet,
  regions: Region[]
): Promise<SheetExtras> {
  if (regions.length === 0) return lw.scan(sheet, null);
  const cols: boolean[] = [];
  let fromRow = Infinity;
  let toRow = -Infinity;
  for (const r of regions) {
    fromRow = Math.min(fromRow, r.fromRow);
    toRow = Math.max(toRow, r.toRow);
    for (const c of r.cols.keys()) cols[c] = true;
  }
  const want: ScanWant = {
    fromRow,
    toRow,
    cols,
    cell(row, col, value, formula, isFormula) {
      for (const r of regions) {
        if (row < r.fromRow || row > r.toRow) continue;
        const k = r.cols.get(col);
        if (k === undefined) continue;
        if (r.sparse) {
          let vals = r.sparse.get(row);
          if (!vals) r.sparse.set(row, (vals = new Array<CellValue>(r.width).fill(null)));
          vals[k] = value;
          continue;
        }
        const i = row - r.fromRow;
        r.values[i][k] = value;
        r.formulas[i][k] = formula;
        r.flags[i * r.width + k] = isFormula ? 2 : 1;
      }
    },
  };
  const extras = await lw.scan(sheet, want);
  if (extras.hyperlinks.length > 0) for (const r of regions) linkText(r, extras.hyperlinks);
  return extras;
}

/**
 * excelts reads a cell with a hyperlink as link text: a number or true/false as its text, an
 * empty cell as "", a formula's result as text (and no formula).
 */
function linkText(r: Region, refs: string[]): void {
  for (const ref of refs) {
    const range = decodeRange(ref);
    if (!range) continue;
    for (let row = range.row + 1; row < range.row + 1 + range.rows; row++) {
      if (r.sparse || row < r.fromRow || row > r.toRow) continue;
      for (let col = range.col + 1; col < range.col + 1 + range.cols; col++) {
        const k = r.cols.get(col);
        if (k === undefined) continue;
        const i = row - r.fromRow;
        const flag = r.flags[i * r.width + k];
        if (flag === 0) continue;
        const v = r.values[i][k];
        r.values[i][k] = v === null ? "" : String(v);
        r.formulas[i][k] = null;
        r.flags[i * r.width + k] = 1;
      }
    }
  }
}

/** What excelts's DataValidations.find gives for a cell: a direct key, else the first range. */
function validationSource(extras: SheetExtras, row: number, col: number): string | null {
  const address = `${columnLetter(col)}${row + 1}`;
  let found: { type: string; formula: string | null } | undefined;
  for (const [key, dv] of extras.validations) {
    if (key === address) {
      found = dv;
      break;
    }
  }
  if (!found) {
    for (const [key, dv] of extras.validations) {
      if (!key.startsWith("range:")) continue;
      const r = decodeRange(key.slice(6));
      if (!r) continue;
      if (row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols) {
        found = dv;
        break;
      }
    }
  }
  if (!found || found.type !== "list" || found.formula === null) return null;
  return found.formula.startsWith("=") ? found.formula : "=" + found.formula;
}

function formatRules(extras: SheetExtras, range: RangeRef): number {
  let n = 0;
  for (const cf of extras.conditionalFormats)
    if (decodeSqref(cf.ref).some((r) => intersects(r, range))) n += cf.rules;
  return n;
}

interface TableRead {
  table: LeanTable;
  withFormulas: boolean;
  columns: readonly string[] | null;
  cols: number[];
  region: Region;
}

/**
 * The snapshot of a request, read lean. `sheetInfo` gives each sheet's info (the host passes
 * protection read lazily); sheets named in `sheetValues` are not read here.
 */
export async function leanSnapshot(
  lw: LeanWorkbook,
  request: ReadRequest,
  sheets: SheetInfo[]
): Promise<WorkbookSnapshot> {
  const active = lw.sheets[lw.activeTab] ?? lw.sheets[0] ?? null;
  const formulasOf = new Set((request.formulasOf ?? []).map((t) => t.toLowerCase()));
  const wanted = [...tablesWanted(request), ...(request.formulasOf ?? [])];
  const reads: TableRead[] = [];
  const seen = new Set<string>();
  for (const name of wanted) {
    const table = await lw.table(name);
    if (!table || seen.has(table.name)) continue;
    seen.add(table.name);
    const columns = columnsWanted(request, table.name);
    const cols = columns ? columnIndexes(table.headers, columns) : table.headers.map((_, j) => j);
    // A body of one row may be Excel's empty table: every column is read to tell.
    const sheetCols = (table.bodyRows === 1 ? table.headers.map((_, j) => j) : cols).map(
      (j) => table.col + j + 1
    );
    const first = table.row + 2;
    reads.push({
      table,
      withFormulas: formulasOf.has(table.name.toLowerCase()),
      columns,
      cols,
      region: region(first, first + table.bodyRows - 1, sheetCols),
    });
  }
  const metaSheet = lw.sheet(SHEETS.meta);
  const metaRegion = metaSheet ? sparseRegion([1, 2]) : null;
  // One scan per sheet, for every table on it (and the metadata).
  const bySheet = new Map<LeanSheet, Region[]>();
  for (const r of reads)
    bySheet.set(r.table.sheet, [...(bySheet.get(r.table.sheet) ?? []), r.region]);
  if (metaSheet && metaRegion)
    bySheet.set(metaSheet, [...(bySheet.get(metaSheet) ?? []), metaRegion]);
  const extras = new Map<LeanSheet, SheetExtras>();
  for (const [sheet, regions] of bySheet) extras.set(sheet, await scanRegions(lw, sheet, regions));

  const tables: Record<string, TableSnapshot> = {};
  for (const r of reads) tables[r.table.name] = tableSnapshot(r, extras.get(r.table.sheet)!);
  return {
    sheets,
    activeSheet: active ? active.name : null,
    meta: metaRegion ? metaOf(metaRegion) : null,
    tables,
    sheetValues: {},
  };
}

/** The add-in's metadata rows: key in A, value in B (readMeta). */
function metaOf(r: Region): Record<string, string> {
  const meta: Record<string, string> = {};
  const rows = [...(r.sparse ?? new Map<number, CellValue[]>())].sort((a, b) => a[0] - b[0]);
  for (const [n, [key, value]] of rows) {
    if (key === null || String(key) === "") continue;
    if (n === 1 && String(key) === "Key") continue;
    meta[String(key)] = value === null ? "" : String(value);
  }
  return meta;
}

function tableSnapshot(read: TableRead, extras: SheetExtras): TableSnapshot {
  const { table, region: r, cols, columns, withFormulas } = read;
  const all = table.bodyRows === 1;
  // Where each wanted column sits in the region (all columns when one row was read whole).
  const at = cols.map((j) => (all ? j : cols.indexOf(j)));
  let empty = table.bodyRows === 0;
  if (all) {
    empty = true;
    for (let k = 0; k < r.width; k++) {
      const v = r.values[0]?.[k] ?? null;
      if (r.flags[k] === 2 || (v !== null && v !== "")) {
        empty = false;
        break;
      }
    }
  }
  const n = empty ? 0 : table.bodyRows;
  const rows: CellValue[][] = new Array(n);
  const formulas: string[][] = withFormulas ? new Array(n) : [];
  for (let i = 0; i < n; i++) {
    const src = r.values[i];
    if (!all && !withFormulas) {
      rows[i] = src;
      continue;
    }
    const vals: CellValue[] = new Array(cols.length);
    const fs: string[] = withFormulas ? new Array(cols.length) : [];
    for (let k = 0; k < cols.length; k++) {
      const v = src[at[k]];
      vals[k] = v;
      if (withFormulas) fs[k] = r.formulas[i][at[k]] ?? (v === null ? "" : String(v));
    }
    rows[i] = vals;
    if (withFormulas) formulas[i] = fs;
  }
  return tableSnapshotOf(
    { ...table, sheet: table.sheet.name },
    cols,
    columns,
    rows,
    withFormulas ? formulas : null,
    {
      validation: (row, col) => validationSource(extras, row, col),
      formats: (range) => formatRules(extras, range),
    }
  );
}

/** Excel's last column (XFD). */
const MAX_COLUMNS = 16_384;

/**
 * A sheet's used range read lean, as sheetValues (read.ts) gives it from excelts: values, text as
 * shown and number formats, from the first to the last row and column holding a value. Null when
 * the workbook has no such sheet. (A merged range reads its value in its first cell only.)
 */
export async function leanSheetValues(lw: LeanWorkbook, name: string): Promise<SheetValues | null> {
  const sheet = lw.sheet(name);
  if (!sheet) return null;
  const cells: { row: number; col: number; value: CellValue; style: number }[] = [];
  await lw.scan(sheet, {
    fromRow: 1,
    toRow: Number.MAX_SAFE_INTEGER,
    cols: new Array<boolean>(MAX_COLUMNS + 1).fill(true),
    cell(row, col, value, _formula, _isFormula, style) {
      cells.push({ row, col, value: value ?? null, style });
    },
  });
  let top = Infinity,
    left = Infinity,
    bottom = -1,
    right = -1;
  for (const c of cells) {
    if (c.value === null) continue;
    top = Math.min(top, c.row - 1);
    bottom = Math.max(bottom, c.row - 1);
    left = Math.min(left, c.col - 1);
    right = Math.max(right, c.col - 1);
  }
  if (bottom < 0)
    return { name: sheet.name, row: 0, col: 0, values: [], text: [], numberFormats: [] };
  const height = bottom - top + 1;
  const width = right - left + 1;
  const general = "General";
  const values = Array.from({ length: height }, () => new Array<CellValue>(width).fill(null));
  const text = Array.from({ length: height }, () => new Array<string>(width).fill(""));
  const numberFormats = Array.from({ length: height }, () =>
    new Array<string>(width).fill(general)
  );
  // A blank cell inside the range keeps its style's number format, as excelts gives it.
  for (const c of cells) {
    const i = c.row - 1 - top;
    const j = c.col - 1 - left;
    if (i < 0 || i >= height || j < 0 || j >= width) continue;
    const fmt = lw.formatOf(c.style) || general;
    values[i][j] = c.value;
    text[i][j] = displayText(c.value, fmt);
    numberFormats[i][j] = fmt;
  }
  return { name: sheet.name, row: top, col: left, values, text, numberFormats };
}
