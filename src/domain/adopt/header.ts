/**
 * The header row of the sheet being adopted: the analyst's choice, or the row in the first rows
 * that looks most like tracker headings. Pure.
 */
import { TrackerError } from "../errors";
import { cellText, isEmptyValue } from "./grid";
import { headerCandidates, headerScore } from "./mapping";
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

/** What makes a sheet look like a tracker kept by hand, for the pane to offer Adopt first. */
export interface TrackerLike {
  sheet: string;
  /** The headings recognised as tracker columns, as written ("Rec No", "RAG", "Lead"). */
  headings: string[];
  /** Filled rows below the header row. */
  rows: number;
}

/**
 * Whether a sheet looks like a tracker: a header row in its first rows where three or more
 * headings are recognised (each as a different tracker column, with the recommendation's text
 * or its reference among them), and at least one filled row below it. Null otherwise. Pure.
 */
export function trackerLike(grid: SourceGrid): TrackerLike | null {
  let header: { index: number; recognised: boolean };
  try {
    header = detectHeaderRow(grid);
  } catch {
    return null;
  }
  if (!header.recognised) return null;
  const keys = new Set<string>();
  const headings: string[] = [];
  (grid.values[header.index] ?? []).forEach((_, j) => {
    const text = cellText(grid, header.index, j).replace(/\s+/g, " ").trim();
    const best = headerCandidates(text)[0];
    if (!best || best.confidence < 0.6 || keys.has(best.key)) return;
    keys.add(best.key);
    headings.push(text);
  });
  if (keys.size < 3 || !(keys.has("recommendation") || keys.has("ref"))) return null;
  const rows = grid.values
    .slice(header.index + 1)
    .filter((r) => r.some((v) => !isEmptyValue(v))).length;
  return rows > 0 ? { sheet: grid.name, headings, rows } : null;
}
