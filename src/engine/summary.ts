/**
 * "Build summary": read the tracker, its lists, inspections and history in one read, compute every
 * figure (domain/summary), and rebuild the Summary sheet with its charts in one apply.
 * Pure orchestration over a WorkbookHost.
 */
import {
  HISTORY_COLUMNS,
  SHEETS,
  TABLES,
  TRACKER_COLUMNS,
  type ColumnDef,
} from "../domain/columns";
import { financialQuarter, formatUk, fromExcelSerial } from "../domain/dates";
import { historyEntries } from "../domain/history";
import {
  countOf,
  positionsRecorded,
  summarise,
  SUMMARY_HISTORY_KEYS,
  SUMMARY_TRACKER_KEYS,
  type Summary,
} from "../domain/summary";
import type { ReadRequest, WorkbookHost, WorkbookSnapshot } from "../workbook/host";
import { checkSnapshot } from "../workbook/check";
import { readsFormulas } from "./check";
import { readSettings, readVocabulary, tableRecords, trackerRows } from "../workbook/read";
import { clashNote } from "../workbook/owned";
import { planSummary, type SummaryLayout } from "../workbook/summary";
import type { CutCell } from "../workbook/cell-limit";
import { plural } from "../domain/text";

const headersOf = <K extends string>(columns: readonly ColumnDef<K>[], keys: readonly K[]) =>
  keys.map((k) => columns.find((c) => c.key === k)!.header);

/**
 * Everything Build summary reads, in one go: the lists and inspections whole, and of the tracker
 * and its History only the columns the figures use (10,000 rows and four recorded positions then
 * fit in one response of Excel on the web).
 */
export const SUMMARY_READ: ReadRequest = {
  tables: [TABLES.inspections, TABLES.statuses, TABLES.settings],
  columnsOf: {
    [TABLES.tracker]: headersOf(TRACKER_COLUMNS, SUMMARY_TRACKER_KEYS),
    [TABLES.history]: headersOf(HISTORY_COLUMNS, SUMMARY_HISTORY_KEYS),
  },
  // The Summary sheet is emptied in place: the Excel host learns its charts in this read (on
  // 'Summary (tracker)' when the analyst has a sheet of their own called Summary).
  clearing: [SHEETS.summary, `${SHEETS.summary} (tracker)`],
};

/**
 * What Build summary reads: with a check first, the whole tracker (the Check rules read every
 * column).
 */
export function summaryRead(check: boolean, formulas: boolean): ReadRequest {
  if (!check) return SUMMARY_READ;
  return {
    tables: [TABLES.tracker, ...(SUMMARY_READ.tables ?? [])],
    columnsOf: { [TABLES.history]: SUMMARY_READ.columnsOf![TABLES.history] },
    clearing: SUMMARY_READ.clearing,
    ...(formulas ? { formulasOf: [TABLES.tracker] } : {}),
  };
}

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
  /** The tracker's row count when known: the check reads formulas unless it is over the host's limit. */
  rows?: number | null;
  /** Rows with errors known by the caller (the command line), noted on the sheet. */
  errorRows?: number;
}

export type BuildSummaryResult =
  | { kind: "blocked"; errors: number; rowsWithErrors: number; message: string }
  | {
      kind: "built";
      summary: Summary;
      layout: SummaryLayout;
      /** Positions recorded in the workbook's History (every date, not only up to the as-at date). */
      positions: number;
      /** Texts too long for a cell, cut to fit and marked (said in the message too). */
      cut: CutCell[];
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

/**
 * What the pane and the command line say once the Summary is built: the items by kind, the
 * exceptions with those that need information, and what cannot be worked out, never a
 * reassuring "0 exceptions" while items lack a status, owner or target date.
 */
export function builtMessage(summary: Summary, charts: number): string {
  const h = summary.headline;
  if (h.itemsTracked === 0)
    return "Summary built: the tracker has no rows yet, so the sheet says there is nothing to summarise.";
  const kinds = h.byKind.filter((k) => k.count > 0);
  const items =
    kinds.length === 1
      ? kinds[0].key === "not stated"
        ? `${plural(h.itemsTracked, "item")} (kind not stated)`
        : countOf(kinds[0].key, kinds[0].count)
      : `${plural(h.itemsTracked, "item")} (${kinds.map((k) => countOf(k.key, k.count)).join(", ")})`;
  const parts = [
    `${items}`,
    `${plural(h.exceptions, "exception")}` +
      (h.needsInformation > 0 ? ` (${h.needsInformation} needing information)` : ""),
  ];
  if (h.notValid > 0) parts.push(`${plural(h.notValid, "status", "statuses")} not valid`);
  if (h.addressees.notStated.items > 0)
    parts.push(`addressee not stated for ${plural(h.addressees.notStated.items, "item")}`);
  if (h.responses.unknown > 0)
    parts.push(
      `${plural(h.responses.unknown, "response deadline")} cannot be worked out (no published date)`
    );
  parts.push(plural(charts, "chart"));
  return `Summary built as at ${formatUk(fromExcelSerial(summary.asAt))}: ${parts.join(", ")}.`;
}

export async function buildSummary(
  host: WorkbookHost,
  options: BuildSummaryOptions
): Promise<BuildSummaryResult> {
  return host.run("Build summary", async (session) => {
    const snapshot = await session.read(
      summaryRead(!!options.check, readsFormulas(host, options.rows))
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
    const { plan, layout, cut } = planSummary(summary, snapshot);
    await session.apply(plan);
    const positions = positionsRecorded(
      historyEntries(tableRecords(snapshot.tables[TABLES.history]))
    );
    const message =
      builtMessage(summary, layout.charts.length) +
      clashNote(layout, "Summary") +
      cut.map((c) => ` ${c.message}`).join("");
    return { kind: "built", summary, layout, positions, cut, message };
  });
}

/** Show the Summary sheet just built (the pane's "Open Summary sheet"). */
export async function openSummarySheet(host: WorkbookHost, sheet: string): Promise<void> {
  await host.run("Open the Summary sheet", (session) =>
    session.apply({ ops: [{ op: "activate", sheet }] })
  );
}
