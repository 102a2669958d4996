/**
 * A cell's value and formula as excelts reads them (lean.ts): values by cell type, numbers in a
 * date format as dates (1904 system too), cached formula results, and a shared formula moved
 * from its master cell. Node only (hosts/xlsx).
 */
import { columnLetter } from "../../domain/columns";
import type { CellValue } from "../../workbook/plan";
import { colIndex, dateToSerial, decodeXString } from "./cells";
import { NotLean } from "./lean-parts";
import { decodeEntities } from "./xml";

/** What a value's reading needs of the workbook: which styles read dates, and the date system. */
export interface DateStyles {
  readonly date1904: boolean;
  isDateStyle(style: number): boolean;
}

const MS_PER_DAY = 86_400_000;

/** A number excelts reads as a date (excelToDate), as the snapshot carries it (a 1900 serial). */
function dateValue(n: number, date1904: boolean): CellValue {
  const d = new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY));
  return Number.isNaN(d.getTime()) ? null : dateToSerial(d);
}

/** A number as plainValue gives it. */
const finite = (n: number): CellValue => (Number.isFinite(n) ? n : null);

/** The column (1-based) and row of an A1 address; row NaN when it has none. */
export function decodeCell(ref: string): { col: number; row: number } {
  let i = 0;
  let col = 0;
  const n = ref.length;
  while (i < n) {
    const c = ref.charCodeAt(i);
    if (c === 36) {
      i++;
      continue;
    }
    const u = c >= 97 ? c - 32 : c;
    if (u < 65 || u > 90) break;
    col = col * 26 + (u - 64);
    i++;
  }
  let row = 0;
  let digits = 0;
  while (i < n) {
    const c = ref.charCodeAt(i);
    if (c === 36) {
      i++;
      continue;
    }
    if (c < 48 || c > 57) break;
    row = row * 10 + (c - 48);
    digits++;
    i++;
  }
  return { col, row: digits ? row : NaN };
}

/**
 * A shared formula moved from its master cell to another (excelts's slideFormula): relative
 * references shift by the offset, absolute ones stay, names and functions are left alone.
 */
export function slideFormula(formula: string, from: string, to: string): string {
  const a = decodeCell(from);
  const b = decodeCell(to);
  return formula.replace(
    /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi,
    (match: string, sheet: string | undefined, _s: string, addr: string, paren: string) => {
      if (paren) return match;
      const m = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i.exec(addr);
      if (!m) return match;
      const letters = m[2].toUpperCase();
      if (letters.length > 3 || (letters.length === 3 && letters > "XFD")) return match;
      let col = colIndex(letters) + 1;
      let row = parseInt(m[4], 10);
      if (!m[1]) col += b.col - a.col;
      if (!m[3]) row += b.row - a.row;
      return (sheet ?? "") + (m[1] ?? "") + columnLetter(col - 1) + (m[3] ?? "") + row;
    }
  );
}

/** The cell types excelts reads (its parseClose). */
export function valueOf(
  lw: DateStyles,
  sst: string[],
  t: string,
  style: number,
  v: string | null,
  inline: string | null
): CellValue {
  switch (t) {
    case "s": {
      if (v === null) return null;
      const s = sst[parseInt(v, 10)];
      if (s === undefined) throw new NotLean(`a shared string index out of range (${v})`);
      return s;
    }
    case "str":
      return v === null || v === "" ? null : decodeXString(decodeEntities(v));
    case "inlineStr":
      return inline === null ? null : inline;
    case "b":
      return v === null ? null : parseInt(v, 10) !== 0;
    case "e":
      return v === null ? null : decodeEntities(v);
    case "d": {
      if (v === null) return null;
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? null : dateToSerial(d);
    }
    default: {
      if (v === null) return null;
      const n = parseFloat(v);
      return lw.isDateStyle(style) ? dateValue(n, lw.date1904) : finite(n);
    }
  }
}

/** A formula's cached result, as excelts reads it (a string result is not a date). */
export function resultOf(lw: DateStyles, t: string, style: number, v: string | null): CellValue {
  if (v === null || v === "") return null;
  if (t === "str") return decodeXString(decodeEntities(v));
  if (t === "b") return parseInt(v, 10) !== 0;
  if (t === "e") return decodeEntities(v);
  const n = parseFloat(v);
  return lw.isDateStyle(style) ? dateValue(n, lw.date1904) : finite(n);
}
