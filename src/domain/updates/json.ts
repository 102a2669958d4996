/**
 * The update round as the command line's --json prints it (and the pane's lists show it): dates
 * as YYYY-MM-DD, blanks as null. Pure.
 */
import type { TrackerKey } from "../columns";
import { formatIso, formatUk, fromExcelSerial } from "../dates";
import { textOf, type Value } from "../model";
import type { MergeDecision } from "./merge";
import type { SkippedOwner } from "./request";

/** A value for JSON: a date column's serial as YYYY-MM-DD, blank as null. */
export function jsonValue(
  v: Value,
  key: TrackerKey | "date" | "text"
): string | number | boolean | null {
  if (v === null || textOf(v) === "") return null;
  if ((key === "targetDate" || key === "date") && typeof v === "number")
    return formatIso(fromExcelSerial(Math.floor(v)));
  return v;
}

/** A value as the pane shows it: a date column's serial as dd/mm/yyyy, blank as "(blank)". */
export function shownValue(v: Value, key: TrackerKey | "date" | "text"): string {
  if (v === null || textOf(v) === "") return "(blank)";
  if ((key === "targetDate" || key === "date") && typeof v === "number")
    return formatUk(fromExcelSerial(Math.floor(v)));
  return String(v);
}

const isDateHeader = (column: string | null) => /date/i.test(column ?? "");

export interface RequestJson {
  requests: { owner: string; file: string; items: number }[];
  skipped: { owner: string | null; reason: string }[];
}

export function requestJson(
  requests: readonly { owner: string; file: string; items: number }[],
  skipped: readonly SkippedOwner[]
): RequestJson {
  return {
    requests: requests.map((r) => ({ owner: r.owner, file: r.file, items: r.items })),
    skipped: skipped.map((s) => ({ owner: s.owner, reason: s.reason })),
  };
}

export interface MergeJson {
  applied: number;
  changes: {
    ref: string;
    column: string;
    from: unknown;
    to: unknown;
    owner: string;
    file: string;
    note?: string;
  }[];
  rejected: {
    ref: string | null;
    column: string | null;
    value: unknown;
    reason: string;
    file: string;
  }[];
  conflicts: {
    ref: string;
    column: string;
    tracker: unknown;
    returned: unknown;
    owner: string;
    file: string;
    reason: string;
  }[];
  unknown: { file: string; ref: string; row: number; reason: string }[];
  files: {
    file: string;
    read: boolean;
    owner: string | null;
    requestId: string | null;
    requestedOn: string | null;
    due: string | null;
    rows: number;
    missing: string[];
    reason: string | null;
  }[];
}

export function mergeJson(decision: MergeDecision, applied: number): MergeJson {
  return {
    applied,
    changes: decision.changes.map((c) => ({
      ref: c.ref,
      column: c.column,
      from: jsonValue(c.from, c.trackerKey),
      to: jsonValue(c.to, c.trackerKey),
      owner: c.owner,
      file: c.file,
      ...(c.note ? { note: c.note } : {}),
    })),
    rejected: decision.rejected.map((r) => ({
      ref: r.ref,
      column: r.column,
      value:
        r.value === null ? null : isDateHeader(r.column) ? jsonValue(r.value, "date") : r.value,
      reason: r.reason,
      file: r.file,
    })),
    conflicts: decision.conflicts.map((c) => ({
      ref: c.ref,
      column: c.column,
      tracker: jsonValue(c.tracker, c.trackerKey),
      returned: jsonValue(c.returned, c.trackerKey),
      owner: c.owner,
      file: c.file,
      reason: c.reason,
    })),
    unknown: decision.unknown.map((u) => ({
      file: u.file,
      ref: u.ref,
      row: u.row,
      reason: u.reason,
    })),
    files: decision.files.map((f) => ({
      file: f.file,
      read: f.read,
      owner: f.owner,
      requestId: f.requestId,
      requestedOn: f.requestedOn ? formatIso(f.requestedOn) : null,
      due: f.due ? formatIso(f.due) : null,
      rows: f.rows,
      missing: f.missing,
      reason: f.reason,
    })),
  };
}
