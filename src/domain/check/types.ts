/**
 * What the check takes and gives: its input (rows, columns, settings), a finding, the report.
 * Pure types.
 */
import type { InspectionKey, TrackerKey } from "../columns";
import type { TrackerRow, Value } from "../model";
import type { StatusDef } from "../status";

export type Severity = "error" | "warning";

export type RuleId =
  | "status-missing"
  | "status-unknown"
  | "rag-without-update"
  | "complete-without-evidence"
  | "complete-without-closed-date"
  | "closed-date-on-open-row"
  | "target-date-missing"
  | "date-invalid"
  | "green-overdue"
  | "overdue"
  | "due-soon"
  | "owner-missing"
  | "stale"
  | "ref-missing"
  | "duplicate-ref"
  | "recommendation-missing"
  | "formula-in-text"
  | "response-overdue"
  | "date-in-future"
  | "date-as-text"
  | "cell-at-limit"
  | "theme-not-listed"
  | "owner-not-listed"
  | "addressee-not-listed";

export interface InspectionRow {
  /** 1-based sheet row number. */
  sheetRow: number;
  /** 0-based index in the table's data body. */
  index: number;
  values: Record<InspectionKey, Value>;
}

export interface CheckInput {
  /** Excel serial of the as-at date. */
  asAt: number;
  /** Excel serial of today: a closed or last-updated date after it is an error (default asAt). */
  today?: number;
  /**
   * Whether the cells are typed (a workbook, as checkSnapshot says unless told otherwise): then
   * a date column holding a date as text is flagged. A CSV file's cells are all text.
   */
  typedCells?: boolean;
  /** Last updated older than this many days before the as-at date is flagged (default 90). */
  staleDays?: number;
  /** Target dates within this many days after the as-at date are flagged (default 30). */
  dueSoonDays?: number;
  /** The workbook's status vocabulary (default: Red, Amber, Green, Complete, Superseded). */
  vocabulary?: readonly StatusDef[];
  rows: readonly TrackerRow[];
  /** 0-based table column of each contract column (-1 or absent when the table lacks it). */
  columns?: Partial<Record<TrackerKey, number>>;
  /** The tracker's formulas, row by row in table column order ("" where a cell has none). */
  formulas?: readonly (readonly string[] | undefined)[];
  /** The Inspections table, for the response deadline; absent means not checked. */
  inspections?: readonly InspectionRow[];
  inspectionColumns?: Partial<Record<InspectionKey, number>>;
  /**
   * The Lists sheet's themes, owners and addressees: a Theme, Owner or Addressed to cell whose
   * value is not on its list is flagged. A list absent (not read) is not checked.
   */
  lists?: Partial<Record<ListName, readonly string[]>>;
}

/** The Lists sheet's lists the Tracker's dropdowns come from. */
export type ListName = "themes" | "owners" | "addressees";

/** A one-click fix that adds a value to a Lists list (the cell is left as it is). */
export interface ListFix {
  list: ListName;
  value: string;
}

/** A certain fix: write `value` where the cell now holds `from`. */
export interface Fix {
  value: string;
  from: string;
}

export interface Finding {
  /** Stable within one read of the workbook: rule, table, body row and column. */
  id: string;
  rule: RuleId;
  severity: Severity;
  table: "tracker" | "inspections";
  /** 1-based sheet row number. */
  row: number;
  /** 0-based index in the table's data body. */
  index: number;
  /** The row's Ref (the inspection's Code on the Inspections table); "" when blank. */
  ref: string;
  /** Header of the column at fault. */
  column: string;
  /** 0-based table column of that header, or -1 when the table has no such column. */
  col: number;
  message: string;
  /** A few words for the sheet's Check column ("owner missing", "status 'grn'"). */
  short: string;
  /** What the value should probably be, or null. */
  suggestion: string | null;
  /** Present only where the fix is certain (a status with one normalised reading). */
  fix: Fix | null;
  /** "Add to Lists": put the cell's value on the Lists sheet (a theme, owner or addressee). */
  listFix?: ListFix | null;
}

export interface CheckReport {
  /** As-at date, YYYY-MM-DD. */
  asAt: string;
  asAtSerial: number;
  staleDays: number;
  dueSoonDays: number;
  /** Tracker data rows checked (entirely blank rows are skipped but counted). */
  rows: number;
  /** Rows that are not entirely blank. */
  rowsChecked: number;
  counts: { error: number; warning: number };
  /** Sorted: tracker rows first, by row, then by rule order. */
  findings: Finding[];
  /** Tracker rows with at least one error. */
  rowsWithErrors: number;
  rowsWithWarnings: number;
  /** Findings with a certain fix. */
  fixable: number;
  /** The Check column's text for each tracker row, by body index. */
  rowLabels: string[];
}
