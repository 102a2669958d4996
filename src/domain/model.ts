/**
 * The tracker's rows as the domain sees them, independent of where they are stored.
 */
import type { TrackerKey } from "./columns";

/**
 * Days after an inspection report is published within which the commissioner must publish a
 * response (Police Act 1996, s.55).
 */
export const RESPONSE_DAYS = 56;

/** A cell's value: text, a number (dates are Excel serial numbers), a boolean, or empty. */
export type Value = string | number | boolean | null;

export interface TrackerRow {
  /** 1-based sheet row number (what the analyst sees in Excel's row headings). */
  sheetRow: number;
  /** 0-based index in the table's data body. */
  index: number;
  /** The contract columns; a column the table lacks reads as null. */
  values: Record<TrackerKey, Value>;
  /** Columns the analyst added, by header, kept and never touched. */
  extras: Record<string, Value>;
}

export interface Settings {
  officeName: string;
  protectiveMarking: string;
  /** Excel serial of the as-at date, or null for today. */
  asAt: number | null;
  reportingPeriod: string;
  staleDays: number;
  dueSoonDays: number;
}

export const DEFAULT_SETTINGS_VALUES: Settings = {
  officeName: "Office of the Police and Crime Commissioner",
  protectiveMarking: "OFFICIAL",
  asAt: null,
  reportingPeriod: "",
  staleDays: 90,
  dueSoonDays: 30,
};

/** Cell value as trimmed text ("" for empty). */
export function textOf(v: Value | undefined): string {
  if (v === null || v === undefined) return "";
  return String(v).trim();
}
