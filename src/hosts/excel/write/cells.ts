/// <reference types="office-js" />
/**
 * Blocks of cells on a sheet: values or formulas, number formats by column, styles.
 */
import type { CellBlock, CellStyle } from "../../../workbook/plan";
import type { Batch } from "../batch";
import { chunkRows, estimate } from "../limits";
import type { RunState } from "../state";
import { textStrategy } from "../client";
import { padRow, plainColumns } from "../values";

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", center: "Center", bottom: "Bottom" } as const;

export async function writeCells(
  s: RunState,
  sheet: string,
  block: CellBlock,
  batch: Batch
): Promise<void> {
  if (block.values.length === 0) return;
  const width = Math.max(
    ...block.values.map((r) => r.length),
    ...(block.formulas ?? []).map((r) => r.length)
  );
  if (width === 0) return;
  const height = block.values.length;
  const ws = s.context.workbook.worksheets.getItem(sheet);
  // Formulas where given, the value (escaped) elsewhere: one `formulas` write for the block.
  const textFormats = Array.from(
    { length: width },
    (_, j) => block.columnFormats?.[j] ?? block.style?.numberFormat
  );
  // (A block written through `formulas` always escapes: there "=..." would be a formula.)
  const plain = block.formulas
    ? undefined
    : plainColumns(textFormats, textStrategy(s.memory.client.probes));
  const cells = block.values.map((row, i) =>
    padRow(row, width, plain).map((v, j) => {
      const f = block.formulas?.[i]?.[j];
      return f !== null && f !== undefined ? f : v;
    })
  );
  const formats = block.columnFormats
    ? Array.from({ length: width }, (_, j) => block.columnFormats![j] ?? null)
    : null;
  // Number formats first (so text stays text), one per run of columns for the whole block.
  const area = ws.getRangeByIndexes(block.row, block.col, height, width);
  if (block.style?.numberFormat) {
    await batch.room(300 + block.style.numberFormat.length);
    area.numberFormat = [[block.style.numberFormat]];
  }
  if (formats) {
    await batch.room(formatBytes(formats));
    setColumnFormats(area, formats, height);
  }
  for (const [start, chunk, size] of chunkRows(cells, s.memory.maxRequestBytes / 4)) {
    await batch.room(size + 300);
    const range = ws.getRangeByIndexes(block.row + start, block.col, chunk.length, width);
    if (block.formulas) range.formulas = chunk as unknown as string[][];
    else range.values = chunk;
  }
  if (block.style) {
    await batch.room(1000);
    applyStyle(ws.getRangeByIndexes(block.row, block.col, height, width), block.style);
  }
}

export function applyStyle(range: Excel.Range, style: CellStyle): void {
  const f = range.format;
  if (style.bold !== undefined) f.font.bold = style.bold;
  if (style.italic !== undefined) f.font.italic = style.italic;
  if (style.fontSize !== undefined) f.font.size = style.fontSize;
  if (style.fontColour !== undefined) f.font.color = style.fontColour;
  if (style.fontName !== undefined) f.font.name = style.fontName;
  if (style.fill !== undefined) f.fill.color = style.fill;
  if (style.wrap !== undefined) f.wrapText = style.wrap;
  if (style.hAlign) f.horizontalAlignment = H_ALIGN[style.hAlign] as Excel.HorizontalAlignment;
  if (style.vAlign) f.verticalAlignment = V_ALIGN[style.vAlign] as Excel.VerticalAlignment;
  if (style.border) {
    const edges =
      style.border === "bottom"
        ? ["EdgeBottom"]
        : ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"];
    for (const e of edges) {
      const b = f.borders.getItem(e as Excel.BorderIndex);
      b.style = "Continuous" as Excel.BorderLineStyle;
      b.weight = "Thin" as Excel.BorderWeight;
    }
  }
}

/**
 * Number formats by column over a range `height` rows tall: one [[format]] per run of neighbouring
 * columns with the same format, which Excel applies to every cell of that part (the Range.
 * numberFormat reference: "If the argument is a single value, it will be applied to all cells in
 * the range"), instead of a format per cell: a 10,000-row table's formats cost a few hundred
 * bytes of the request, not a megabyte. A null format leaves its columns as they are.
 */
export function setColumnFormats(
  range: Excel.Range,
  formats: readonly (string | null | undefined)[],
  height: number
): void {
  let start = 0;
  for (let j = 1; j <= formats.length; j++) {
    if (j < formats.length && formats[j] === formats[start]) continue;
    const f = formats[start];
    if (f !== null && f !== undefined) {
      const part =
        start === 0 && j === formats.length
          ? range
          : range.getCell(0, start).getResizedRange(height - 1, j - start - 1);
      part.numberFormat = [[f]];
    }
    start = j;
  }
}

/** What setColumnFormats adds to a request (bytes, generously). */
export function formatBytes(formats: readonly (string | null | undefined)[]): number {
  return estimate(formats) + 200 * formats.length;
}
