/**
 * `inspection-tracker check FILE [--as-at DATE] [--json]`: check a tracker's rows (an .xlsx
 * tracker, or a CSV whose header row names the columns). Reads only: the file is not changed.
 * Exit code 1 when there is any error, 0 otherwise.
 */
import { extname, basename } from "node:path";
import { groupByRule, type CheckReport } from "../../domain/check";
import { TABLES, TRACKER_COLUMNS, headerIndex } from "../../domain/columns";
import { calendarDateOf, formatUk, fromExcelSerial, toExcelSerial } from "../../domain/dates";
import { TrackerError } from "../../domain/errors";
import { encodingNote } from "../../domain/files/encoding";
import { checkTracker } from "../../engine/check";
import { createXlsxHost } from "../../hosts/xlsx";
import type { WorkbookSnapshot } from "../../workbook/host";
import { checkSnapshot } from "../../workbook/check";
import { UsageError, oneFile, parseArguments, type Command, type Io } from "../io";
import { parseAsAt } from "../as-at";
import { readCsvFile } from "../read-csv";
import { plural } from "../../domain/text";

const USAGE = `Usage: inspection-tracker check FILE [--as-at DATE] [--json]

Check every row of a tracker: statuses, owners, dates, evidence, duplicate refs, formulas in
text, and the 56-day response deadline. FILE is an .xlsx tracker or a .csv file whose first row
holds the column headers (Ref, Recommendation, Owner, Target date, Status, ...). The file is
not changed.

Options:
  --as-at DATE        The date to check against, YYYY-MM-DD or DD/MM/YYYY (default: the
                      workbook's As-at date, or today)
  --json              Print the findings as JSON on stdout
Exit code: 1 when any row has an error, 0 otherwise.`;

/** A CSV file's cells as a snapshot holding one tracker table (header row = table header). */
export function csvSnapshot(rows: string[][], file: string): WorkbookSnapshot {
  if (rows.length === 0)
    throw new TrackerError(
      "invalid-input",
      `${file} is empty: it needs a header row and the tracker's rows.`
    );
  const headers = rows[0].map((h) => h.trim());
  if (headerIndex(headers, "Status") < 0) {
    const known = TRACKER_COLUMNS.map((c) => c.header).join(", ");
    throw new TrackerError(
      "not-a-tracker",
      `${file} has no 'Status' column in its first row, so it does not look like a tracker. The header row should name the columns: ${known}.`
    );
  }
  const width = headers.length;
  const body = rows.slice(1).map((r) => Array.from({ length: width }, (_, j) => r[j] ?? ""));
  const sheet = basename(file).replace(/\.csv$/i, "");
  return {
    sheets: [{ name: sheet, visibility: "visible", protected: false }],
    activeSheet: sheet,
    meta: null,
    tables: {
      [TABLES.tracker]: { name: TABLES.tracker, sheet, row: 0, col: 0, headers, rows: body },
    },
    sheetValues: {},
  };
}

export function reportJson(report: CheckReport) {
  return {
    asAt: report.asAt,
    rows: report.rows,
    counts: report.counts,
    rowsWithErrors: report.rowsWithErrors,
    staleDays: report.staleDays,
    dueSoonDays: report.dueSoonDays,
    findings: report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      row: f.row,
      ref: f.ref,
      column: f.column,
      message: f.message,
      suggestion: f.suggestion,
      table: f.table === "tracker" ? TABLES.tracker : TABLES.inspections,
    })),
  };
}

export function reportText(report: CheckReport, file: string): string {
  const lines = [
    `${file}: ${plural(report.rows, "row")} checked as at ${formatUk(fromExcelSerial(report.asAtSerial))}: ` +
      `${plural(report.counts.error, "error")}, ${plural(report.counts.warning, "warning")}` +
      (report.rowsWithErrors ? ` (${plural(report.rowsWithErrors, "row")} with errors).` : "."),
  ];
  for (const g of groupByRule(report.findings)) {
    lines.push(
      "",
      `${g.title} (${g.findings.length} ${g.severity}${g.findings.length === 1 ? "" : "s"}):`
    );
    for (const f of g.findings) {
      const where = `${f.table === "inspections" ? "Inspections row" : "row"} ${f.row}`;
      lines.push(
        `  ${where}${f.ref ? ` ${f.ref}` : ""}, ${f.column}: ${f.message}${f.suggestion ? ` Suggested: ${f.suggestion}.` : ""}`
      );
    }
  }
  return lines.join("\n");
}

async function checkFile(
  file: string,
  today: number,
  asAt: number | null,
  io: Io,
  json: boolean
): Promise<CheckReport> {
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") {
    const { rows, decoded } = readCsvFile(file);
    const note = encodingNote(file, decoded);
    if (note) (json || decoded.replaced > 0 ? io.err : io.out)(note);
    return checkSnapshot(csvSnapshot(rows, file), { today, asAt, typedCells: false });
  }
  if (ext === ".xlsx" || ext === ".xlsm") {
    const host = await createXlsxHost({ file, lean: true });
    return (await checkTracker(host, { today, asAt, write: false })).report;
  }
  throw new UsageError(`FILE must be an .xlsx tracker or a .csv file, not '${basename(file)}'.`);
}

export const checkCommand: Command = {
  name: "check",
  summary: "Check a tracker's rows (.xlsx or .csv); exit 1 on any error",
  usage: USAGE,
  run: async (args: string[], io: Io) => {
    const parsed = parseArguments({
      args,
      allowPositionals: true,
      strict: true,
      options: { "as-at": { type: "string" }, json: { type: "boolean", default: false } },
    });
    const file = oneFile(parsed.positionals, "Give the tracker file to check.");
    const asAtText = parsed.values["as-at"];
    const asAt = asAtText !== undefined ? parseAsAt(asAtText) : null;
    const today = toExcelSerial(calendarDateOf(new Date()));
    const report = await checkFile(file, today, asAt, io, parsed.values.json === true);
    io.out(
      parsed.values.json ? JSON.stringify(reportJson(report), null, 2) : reportText(report, file)
    );
    return report.counts.error > 0 ? 1 : 0;
  },
};
