/**
 * The Summary's status columns: the workbook's statuses, then "No status" (blank) and "Not
 * valid" (anything else: "grn", "TBC", "A/G"), each counted apart, never as its nearest colour
 * (domain/status readStatus). Pure.
 */
import type { StatusDef, StatusReading } from "../status";

/** The column for rows whose Status is blank. */
export const NO_STATUS = "No status";
export const NO_STATUS_COLOUR = "#D9D9D9";
export const NO_STATUS_MEANING = "Status left blank: not yet assessed";

/** The column for rows whose Status is not one of the workbook's statuses. */
export const NOT_VALID = "Not valid";
export const NOT_VALID_COLOUR = "#7030A0";
export const NOT_VALID_MEANING =
  "Status typed is not one of the list: counted apart until it is corrected (Check shows the fix)";

/** A column of the Summary's status tables: a vocabulary status, No status or Not valid. */
export interface StatusColumn {
  name: string;
  colour: string;
  meaning: string;
  closed: boolean;
}

/** The column a reading is counted in. */
export function columnName(reading: StatusReading): string {
  if (reading.kind === "valid") return reading.status!;
  return reading.kind === "blank" ? NO_STATUS : NOT_VALID;
}

/**
 * The status columns in reporting order: the vocabulary, then No status and Not valid when some
 * row (or recorded position) has them.
 */
export function statusColumns(
  vocabulary: readonly StatusDef[],
  needs: { blank: boolean; notValid: boolean }
): StatusColumn[] {
  const out: StatusColumn[] = vocabulary.map((s) => ({
    name: s.name,
    colour: s.colour,
    meaning: s.meaning,
    closed: s.closed,
  }));
  if (needs.blank)
    out.push({
      name: NO_STATUS,
      colour: NO_STATUS_COLOUR,
      meaning: NO_STATUS_MEANING,
      closed: false,
    });
  if (needs.notValid)
    out.push({
      name: NOT_VALID,
      colour: NOT_VALID_COLOUR,
      meaning: NOT_VALID_MEANING,
      closed: false,
    });
  return out;
}
