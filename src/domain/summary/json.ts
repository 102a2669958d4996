/**
 * The summary as `summary --json` prints it: every count a number, unknowns counted as such
 * ("No status", "Not valid", "not stated"), never folded into a reassuring figure. Pure.
 */
import { formatIso, fromExcelSerial } from "../dates";
import { MOVEMENTS, noMovement, type Movement } from "../history";
import { NOT_VALID, NO_STATUS } from "./statuses";
import type { Summary } from "./types";

/** The movement keys of the JSON, in plain words. */
const MOVEMENT_KEY: Record<Movement, string> = {
  completed: "completed",
  superseded: "superseded",
  improved: "improved",
  deteriorated: "deteriorated",
  unchanged: "unchanged",
  new: "new",
  removed: "removed",
  notCompared: "not compared",
};

export interface SummaryJson {
  asAt: string;
  rows: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  addressedTo: { force: number; national: number; "not stated": number };
  needsInformation: number;
  overdue: number;
  dueSoon: number;
  exceptions: number;
  movement: Record<string, number>;
  positions: number;
  /** The two positions the movement compares (ISO dates), or null when fewer than two. */
  movementBetween: [string, string] | null;
  /** Open items with no target date: overdue and dueSoon cannot count them. */
  noTargetDate: number;
  /** Open items (not Complete or Superseded; no status and not valid count as open). */
  open: number;
  /** Open items with no status or one not in the list: Red cannot count them. */
  noValidStatus: number;
  /** The Lists setting the dueSoon figure used (days). */
  dueSoonDays: number;
  /** Every national body named, with its items: they add up to addressedTo.national. */
  nationalBodies: Record<string, number>;
  /**
   * The inspections' responses and the 56-day deadline: `pastDeadline` and `publishedLate` count
   * only the `known` ones (with a published or response due date); `cannotWorkOut` the others.
   */
  responses: {
    inspections: number;
    known: number;
    pastDeadline: number;
    publishedLate: number;
    cannotWorkOut: number;
  };
}

/**
 * The JSON of a summary. `positions` is the number of positions recorded in the tracker file
 * (passed in: the summary itself counts only those up to its as-at date).
 */
export function summaryJson(summary: Summary, positions: number): SummaryJson {
  const h = summary.headline;
  const byStatus: Record<string, number> = Object.fromEntries(
    h.byStatus.map((b) => [b.status, b.count])
  );
  for (const extra of [NO_STATUS, NOT_VALID]) byStatus[extra] ??= 0;
  const counts = summary.movement?.counts ?? noMovement();
  return {
    asAt: iso(summary.asAt),
    rows: h.itemsTracked,
    byStatus,
    byKind: {
      recommendation: kind(summary, "recommendation"),
      "area-for-improvement": kind(summary, "area-for-improvement"),
      "cause-of-concern": kind(summary, "cause-of-concern"),
      ...(kind(summary, "not stated") > 0 ? { "not stated": kind(summary, "not stated") } : {}),
    },
    addressedTo: {
      force: h.addressees.force.items,
      national: h.addressees.national.items,
      "not stated": h.addressees.notStated.items,
    },
    needsInformation: h.needsInformation,
    overdue: h.overdue,
    dueSoon: h.dueSoon,
    exceptions: h.exceptions,
    movement: Object.fromEntries(MOVEMENTS.map((m) => [MOVEMENT_KEY[m], counts[m]])),
    positions,
    movementBetween: summary.movement
      ? [iso(summary.movement.from), iso(summary.movement.to)]
      : null,
    noTargetDate: h.openWithoutTarget,
    open: h.open,
    noValidStatus: h.openWithoutStatus,
    dueSoonDays: h.dueSoonDays,
    nationalBodies: Object.fromEntries(h.addressees.national.bodies.map((b) => [b.name, b.count])),
    responses: {
      inspections: h.responses.inspections,
      known: h.responses.known,
      pastDeadline: h.responses.overdue,
      publishedLate: h.responses.late,
      cannotWorkOut: h.responses.unknown,
    },
  };
}

function iso(serial: number): string {
  return formatIso(fromExcelSerial(serial));
}

function kind(summary: Summary, key: string): number {
  return summary.headline.byKind.find((k) => k.key === key)?.count ?? 0;
}
