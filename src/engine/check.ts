/**
 * Check the tracker: one read, the rules, one apply (the Check column, the error-row format and
 * any fixes in one batch). Also: select a finding's cell. Host-agnostic.
 */
import type { CheckReport } from "../domain/check";
import { TrackerError } from "../domain/errors";
import type { WorkbookHost } from "../workbook/host";
import {
  CHECK_READ,
  CHECK_READ_VALUES,
  checkSnapshot,
  locateFindings,
  planCheck,
  type CellAddress,
  type FixRequest,
  type LocatedFinding,
} from "../workbook/check";
import { plural } from "../domain/text";

// The pane lists findings by rule: the rules' metadata and grouping come through here.
export { groupByRule, RULES_BY_ID } from "../domain/check";
export type { FixRequest, LocatedFinding } from "../workbook/check";

export interface CheckOutcome {
  report: CheckReport;
  /** The report's findings with the cell each one points at. */
  findings: LocatedFinding[];
  /** How many fixes were written. */
  fixed: number;
  /** Fixes asked for that were not applied because the cell changed since. */
  skipped: number;
  /** A one-line summary for the pane. */
  message: string;
}

export interface CheckRunOptions {
  /** Excel serial of today. */
  today: number;
  /** Overrides the workbook's As-at date. */
  asAt?: number | null;
  /** Certain fixes to apply in the same batch: "all", or those the analyst clicked. */
  fixes?: "none" | "all" | readonly FixRequest[];
  /** Write the Check column and format (default true); false only reads (the command line). */
  write?: boolean;
  /**
   * The tracker's row count when the caller knows it (the pane's last state). The check reads
   * formulas to find text that Excel took as a formula even where it shows no error, unless the
   * tracker is known to have more rows than the host reads formulas for (`maxFormulaRows`).
   */
  rows?: number | null;
}

/** Whether to read a table's formulas: unless it is known to be over the host's limit for them. */
export function readsFormulas(host: WorkbookHost, rows: number | null | undefined): boolean {
  return rows === undefined || rows === null || rows <= (host.maxFormulaRows ?? Infinity);
}

export function describeReport(report: CheckReport): string {
  const { error, warning } = report.counts;
  const rows = plural(report.rows, "row");
  if (error === 0 && warning === 0) return `No problems found in ${rows}.`;
  return (
    `${plural(error, "error")} and ${plural(warning, "warning")} in ${rows}` +
    (report.rowsWithErrors > 0 ? `; ${plural(report.rowsWithErrors, "row")} with errors.` : ".")
  );
}

/** Check (and optionally fix) the tracker: one read and, when writing, one apply. */
export async function checkTracker(
  host: WorkbookHost,
  options: CheckRunOptions
): Promise<CheckOutcome> {
  const fixes = options.fixes ?? "none";
  const write = options.write ?? true;
  return host.run(fixes === "none" ? "Check tracker" : "Fix and check tracker", async (session) => {
    const snapshot = await session.read(
      readsFormulas(host, options.rows) ? CHECK_READ : CHECK_READ_VALUES
    );
    const opts = { today: options.today, asAt: options.asAt };
    if (!write) {
      if (fixes !== "none")
        throw new TrackerError("invalid-input", "Fixes need a workbook that can be written.");
      const report = checkSnapshot(snapshot, opts);
      return {
        report,
        findings: locateFindings(snapshot, report),
        fixed: 0,
        skipped: 0,
        message: describeReport(report),
      };
    }
    const planned = planCheck(snapshot, opts, fixes);
    await session.apply(planned.plan);
    const fixed = planned.fixed.length;
    const skipped = planned.skipped.length;
    const statuses = planned.fixed.filter((f) => f.fix && f.rule === "status-unknown").length;
    const spelt = planned.fixed.filter((f) => f.fix && f.rule !== "status-unknown").length;
    const listed = [
      ...new Map(
        planned.fixed
          .filter((f) => f.listFix && !f.fix)
          .map((f) => [`${f.listFix!.list}|${f.listFix!.value}`, f])
      ).values(),
    ];
    const parts = [
      statuses > 0 ? `Fixed ${plural(statuses, "status", "statuses")}.` : "",
      spelt > 0
        ? `Wrote ${plural(spelt, "value")} as the Lists sheet spells ${spelt === 1 ? "it" : "them"}.`
        : "",
      ...listed.map((f) => `Added '${f.listFix!.value}' to the Lists sheet's ${f.listFix!.list}.`),
      skipped > 0
        ? `${skipped} ${skipped === 1 ? "fix was" : "fixes were"} not applied because the cell changed since the check; check again.`
        : "",
      describeReport(planned.report),
    ];
    return {
      report: planned.report,
      findings: locateFindings(snapshot, planned.report),
      fixed,
      skipped,
      message: parts.filter(Boolean).join(" "),
    };
  });
}

/** Select a finding's cell in the workbook (clicking an entry in the pane). */
export async function selectCell(host: WorkbookHost, cell: CellAddress): Promise<void> {
  await host.run("Select cell", (session) =>
    session.select(cell.sheet, { row: cell.row, col: cell.col, rows: 1, cols: 1 })
  );
}
