/**
 * History: recorded positions (one row per tracker item per snapshot date) and the movement
 * between the latest two. Pure: no Office, DOM or Node APIs.
 */
import { parseUkDate, toExcelSerial } from "./dates";
import { textOf, type TrackerRow, type Value } from "./model";
import { DEFAULT_STATUSES, readStatus, type StatusDef } from "./status";

/** One recorded row: what an item stood at on a snapshot date. */
export interface HistoryEntry {
  /** Excel serial of the snapshot date. */
  date: number;
  ref: string;
  /** The status as recorded: the Status cell as it stood (a value not in the list kept as typed). */
  status: string;
  owner: string;
  /** Target date as an Excel serial, the text as written when it is not a date, or null. */
  targetDate: number | string | null;
}

/** A date cell (serial number or text) as an Excel serial, or null. */
export function serialOf(v: Value | undefined): number | null {
  if (typeof v === "number")
    return Number.isFinite(v) && v >= 1 && v <= 2958465 ? Math.floor(v) : null;
  if (v === null || v === undefined || textOf(v) === "") return null;
  const p = parseUkDate(typeof v === "boolean" ? String(v) : v);
  return p.date ? toExcelSerial(p.date) : null;
}

/**
 * The entries one "Record position" writes for the tracker's rows on a date. Rows without a Ref
 * cannot be followed from one position to the next, so they are left out and counted. A status
 * is recorded as it stands: one not in the list is kept as typed, never read as its nearest
 * colour, so it takes no part in movement.
 */
export function positionEntries(
  rows: readonly TrackerRow[],
  date: number,
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES
): { entries: HistoryEntry[]; skippedNoRef: number } {
  const entries: HistoryEntry[] = [];
  let skippedNoRef = 0;
  for (const row of rows) {
    const ref = textOf(row.values.ref);
    if (ref === "") {
      skippedNoRef++;
      continue;
    }
    const s = readStatus(row.values.status, vocabulary);
    const target = row.values.targetDate;
    const targetSerial = serialOf(target);
    entries.push({
      date,
      ref,
      status: s.status ?? s.asWritten,
      owner: textOf(row.values.owner),
      targetDate: targetSerial ?? (textOf(target) === "" ? null : textOf(target)),
    });
  }
  return { entries, skippedNoRef };
}

/** History rows read back: records keyed by the History table's headers. */
export function historyEntries(records: readonly Record<string, Value>[]): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const r of records) {
    const date = serialOf(r["Snapshot date"]);
    const ref = textOf(r["Ref"]);
    if (date === null || ref === "") continue;
    const target = r["Target date"];
    out.push({
      date,
      ref,
      status: textOf(r["Status"]),
      owner: textOf(r["Owner"]),
      targetDate: serialOf(target) ?? (textOf(target) === "" ? null : textOf(target)),
    });
  }
  return out;
}

/** The distinct snapshot dates, oldest first, optionally only those on or before a date. */
export function positionDates(entries: readonly HistoryEntry[], upTo?: number): number[] {
  const set = new Set<number>();
  for (const e of entries) if (upTo === undefined || e.date <= upTo) set.add(e.date);
  return [...set].sort((a, b) => a - b);
}

/**
 * How an item moved between two recorded positions, in plain words: completed (moved to a
 * closed status other than Superseded), superseded (closed without action), improved (a better
 * open status: Red to Amber), deteriorated (worse, or a closed item reopened), unchanged, new
 * (not in the earlier position), removed (left the tracker), or not compared (a status that is
 * blank or not valid at either position: unknown is not movement).
 */
export type Movement =
  | "completed"
  | "superseded"
  | "improved"
  | "deteriorated"
  | "unchanged"
  | "new"
  | "removed"
  | "notCompared";

/** Reporting order of the movement kinds. */
export const MOVEMENTS: readonly Movement[] = [
  "completed",
  "superseded",
  "improved",
  "deteriorated",
  "unchanged",
  "new",
  "removed",
  "notCompared",
];

export const MOVEMENT_LABEL: Record<Movement, string> = {
  completed: "Completed since last position",
  superseded: "Closed without action (Superseded)",
  improved: "Improved",
  deteriorated: "Deteriorated",
  unchanged: "Unchanged",
  new: "New since last position",
  removed: "Removed from the tracker",
  notCompared: "Not compared (no valid status at one of the positions)",
};

/** Markers shown beside a movement (never starting with a formula character). */
export const MOVEMENT_MARKER: Record<Movement, string> = {
  completed: "✓",
  superseded: "",
  improved: "▲",
  deteriorated: "▼",
  unchanged: "",
  new: "",
  removed: "",
  notCompared: "?",
};

/** The name of the closed status that means "closed without action" in the default vocabulary. */
const SUPERSEDED = "Superseded";

/**
 * How good a status is: open statuses rank by their place in the vocabulary (Red worst, then
 * Amber, Green); every closed status (Complete, Superseded) ranks above every open one. A value
 * that is blank or not a status has no rank (-1).
 */
export function statusRank(
  status: string,
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES
): number {
  const reading = readStatus(status, vocabulary);
  if (reading.kind !== "valid") return -1;
  if (reading.closed) return 1000;
  return vocabulary.filter((s) => !s.closed).findIndex((s) => s.name === reading.status);
}

/**
 * Classify one item's move between two positions. null means the item was not in that position.
 * Red → Amber improves; anything open → Complete is completed; Green → Red deteriorates; a closed
 * item that reopens deteriorates; closed → another closed status is unchanged (still closed); a
 * blank or not-valid status on either side is not compared.
 */
export function classifyMovement(
  before: string | null,
  after: string | null,
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES
): Movement {
  if (before === null && after === null) return "unchanged";
  if (before === null) return "new";
  if (after === null) return "removed";
  const a = readStatus(before, vocabulary);
  const b = readStatus(after, vocabulary);
  if (a.kind !== "valid" || b.kind !== "valid") return "notCompared";
  if (a.status === b.status) return "unchanged";
  if (b.closed && !a.closed) return b.status === SUPERSEDED ? "superseded" : "completed";
  if (b.closed && a.closed) return "unchanged";
  if (a.closed) return "deteriorated";
  const ra = statusRank(a.status!, vocabulary);
  const rb = statusRank(b.status!, vocabulary);
  return rb > ra ? "improved" : rb < ra ? "deteriorated" : "unchanged";
}

export interface MovementItem {
  ref: string;
  /** Status at the earlier position, or null when the item is new. */
  from: string | null;
  /** Status at the later position, or null when the item has left the tracker. */
  to: string | null;
  movement: Movement;
  marker: string;
}

export interface MovementSummary {
  /** Excel serials of the two positions compared. */
  from: number;
  to: number;
  counts: Record<Movement, number>;
  /** Every item that moved or was not compared (all but unchanged), in MOVEMENTS order. */
  items: MovementItem[];
}

/** Movement counts, every kind at zero. */
export function noMovement(): Record<Movement, number> {
  return Object.fromEntries(MOVEMENTS.map((m) => [m, 0])) as Record<Movement, number>;
}

function positionMap(entries: readonly HistoryEntry[], date: number): Map<string, HistoryEntry> {
  const map = new Map<string, HistoryEntry>();
  for (const e of entries) if (e.date === date && !map.has(e.ref)) map.set(e.ref, e);
  return map;
}

/**
 * Movement between the latest two recorded positions on or before `upTo` (all positions when
 * omitted); null when fewer than two have been recorded.
 */
export function movementBetweenLatest(
  entries: readonly HistoryEntry[],
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES,
  upTo?: number
): MovementSummary | null {
  const dates = positionDates(entries, upTo);
  if (dates.length < 2) return null;
  const from = dates[dates.length - 2];
  const to = dates[dates.length - 1];
  const before = positionMap(entries, from);
  const after = positionMap(entries, to);
  const counts = noMovement();
  const items: MovementItem[] = [];
  const refs = new Set<string>([...before.keys(), ...after.keys()]);
  for (const ref of refs) {
    const f = before.get(ref)?.status ?? null;
    const t = after.get(ref)?.status ?? null;
    const movement = classifyMovement(f, t, vocabulary);
    counts[movement]++;
    if (movement !== "unchanged")
      items.push({ ref, from: f, to: t, movement, marker: MOVEMENT_MARKER[movement] });
  }
  const order = (m: Movement) => MOVEMENTS.indexOf(m);
  items.sort((x, y) => order(x.movement) - order(y.movement) || compareRefs(x.ref, y.ref));
  return { from, to, counts, items };
}

/**
 * Each item's target date at the earliest recorded position that has one (an Excel serial, or the
 * text as written): its original target, for showing beside a revised one.
 */
export function originalTargets(entries: readonly HistoryEntry[]): Map<string, number | string> {
  const out = new Map<string, { date: number; target: number | string }>();
  for (const e of entries) {
    if (e.targetDate === null) continue;
    const seen = out.get(e.ref);
    if (!seen || e.date < seen.date) out.set(e.ref, { date: e.date, target: e.targetDate });
  }
  return new Map([...out].map(([ref, v]) => [ref, v.target]));
}

/** Refs in natural order: PEEL-2 before PEEL-10. */
export function compareRefs(a: string, b: string): number {
  return REF_ORDER.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** One collator for every comparison (localeCompare with options builds one per call: slow). */
const REF_ORDER = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

/** Status counts at one recorded position: by vocabulary name, blank and not valid apart. */
export interface TrendCounts {
  date: number;
  counts: Record<string, number>;
  noStatus: number;
  notValid: number;
  total: number;
}

/** Status counts at each recorded position (oldest first), read as the Summary reads them. */
export function trendOf(
  entries: readonly HistoryEntry[],
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES,
  upTo?: number
): TrendCounts[] {
  const dates = positionDates(entries, upTo);
  const index = new Map<number, number>(dates.map((d, i) => [d, i]));
  const out: TrendCounts[] = dates.map((date) => ({
    date,
    counts: Object.fromEntries(vocabulary.map((s) => [s.name, 0])) as Record<string, number>,
    noStatus: 0,
    notValid: 0,
    total: 0,
  }));
  const seen = dates.map(() => new Set<string>());
  for (const e of entries) {
    const i = index.get(e.date);
    if (i === undefined || seen[i].has(e.ref)) continue;
    seen[i].add(e.ref);
    const reading = readStatus(e.status, vocabulary);
    if (reading.kind === "valid") out[i].counts[reading.status!]++;
    else if (reading.kind === "blank") out[i].noStatus++;
    else out[i].notValid++;
    out[i].total++;
  }
  return out;
}
