/// <reference types="office-js" />
/**
 * The sheet-level parts of a snapshot: the metadata sheet's key/value rows and the used ranges of
 * the sheets a read asks for. Reads loaded ranges only; the loads are queued by the strategies.
 */
import type { ReadRequest, SheetValues } from "../../../workbook/host";
import type { CellValue } from "../../../workbook/plan";
import { headerText } from "../values";

/** Key/value rows of the metadata sheet (its header row "Key" skipped). */
export function metaOf(used: Excel.Range): Record<string, string> {
  const meta: Record<string, string> = {};
  if (used.isNullObject) return meta;
  for (const row of used.values) {
    const k = headerText(row[0]).trim();
    if (!k || k === "Key") continue;
    meta[k] = headerText(row[1]);
  }
  return meta;
}

export interface UsedParts {
  /** The properties to load on a used range. */
  props: string;
  text: boolean;
  formats: boolean;
}

/** Text and number formats only when asked: a large sheet's text can pass the 5 MB response limit. */
export function usedParts(request: ReadRequest): UsedParts {
  const parts = request.sheetParts ?? ["text", "numberFormats"];
  const text = parts.includes("text");
  const formats = parts.includes("numberFormats");
  return {
    props: [
      "values",
      "rowIndex",
      "columnIndex",
      ...(text ? ["text"] : []),
      ...(formats ? ["numberFormat"] : []),
    ].join(","),
    text,
    formats,
  };
}

export function usedValues(name: string, used: Excel.Range, parts: UsedParts): SheetValues {
  if (used.isNullObject) return { name, row: 0, col: 0, values: [], text: [], numberFormats: [] };
  return {
    name,
    row: used.rowIndex,
    col: used.columnIndex,
    values: used.values as CellValue[][],
    text: parts.text ? (used.text as string[][]) : [],
    numberFormats: parts.formats
      ? (used.numberFormat as unknown[][]).map((r) => r.map((f) => String(f ?? "General")))
      : [],
  };
}
