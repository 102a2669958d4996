/**
 * Text safety: what Excel would read as a formula, and how cell values become display text.
 */

/** Excel's most characters in one cell. */
export const MAX_CELL_CHARS = 32_767;

/** Text that Excel would take as a formula if typed: starts with =, +, - or @. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}

/** Excel error values as they come back from a cell's value. */
export const EXCEL_ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);

export function isExcelError(value: unknown): boolean {
  return typeof value === "string" && EXCEL_ERRORS.has(value);
}

/** "1 row", "3 rows"; `many` for plurals that do not just add an s ("2 statuses"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Collapse runs of whitespace and trim. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Text as it is compared (a list entry, a title): spaces collapsed, case folded. */
export function foldText(text: string): string {
  return normaliseSpace(text).toLowerCase();
}

/** Shorten to at most `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const t = normaliseSpace(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "") + "…";
}
