/**
 * Rows for the journeys' trackers: a fictional force (Wessex Police), valid on the pages' fixed
 * date, in the Tracker table's column order.
 */
import { TRACKER_COLUMNS } from "../../src/domain/columns";

/** The day the pages believe it is (the page clock is fixed). */
export const TODAY = new Date("2026-06-30T09:00:00Z");
/** An earlier quarter's end, for the first recorded position. */
export const LAST_QUARTER = new Date("2026-03-31T09:00:00Z");

/** Excel serial of a calendar date. */
export function serial(y: number, m: number, d: number): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export type Row = Record<string, string | number>;

const BASE: Row[] = [
  {
    Ref: "WP25-R1",
    Recommendation: "The force should answer emergency calls within ten seconds.",
    Status: "Amber",
    "Progress update": "Twelve call handlers recruited.",
    "Next steps": "Report call figures to the July board.",
  },
  {
    Ref: "WP25-R2",
    Recommendation: "The force should give callers advice on preserving evidence.",
    Status: "Green",
  },
  {
    Ref: "WP25-AFI1",
    Recommendation: "The force should record risk assessments at first contact.",
    Status: "Red",
    "Progress update": "Template drafted, not yet in use.",
    "Next steps": "Train the contact centre in August.",
  },
  {
    Ref: "WP25-AFI2",
    Recommendation: "The force should allocate investigations to skilled officers.",
    Status: "Complete",
    Evidence: "Allocation policy v2 (May 2026)",
    "Closed date": serial(2026, 5, 20),
  },
  {
    Ref: "WP25-AFI3",
    Recommendation: "The force should improve the supervision of investigations.",
    Status: "Green",
  },
  {
    Ref: "WP25-AFI4",
    Recommendation: "The force should follow the Victims' Code from first contact.",
    Status: "Amber",
    "Progress update": "Audit of 200 cases started.",
    "Next steps": "Share the audit findings with the Commissioner.",
  },
];

/** Tracker rows as cell values, every column filled in so that Check finds nothing wrong. */
export function trackerRows(overrides: Record<string, Row> = {}): (string | number)[][] {
  return BASE.map((base, i) => {
    const ref = String(base.Ref);
    const row: Row = {
      Inspection: "PEEL 2025: Wessex Police",
      Kind: ref.includes("AFI") ? "Area for improvement" : "Recommendation",
      "No.": Number(/(\d+)$/.exec(ref)![1]),
      "Addressed to": "Wessex Police",
      Theme: i % 2 ? "Investigations" : "Call handling",
      Owner: i % 2 ? "Head of Crime" : "Head of Contact",
      "Target date": serial(2026, 12, 31),
      "Progress update": "",
      "Next steps": "",
      Evidence: "",
      "Last updated": serial(2026, 6, 15),
      "Closed date": "",
      ...base,
      ...(overrides[ref] ?? {}),
    };
    return TRACKER_COLUMNS.map((c) => row[c.header] ?? "");
  });
}
