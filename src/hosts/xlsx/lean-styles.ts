/**
 * The styles part read lean (lean.ts): each cell style's number format as excelts gives it, and
 * whether excelts reads a number in that style as a date. Node only (hosts/xlsx).
 */
import { exceltsReadsAsDate } from "./write";
import { attributes, eachTag, elementBody } from "./xml";

/** excelts's built-in number formats (defaultnumformats.js, the ids it gives a code). */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Per cell style (s="N"): its number format (undefined: none) and whether it reads dates. */
export interface CellStyles {
  formats: (string | undefined)[];
  dates: boolean[];
}

/** The number formats of a styles part's cell styles (none when there is no part). */
export function readStyles(xml: string | null): CellStyles {
  const formats: (string | undefined)[] = [];
  const dates: boolean[] = [];
  if (!xml) return { formats, dates };
  const custom = new Map<number, string>();
  eachTag(xml, "numFmt", (tag) => {
    const a = attributes(tag);
    if (a.numFmtId !== undefined && a.formatCode !== undefined)
      custom.set(parseInt(a.numFmtId, 10), a.formatCode);
  });
  const start = xml.indexOf("<cellXfs");
  if (start < 0) return { formats, dates };
  const { body } = elementBody(xml, start, "cellXfs");
  eachTag(body, "xf", (tag) => {
    const id = parseInt(attributes(tag).numFmtId ?? "0", 10);
    // excelts: a numFmtId of 0 (General) gives no format at all.
    const code = id ? (custom.get(id) ?? BUILT_IN_FORMATS[id]) : undefined;
    formats.push(code);
    dates.push(code !== undefined && exceltsReadsAsDate(code));
  });
  return { formats, dates };
}
