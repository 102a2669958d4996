/**
 * How tall wrapped text stands: the one estimate of wrapped lines that the Summary, the owner
 * update workbooks and the xlsx host's Tracker rows share. An estimate from character counts
 * (no font metrics): generous enough that the last line is not cut off.
 */

/**
 * Excel's tallest row: 409 points ("Excel specifications and limits": Row height). A taller row
 * cannot be set, and text below it would be hidden on screen and in print.
 */
export const MAX_ROW_PT = 409;

/** A line of Calibri 11 (the workbook's default font), in points. */
export const LINE_PT = 15;

/** Lines a text takes when wrapped in a column that holds `chars` characters a line. */
export function linesOf(text: string, chars: number): number {
  const perLine = Math.max(1, Math.floor(chars));
  let lines = 0;
  for (const para of text.split(/\r?\n/)) lines += Math.max(1, Math.ceil(para.length / perLine));
  return Math.max(1, lines);
}

/**
 * Characters of Calibri 11 prose a line of a column `width` wide holds (Excel's width unit is a
 * digit; prose averages a little narrower, so about 1.15 characters of it fit per unit).
 */
export function charsIn(width: number): number {
  return Math.max(1, Math.floor(width * 1.15));
}

/** The lines a wrapped cell of Calibri 11 in a column `width` wide (Excel's unit) takes. */
export function linesIn(text: string, width: number): number {
  return linesOf(text, charsIn(width));
}
