/**
 * The header row of the sheet being adopted: the analyst's choice, or the row in the first rows
 * that looks most like tracker headings. Pure.
 */
import { TrackerError } from "../errors";
import { cellText, isEmptyValue } from "./grid";
import { headerScore } from "./mapping";
import type { SourceGrid } from "./types";

/** How many rows from the top are searched for the header row. */
const HEADER_SEARCH_ROWS = 60;

/** Find the header row: the row in the first rows that looks most like tracker headers. */
export function detectHeaderRow(grid: SourceGrid): { index: number; recognised: boolean } {
  const rows = grid.values;
  let best = -1;
  let bestScore = 0;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  const scores = new Map<string, number>();
  for (let i = 0; i < limit; i++) {
    const cells = (rows[i] ?? [])
      .map((_, j) => cellText(grid, i, j))
      .filter((t) => t.trim() !== "");
    if (cells.length < 2) continue;
    const score = headerScore(cells, scores);
    if (score >= 1.5 && score > bestScore + 1e-9) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return { index: best, recognised: true };
  for (let i = 0; i < limit; i++) {
    const filled = (rows[i] ?? []).filter((v) => !isEmptyValue(v)).length;
    if (filled >= 2) return { index: i, recognised: false };
  }
  throw new TrackerError(
    "invalid-input",
    `Sheet '${grid.name}' has no header row: no row in its first ${limit} rows has two or more filled cells. ` +
      `Nothing was changed. Adopt a sheet with column headings (Ref, Recommendation, Owner, Status…).`
  );
}

/**
 * The header row's index in the grid: the analyst's (1-based sheet row `chosen`), else the one
 * detected; `recognised` is false when no row looked like tracker headings and the first row
 * with two filled cells was taken.
 */
export function headerRowOf(
  grid: SourceGrid,
  chosen: number | undefined
): { index: number; recognised: boolean } {
  if (chosen === undefined) return detectHeaderRow(grid);
  const index = chosen - 1 - grid.row;
  if (index < 0 || index >= grid.values.length) {
    throw new TrackerError(
      "invalid-input",
      `Row ${chosen} is outside sheet '${grid.name}'s data. Nothing was changed.`
    );
  }
  return { index, recognised: true };
}
