/**
 * Cell values between excelts and the plan/snapshot world: dates become Excel serial numbers,
 * formulas give their cached result, rich text and hyperlinks become plain strings, errors
 * become their text ("#NAME?"). Node only (hosts/xlsx).
 */
import type { Cell, CellValue as XCellValue } from "@cj-tech-master/excelts";
import { formatUk, fromExcelSerial } from "../../domain/dates";
import type { CellValue, RangeRef } from "../../workbook/plan";

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** A JS Date as excelts reads it (a UTC instant for the 1900 date system) to an Excel serial. */
export function dateToSerial(d: Date): number {
  const serial = (d.getTime() - EXCEL_EPOCH_UTC) / MS_PER_DAY;
  const whole = Math.round(serial);
  return Math.abs(serial - whole) < 1e-6 ? whole : Math.round(serial * 1e8) / 1e8;
}

/** An Excel serial (1900 date system) to the Date excelts writes as that day in any system. */
export function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_UTC + Math.round(serial * MS_PER_DAY));
}

/** Plain value of an excelts cell value, as a snapshot carries it. */
export function plainValue(v: XCellValue | unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return decodeXString(v);
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateToSerial(v);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return o.error;
    if (Array.isArray(o.richText)) {
      // excelts leaves the escapes in rich text runs as written (it decodes plain text only).
      return decodeXString(
        (o.richText as { text?: unknown }[])
          .map((r) => exceltsDecode(String(r.text ?? "")))
          .join("")
      );
    }
    if ("formula" in o || "sharedFormula" in o) return plainValue(o.result);
    if (typeof o.text === "string") return decodeXString(o.text);
    if ("checkbox" in o) return Boolean(o.checkbox);
  }
  return String(v);
}

/** The formula a cell holds, with its leading "=", or null when it holds none. */
export function formulaOf(v: XCellValue | unknown): string | null {
  if (v && typeof v === "object") {
    const o = v as { formula?: unknown; sharedFormula?: unknown };
    const f =
      typeof o.formula === "string"
        ? o.formula
        : typeof o.sharedFormula === "string"
          ? o.sharedFormula
          : null;
    if (f !== null) return f.startsWith("=") ? f : "=" + f;
  }
  return null;
}

/** What a value written by a plan becomes in the cell: always a constant, text stays text. */
export function toCellValue(v: CellValue): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") return encodeXString(v);
  return v;
}

/**
 * Control characters in text (a line break pasted from Word is U+000B) cannot be written in XML:
 * Excel writes them as the OOXML escape _xHHHH_ (_x000B_). excelts reads such an escape back as
 * the literal text "_x000B_" (it decodes only characters XML allows) and writes nothing for a
 * raw control character, so neither round-trips through it. In the workbook in memory each one
 * is held as a noncharacter, U+FDD0 + its code (U+FDD0 to U+FDEF: never found in real text, and
 * valid in XML), which excelts writes as it is; the save turns each into its escape
 * (escapeSentinels), and reading turns it back into the character (decodeXString).
 */
const SENTINEL = 0xfdd0;
// eslint-disable-next-line no-control-regex -- these are the characters XML cannot carry
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const SENTINELS = /[\uFDD0-\uFDEF]/g;
/** Escapes excelts leaves undecoded: those of the control characters XML cannot carry. */
const CONTROL_ESCAPE = /_x(000[0-8BbCcEeFf]|001[0-9A-Fa-f])_/g;

/**
 * Text as a cell in memory should hold it. A line break inside a cell is LF (Excel's Alt+Enter),
 * so CR LF and a lone CR become LF (LibreOffice does not decode Excel's _x000D_); control
 * characters become their sentinels. A literal "_xHHHH_" is left alone: excelts writes it as
 * _x005F_xHHHH_, as Excel does.
 */
export function encodeXString(s: string): string {
  let out = s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s;
  CONTROL.lastIndex = 0;
  if (CONTROL.test(out))
    out = out.replace(CONTROL, (c) => String.fromCharCode(SENTINEL + c.charCodeAt(0)));
  return out;
}

/**
 * The text a cell in memory means: sentinels, and the control-character escapes excelts left
 * as text, become the characters. Applied to every string read from a workbook.
 */
export function decodeXString(s: string): string {
  let out = s;
  if (out.includes("_x"))
    out = out.replace(CONTROL_ESCAPE, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  SENTINELS.lastIndex = 0;
  if (SENTINELS.test(out))
    out = out.replace(SENTINELS, (c) => String.fromCharCode(c.charCodeAt(0) - SENTINEL));
  return out;
}

/**
 * excelts's decoding of _xHHHH_ escapes in the text it reads (decodeOoxmlEscape), left to
 * right: the escapes of characters XML cannot carry stay as written.
 */
export function exceltsDecode(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (m, h: string) => {
    const code = parseInt(h, 16);
    const unwritable =
      code <= 0x08 ||
      code === 0x0b ||
      code === 0x0c ||
      (code >= 0x0e && code <= 0x1f) ||
      code === 0x7f ||
      (code >= 0xd800 && code <= 0xdfff) ||
      code === 0xfffe ||
      code === 0xffff;
    return unwritable ? m : String.fromCharCode(code);
  });
}

/** Written XML: each sentinel becomes its escape (_x000B_), as Excel writes the character. */
export function escapeSentinels(xml: string): string {
  SENTINELS.lastIndex = 0;
  if (!SENTINELS.test(xml)) return xml;
  return xml.replace(
    SENTINELS,
    (c) => `_x${(c.charCodeAt(0) - SENTINEL).toString(16).toUpperCase().padStart(4, "0")}_`
  );
}

/**
 * After excelts opens a file: the control-character escapes it left as text ("_x000B_") become
 * sentinels in every cell (plain and rich text), so cells the tool never touches are written
 * back exactly as Excel stored them.
 */
export function sentinelsForEscapes(value: unknown): unknown {
  if (typeof value === "string") {
    if (!value.includes("_x")) return value;
    return value.replace(CONTROL_ESCAPE, (_m, h: string) =>
      String.fromCharCode(SENTINEL + parseInt(h, 16))
    );
  }
  if (
    value &&
    typeof value === "object" &&
    Array.isArray((value as { richText?: unknown }).richText)
  ) {
    const rich = value as { richText: { text?: unknown }[] };
    if (!rich.richText.some((r) => typeof r.text === "string" && r.text.includes("_x")))
      return value;
    return {
      ...rich,
      richText: rich.richText.map((r) =>
        typeof r.text === "string" ? { ...r, text: sentinelsForEscapes(r.text) } : r
      ),
    };
  }
  return value;
}

const isDateFormat = (fmt: string) =>
  /(^|[^"\\])[dmy]/i.test(fmt.replace(/"[^"]*"/g, "")) && !/^@$/.test(fmt);

/** Cell text as Excel would show it, for the number formats the add-in uses. */
export function displayText(value: CellValue, numFmt: string): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  const fmt = numFmt || "General";
  if (fmt !== "General" && fmt !== "@" && isDateFormat(fmt)) {
    if (value >= 1 && value < 2958466) return formatUk(fromExcelSerial(value));
    return String(value);
  }
  if (/^0%$/.test(fmt)) return `${Math.round(value * 100)}%`;
  if (/^0\.0+%$/.test(fmt)) return `${(value * 100).toFixed(fmt.length - 3)}%`;
  if (fmt === "0") return String(Math.round(value));
  if (/^0\.0+$/.test(fmt)) return value.toFixed(fmt.length - 2);
  if (fmt === "#,##0") return Math.round(value).toLocaleString("en-GB");
  return generalNumber(value);
}

function generalNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const s = String(Number(n.toPrecision(11)));
  return s;
}

/** Whether an excelts cell holds something (a value or a formula). */
export function hasContent(cell: Cell): boolean {
  const v = cell.value;
  return v !== null && v !== undefined && v !== "";
}

/** "#RRGGBB" or "RRGGBB" to excelts ARGB. */
export function argb(colour: string): string {
  const hex = colour.replace(/^#/, "").toUpperCase();
  return hex.length === 8 ? hex : "FF" + hex.padStart(6, "0");
}

/** Decoded A1 range ("B2:C10" or "B2") to a 0-based RangeRef. */
export function decodeRange(ref: string): RangeRef | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(
    ref.trim().replace(/^.*!/, "")
  );
  if (!m) return null;
  const c1 = colIndex(m[1]);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? colIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  return {
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    rows: Math.abs(r2 - r1) + 1,
    cols: Math.abs(c2 - c1) + 1,
  };
}

/** 0-based column index of A1 column letters. */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function intersects(a: RangeRef, b: RangeRef): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.col < b.col + b.cols &&
    b.col < a.col + a.cols
  );
}

export function contains(outer: RangeRef, inner: RangeRef): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

/** Ranges of a space-separated sqref ("A2:A10 C2:C10"). */
export function decodeSqref(sqref: string): RangeRef[] {
  return sqref
    .split(/\s+/)
    .filter(Boolean)
    .map(decodeRange)
    .filter((r): r is RangeRef => r !== null);
}
