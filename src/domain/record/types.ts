/**
 * What a parsed inspection response record holds. Pure types.
 */
import type { AssuranceArea } from "./themes";

export type { AssuranceArea } from "./themes";

export type ItemKind = "recommendation" | "area-for-improvement";

/** The addressee when the text names nobody: never guessed. */
export const UNKNOWN_ADDRESSEE = "unknown";
/** The addressee when the text is addressed to the force (chief constables, the force). */
export const FORCE_ADDRESSEE = "Force";

export interface RecordWarning {
  /** Stable code for tests and for grouping in the pane. */
  code:
    | "empty"
    | "binary"
    | "too-large"
    | "not-a-record"
    | "no-items"
    | "numbering-gap"
    | "numbering-repeat"
    | "bad-date"
    | "no-date"
    | "long-item"
    | "ignored-text"
    | "script"
    | "truncated";
  message: string;
  /** Index into items when the warning is about one item. */
  item?: number;
}

export interface RecordItem {
  kind: ItemKind;
  /** The item's number as written, or its position for bullets and unnumbered lines. */
  number: number;
  /** The text with its marker removed and whitespace normalised; nothing else changed. */
  text: string;
  /** "Force", a national body (NPCC, College of Policing, Home Office, …), or "unknown". */
  addressedTo: string;
}

export interface RecordInspection {
  force: string | null;
  pcc: string | null;
  chiefConstable: string | null;
  title: string | null;
  /** YYYY-MM-DD, or null when missing or not a date. */
  published: string | null;
  /** The published date as written (for the pane when it could not be read). */
  publishedAsWritten: string | null;
  inspectorate: string | null;
  /**
   * The commissioner's title the record uses ("Police, Fire and Crime Commissioner"), for the
   * office's name; null when it names none.
   */
  commissioner: string | null;
  /** Kept as written ("Requires improvement", "Not graded"); null when missing. */
  grade: string | null;
  summary: string | null;
}

export interface RecordResponses {
  commissionerInitial: string | null;
  chiefConstable: string | null;
  commissionerOverall: string | null;
}

export interface ParsedRecord {
  inspection: RecordInspection;
  items: RecordItem[];
  /** The commissioner's numbered assurance areas' names, in order. */
  themes: string[];
  /** The same areas with the text below each heading (to suggest an area for each item). */
  areas: AssuranceArea[];
  warnings: RecordWarning[];
  responses: RecordResponses;
  /** "html" when the whole input was read as an HTML document; otherwise "text". */
  format: "text" | "html";
}
