/**
 * The workbook contract: the sheets, tables and columns the add-in owns. Header text is the
 * contract; order may change, and columns the analyst adds are kept and never touched.
 */

export type ColumnKind = "text" | "number" | "date" | "status";

export interface ColumnDef<K extends string = string> {
  key: K;
  header: string;
  kind: ColumnKind;
  /** Width in characters (Excel's column width unit). */
  width: number;
  wrap?: boolean;
}

export type TrackerKey =
  | "ref"
  | "inspection"
  | "kind"
  | "number"
  | "recommendation"
  | "addressedTo"
  | "theme"
  | "owner"
  | "targetDate"
  | "status"
  | "progress"
  | "nextSteps"
  | "evidence"
  | "lastUpdated"
  | "closedDate";

export const TRACKER_COLUMNS: readonly ColumnDef<TrackerKey>[] = [
  { key: "ref", header: "Ref", kind: "text", width: 14 },
  { key: "inspection", header: "Inspection", kind: "text", width: 26, wrap: true },
  { key: "kind", header: "Kind", kind: "text", width: 16 },
  { key: "number", header: "No.", kind: "number", width: 6 },
  { key: "recommendation", header: "Recommendation", kind: "text", width: 60, wrap: true },
  { key: "addressedTo", header: "Addressed to", kind: "text", width: 16 },
  { key: "theme", header: "Theme", kind: "text", width: 24, wrap: true },
  { key: "owner", header: "Owner", kind: "text", width: 18 },
  { key: "targetDate", header: "Target date", kind: "date", width: 12 },
  { key: "status", header: "Status", kind: "status", width: 12 },
  { key: "progress", header: "Progress update", kind: "text", width: 50, wrap: true },
  { key: "nextSteps", header: "Next steps", kind: "text", width: 40, wrap: true },
  { key: "evidence", header: "Evidence", kind: "text", width: 36, wrap: true },
  { key: "lastUpdated", header: "Last updated", kind: "date", width: 12 },
  { key: "closedDate", header: "Closed date", kind: "date", width: 12 },
];

/** Each tracker column's header by its key. */
export const TRACKER_HEADER: Readonly<Record<TrackerKey, string>> = Object.fromEntries(
  TRACKER_COLUMNS.map((c) => [c.key, c.header])
) as Record<TrackerKey, string>;

/** The add-in-owned column at the table's end that Check writes. */
export const CHECK_HEADER = "Check";

export type InspectionKey =
  | "code"
  | "title"
  | "inspectorate"
  | "force"
  | "published"
  | "grade"
  | "responseDue"
  | "responsePublished"
  | "summary";

export const INSPECTION_COLUMNS: readonly ColumnDef<InspectionKey>[] = [
  { key: "code", header: "Code", kind: "text", width: 12 },
  { key: "title", header: "Title", kind: "text", width: 50, wrap: true },
  { key: "inspectorate", header: "Inspectorate", kind: "text", width: 16 },
  { key: "force", header: "Force", kind: "text", width: 22 },
  { key: "published", header: "Published", kind: "date", width: 12 },
  { key: "grade", header: "Grade", kind: "text", width: 20 },
  { key: "responseDue", header: "Response due", kind: "date", width: 13 },
  { key: "responsePublished", header: "Response published", kind: "date", width: 13 },
  { key: "summary", header: "Summary", kind: "text", width: 70, wrap: true },
];

export type HistoryKey = "snapshotDate" | "ref" | "status" | "owner" | "targetDate";

export const HISTORY_COLUMNS: readonly ColumnDef<HistoryKey>[] = [
  { key: "snapshotDate", header: "Snapshot date", kind: "date", width: 14 },
  { key: "ref", header: "Ref", kind: "text", width: 14 },
  { key: "status", header: "Status", kind: "text", width: 12 },
  { key: "owner", header: "Owner", kind: "text", width: 18 },
  { key: "targetDate", header: "Target date", kind: "date", width: 12 },
];

export type StatusListKey = "status" | "meaning" | "colour" | "closed";
export const STATUS_LIST_COLUMNS: readonly ColumnDef<StatusListKey>[] = [
  { key: "status", header: "Status", kind: "text", width: 14 },
  { key: "meaning", header: "Meaning", kind: "text", width: 48, wrap: true },
  { key: "colour", header: "Colour", kind: "text", width: 10 },
  { key: "closed", header: "Closed", kind: "text", width: 8 },
];

export const THEME_LIST_COLUMNS: readonly ColumnDef<"theme">[] = [
  { key: "theme", header: "Theme", kind: "text", width: 40 },
];
export const OWNER_LIST_COLUMNS: readonly ColumnDef<"owner">[] = [
  { key: "owner", header: "Owner", kind: "text", width: 24 },
];
export const ADDRESSEE_LIST_COLUMNS: readonly ColumnDef<"addressee">[] = [
  { key: "addressee", header: "Addressed to", kind: "text", width: 32 },
];
export type SettingKey = "setting" | "value" | "note";
export const SETTINGS_COLUMNS: readonly ColumnDef<SettingKey>[] = [
  { key: "setting", header: "Setting", kind: "text", width: 22 },
  { key: "value", header: "Value", kind: "text", width: 24 },
  { key: "note", header: "Note", kind: "text", width: 50, wrap: true },
];

/** Sheet and table names. Tables are found by name, so a renamed sheet is still found. */
export const SHEETS = {
  tracker: "Tracker",
  inspections: "Inspections",
  lists: "Lists",
  // Excel reserves the sheet name "History" (track changes), so the design's History sheet is this.
  history: "Status history",
  summary: "Summary",
  adoptionReport: "Adoption report",
  meta: "_InspectionTracker",
} as const;

export const TABLES = {
  tracker: "tblTracker",
  inspections: "tblInspections",
  history: "tblHistory",
  statuses: "tblStatuses",
  themes: "tblThemes",
  owners: "tblOwners",
  settings: "tblSettings",
  addressees: "tblAddressees",
} as const;

/** Where each Lists table sits (0-based column of its first column; header in row 1). */
export const LISTS_LAYOUT = {
  statuses: { col: 0, columns: STATUS_LIST_COLUMNS },
  themes: { col: 5, columns: THEME_LIST_COLUMNS },
  owners: { col: 7, columns: OWNER_LIST_COLUMNS },
  settings: { col: 9, columns: SETTINGS_COLUMNS },
  addressees: { col: 13, columns: ADDRESSEE_LIST_COLUMNS },
} as const;

/** Workbook-wide settings kept on the Lists sheet, so every analyst gets the same answer. */
export const DEFAULT_SETTINGS: readonly { setting: string; value: string; note: string }[] = [
  {
    setting: "Office name",
    value: "Office of the Police and Crime Commissioner",
    note: "Shown in the Summary title",
  },
  {
    setting: "Protective marking",
    value: "OFFICIAL",
    note: "OFFICIAL or OFFICIAL-SENSITIVE; printed in the Summary header and footer",
  },
  { setting: "As-at date", value: "", note: "Blank means today (dd/mm/yyyy)" },
  {
    setting: "Reporting period",
    value: "",
    note: "For example Q3 2025/26; blank means the as-at date's financial quarter",
  },
  {
    setting: "Stale after (days)",
    value: "90",
    note: "Last updated older than this many days is flagged",
  },
  {
    setting: "Due soon (days)",
    value: "30",
    note: "Target dates within this many days are flagged to plan for",
  },
];

export function headerIndex(headers: readonly string[], header: string): number {
  const want = header.trim().toLowerCase();
  return headers.findIndex(
    (h) =>
      String(h ?? "")
        .trim()
        .toLowerCase() === want
  );
}

/** A1 column letters for a 0-based column index: 0 is A, 25 is Z, 26 is AA. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
