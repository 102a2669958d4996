/**
 * Cell values on their way to and from Excel: text that stays text, blank cells, header text.
 * Pure: no Office.js calls.
 */
import { looksLikeFormula } from "../../domain/text";
import type { CellValue } from "../../workbook/plan";
import type { TextStrategy } from "./client";

/**
 * What to send to Excel for a value so that text stays text.
 *
 * Excel treats what an add-in writes to `Range.values` like typed input: text starting with "=",
 * "+", "-" (and, in the UI, "@") becomes a formula (the Range.values reference says so for = + -),
 * numeric-looking text becomes a number, a leading apostrophe marks the rest as text and is not
 * stored (it sets the cell's quote prefix; `values` and `formulas` read back without it).
 * Our choice: text columns get number format "@" (Text) in the same batch BEFORE their values,
 * which keeps "00123" or "31/03/2025" typed later as text; and every string starting with = + - @
 * or an apostrophe is sent with one apostrophe in front, which is the documented way to enter
 * such text whatever the cell's format, so it never becomes a formula (and a real leading
 * apostrophe survives). Nothing is unescaped on reading: Excel already drops the apostrophe.
 */
export function cellInput(
  value: CellValue | undefined,
  plain = false
): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (plain) return value;
  if (typeof value === "string" && (looksLikeFormula(value) || value.startsWith("'")))
    return "'" + value;
  return value;
}

/**
 * Which columns of a write take formula-like text plain: only Text-formatted ("@") columns, and
 * only when the on-device probe found that such a cell keeps "=1+1" as text and would keep an
 * apostrophe as a character (client.ts, textStrategy). Otherwise none: the apostrophe goes in.
 */
export function plainColumns(
  formats: readonly (string | null | undefined)[],
  strategy: TextStrategy
): boolean[] | undefined {
  return strategy === "plain" ? formats.map((f) => f === "@") : undefined;
}

/** A plan row as Excel input, `width` cells wide (missing cells are null: left unchanged). */
export function padRow(
  row: readonly CellValue[],
  width: number,
  plain?: readonly boolean[]
): (string | number | boolean | null)[] {
  const out: (string | number | boolean | null)[] = [];
  for (let j = 0; j < width; j++) out.push(cellInput(row[j], !!plain?.[j]));
  return out;
}

export function isEmptyCell(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

/** Header text: Excel gives header cells as values; keep them as strings. */
export function headerText(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}
