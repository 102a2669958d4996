/**
 * Reading the Updates sheet of a returned workbook, as people leave it: columns found by their
 * header wherever they were moved, the header row found wherever rows were inserted above it,
 * rows added or sorted, protection removed. Pure.
 */
import { headerIndex } from "../columns";
import { textOf, type Value } from "../model";
import { UPDATE_COLUMNS } from "./layout";

/** One cell as read back: its value, the text Excel shows and its number format. */
export interface ReturnedCell {
  value: Value;
  text: string;
  numberFormat: string;
}

export interface ReturnedRow {
  /** 1-based sheet row (for messages). */
  sheetRow: number;
  ref: string;
  /** By the owner workbook's header ("Status", "Revised target date"); absent columns are missing. */
  cells: Record<string, ReturnedCell>;
}

export interface ReturnedSheet {
  /** 1-based sheet row of the header row. */
  headerRow: number;
  /** The owner workbook's headers found on the sheet. */
  headers: string[];
  rows: ReturnedRow[];
}

/** The used range of a sheet: where it starts (0-based), values, text as shown, number formats. */
export interface SheetGrid {
  row: number;
  col: number;
  values: Value[][];
  text?: string[][];
  numberFormats?: string[][];
}

export type SheetRead = { ok: true; sheet: ReturnedSheet } | { ok: false; reason: string };

/** How far down the header row may have been pushed by inserted rows. */
const HEADER_SEARCH_ROWS = 40;

export function readUpdatesSheet(grid: SheetGrid | null, sheetName: string): SheetRead {
  if (!grid || grid.values.length === 0) {
    return { ok: false, reason: `its '${sheetName}' sheet is missing or empty` };
  }
  let headerAt = -1;
  let columns: Record<string, number> = {};
  for (let i = 0; i < Math.min(grid.values.length, HEADER_SEARCH_ROWS); i++) {
    const cells = grid.values[i].map((v) => textOf(v));
    if (headerIndex(cells, "Ref") < 0) continue;
    const found: Record<string, number> = {};
    for (const c of UPDATE_COLUMNS) {
      const j = headerIndex(cells, c.header);
      if (j >= 0) found[c.header] = j;
    }
    if (Object.keys(found).length >= 3) {
      headerAt = i;
      columns = found;
      break;
    }
  }
  if (headerAt < 0) {
    return {
      ok: false,
      reason: `its '${sheetName}' sheet has no header row with Ref and the update columns`,
    };
  }
  const refCol = columns["Ref"];
  const rows: ReturnedRow[] = [];
  for (let i = headerAt + 1; i < grid.values.length; i++) {
    const vals = grid.values[i];
    const cells: Record<string, ReturnedCell> = {};
    let any = false;
    for (const [header, j] of Object.entries(columns)) {
      const value = vals[j] ?? null;
      if (textOf(value) !== "") any = true;
      cells[header] = {
        value,
        text: grid.text?.[i]?.[j] ?? textOf(value),
        numberFormat: grid.numberFormats?.[i]?.[j] ?? "General",
      };
    }
    // Anything else the owner typed on the row (a note in a column of their own) still counts.
    if (!any && vals.some((v) => textOf(v) !== "")) any = true;
    if (!any) continue;
    rows.push({ sheetRow: grid.row + i + 1, ref: textOf(vals[refCol] ?? null), cells });
  }
  return {
    ok: true,
    sheet: { headerRow: grid.row + headerAt + 1, headers: Object.keys(columns), rows },
  };
}
