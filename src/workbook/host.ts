/**
 * What every host offers the engine: read a snapshot of the workbook, apply a plan. The Excel
 * host does each in a constant number of context.sync() calls; the xlsx host works on a file.
 * Pure: the types, and how a host reads a ReadRequest (tablesWanted, columnsWanted,
 * columnIndexes); no Office, DOM or Node APIs.
 */
import { headerIndex } from "../domain/columns";
import type { CellValue, RangeRef, WorkbookPlan } from "./plan";

export interface ReadRequest {
  /** Tables to read whole (headers and every data row), by table name. */
  tables?: string[];
  /** Also read formulas of these tables (to spot text that Excel took as a formula). */
  formulasOf?: string[];
  /**
   * Read only some columns of these tables (by table name), named by header and matched as
   * headerIndex matches them (trimmed, any case). The snapshot's table then holds just the columns
   * found, in the table's order, with `columns` giving each one's place in the table; a header
   * asked for that the table lacks is simply not there. A table named here is read (in part) even
   * when `tables` does not name it; formulas, when asked, are of the same columns. Big tables read
   * this way keep the response small (Excel on the web refuses responses over 5 MB).
   */
  columnsOf?: Record<string, string[]>;
  /**
   * Sheets a plan built from this read may empty in place (the clearSheet op). A host may read
   * now what it must remove from them (the Excel host: their charts), so that the apply needs no
   * extra round trip; the snapshot does not change.
   */
  clearing?: string[];
  /** Sheets whose used range to read as values (adopting a sheet the analyst keeps). */
  sheets?: string[];
  /** Read the active sheet's used range too. */
  activeSheet?: boolean;
  /**
   * Which parts of those used ranges to read besides values (default: both). Adopting a large
   * sheet leaves out "text" so the response stays under Excel on the web's 5 MB limit; a host
   * may ignore this and return everything (then text is simply not used).
   */
  sheetParts?: ("text" | "numberFormats")[];
}

export interface SheetInfo {
  name: string;
  visibility: "visible" | "hidden" | "veryHidden";
  protected: boolean;
}

export interface TableSnapshot {
  name: string;
  sheet: string;
  /** 0-based sheet row and column of the header's first cell. */
  row: number;
  col: number;
  headers: string[];
  /**
   * Only when the table was read in part (ReadRequest.columnsOf): each header's 0-based column in
   * the table, ascending. Absent: `headers` is the whole header row.
   */
  columns?: number[];
  /** Data rows (an Excel table with one entirely empty row reads as no rows). */
  rows: CellValue[][];
  /** Formulas of the data rows when asked for ("" or the value where a cell holds no formula). */
  formulas?: string[][];
  /** The Status column's list validation source (formula), or null when it has none. */
  statusValidation?: string | null;
  /** How many conditional formats the Status column carries. */
  statusFormats?: number;
}

export interface SheetValues {
  name: string;
  /** Where the used range starts (0-based). */
  row: number;
  col: number;
  values: CellValue[][];
  /** Cell text as shown (number formats applied), same shape as values. */
  text: string[][];
  /** Number formats, same shape as values. */
  numberFormats: string[][];
}

export interface WorkbookSnapshot {
  sheets: SheetInfo[];
  activeSheet: string | null;
  /** Key/value metadata from the add-in's very hidden sheet, or null if it has none. */
  meta: Record<string, string> | null;
  /** Requested tables by name; a table that does not exist is absent. */
  tables: Record<string, TableSnapshot>;
  /** Requested sheets by name; a sheet that does not exist is absent. */
  sheetValues: Record<string, SheetValues>;
}

export interface WorkbookSession {
  read(request: ReadRequest): Promise<WorkbookSnapshot>;
  apply(plan: WorkbookPlan): Promise<void>;
  /** Select a range on a sheet (click a finding). */
  select(sheet: string, range: RangeRef): Promise<void>;
}

/** A workbook a host made apart from the one it works on (an owner's update workbook). */
export interface CreatedWorkbook {
  name: string;
  /**
   * The file's bytes, when the host hands them back for the caller to save (the xlsx host);
   * absent when the host opened the workbook itself (Excel opens it in a new window).
   */
  bytes?: Uint8Array;
}

/**
 * What the Diagnostics probes found on the analyst's own Excel (a host that can probe gives it;
 * each answer null when it could not tell). Text only: nothing leaves the workbook.
 */
export interface DiagnosticsReport {
  /** Office.onReady's platform ("PC", "Mac", "OfficeOnline", ...) and Office's version. */
  platform: string | null;
  version: string | null;
  /** The highest ExcelApi requirement set supported ("1.20"), and each set asked about. */
  excelApi: string | null;
  apiSets: { set: string; supported: boolean }[];
  /** What a Text-formatted cell holds after "'-ve" and "=1+1" were written to it (as read back). */
  textCell: { apostrophe: string | null; formula: string | null };
  /** A table grew when a row was written just below it. */
  tableGrows: boolean | null;
  /** Worksheet change events say who made the change (triggerSource). */
  eventsHaveTriggerSource: boolean | null;
  /** A merged undo group was accepted (null: the client has no ExcelApi 1.20, so none is asked). */
  mergedUndoAccepted: boolean | null;
  /** How the add-in writes text starting with = + - @ from now on, from these answers. */
  textStrategy: "apostrophe" | "plain";
  /** Plain-English notes: what differs from the documentation and what the add-in does about it. */
  notes: string[];
}

export interface WorkbookHost {
  /** Run one operation; the host counts round trips and maps its own errors to TrackerError. */
  run<T>(label: string, operation: (session: WorkbookSession) => Promise<T>): Promise<T>;
  /**
   * Call handler (debounced by the caller) when the analyst edits a table; the add-in's own
   * writes are ignored. Resolves to an unsubscribe function. Hosts without events omit it.
   */
  onTableChanged?(table: string, handler: () => void): Promise<() => Promise<void>>;
  /**
   * The most rows a table may have for its formulas to be read with its values in one response
   * (reading formulas doubles the response; Excel on the web refuses responses over 5 MB). Absent:
   * no limit. The engine asks for formulas only of a table it does not know to be larger.
   */
  readonly maxFormulaRows?: number;
  /**
   * Make a new workbook holding a plan, apart from this one. Excel opens it in a new window for
   * the analyst to save and send (Excel.createWorkbook, ExcelApi 1.8); the xlsx host returns its
   * bytes. Hosts that cannot omit it.
   */
  createWorkbook?(name: string, plan: WorkbookPlan): Promise<CreatedWorkbook>;
  /** A host over another workbook's bytes (a returned update workbook the analyst chose). */
  openWorkbook?(name: string, bytes: Uint8Array): Promise<WorkbookHost>;
  /**
   * Run the on-device probes (a scratch very hidden sheet, removed afterwards) and keep their
   * answers for the session, so the host chooses its strategies from what this client does.
   * Hosts that need no probes omit it.
   */
  diagnose?(): Promise<DiagnosticsReport>;
}

/**
 * The headers a request reads of a table (ReadRequest.columnsOf, any case of the name), or null
 * for all.
 */
export function columnsWanted(request: ReadRequest, table: string): string[] | null {
  const byName = request.columnsOf;
  if (!byName) return null;
  const key = Object.keys(byName).find((k) => k.toLowerCase() === table.toLowerCase());
  return key === undefined ? null : byName[key];
}

/** The tables a request reads, whole or in part, each once (first spelling kept). */
export function tablesWanted(request: ReadRequest): string[] {
  const out: string[] = [];
  for (const name of [...(request.tables ?? []), ...Object.keys(request.columnsOf ?? {})])
    if (!out.some((n) => n.toLowerCase() === name.toLowerCase())) out.push(name);
  return out;
}

/**
 * Where the wanted headers sit in a header row (as headerIndex finds them), ascending, each
 * once.
 */
export function columnIndexes(headers: readonly string[], wanted: readonly string[]): number[] {
  const found = new Set<number>();
  for (const h of wanted) {
    const j = headerIndex(headers, h);
    if (j >= 0) found.add(j);
  }
  return [...found].sort((a, b) => a - b);
}
