/**
 * The owner update workbook's contract: its sheets, the columns an owner sees (and which of them
 * the owner may edit), and the layout of the request stamp the merge reads back. Header text is
 * the contract: a returned workbook whose columns were moved is still read by header.
 * Pure: no Office, DOM or Node APIs.
 */
import type { TrackerKey } from "../columns";

/** The first sheet of an owner workbook: the owner's open items. */
export const UPDATES_SHEET = "Updates";
/** The table on it. */
export const UPDATES_TABLE = "tblUpdates";
/** The very hidden sheet holding the request stamp. */
export const STAMP_SHEET = "_UpdateRequest";
/** What the stamp says it is; a workbook without it is not an update workbook of ours. */
export const STAMP_KIND = "Inspection Tracker update request";
export const STAMP_VERSION = "1";

export type UpdateColumnKind = "text" | "date" | "status";

export interface UpdateColumn {
  header: string;
  /** The tracker column it shows (Revised target date becomes the tracker's Target date). */
  tracker: TrackerKey;
  kind: UpdateColumnKind;
  /** True when the owner may write in it (the cells are unlocked; the rest are protected). */
  editable: boolean;
  /** Width in characters. */
  width: number;
  wrap?: boolean;
  /** Filled with the tracker's current value when sent (Revised target date starts blank). */
  prefilled: boolean;
}

/** The header row of the Updates sheet, in order. */
export const UPDATE_COLUMNS: readonly UpdateColumn[] = [
  { header: "Ref", tracker: "ref", kind: "text", editable: false, width: 12, prefilled: true },
  {
    header: "Inspection",
    tracker: "inspection",
    kind: "text",
    editable: false,
    width: 24,
    wrap: true,
    prefilled: true,
  },
  {
    header: "Recommendation",
    tracker: "recommendation",
    kind: "text",
    editable: false,
    width: 55,
    wrap: true,
    prefilled: true,
  },
  {
    header: "Target date",
    tracker: "targetDate",
    kind: "date",
    editable: false,
    width: 12,
    prefilled: true,
  },
  {
    header: "Status",
    tracker: "status",
    kind: "status",
    editable: true,
    width: 12,
    prefilled: true,
  },
  {
    header: "Progress update",
    tracker: "progress",
    kind: "text",
    editable: true,
    width: 50,
    wrap: true,
    prefilled: true,
  },
  {
    header: "Next steps",
    tracker: "nextSteps",
    kind: "text",
    editable: true,
    width: 40,
    wrap: true,
    prefilled: true,
  },
  {
    header: "Evidence",
    tracker: "evidence",
    kind: "text",
    editable: true,
    width: 36,
    wrap: true,
    prefilled: true,
  },
  {
    header: "Revised target date",
    tracker: "targetDate",
    kind: "date",
    editable: true,
    width: 20,
    prefilled: false,
  },
];

export const EDITABLE_COLUMNS: readonly UpdateColumn[] = UPDATE_COLUMNS.filter((c) => c.editable);
export const LOCKED_COLUMNS: readonly UpdateColumn[] = UPDATE_COLUMNS.filter((c) => !c.editable);

/**
 * The tracker columns a request sends, in the order its fingerprint takes them. Owner is sent
 * (in the title) too: an item given to someone else since the request has changed.
 */
export const SENT_KEYS: readonly TrackerKey[] = [
  "ref",
  "inspection",
  "recommendation",
  "owner",
  "targetDate",
  "status",
  "progress",
  "nextSteps",
  "evidence",
];

/** Header of each sent column in the stamp's row block. */
export const SENT_HEADERS: Record<(typeof SENT_KEYS)[number], string> = {
  ref: "Ref",
  inspection: "Inspection",
  recommendation: "Recommendation",
  owner: "Owner",
  targetDate: "Target date",
  status: "Status",
  progress: "Progress update",
  nextSteps: "Next steps",
  evidence: "Evidence",
} as Record<TrackerKey, string>;

/** Rows of the Updates sheet above the table: title, subtitle, instructions, a blank row. */
export const UPDATES_TITLE_ROWS = 6;
/** Where the stamp's row block starts (0-based column): the key/value pairs sit in A:B. */
export const STAMP_ROWS_COL = 3;
