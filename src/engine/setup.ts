/**
 * Host-agnostic operations: read a snapshot, let the domain and planners decide, apply the plan.
 * No Office, DOM or Node APIs here: a host is passed in.
 */
// From its own file, not the adopt barrel: readState runs as the pane opens, and the rest of
// adopting (analyse, values, account) is the Adopt section's, loaded when it opens.
import { trackerLike, type TrackerLike } from "../domain/adopt/header";
import { SHEETS, TABLES } from "../domain/columns";
import type { WorkbookHost, WorkbookSnapshot } from "../workbook/host";
import { ownSheets } from "../workbook/owned";
import { planSetup, SETUP_READ, type SetupOutcome } from "../workbook/setup";
import { plural } from "../domain/text";

export interface TrackerState {
  /** "none": no tracker; "ready": a tracker; "foreign": a Tracker sheet the add-in did not make. */
  kind: "none" | "ready" | "foreign";
  rows: number;
  activeSheet: string | null;
  /** Whether the active sheet is one of the add-in's own. */
  activeIsOurs: boolean;
  message: string;
  /**
   * A sheet of the analyst's that looks like a tracker they keep (only looked for when there is
   * no tracker, or it is empty): the pane then leads with Adopt.
   */
  adoptable?: TrackerLike | null;
}

export function describeState(snapshot: WorkbookSnapshot): TrackerState {
  const tracker = snapshot.tables[TABLES.tracker];
  const ours = ownSheets(snapshot);
  const activeSheet = snapshot.activeSheet;
  const activeIsOurs = activeSheet !== null && ours.has(activeSheet.toLowerCase());
  if (tracker) {
    const n = tracker.rows.length;
    return {
      kind: "ready",
      rows: n,
      activeSheet,
      activeIsOurs,
      message: n === 0 ? "Tracker ready, with no rows yet" : `Tracker with ${plural(n, "row")}`,
    };
  }
  const foreign = snapshot.sheets.some(
    (s) => s.name.toLowerCase() === SHEETS.tracker.toLowerCase()
  );
  return {
    kind: foreign ? "foreign" : "none",
    rows: 0,
    activeSheet,
    activeIsOurs,
    message: foreign
      ? `A sheet called '${SHEETS.tracker}' exists that Inspection Tracker did not make: adopt it, or rename it and set up`
      : "No tracker yet",
  };
}

/** How many of the analyst's sheets are looked at for one that looks like a tracker. */
const ADOPT_CANDIDATES = 8;

/**
 * The analyst's own visible sheets that could hold a tracker they keep, the active one first
 * (the add-in's sheets, and the Tracker sheet it did not make, are left out).
 */
export function adoptCandidates(snapshot: WorkbookSnapshot): string[] {
  const ours = ownSheets(snapshot);
  const own = new Set(Object.values(SHEETS).map((n) => n.toLowerCase()));
  const names = snapshot.sheets
    .filter(
      (s) =>
        s.visibility === "visible" &&
        !ours.has(s.name.toLowerCase()) &&
        !own.has(s.name.toLowerCase())
    )
    .map((s) => s.name);
  const active = snapshot.activeSheet;
  const ordered =
    active && names.includes(active) ? [active, ...names.filter((n) => n !== active)] : names;
  return ordered.slice(0, ADOPT_CANDIDATES);
}

/**
 * Read what the pane needs to say where the workbook stands. Without a tracker, or with one still
 * empty, the analyst's sheets are read too (values only, in one more read) for one that looks
 * like a tracker they keep, so the pane can lead with Adopt instead of an empty set-up.
 */
export async function readState(host: WorkbookHost): Promise<TrackerState> {
  return host.run("Read workbook", async (s) => {
    const snapshot = await s.read({ tables: [TABLES.tracker] });
    const state = describeState(snapshot);
    if (state.kind === "ready" && state.rows > 0) return state;
    const names = adoptCandidates(snapshot);
    if (names.length === 0) return state;
    const sheets = await s.read({ sheets: names, sheetParts: [] });
    for (const name of names) {
      const v = sheets.sheetValues[name];
      const like = v ? trackerLike({ name, row: v.row, col: v.col, values: v.values }) : null;
      if (like) return withAdoptable(state, like);
    }
    return state;
  });
}

/** The state, saying that a sheet looks like a tracker the office keeps. */
function withAdoptable(state: TrackerState, like: TrackerLike): TrackerState {
  const lead = `'${like.sheet}' looks like a tracker you keep (headings ${like.headings.slice(0, 4).join(", ")}${like.headings.length > 4 ? "…" : ""}): adopt it to keep its rows`;
  return {
    ...state,
    adoptable: like,
    message:
      state.kind === "ready"
        ? `Tracker ready, with no rows yet. ${lead}.`
        : `No tracker yet. ${lead}.`,
  };
}

export interface SetupResult extends Omit<SetupOutcome, "plan"> {
  changed: boolean;
  message: string;
}

/** Make the workbook a tracker, or repair it. Idempotent: a second run changes nothing. */
export async function setupTracker(host: WorkbookHost): Promise<SetupResult> {
  return host.run("Set up tracker", async (session) => {
    const snapshot = await session.read(SETUP_READ);
    const outcome = planSetup(snapshot);
    // The planner has cut any text over Excel's 32,767 characters a cell (outcome.cut).
    if (outcome.plan.ops.length > 0) await session.apply(outcome.plan);
    const changed = outcome.plan.ops.length > 0;
    const rows = `${outcome.rows} ${outcome.rows === 1 ? "row" : "rows"}`;
    const message = outcome.created.includes("Tracker")
      ? "Tracker set up: Tracker, Inspections, Lists and Status history sheets are ready."
      : outcome.repaired.length > 0
        ? `Tracker repaired (${outcome.repaired.join(", ")}); your ${rows} were not touched.`
        : `Tracker is ready (${rows}). Nothing needed changing.`;
    return {
      created: outcome.created,
      repaired: outcome.repaired,
      rows: outcome.rows,
      cut: outcome.cut,
      changed,
      message:
        outcome.cut.length > 0
          ? `${message} ${outcome.cut.map((c) => c.message).join(" ")}`
          : message,
    };
  });
}
