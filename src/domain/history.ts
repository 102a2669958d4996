/**
 * History: recorded positions (one row per tracker item per snapshot date) and the movement
 * between the latest two. Pure: no Office, DOM or Node APIs.
 */
import { parseUkDate, toExcelSerial } from "./dates";
import { textOf, type TrackerRow, type Value } from "./model";
import { DEFAULT_STATUSES, normaliseStatus, type StatusDef } from "./status";

/** One recorded row: what an item stood at on a snapshot date. */
export interface HistoryEntry {
  /** Excel serial of the snapshot date. */
  date: number;
  ref: string;
  /** The status as recorded (normalised to the vocabulary when it could be). */
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
 * cannot be followed from one position to the next, so they are left out and counted.
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
    const s = normaliseStatus(row.values.status, vocabulary);
    const target = row.values.targetDate;
    const targetSerial = serialOf(target);
    entries.push({
      date,
      ref,
      status: s.status ?? textOf(row.values.status),
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

export type Movement = "improved" | "deteriorated" | "unchanged" | "new" | "closed";

/** Reporting order of the movement kinds. */
export const MOVEMENTS: readonly Movement[] = [
  "improved",
  "deteriorated",
  "unchanged",
  "new",
  "closed",
];

export const MOVEMENT_LABEL: Record<Movement, string> = {
  improved: "Improved",
  deteriorated: "Deteriorated",
  unchanged: "Unchanged",
  new: "New since last",
  closed: "Closed since last",
};

/** Markers shown beside a movement (never starting with a formula character). */
export const MOVEMENT_MARKER: Record<Movement, string> = {
  improved: "▲",
  deteriorated: "▼",
  unchanged: "",
  new: "New",
  closed: "Closed",
};

/**
 * How good a status is: open statuses rank by their place in the vocabulary (Red worst, then
 * Amber, Green); every closed status (Complete, Superseded) ranks above every open one. A value
 * that is not a status ranks below Red (the item has no valid status to report).
 */
export function statusRank(
  status: string,
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES
): number {
  let memo = RANKS.get(vocabulary);
  if (!memo) RANKS.set(vocabulary, (memo = new Map()));
  let rank = memo.get(status);
  if (rank === undefined) memo.set(status, (rank = rankOf(status, vocabulary)));
  return rank;
}

/** Ranks already worked out, per vocabulary (a few distinct spellings, thousands of rows). */
const RANKS = new WeakMap<readonly StatusDef[], Map<string, number>>();

function rankOf(status: string, vocabulary: readonly StatusDef[]): number {
  const name = normaliseStatus(status, vocabulary).status;
  const def = name ? vocabulary.find((s) => s.name === name) : undefined;
  if (!def) return -1;
  if (def.closed) return 1000;
  return vocabulary.filter((s) => !s.closed).findIndex((s) => s.name === def.name);
}

/**
 * Classify one item's move between two positions. null means the item was not in that position.
 * Red → Amber and anything → Complete improve; Green → Red deteriorates; a closed item that
 * reopens deteriorates; closed → another closed status is unchanged (still closed).
 */
export function classifyMovement(
  before: string | null,
  after: string | null,
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES
): Movement {
  if (before === null && after === null) return "unchanged";
  if (before === null) return "new";
  if (after === null) return "closed";
  const a = statusRank(before, vocabulary);
  const b = statusRank(after, vocabulary);
  if (b > a) return "improved";
  if (b < a) return "deteriorated";
  return "unchanged";
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
  /** Every item that moved (all but unchanged), improved first, then deteriorated, new, closed. */
  items: MovementItem[];
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
  const counts: Record<Movement, number> = {
    improved: 0,
    deteriorated: 0,
    unchanged: 0,
    new: 0,
    closed: 0,
  };
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

/** Refs in natural order: PEEL-2 before PEEL-10. */
export function compareRefs(a: string, b: string): number {
  return REF_ORDER.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** One collator for every comparison (localeCompare with options builds one per call: slow). */
const REF_ORDER = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

/** Status counts at each recorded position (oldest first), by vocabulary name; others apart. */
export function trendOf(
  entries: readonly HistoryEntry[],
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES,
  upTo?: number
): { date: number; counts: Record<string, number>; noStatus: number; total: number }[] {
  const dates = positionDates(entries, upTo);
  const index = new Map<number, number>(dates.map((d, i) => [d, i]));
  const out = dates.map((date) => ({
    date,
    counts: Object.fromEntries(vocabulary.map((s) => [s.name, 0])) as Record<string, number>,
    noStatus: 0,
    total: 0,
  }));
  const seen = dates.map(() => new Set<string>());
  const names = new Map<string, string | null>();
  for (const e of entries) {
    const i = index.get(e.date);
    if (i === undefined || seen[i].has(e.ref)) continue;
    seen[i].add(e.ref);
    let name = names.get(e.status);
    if (name === undefined)
      names.set(e.status, (name = normaliseStatus(e.status, vocabulary).status));
    if (name) out[i].counts[name]++;
    else out[i].noStatus++;
    out[i].total++;
  }
  return out;
}
