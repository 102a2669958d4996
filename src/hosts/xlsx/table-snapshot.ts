/**
 * A table's snapshot put together, the same whichever way its cells were read (from excelts in
 * read.ts, or lean from the package in lean-read.ts): the headers of the columns read, its rows
 * (and formulas), and, when it has a Status column, that column's list validation and how many
 * conditional-format rules apply to it. Node only (hosts/xlsx).
 */
import { headerIndex } from "../../domain/columns";
import type { TableSnapshot } from "../../workbook/host";
import type { CellValue, RangeRef } from "../../workbook/plan";

/** Where a table sits: its name, sheet, header row and first column (0-based), its body rows. */
export interface TablePlace {
  name: string;
  sheet: string;
  row: number;
  col: number;
  headers: string[];
  bodyRows: number;
}

/** What the Status column's cells carry, read by the caller from its own source. */
export interface StatusRules {
  /** The list source formula of the validation covering the column's first cell, or null. */
  validation(row: number, col: number): string | null;
  /** How many conditional-format rules apply to some cell of the range. */
  formats(range: RangeRef): number;
}

/**
 * The snapshot of a table read: `cols` are the indexes of the columns read, `columns` the
 * headers asked for (ReadRequest.columnsOf; null: every column), `formulas` null when not read.
 */
export function tableSnapshotOf(
  table: TablePlace,
  cols: number[],
  columns: readonly string[] | null,
  rows: CellValue[][],
  formulas: string[][] | null,
  status: StatusRules
): TableSnapshot {
  const snap: TableSnapshot = {
    name: table.name,
    sheet: table.sheet,
    row: table.row,
    col: table.col,
    headers: columns ? cols.map((j) => table.headers[j]) : [...table.headers],
    rows,
  };
  if (columns) snap.columns = cols;
  if (formulas) snap.formulas = formulas;
  const at = headerIndex(table.headers, "Status");
  if (at >= 0) {
    const range: RangeRef = {
      row: table.row + 1,
      col: table.col + at,
      rows: Math.max(1, table.bodyRows),
      cols: 1,
    };
    snap.statusValidation = status.validation(range.row, range.col);
    snap.statusFormats = status.formats(range);
  }
  return snap;
}
