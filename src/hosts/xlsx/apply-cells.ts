/**
 * Applying a plan, the cells: a value written as a constant (text stays text whatever it starts
 * with), a block of cells with its formulas and formats, a cell's style from parts shared between
 * cells styled alike. Node only.
 */
import type { Cell, Worksheet } from "@cj-tech-master/excelts";
import type { CellBlock, CellStyle, CellValue } from "../../workbook/plan";
import { argb, toCellValue } from "./cells";
import { sharedPart } from "./write";

/** Write a value as a constant: text stays text whatever it starts with. */
export function setValue(cell: Cell, v: CellValue): void {
  cell.value = toCellValue(v);
}

/** Write a block of cells; true when it wrote a formula. */
export function writeBlock(ws: Worksheet, block: CellBlock): boolean {
  const style = block.style;
  let formulas = false;
  block.values.forEach((vals, i) => {
    const row = ws.getRow(block.row + i + 1);
    vals.forEach((v, j) => {
      const cell = row.getCell(block.col + j + 1);
      const f = block.formulas?.[i]?.[j];
      if (f !== null && f !== undefined && f !== "") {
        cell.value = { formula: f.replace(/^=/, "") };
        formulas = true;
      } else setValue(cell, v);
      const fmt = block.columnFormats?.[j] ?? style?.numberFormat;
      if (fmt) cell.numFmt = fmt;
      if (style) styleCell(cell, style);
    });
  });
  return formulas;
}

export function styleCell(cell: Cell, style: CellStyle): void {
  const font: Record<string, unknown> = { ...(cell.font ?? {}) };
  let fontSet = false;
  if (style.bold !== undefined) ((font.bold = style.bold), (fontSet = true));
  if (style.italic !== undefined) ((font.italic = style.italic), (fontSet = true));
  if (style.fontSize !== undefined) ((font.size = style.fontSize), (fontSet = true));
  if (style.fontColour) ((font.color = { argb: argb(style.fontColour) }), (fontSet = true));
  if (style.fontName) ((font.name = style.fontName), (fontSet = true));
  // Parts are shared between cells styled alike (one object for thousands of cells).
  if (fontSet) cell.font = sharedPart("font", font as Cell["font"]);
  if (style.fill)
    cell.fill = sharedPart("fill", {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: argb(style.fill) },
    } as Cell["fill"]);
  if (style.wrap !== undefined || style.hAlign || style.vAlign) {
    const al: Record<string, unknown> = { ...(cell.alignment ?? {}) };
    if (style.wrap !== undefined) al.wrapText = style.wrap;
    if (style.hAlign) al.horizontal = style.hAlign;
    if (style.vAlign) al.vertical = style.vAlign === "center" ? "middle" : style.vAlign;
    cell.alignment = sharedPart("alignment", al as Cell["alignment"]);
  }
  if (style.numberFormat) cell.numFmt = style.numberFormat;
  const thin = { style: "thin" as const, color: { argb: "FFBFBFBF" } };
  if (style.border === "bottom")
    cell.border = sharedPart("border", {
      ...(cell.border ?? {}),
      bottom: { style: "thin", color: { argb: "FF404040" } },
    } as Cell["border"]);
  if (style.border === "grid")
    cell.border = sharedPart("border", { top: thin, left: thin, bottom: thin, right: thin });
}
