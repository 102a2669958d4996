/**
 * Diagnostics: run the host's probes on the analyst's own Excel, and the report as plain text for
 * the analyst to copy (into an email to whoever supports the add-in). Nothing is sent anywhere.
 * Pure orchestration over a WorkbookHost.
 */
import { calendarDateOf, formatUk } from "../domain/dates";
import type { DiagnosticsReport, WorkbookHost } from "../workbook/host";

export type { DiagnosticsReport };

/** Whether this host can probe the client it runs in (Excel can; a file cannot). */
export function canDiagnose(host: WorkbookHost): boolean {
  return typeof host.diagnose === "function";
}

export async function diagnose(host: WorkbookHost): Promise<DiagnosticsReport> {
  if (!host.diagnose) throw new Error("This workbook host has nothing to probe.");
  return host.diagnose();
}

const yesNo = (v: boolean | null, yes: string, no: string) =>
  v === null ? "unknown (not probed here)" : v ? yes : no;

const shown = (v: string | null) => (v === null ? "unknown" : JSON.stringify(v));

/** The report as lines of text, UK English, dates dd/mm/yyyy. */
export function reportText(report: DiagnosticsReport, today: Date): string {
  const lines = [
    `Inspection Tracker diagnostics, ${formatUk(calendarDateOf(today))}`,
    `Excel: ${report.platform ?? "unknown platform"}${report.version ? `, version ${report.version}` : ""}`,
    `Highest requirement set: ${report.excelApi ? `ExcelApi ${report.excelApi}` : "not reported"}`,
    `Requirement sets: ${report.apiSets.map((s) => `${s.set} ${s.supported ? "yes" : "no"}`).join("; ")}`,
    `Text cell given '-ve holds: ${shown(report.textCell.apostrophe)}`,
    `Text cell given =1+1 holds: ${shown(report.textCell.formula)}`,
    `Table grows when a row is written below it: ${yesNo(report.tableGrows, "yes", "no")}`,
    `Change events say who made them: ${yesNo(report.eventsHaveTriggerSource, "yes", "no")}`,
    `One undo step for several changes: ${yesNo(report.mergedUndoAccepted, "accepted", "refused")}`,
    `Text starting with = + - @ is written ${report.textStrategy === "plain" ? "as it is (Text cells keep it)" : "with an apostrophe in front"}`,
    ...report.notes.map((n) => `Note: ${n}`),
  ];
  return lines.join("\n");
}
