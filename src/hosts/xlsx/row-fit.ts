/**
 * Tracker rows as tall as their wrapped text, for LibreOffice. A row's `ht` without
 * `customHeight` is a cached height (ECMA-376 Part 1, 18.3.1.73 row: customHeight "1 if the row
 * height has been manually set"): Excel shows it and auto-fits the row again when its text
 * changes, but LibreOffice does not grow a row to its wrapped text on opening a file, so a row
 * written at the default height hides all but the first line of a long recommendation. Before
 * a save, each Tracker body row is given the height its wrapped text needs (domain/wrap's
 * estimate), never as a custom height, so Excel still auto-fits the rows the analyst edits. A
 * row the analyst set by hand (customHeight) is left as it is. The Excel host sets no heights:
 * Excel auto-fits. Node only (the pane's owner workbooks have no Tracker).
 */
import type { Cell, Workbook } from "@cj-tech-master/excelts";
import { TABLES } from "../../domain/columns";
import { LINE_PT, MAX_ROW_PT, linesIn } from "../../domain/wrap";
import { findTable } from "./tables";

/** Excel's default column width (characters), for a column the file gives no width. */
const DEFAULT_WIDTH = 8.43;

/** The text a wrapped cell shows, or null (numbers, dates and empty cells take one line). */
function wrappedText(cell: Cell): string | null {
  if (cell.alignment?.wrapText !== true) return null;
  const v: unknown = cell.value;
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "richText" in v) {
    const runs = (v as { richText: { text?: string }[] }).richText;
    return runs.map((r) => r.text ?? "").join("");
  }
  return null;
}

/** Give the Tracker table's body rows the height of their wrapped text (see above). */
export function fitTrackerRows(wb: Workbook): void {
  const loc = findTable(wb, TABLES.tracker);
  if (!loc) return;
  const ws = loc.sheet;
  const widths = loc.headers.map((_, i) => ws.getColumn(loc.col + i + 1).width ?? DEFAULT_WIDTH);
  for (let r = 0; r < loc.bodyRows; r++) {
    const row = ws.findRow(loc.row + 2 + r);
    if (!row || row.customHeight === true) continue;
    let lines = 1;
    for (let c = 0; c < widths.length; c++) {
      const cell = row.findCell(loc.col + c + 1);
      const text = cell ? wrappedText(cell) : null;
      if (text) lines = Math.max(lines, linesIn(text, widths[c]));
    }
    // A cached height, not a custom one: Excel auto-fits the row again when it is edited.
    row.customHeight = false;
    // One line: a height the file cached (a larger font, say) is kept.
    if (lines > 1) row.height = Math.min(MAX_ROW_PT, lines * LINE_PT);
  }
}
