/**
 * "Record position": the plan that appends one History row per tracker item for a snapshot date,
 * replacing that date's rows when it was already recorded. Pure.
 */
import { HISTORY_COLUMNS, SHEETS, TABLES, headerIndex, type HistoryKey } from "../domain/columns";
import { TrackerError, protectedError } from "../domain/errors";
import { positionEntries, serialOf, type HistoryEntry } from "../domain/history";
import type { WorkbookSnapshot } from "./host";
import type { CellValue, PlanOp, WorkbookPlan } from "./plan";
import { readVocabulary, trackerRows } from "./read";

/** What Record position and Build summary read. */
export const HISTORY_READ = { tables: [TABLES.tracker, TABLES.history, TABLES.statuses] };

export interface PositionPlan {
  plan: WorkbookPlan;
  /** History rows written. */
  recorded: number;
  /** Rows of the same date that were there before (and are replaced). */
  replaced: number;
  /** Tracker rows left out because they have no Ref. */
  skippedNoRef: number;
}

/** 0-based History body rows recorded on a date (serial). */
export function rowsRecordedOn(snapshot: WorkbookSnapshot, date: number): number[] {
  const table = snapshot.tables[TABLES.history];
  if (!table) return [];
  const col = headerIndex(table.headers, "Snapshot date");
  if (col < 0) return [];
  const out: number[] = [];
  table.rows.forEach((r, i) => {
    if (serialOf(r[col] ?? null) === date) out.push(i);
  });
  return out;
}

/** A history entry as a row in the History table's own column order (extra columns blank). */
export function historyRow(headers: readonly string[], e: HistoryEntry): CellValue[] {
  const byKey: Record<HistoryKey, CellValue> = {
    snapshotDate: e.date,
    ref: e.ref,
    status: e.status,
    owner: e.owner,
    targetDate: e.targetDate,
  };
  const row: CellValue[] = headers.map(() => null);
  for (const c of HISTORY_COLUMNS) {
    const j = headerIndex(headers, c.header);
    if (j >= 0) row[j] = byKey[c.key];
  }
  return row;
}

/**
 * Plan recording the tracker's position on a date. When that date is already recorded the plan
 * deletes those rows and appends the new ones (the pane asks the analyst first).
 */
export function planRecordPosition(snapshot: WorkbookSnapshot, date: number): PositionPlan {
  const tracker = snapshot.tables[TABLES.tracker];
  const history = snapshot.tables[TABLES.history];
  if (!tracker) {
    throw new TrackerError(
      "not-a-tracker",
      "This workbook has no tracker yet, so there is no position to record. Set up the tracker first."
    );
  }
  if (!history) {
    throw new TrackerError(
      "sheet-missing",
      `The ${SHEETS.history} table (${TABLES.history}) is missing, so the position was not recorded. Use Set up tracker to repair the workbook, then record again.`
    );
  }
  const missing = HISTORY_COLUMNS.filter((c) => headerIndex(history.headers, c.header) < 0).map(
    (c) => `'${c.header}'`
  );
  if (missing.length > 0) {
    throw new TrackerError(
      "invalid-input",
      `The ${SHEETS.history} table has no ${missing.join(", ")} column, so the position was not recorded. Put the column back (or rename it back) and try again.`
    );
  }
  const locked = snapshot.sheets.find((s) => s.name === history.sheet && s.protected);
  if (locked) throw protectedError([locked.name]);

  const vocabulary = readVocabulary(snapshot);
  const { entries, skippedNoRef } = positionEntries(trackerRows(tracker), date, vocabulary);
  const existing = rowsRecordedOn(snapshot, date);
  const ops: PlanOp[] = [];
  if (existing.length > 0) ops.push({ op: "deleteRows", table: TABLES.history, rows: existing });
  if (entries.length > 0)
    ops.push({
      op: "appendRows",
      table: TABLES.history,
      rows: entries.map((e) => historyRow(history.headers, e)),
    });
  return { plan: { ops }, recorded: entries.length, replaced: existing.length, skippedNoRef };
}
