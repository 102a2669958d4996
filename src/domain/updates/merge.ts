/**
 * Merging returned update workbooks: every change an owner made, matched to its tracker row by
 * Ref and the request stamp, judged, and listed before anything is written. Pure.
 *
 * For each editable cell: the value as sent (from the stamp), as returned, and as the tracker
 * holds it now.
 * - returned = sent: the owner left it; nothing.
 * - returned not valid (a status outside the vocabulary, a date that is not a date, an Excel
 *   error, a cleared cell): refused, with the reason.
 * - returned = the tracker's value now: already there (merging a file again changes nothing).
 * - the tracker row changed since the request (its fingerprint differs): a conflict; both
 *   values are shown and neither is written.
 * - otherwise a change, from the tracker's value to the returned one.
 * Edits to locked columns are refused (ignored). Rows the request did not send, or whose Ref the
 * tracker no longer has, are unknown. Two files that give one cell different values conflict.
 */
import { TRACKER_COLUMNS, TRACKER_HEADER, type TrackerKey } from "../columns";
import { formatUk, fromExcelSerial, toExcelSerial, type CalendarDate } from "../dates";
import { textOf, type TrackerRow, type Value } from "../model";
import type { StatusDef } from "../status";
import { canonical, kindOfKey, rowFingerprint, type SentValues } from "./fingerprint";
import { EDITABLE_COLUMNS, LOCKED_COLUMNS, SENT_KEYS, type UpdateColumn } from "./layout";
import type { SheetRead } from "./returned";
import type { StampRead, StampRow } from "./stamp";
import { returnedDate, returnedStatus, returnedText, type Verdict } from "./values";

export interface ReturnedFile {
  /** The file's name as the analyst knows it. */
  file: string;
  stamp: StampRead;
  sheet: SheetRead;
}

export interface TrackerForMerge {
  /** The tracker's id (metadata), or null when it never sent a request. */
  trackerId: string | null;
  rows: readonly TrackerRow[];
  /** The contract columns the tracker table has. */
  columns: ReadonlySet<TrackerKey>;
  vocabulary: readonly StatusDef[];
  /** The Update log's entries so far (which request changed which Ref), when there is one. */
  log?: readonly LoggedChange[];
}

/** One row of the Update log, as far as the merge needs it. */
export interface LoggedChange {
  ref: string;
  requestId: string;
  /** The request's date (an Excel serial), or null when the cell holds none. */
  requestedOn: number | null;
}

export interface Change {
  /** Identifies the change between the preview and the apply (the pane's ticks). */
  key: string;
  file: string;
  owner: string;
  requestId: string;
  requestedOn: CalendarDate;
  ref: string;
  /** The tracker's column header (Revised target date changes Target date). */
  column: string;
  trackerKey: TrackerKey;
  /** The owner workbook's column it came from. */
  returnedColumn: string;
  /** 0-based body index and 1-based sheet row of the tracker row. */
  rowIndex: number;
  sheetRow: number;
  from: Value;
  to: Value;
  /** How a value was read, when it was not taken as written ("'green' read as Green"). */
  note: string | null;
}

export interface Rejection {
  file: string;
  ref: string | null;
  column: string | null;
  value: Value;
  reason: string;
}

export interface Conflict {
  file: string;
  owner: string;
  ref: string;
  column: string;
  trackerKey: TrackerKey;
  /** The tracker's value now, the returned one, and the one the request sent. */
  tracker: Value;
  returned: Value;
  sent: Value;
  reason: string;
}

export interface UnknownRow {
  file: string;
  ref: string;
  /** 1-based row on the returned sheet. */
  row: number;
  reason: string;
}

export interface FileOutcome {
  file: string;
  /** True when its rows were read; false when the whole file was refused. */
  read: boolean;
  reason: string | null;
  owner: string | null;
  requestId: string | null;
  requestedOn: CalendarDate | null;
  due: CalendarDate | null;
  /** Rows read from its Updates sheet. */
  rows: number;
  /** Refs the request sent that are no longer on the returned sheet. */
  missing: string[];
}

export interface MergeDecision {
  changes: Change[];
  rejected: Rejection[];
  conflicts: Conflict[];
  unknown: UnknownRow[];
  files: FileOutcome[];
}

const kindOf = (c: UpdateColumn) => (c.kind === "date" ? "date" : "text");

function judge(
  c: UpdateColumn,
  cell: Parameters<typeof returnedText>[0],
  vocab: readonly StatusDef[]
): Verdict {
  if (c.kind === "status") return returnedStatus(cell, vocab);
  if (c.kind === "date") return returnedDate(cell);
  return returnedText(cell);
}

export function sentValuesOf(row: TrackerRow): SentValues {
  const sent: SentValues = {};
  for (const k of SENT_KEYS) sent[k] = row.values[k] ?? null;
  return sent;
}

export function changeKey(file: string, ref: string, key: TrackerKey, to: Value): string {
  return [file, ref, key, canonical(to, key === "targetDate" ? "date" : "text")].join("\u0000");
}

export function decideMerge(
  tracker: TrackerForMerge,
  files: readonly ReturnedFile[]
): MergeDecision {
  const rejected: Rejection[] = [];
  const conflicts: Conflict[] = [];
  const unknown: UnknownRow[] = [];
  const outcomes: FileOutcome[] = [];
  const pending: Change[] = [];

  const byRef = new Map<string, TrackerRow[]>();
  for (const r of tracker.rows) {
    const ref = textOf(r.values.ref).toLowerCase();
    if (!ref) continue;
    const list = byRef.get(ref);
    if (list) list.push(r);
    else byRef.set(ref, [r]);
  }
  const currentPrints = new Map<TrackerRow, string>();
  const printOf = (r: TrackerRow) => {
    let p = currentPrints.get(r);
    if (p === undefined) currentPrints.set(r, (p = rowFingerprint(sentValuesOf(r))));
    return p;
  };

  // The latest request merged into each Ref, from the Update log.
  const latest = new Map<string, LoggedChange>();
  for (const e of tracker.log ?? []) {
    if (e.requestedOn === null || !e.ref) continue;
    const k = e.ref.toLowerCase();
    const seen = latest.get(k);
    if (!seen || (seen.requestedOn ?? 0) < e.requestedOn) latest.set(k, e);
  }
  /** A request sent after this stamp's whose answers were merged into this Ref, if any. */
  const laterRequest = (ref: string, stamp: { requestId: string; requestedOn: CalendarDate }) => {
    const e = latest.get(ref);
    return e &&
      e.requestId !== stamp.requestId &&
      (e.requestedOn ?? 0) > toExcelSerial(stamp.requestedOn)
      ? e
      : null;
  };

  for (const f of files) {
    const outcome: FileOutcome = {
      file: f.file,
      read: false,
      reason: null,
      owner: null,
      requestId: null,
      requestedOn: null,
      due: null,
      rows: 0,
      missing: [],
    };
    outcomes.push(outcome);
    const refuse = (reason: string) => {
      outcome.reason = reason;
      rejected.push({
        file: f.file,
        ref: null,
        column: null,
        value: f.file,
        reason: `Not merged: ${reason}.`,
      });
    };
    if (!f.stamp.ok) {
      refuse(f.stamp.reason);
      continue;
    }
    const stamp = f.stamp.stamp;
    outcome.owner = stamp.owner;
    outcome.requestId = stamp.requestId;
    outcome.requestedOn = stamp.requestedOn;
    outcome.due = stamp.due;
    if (tracker.trackerId === null || stamp.trackerId !== tracker.trackerId) {
      refuse(
        tracker.trackerId === null
          ? "it comes from another tracker (this tracker has never sent a request for updates)"
          : "it comes from another tracker: merge it into the tracker that sent it"
      );
      continue;
    }
    if (!f.sheet.ok) {
      refuse(f.sheet.reason);
      continue;
    }
    outcome.read = true;
    const sheet = f.sheet.sheet;
    outcome.rows = sheet.rows.length;
    const sentByRef = new Map<string, StampRow>();
    for (const s of stamp.rows) sentByRef.set(s.ref.toLowerCase(), s);
    const seen = new Set<string>();

    for (const row of sheet.rows) {
      const ref = row.ref;
      const key = ref.toLowerCase();
      const unknownRow = (reason: string) =>
        unknown.push({ file: f.file, ref, row: row.sheetRow, reason });
      if (!ref) {
        unknownRow("the row has no Ref, so it was not read");
        continue;
      }
      const sent = sentByRef.get(key);
      if (!sent) {
        unknownRow(
          "this Ref was not sent in this request (a row added by hand?), so it was not read"
        );
        continue;
      }
      if (seen.has(key)) {
        unknownRow("this Ref is on the sheet twice; only its first row was read");
        continue;
      }
      seen.add(key);
      const rows = byRef.get(key) ?? [];
      if (rows.length === 0) {
        unknownRow("the tracker has no item with this Ref (removed or renamed since the request)");
        continue;
      }
      if (rows.length > 1) {
        rejected.push({
          file: f.file,
          ref,
          column: null,
          value: null,
          reason: `This Ref is on ${rows.length} tracker rows (${rows.map((r) => r.sheetRow).join(", ")}): give each its own Ref, then merge again.`,
        });
        continue;
      }
      const tr = rows[0];

      for (const c of LOCKED_COLUMNS) {
        const cell = row.cells[c.header];
        if (!cell || c.header === "Ref") continue;
        if (
          canonical(cell.value, kindOf(c)) !== canonical(sent.sent[c.tracker] ?? null, kindOf(c))
        ) {
          rejected.push({
            file: f.file,
            ref,
            column: c.header,
            value: cell.value,
            reason: `${c.header} is not for owners to change: the edit was ignored.`,
          });
        }
      }

      // The owner's answers, judged: those that could change the tracker go on.
      const answers: { c: UpdateColumn; value: Value; note: string | null; asSent: Value }[] = [];
      for (const c of EDITABLE_COLUMNS) {
        const cell = row.cells[c.header];
        if (!cell) continue;
        const kind = kindOf(c);
        const asSent = c.prefilled ? (sent.sent[c.tracker] ?? null) : null;
        if (canonical(cell.value, kind) === canonical(asSent, kind)) continue;
        const reject = (reason: string) =>
          rejected.push({ file: f.file, ref, column: c.header, value: cell.value, reason });
        if (textOf(cell.value) === "") {
          reject(`${c.header} was cleared: a blank answer never erases what the tracker holds.`);
          continue;
        }
        const verdict = judge(c, cell, tracker.vocabulary);
        if (!verdict.ok) {
          reject(verdict.reason.endsWith(".") ? verdict.reason : verdict.reason + ".");
          continue;
        }
        if (!tracker.columns.has(c.tracker)) {
          reject(`The tracker has no '${TRACKER_HEADER[c.tracker]}' column to write it to.`);
          continue;
        }
        answers.push({ c, value: verdict.value, note: verdict.note, asSent });
      }
      if (answers.length === 0) continue;

      // What changed in the tracker row since the request, apart from what this file itself
      // answers (a change merged from it before, in part or whole, is not someone else's).
      const since: SinceChange[] = [];
      if (printOf(tr) !== sent.fingerprint) {
        const answered = new Map(
          answers.map((a) => [a.c.tracker, canonical(a.value, kindOfKey(a.c.tracker))])
        );
        for (const k of SENT_KEYS) {
          const kind = kindOfKey(k);
          const now = canonical(tr.values[k] ?? null, kind);
          if (now === canonical(sent.sent[k] ?? null, kind) || answered.get(k) === now) continue;
          since.push({ key: k, sent: sent.sent[k] ?? null, now: tr.values[k] ?? null });
        }
      }
      const conflictReason =
        since.length > 0
          ? sinceReason(since, stamp.requestId, stamp.requestedOn, laterRequest(key, stamp))
          : null;

      for (const a of answers) {
        const c = a.c;
        const kind = kindOf(c);
        const current = tr.values[c.tracker] ?? null;
        if (canonical(a.value, kind) === canonical(current, kind)) continue;
        if (conflictReason) {
          conflicts.push({
            file: f.file,
            owner: stamp.owner,
            ref,
            column: TRACKER_HEADER[c.tracker],
            trackerKey: c.tracker,
            tracker: current,
            returned: a.value,
            sent: a.asSent,
            reason: conflictReason,
          });
          continue;
        }
        pending.push({
          key: changeKey(f.file, textOf(tr.values.ref), c.tracker, a.value),
          file: f.file,
          owner: stamp.owner,
          requestId: stamp.requestId,
          requestedOn: stamp.requestedOn,
          ref: textOf(tr.values.ref),
          column: TRACKER_HEADER[c.tracker],
          trackerKey: c.tracker,
          returnedColumn: c.header,
          rowIndex: tr.index,
          sheetRow: tr.sheetRow,
          from: current,
          to: a.value,
          note: a.note,
        });
      }
    }
    outcome.missing = stamp.rows.filter((s) => !seen.has(s.ref.toLowerCase())).map((s) => s.ref);
  }

  // One tracker cell, two answers: the same answer is taken once; different answers conflict.
  const byCell = new Map<string, Change[]>();
  for (const c of pending) {
    const k = `${c.rowIndex}\u0000${c.trackerKey}`;
    const list = byCell.get(k);
    if (list) list.push(c);
    else byCell.set(k, [c]);
  }
  const changes: Change[] = [];
  for (const list of byCell.values()) {
    const kind = list[0].trackerKey === "targetDate" ? "date" : "text";
    const answers = new Set(list.map((c) => canonical(c.to, kind)));
    if (answers.size === 1) {
      changes.push(list[0]);
      continue;
    }
    for (const c of list) {
      conflicts.push({
        file: c.file,
        owner: c.owner,
        ref: c.ref,
        column: c.column,
        trackerKey: c.trackerKey,
        tracker: c.from,
        returned: c.to,
        sent: c.from,
        reason: `Returned workbooks give this cell different answers (${list.map((x) => x.file).join(", ")}), so none was applied.`,
      });
    }
  }
  changes.sort(
    (a, b) => a.rowIndex - b.rowIndex || columnOrder(a.trackerKey) - columnOrder(b.trackerKey)
  );
  return { changes, rejected, conflicts, unknown, files: outcomes };
}

/** A tracker cell changed since the request: as sent, and now. */
interface SinceChange {
  key: TrackerKey;
  sent: Value;
  now: Value;
}

const shown = (v: Value, key: TrackerKey) =>
  textOf(v) === ""
    ? "blank"
    : key === "targetDate" && typeof v === "number"
      ? formatUk(fromExcelSerial(Math.floor(v)))
      : `'${textOf(v).length > 40 ? textOf(v).slice(0, 37) + "…" : textOf(v)}'`;

/**
 * Why a returned answer was not applied because its tracker row changed since the request: the
 * item given to another owner, a later request's answers merged since (a stale reply), or the
 * cells that changed, as sent and now.
 */
function sinceReason(
  since: readonly SinceChange[],
  requestId: string,
  requestedOn: CalendarDate,
  later: LoggedChange | null
): string {
  const owner = since.find((s) => s.key === "owner");
  if (owner) {
    const now = textOf(owner.now);
    return `Since the request of ${formatUk(requestedOn)} this item has been given to ${now ? now : "nobody"} (it was sent to ${textOf(owner.sent) || "nobody"}), so this answer was not applied: the tracker row changed since the request. Ask ${now || "its new owner"} for an update, or apply it by hand if it still stands.`;
  }
  if (later) {
    const on =
      later.requestedOn === null ? "" : `, sent ${formatUk(fromExcelSerial(later.requestedOn))}`;
    return `This reply answers an older request (${requestId}, sent ${formatUk(requestedOn)}); answers to a later request (${later.requestId}${on}) have been merged into this row since, so it was not applied: the tracker row changed since the request.`;
  }
  const what = since
    .map(
      (s) =>
        `${TRACKER_HEADER[s.key]} was ${shown(s.sent, s.key)} when sent, ${shown(s.now, s.key)} now`
    )
    .join("; ");
  return `The tracker row changed since the request of ${formatUk(requestedOn)} (${what}), so the owner's answer was not applied: compare the two, and apply it by hand if it still stands.`;
}

function columnOrder(key: TrackerKey): number {
  return TRACKER_COLUMNS.findIndex((c) => c.key === key);
}
