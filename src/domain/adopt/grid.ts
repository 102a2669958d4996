/**
 * Reading cells of the sheet being adopted: whether one is empty, and its text exactly as the
 * source holds it (what the analyst sees, which the report and the accounting compare). Pure.
 */
import { formatUk, fromExcelSerial, isDateFormat } from "../dates";
import type { Value } from "../model";
import type { SourceGrid } from "./types";

export function isEmptyValue(v: Value | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** A cell's text exactly as the source holds it. */
export function cellText(grid: SourceGrid, i: number, j: number): string {
  const v = grid.values[i]?.[j];
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  const shown = grid.text?.[i]?.[j];
  // Excel shows "####" when a column is too narrow: never take that for the value.
  if (typeof shown === "string" && shown !== "" && !/^#+$/.test(shown)) return shown;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  // No text read (a large sheet): a number in a date format is shown as dd/mm/yyyy.
  const format = grid.numberFormats?.[i]?.[j] ?? "";
  if (isDateFormat(format) && v >= 1 && v < 2958466) return formatUk(fromExcelSerial(v));
  return String(v);
}

/** A row's cells as text, in grid column order, `width` of them. */
export function rowCells(grid: SourceGrid, i: number, width: number): string[] {
  const out: string[] = [];
  for (let j = 0; j < width; j++) out.push(cellText(grid, i, j));
  return out;
}
