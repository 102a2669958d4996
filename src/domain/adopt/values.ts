/**
 * One data row of the sheet being adopted, as the tracker will hold it: each mapped column's
 * value (statuses normalised to the vocabulary, dates read as UK dates and stored as serials),
 * each unmapped column's value under its extra header, the section heading above it as its
 * Inspection, every change listed with what was written, and what a person must decide flagged.
 * Pure.
 */
import { TRACKER_COLUMNS, type TrackerKey } from "../columns";
import { formatIso, formatUk, parseUkDate, toExcelSerial } from "../dates";
import type { Value } from "../model";
import { normaliseStatus, type StatusDef } from "../status";
import { isExcelError } from "../text";
import { cellText, isEmptyValue } from "./grid";
import { trackerHeaderOf } from "./mapping";
import type { AdoptedRow, Change, Finding, SourceColumn, SourceGrid } from "./types";

const DATE_KEYS = new Set<TrackerKey>(["targetDate", "lastUpdated", "closedDate"]);

/** Where a row's changes and findings go. */
interface Notes {
  changes: Change[];
  findings: Finding[];
}

/** The section row a data row sits under (its heading, and its sheet row). */
export interface Section {
  name: string;
  row: number;
}

/**
 * A reader of data rows for one sheet: `read(i, section)` adopts grid row i. Analysts repeat the
 * same few spellings thousands of times, so each status and date spelling is decided once.
 */
export function dataRowReader(
  grid: SourceGrid,
  columns: SourceColumn[],
  vocabulary: readonly Pick<StatusDef, "name">[],
  notes: Notes
) {
  const statusCache = new Map<string, ReturnType<typeof normaliseStatus>>();
  const dateCache = new Map<string, ReturnType<typeof parseUkDate>>();
  const inspectionHeader = trackerHeaderOf("inspection");

  /** The Status cell: the vocabulary's name for what was written, or kept as written and flagged. */
  function status(v: Value, text: string, sr: number, values: Record<TrackerKey, Value>) {
    const header = trackerHeaderOf("status");
    const key = isEmptyValue(v) ? "" : text;
    let res = statusCache.get(key);
    if (!res) statusCache.set(key, (res = normaliseStatus(key, vocabulary)));
    if (res.verdict === "exact" || res.verdict === "normalised") {
      values.status = res.status;
      if (res.verdict === "normalised") {
        notes.changes.push({
          sourceRow: sr,
          column: header,
          asWritten: text,
          asAdopted: res.status!,
          note: res.note ?? "",
        });
      }
      return res.status;
    }
    if (res.verdict === "blank") {
      values.status = null;
      notes.findings.push({
        sourceRow: sr,
        rule: "status-blank",
        severity: "warning",
        column: header,
        message: `Status is blank: choose one of ${vocabulary.map((s) => s.name).join(", ")}`,
      });
      return null;
    }
    values.status = v;
    notes.findings.push({
      sourceRow: sr,
      rule: res.verdict === "ambiguous" ? "status-ambiguous" : "status-unknown",
      severity: "error",
      column: header,
      message: `${res.note ?? `'${text}' is not a status`}. Kept as written.`,
    });
    return null;
  }

  /**
   * A date cell: its serial, with the change when it was written as text (or with a time) and a
   * warning when it was ambiguous or named a period; kept as written and flagged when not a date.
   * Returns the date read (null when none).
   */
  function date(
    key: TrackerKey,
    v: Value,
    text: string,
    sr: number,
    values: Record<TrackerKey, Value>
  ): ReturnType<typeof parseUkDate> | null {
    if (isEmptyValue(v)) {
      values[key] = null;
      return null;
    }
    const header = trackerHeaderOf(key);
    let parsed = typeof v === "number" ? parseUkDate(v) : dateCache.get(text);
    if (!parsed) dateCache.set(text, (parsed = parseUkDate(text)));
    if (!parsed.date) {
      values[key] = v;
      notes.findings.push({
        sourceRow: sr,
        rule: "date-invalid",
        severity: "warning",
        column: header,
        message: `${parsed.error ?? `'${text}' is not a date`}: kept as written in ${header}.`,
      });
      return null;
    }
    values[key] = toExcelSerial(parsed.date);
    if (typeof v !== "number" || parsed.timeDropped) {
      notes.changes.push({
        sourceRow: sr,
        column: header,
        asWritten: text,
        asAdopted: formatUk(parsed.date),
        note: parsed.timeDropped
          ? `the time ${parsed.timeDropped} dropped: the tracker keeps days`
          : parsed.approximate
            ? "last day of the period written"
            : "read as a UK date",
      });
    }
    if (parsed.ambiguity) {
      notes.findings.push({
        sourceRow: sr,
        rule: "date-ambiguous",
        severity: "warning",
        column: header,
        message: parsed.ambiguity,
      });
    } else if (parsed.approximate) {
      notes.findings.push({
        sourceRow: sr,
        rule: "date-approximate",
        severity: "warning",
        column: header,
        message: `${header} '${text}' names a period, not a day: taken as its last day, ${formatUk(parsed.date)}. Confirm the date.`,
      });
    }
    return parsed;
  }

  /** A formula that failed in the old sheet (#N/A, #REF!, ...) comes over as its error text. */
  function sourceError(c: SourceColumn, v: Value, sr: number) {
    // Status and date columns flag it as an unknown status or a date that cannot be read.
    if (!isExcelError(v) || c.mappedTo === "status" || (c.mappedTo && DATE_KEYS.has(c.mappedTo)))
      return;
    const where = c.mappedTo ? trackerHeaderOf(c.mappedTo) : c.extraHeader!;
    notes.findings.push({
      sourceRow: sr,
      rule: "source-error",
      severity: "warning",
      column: where,
      message: `${c.header} holds the Excel error ${String(v)} (a formula that failed in the old sheet): kept as written in ${where}; type what it should say.`,
    });
  }

  return function read(i: number, section: Section | null): AdoptedRow {
    const sr = grid.row + i + 1;
    const values = {} as Record<TrackerKey, Value>;
    for (const c of TRACKER_COLUMNS) values[c.key] = null;
    const extras: Record<string, Value> = {};
    const source: Record<string, string> = {};
    let statusName: string | null = null;
    let statusAsWritten = "";
    let targetDate: string | null = null;
    let targetDateApproximate = false;
    for (const c of columns) {
      const raw = grid.values[i]?.[c.index];
      const v: Value = raw === undefined ? null : raw;
      const text = cellText(grid, i, c.index);
      source[c.header] = text;
      sourceError(c, v, sr);
      const key = c.mappedTo;
      if (!key) {
        extras[c.extraHeader!] = isEmptyValue(v) ? null : v;
      } else if (key === "status") {
        statusAsWritten = text;
        statusName = status(v, text, sr, values);
      } else if (DATE_KEYS.has(key)) {
        const parsed = date(key, v, text, sr, values);
        if (key === "targetDate" && parsed?.date) {
          targetDate = formatIso(parsed.date);
          targetDateApproximate = parsed.approximate;
        }
      } else {
        values[key] = isEmptyValue(v) ? null : v;
      }
    }
    if (section && isEmptyValue(values.inspection)) {
      values.inspection = section.name;
      notes.changes.push({
        sourceRow: sr,
        column: inspectionHeader,
        asWritten: "",
        asAdopted: section.name,
        note: `from the section row ${section.row}`,
      });
    }
    return {
      sourceRow: sr,
      values,
      extras,
      status: statusName,
      statusAsWritten,
      targetDate,
      targetDateApproximate,
      source,
    };
  };
}
