/**
 * Host-agnostic operations: read a snapshot, let the domain and planners decide, apply the plan.
 * No Office, DOM or Node APIs here: a host is passed in.
 */
import { SHEETS, TABLES } from "../domain/columns";
import type { WorkbookHost, WorkbookSnapshot } from "../workbook/host";
import { ownSheets } from "../workbook/owned";
import { planSetup, SETUP_READ, type SetupOutcome } from "../workbook/setup";

export interface TrackerState {
  /** "none": no tracker; "ready": a tracker; "foreign": a Tracker sheet the add-in did not make. */
  kind: "none" | "ready" | "foreign";
  rows: number;
  activeSheet: string | null;
  /** Whether the active sheet is one of the add-in's own. */
  activeIsOurs: boolean;
  message: string;
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
      message:
        n === 0
          ? "Tracker ready, with no rows yet"
          : `Tracker with ${n} ${n === 1 ? "row" : "rows"}`,
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

/** Read what the pane needs to say where the workbook stands. */
export async function readState(host: WorkbookHost): Promise<TrackerState> {
  return host.run("Read workbook", async (s) =>
    describeState(await s.read({ tables: [TABLES.tracker] }))
  );
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
