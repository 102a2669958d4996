/**
 * Where the printed Summary starts new pages. Page 1 is the one-page dashboard; after it, a
 * section that does not fit on what is left of the page starts a new page only when the page is
 * at least half full and the section fits on a page of its own. Otherwise it flows on, breaking
 * at one of its own split rows (between list items, between a table and its chart), so no page
 * is left mostly empty and no chart is cut. Rows are measured in points (wrapped rows and
 * headings are taller), at the scale that fits the sheet to one page wide. Pure.
 */
import { charsToPoints } from "../plan";
import { ROW_PT, type Section } from "./sheet";

/** A4 landscape inside Excel's normal margins (0.7 in left and right, 0.75 in top and bottom). */
export const PRINT_WIDTH_PT = 842 - 2 * 0.7 * 72;
export const PRINT_HEIGHT_PT = 595 - 2 * 0.75 * 72;
/** Room kept on each page for rows that print a little taller than estimated. */
const SLACK = 0.9;

export interface PageInput {
  sections: readonly Section[];
  /** Rows in the printed area. */
  rows: number;
  /** Column widths in characters (Excel's unit), left to right. */
  widths: readonly number[];
  /** Printed heights of rows taller than a plain row. */
  heights?: ReadonlyMap<number, number>;
  /** The rows before this one are page 1 (the dashboard): the next page starts here. */
  firstPageEnd?: number;
}

/** The fit-to-width scale and the height (points, unscaled) a printed page holds. */
export function pageHeight(widths: readonly number[]): number {
  const widthPt = widths.reduce((sum, w) => sum + charsToPoints(w), 0);
  const scale = Math.min(1, PRINT_WIDTH_PT / Math.max(widthPt, 1));
  return (PRINT_HEIGHT_PT / scale) * SLACK;
}

/** The top of each row (points), and of the row after the last. */
export function rowTops(rows: number, heights?: ReadonlyMap<number, number>): number[] {
  const y = new Array<number>(rows + 1);
  y[0] = 0;
  for (let r = 0; r < rows; r++) y[r + 1] = y[r] + (heights?.get(r) ?? ROW_PT.body);
  return y;
}

/** The rows (0-based) where a new printed page starts. */
export function pageBreaks(input: PageInput): number[] {
  const { rows } = input;
  const pageH = pageHeight(input.widths);
  const y = rowTops(rows, input.heights);
  const top = (r: number) => y[Math.min(Math.max(r, 0), rows)];
  const breaks: number[] = [];
  let pageTop = 0;
  const fits = (end: number) => top(end) - top(pageTop) <= pageH;

  const first = input.firstPageEnd;
  if (first !== undefined && first > 0 && first < rows) {
    breaks.push(first);
    pageTop = first;
  }
  const sections = [...input.sections]
    .filter((s) => s.start >= pageTop && s.start < rows)
    .sort((a, b) => a.start - b.start);
  sections.forEach((section, i) => {
    const start = section.start;
    const end = i + 1 < sections.length ? sections[i + 1].start : rows;
    if (fits(end)) return;
    const used = top(start) - top(pageTop);
    const size = top(end) - top(start);
    const halfFull = used >= pageH / 2;
    const points = [start, ...section.splits]
      .filter((p) => p >= start && p < end)
      .sort((a, b) => a - b);
    /** The latest place inside the section (after its heading and a few rows) that fits. */
    /**
     * The latest place inside the section (after its heading and a few rows) that fits on the
     * page: points are in order and fit up to some point, so a binary search finds it.
     */
    const inner = (): number | undefined => {
      let lo = 0;
      let hi = points.length - 1;
      let found: number | undefined;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (fits(points[mid])) {
          found = points[mid];
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found !== undefined && found > pageTop && found >= start + 4 ? found : undefined;
    };
    // A list or long table starts at the foot of a page when some of it fits; a table with its
    // chart, or anything else, starts a new page when this one is at least half full.
    if (start > pageTop && size <= pageH && halfFull && !(section.flows && inner() !== undefined)) {
      breaks.push(start);
      pageTop = start;
      return;
    }
    while (!fits(end)) {
      const best = inner() ?? (start > pageTop && size <= pageH ? start : undefined);
      if (best !== undefined) {
        breaks.push(best);
        pageTop = best;
        continue;
      }
      // No place to break inside: the rows flow on where the printer breaks them.
      let r = pageTop + 1;
      while (r < end && fits(r + 1)) r++;
      pageTop = r;
    }
  });
  return breaks;
}
