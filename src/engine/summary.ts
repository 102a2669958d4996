/**
 * "Build summary": read the tracker, its lists, inspections and history in one read, compute every
 * figure (domain/summary), and rebuild the Summary sheet with its charts in one apply.
 * Pure orchestration over a WorkbookHost.
 */
import { TABLES } from "../domain/columns";
import { financialQuarter, formatUk, fromExcelSerial } from "../domain/dates";
import { historyEntries } from "../domain/history";
import { summarise, type Summary } from "../domain/summary";
import type { WorkbookHost, WorkbookSnapshot } from "../workbook/host";
import { checkSnapshot } from "../workbook/check";
import { readSettings, readVocabulary, tableRecords, trackerRows } from "../workbook/read";
import { planSummary, type SummaryLayout } from "../workbook/summary";

/** Everything Build summary reads, in one go. */
export const SUMMARY_READ = {
  tables: [TABLES.tracker, TABLES.inspections, TABLES.history, TABLES.statuses, TABLES.settings],
};

/** What a check of the tracker found (from domain/check's runChecks). */
export interface CheckCount {
  errors: number;
  rowsWithErrors: number;
}

export interface BuildSummaryOptions {
  /** Excel serial of today (used when neither asAt nor the Lists setting gives a date). */
  today: number;
  /** Excel serial of the as-at date; overrides the Lists setting. */
  asAt?: number;
  /** Check the rows first; when they have errors and force is not set, nothing is built. */
  check?: (snapshot: WorkbookSnapshot) => CheckCount;
  /** Build even when the check finds errors (the sheet then notes how many rows had them). */
  force?: boolean;
  /** Also read the tracker's formulas for the check (default true; the pane skips them for big trackers). */
  formulas?: boolean;
  /** Rows with errors known by the caller (the command line), noted on the sheet. */
  errorRows?: number;
}

export type BuildSummaryResult =
  | { kind: "blocked"; errors: number; rowsWithErrors: number; message: string }
  | {
      kind: "built";
      summary: Summary;
      layout: SummaryLayout;
      message: string;
    };

/** The summary for a snapshot (pure): figures as at the date. */
export function summaryOf(
  snapshot: WorkbookSnapshot,
  asAtOption: number | undefined,
  today: number,
  errorRows: number | null
): Summary {
  const settings = readSettings(snapshot);
  const asAt = asAtOption ?? settings.asAt ?? today;
  const tracker = snapshot.tables[TABLES.tracker];
  return summarise({
    rows: tracker ? trackerRows(tracker) : [],
    vocabulary: readVocabulary(snapshot),
    inspections: tableRecords(snapshot.tables[TABLES.inspections]),
    history: historyEntries(tableRecords(snapshot.tables[TABLES.history])),
    settings,
    asAt,
    errorRows,
    defaultPeriod: financialQuarter(fromExcelSerial(asAt)).label,
  });
}

/** The check Build summary runs first: the Check rules on the same snapshot (no extra read). */
export function checkCount(
  today: number,
  asAt?: number
): (snapshot: WorkbookSnapshot) => CheckCount {
  return (snapshot) => {
    const report = checkSnapshot(snapshot, { today, asAt: asAt ?? null });
    return { errors: report.counts.error, rowsWithErrors: report.rowsWithErrors };
  };
}

export async function buildSummary(
  host: WorkbookHost,
  options: BuildSummaryOptions
): Promise<BuildSummaryResult> {
  return host.run("Build summary", async (session) => {
    const withFormulas = options.check && (options.formulas ?? true);
    const snapshot = await session.read(
      withFormulas ? { ...SUMMARY_READ, formulasOf: [TABLES.tracker] } : SUMMARY_READ
    );
    let errorRows: number | null = options.errorRows ?? null;
    if (options.check && snapshot.tables[TABLES.tracker]) {
      const found = options.check(snapshot);
      if (found.errors > 0 && !options.force) {
        const r = found.rowsWithErrors;
        return {
          kind: "blocked",
          errors: found.errors,
          rowsWithErrors: r,
          message: `Check found ${found.errors} ${found.errors === 1 ? "error" : "errors"} in ${r} ${r === 1 ? "row" : "rows"}. Fix them first, or build the summary anyway (it will say so).`,
        };
      }
      errorRows = found.rowsWithErrors;
    }
    const summary = summaryOf(snapshot, options.asAt, options.today, errorRows);
    const { plan, layout } = planSummary(summary, snapshot);
    await session.apply(plan);
    const n = summary.headline.itemsTracked;
    const message =
      n === 0
        ? "Summary built: the tracker has no rows yet, so the sheet says there is nothing to summarise."
        : `Summary built as at ${formatUk(fromExcelSerial(summary.asAt))}: ${n} ${n === 1 ? "item" : "items"}, ` +
          `${summary.exceptions.length} ${summary.exceptions.length === 1 ? "exception" : "exceptions"}, ${layout.charts.length} charts.`;
    return { kind: "built", summary, layout, message };
  });
}
