/**
 * What adopting a sheet decides: the header row, the mapping, the rows to adopt, the rows
 * skipped (with reasons), every change and every finding. Pure types.
 */
import type { TrackerKey } from "../columns";
import type { Value } from "../model";

/** A sheet as the analyst keeps it: a grid of cells, where it starts, and its display text. */
export interface SourceGrid {
  /** Sheet name (or the CSV file's name). */
  name: string;
  /** 0-based sheet row and column of values[0][0]. */
  row: number;
  col: number;
  values: Value[][];
  /** Cell text as shown (number formats applied), same shape as values; optional. */
  text?: string[][];
  /** Number formats, same shape as values; optional. */
  numberFormats?: string[][];
}

export interface SourceColumn {
  /** 0-based index within the grid. */
  index: number;
  /** The header as written (may hold line breaks). */
  headerAsWritten: string;
  /** A unique name for this column: the header trimmed, "(2)" added to repeats, "Column F" when blank. */
  header: string;
  /** A1 column letter in the source sheet. */
  letter: string;
  /** Tracker column suggested by the header (before any override). */
  suggested: TrackerKey | null;
  /** Tracker column used (the suggestion or the analyst's choice); null keeps it as an extra column. */
  mappedTo: TrackerKey | null;
  /** 0 to 1; 1 for the analyst's own choice. */
  confidence: number;
  reason: string;
  /** Whether any data row holds a value in this column. */
  hasData: boolean;
  /** The header of the extra tracker column that keeps it, when unmapped. */
  extraHeader: string | null;
}

export type SkipKind = "title" | "blank" | "section" | "legend" | "footnote" | "header-repeat";

export interface SkippedRow {
  sourceRow: number;
  kind: SkipKind;
  reason: string;
  /** The row's cells exactly as written (text), in grid column order; "" for empty cells. */
  cells: string[];
}

export interface Change {
  sourceRow: number;
  /** The tracker column written. */
  column: string;
  asWritten: string;
  asAdopted: string;
  note: string;
}

export type Severity = "error" | "warning";

export interface Finding {
  sourceRow: number;
  rule:
    | "duplicate-ref"
    | "missing-recommendation"
    | "missing-ref"
    | "status-blank"
    | "status-ambiguous"
    | "status-unknown"
    | "date-invalid"
    | "date-approximate"
    | "date-ambiguous"
    | "source-error"
    | "header-guessed";
  severity: Severity;
  message: string;
  /** The tracker column concerned, when there is one. */
  column: string | null;
}

export interface AdoptedRow {
  sourceRow: number;
  /** Contract columns as they will be written (dates as serials; unreadable values as written). */
  values: Record<TrackerKey, Value>;
  /** Unmapped source columns, by extra tracker header, exactly as in the source. */
  extras: Record<string, Value>;
  status: string | null;
  statusAsWritten: string;
  /** YYYY-MM-DD or null. */
  targetDate: string | null;
  targetDateApproximate: boolean;
  /** Every source cell of the row by source header, text exactly as in the source ("" when empty). */
  source: Record<string, string>;
}

export interface Accounting {
  /** Non-empty source cells (header and data region and everything above). */
  sourceCells: number;
  /** Of those, cells whose value is in the tracker (header row as headers, data rows as cells). */
  inTracker: number;
  /** Of those, cells kept in the adoption report (title, section, legend and footnote rows). */
  inReport: number;
  /** Cells that would be lost: always empty, or adopting refuses. */
  lost: { sourceRow: number; column: string; text: string }[];
}

export interface AdoptionCounts {
  sourceRows: number;
  rows: number;
  skipped: number;
  /** Rows with at least one change. */
  changed: number;
  changes: number;
  /** Rows with at least one finding. */
  flagged: number;
  errors: number;
  warnings: number;
}

export interface AdoptionPreview {
  sheet: string;
  /** 1-based sheet row of the header row. */
  headerRow: number;
  /** A1 letter of the source's first column (where each skipped row's cells start). */
  firstColumn: string;
  /** Whether the header row was recognised by its headers (true) or only guessed (false). */
  headerRecognised: boolean;
  columns: SourceColumn[];
  rows: AdoptedRow[];
  skipped: SkippedRow[];
  changes: Change[];
  findings: Finding[];
  counts: AdoptionCounts;
  accounting: Accounting;
  /** The extra tracker columns, in order: header and the source number format to keep. */
  extraColumns: { header: string; source: string; numberFormat: string }[];
}

/** The analyst's choices: source header -> tracker header (or null to keep as an extra column). */
export type MappingOverride = Record<string, string | null>;
