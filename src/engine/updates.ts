/**
 * The quarterly update round over a host. Asking: one read of the tracker (and, the first time,
 * one write giving it an id), then one workbook per owner, made apart from the tracker. Merging:
 * one read of each returned workbook and of the tracker to list every change; applying: one read
 * and one write, whatever the number of rows. No Office, DOM or Node APIs: hosts are passed in.
 */
import { addDays, formatIso, formatUk, type CalendarDate } from "../domain/dates";
import { headerIndex } from "../domain/columns";
import { TrackerError, isTrackerError } from "../domain/errors";
import { textOf } from "../domain/model";
import {
  STAMP_SHEET,
  UPDATES_SHEET,
  decideMerge,
  readStamp,
  readUpdatesSheet,
  selectRequests,
  type Change,
  type LoggedChange,
  type MergeDecision,
  type ReturnedFile,
  type SkippedOwner,
} from "../domain/updates";
import type { CreatedWorkbook, WorkbookHost, WorkbookSnapshot } from "../workbook/host";
import { fitPlanToCells, MAX_CELL_CHARS } from "../workbook/cell-limit";
import type { WorkbookPlan } from "../workbook/plan";
import { readSettings, readVocabulary, trackerRows } from "../workbook/read";
import {
  META_TRACKER_ID,
  RETURNED_READ,
  UPDATE_LOG_TABLE,
  planMergeApply,
  planOwnerWorkbook,
  planTrackerId,
  trackerColumnsOf,
  trackerOf,
  updatesRead,
} from "../workbook/updates";

/** Days owners are given to reply when no date is set. */
export const DEFAULT_REPLY_DAYS = 14;

/** A short random id (not a secret: it tells requests and trackers apart). */
export function randomId(): string {
  return (Date.now().toString(36).slice(-4) + Math.random().toString(36).slice(2, 8)).toUpperCase();
}

export interface RequestOptions {
  today: CalendarDate;
  /** The day replies are due (default: today + 14 days). */
  due?: CalendarDate;
  /** Only these owners (default: every owner with open items). */
  owners?: readonly string[];
  /** Makes the ids (tests fix it). */
  newId?: () => string;
}

export interface PreparedRequest {
  owner: string;
  fileName: string;
  items: number;
  refs: string[];
  plan: WorkbookPlan;
}

export interface RequestResult {
  trackerId: string | null;
  /** True when this request gave the tracker its id (written into its metadata). */
  trackerIdCreated: boolean;
  requestId: string;
  requestedOn: CalendarDate;
  due: CalendarDate;
  office: string;
  requests: PreparedRequest[];
  skipped: SkippedOwner[];
  message: string;
}

/** Decide who is asked for what and plan each owner's workbook. */
export async function requestUpdates(
  host: WorkbookHost,
  options: RequestOptions
): Promise<RequestResult> {
  const newId = options.newId ?? randomId;
  const due = options.due ?? addDays(options.today, DEFAULT_REPLY_DAYS);
  return host.run("Ask owners for updates", async (session) => {
    const snapshot = await session.read(updatesRead());
    const tracker = trackerOf(snapshot);
    const vocabulary = readVocabulary(snapshot);
    const settings = readSettings(snapshot);
    const selection = selectRequests(trackerRows(tracker), {
      owners: options.owners,
      date: options.today,
      vocabulary,
    });
    let trackerId = snapshot.meta?.[META_TRACKER_ID] || null;
    let trackerIdCreated = false;
    if (!trackerId && selection.requests.length > 0) {
      trackerId = `T-${newId()}`;
      await session.apply(planTrackerId(snapshot, trackerId));
      trackerIdCreated = true;
    }
    const requestId = `R-${formatIso(options.today)}-${newId()}`;
    const requests = selection.requests.map((r) => ({
      owner: r.owner,
      fileName: r.fileName,
      items: r.items.length,
      refs: r.items.map((i) => i.ref),
      plan: planOwnerWorkbook(r, {
        stamp: {
          trackerId: trackerId as string,
          requestId,
          owner: r.owner,
          office: settings.officeName,
          requestedOn: options.today,
          due,
          rows: r.items.map((i) => ({ ref: i.ref, fingerprint: i.fingerprint, sent: i.sent })),
        },
        vocabulary,
        marking: settings.protectiveMarking,
      }),
    }));
    const items = requests.reduce((n, r) => n + r.items, 0);
    const message =
      requests.length === 0
        ? `No owner has open items to ask about${selection.skipped.length ? ` (${plural(selection.skipped.length, "note")} below)` : ""}.`
        : `${plural(requests.length, "owner")} to ask about ${plural(items, "open item")}, replies by ${formatUk(due)}.`;
    return {
      trackerId,
      trackerIdCreated,
      requestId,
      requestedOn: options.today,
      due,
      office: settings.officeName,
      requests,
      skipped: selection.skipped,
      message,
    };
  });
}

/** Make one owner's workbook: in Excel it opens in a new window; the xlsx host returns bytes. */
export async function makeOwnerWorkbook(
  host: WorkbookHost,
  request: PreparedRequest
): Promise<CreatedWorkbook> {
  if (!host.createWorkbook) {
    throw new TrackerError(
      "unsupported",
      "This version of Excel cannot open a new workbook from an add-in. Use the command line instead: inspection-tracker updates request TRACKER.xlsx --out FOLDER."
    );
  }
  return host.createWorkbook(request.fileName, request.plan);
}

export interface ReturnedSource {
  /** The file's name as the analyst knows it. */
  name: string;
  /** A host over it, or a function opening one (a failure to open is reported for that file). */
  open: () => Promise<WorkbookHost>;
}

/** Read each returned workbook (one read each); a file that cannot be read is refused by name. */
export async function readReturned(sources: readonly ReturnedSource[]): Promise<ReturnedFile[]> {
  const out: ReturnedFile[] = [];
  for (const source of sources) {
    try {
      const host = await source.open();
      const snapshot = await host.run(`Read ${source.name}`, (s) => s.read(RETURNED_READ));
      out.push(returnedFileOf(source.name, snapshot));
    } catch (e) {
      if (!isTrackerError(e)) throw e;
      const reason = e.message.replace(/\.\s*$/, "");
      out.push({
        file: source.name,
        stamp: { ok: false, reason: `it could not be read (${reason})` },
        sheet: { ok: false, reason },
      });
    }
  }
  return out;
}

/** A returned workbook's stamp and Updates sheet, out of its snapshot. */
export function returnedFileOf(name: string, snapshot: WorkbookSnapshot): ReturnedFile {
  const find = (sheet: string) =>
    Object.values(snapshot.sheetValues).find((s) => s.name.toLowerCase() === sheet.toLowerCase()) ??
    null;
  return {
    file: name,
    stamp: readStamp(find(STAMP_SHEET)),
    sheet: readUpdatesSheet(find(UPDATES_SHEET), UPDATES_SHEET),
  };
}

function decide(snapshot: WorkbookSnapshot, files: readonly ReturnedFile[]): MergeDecision {
  const tracker = trackerOf(snapshot);
  return decideMerge(
    {
      trackerId: snapshot.meta?.[META_TRACKER_ID] || null,
      rows: trackerRows(tracker),
      columns: trackerColumnsOf(tracker),
      vocabulary: readVocabulary(snapshot),
      log: loggedChanges(snapshot),
    },
    files
  );
}

/** The Update log's rows as the merge reads them (which request changed which Ref, and when). */
function loggedChanges(snapshot: WorkbookSnapshot): LoggedChange[] {
  const log = snapshot.tables[UPDATE_LOG_TABLE];
  if (!log) return [];
  const at = (header: string) => headerIndex(log.headers, header);
  const [ref, request, on] = [at("Ref"), at("Request"), at("Requested on")];
  if (ref < 0 || request < 0) return [];
  return log.rows.map((r) => ({
    ref: textOf(r[ref] ?? null),
    requestId: textOf(r[request] ?? null),
    requestedOn: on >= 0 && typeof r[on] === "number" ? (r[on] as number) : null,
  }));
}

/** Every change the returned workbooks would make, and what they cannot. Changes nothing. */
export async function previewMerge(
  host: WorkbookHost,
  files: readonly ReturnedFile[]
): Promise<MergeDecision> {
  return host.run("Read the tracker to merge updates", async (session) =>
    decide(await session.read(updatesRead()), files)
  );
}

export interface ApplyMergeOptions {
  today: CalendarDate;
  /** Keys of the changes to apply (the pane's ticks); all of them when absent. */
  accept?: ReadonlySet<string>;
  /** Called once before anything is written, only when there is something to write. */
  beforeWrite?: () => Promise<void>;
}

export interface MergeResult {
  /** The decision against the tracker as it was when applying. */
  decision: MergeDecision;
  applied: Change[];
  /** Changes listed but not applied (unticked). */
  notApplied: number;
  logSheet: string;
  /**
   * Answers longer than an Excel cell holds: cut to fit (in the tracker and the Update log),
   * marked "[… cut]", and said here, one finding per change.
   */
  cut: string[];
  message: string;
}

const count = (n: number) => n.toLocaleString("en-GB");

/** A finding for each applied answer too long for a cell (fitPlanToCells cuts it). */
export function cutFindings(applied: readonly Change[]): string[] {
  return applied
    .filter((c) => typeof c.to === "string" && c.to.length > MAX_CELL_CHARS)
    .map(
      (c) =>
        `${c.ref} ${c.column}: the answer in ${c.file} (${c.owner}) held ${count((c.to as string).length)} characters, over Excel's limit of ${count(MAX_CELL_CHARS)} for a cell: it was cut to fit in the tracker and the Update log and marked "[… cut]". Ask the owner for the full text, or keep it elsewhere.`
    );
}

/**
 * Apply the returned workbooks' changes: read the tracker again (it may have changed since the
 * preview), decide again, and write the accepted changes, Last updated and the Update log in one
 * apply. Merging the same workbooks again applies nothing.
 */
export async function applyMerge(
  host: WorkbookHost,
  files: readonly ReturnedFile[],
  options: ApplyMergeOptions
): Promise<MergeResult> {
  return host.run("Merge returned updates", async (session) => {
    const snapshot = await session.read(updatesRead());
    const decision = decide(snapshot, files);
    const applied = options.accept
      ? decision.changes.filter((c) => options.accept!.has(c.key))
      : decision.changes;
    const outcome = planMergeApply(snapshot, applied, options.today);
    // Owners' free text goes into cells: nothing over Excel's 32,767 characters is written.
    const { plan } = fitPlanToCells(outcome.plan);
    const cut = cutFindings(applied);
    if (plan.ops.length > 0) {
      await options.beforeWrite?.();
      await session.apply(plan);
    }
    const refused = decision.rejected.length + decision.conflicts.length + decision.unknown.length;
    const rows = new Set(applied.map((c) => c.rowIndex)).size;
    const message =
      applied.length === 0
        ? `Nothing was changed: no change to apply${refused ? ` (${plural(refused, "answer")} not applied, listed below)` : ""}.`
        : `Applied ${plural(applied.length, "change")} to ${plural(rows, "row")} and logged ${applied.length === 1 ? "it" : "them"} on the '${outcome.logSheet}' sheet` +
          `${refused ? `; ${plural(refused, "answer")} not applied (listed below)` : ""}.`;
    return {
      decision,
      applied,
      notApplied: decision.changes.length - applied.length,
      logSheet: outcome.logSheet,
      cut,
      message: cut.length > 0 ? `${message} ${cut.join(" ")}` : message,
    };
  });
}

/** Show the Update log sheet (after a merge). */
export async function openUpdateLog(host: WorkbookHost, sheet: string): Promise<void> {
  await host.run("Open the Update log", (session) =>
    session.apply({ ops: [{ op: "activate", sheet }] })
  );
}

/** For the pane: values as it shows them, and the shapes of the merge's lists. */
export { shownValue } from "../domain/updates";
export type {
  Change,
  Conflict,
  FileOutcome,
  MergeDecision,
  Rejection,
  ReturnedFile,
  SkippedOwner,
  UnknownRow,
} from "../domain/updates";
import { plural } from "../domain/text";
