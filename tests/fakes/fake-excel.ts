/**
 * An in-memory Excel: the part of the Excel JavaScript API (Office.js) that Inspection Tracker
 * uses, with the semantics that matter for correctness. Each behaviour cites its source here or
 * where it is modelled; docs/excel-behaviour.md lists them all with the host's answer and the
 * test that covers it ("docs" = a Microsoft Learn page of the Office Add-ins documentation,
 * "typings" = @types/office-js, "#n" = an office-js issue thread):
 *
 * - calls on proxy objects are queued and run in order at `context.sync()`, which is counted and
 *   logged (`fake.syncCount`, `fake.syncLog`) (docs "Application-specific API model");
 * - properties must be `load()`ed and synced before they are read, else PropertyNotLoaded (the
 *   same page, "Call load before reading properties");
 * - `*OrNullObject` proxies get `isNullObject` at the next sync (the same page, "*OrNullObject
 *   methods and properties");
 * - writes to a protected sheet fail with AccessDenied; a missing sheet or table with ItemNotFound
 *   (docs "Error handling with the application-specific JavaScript APIs", the codes). Like Excel,
 *   a batch is NOT transactional: statements before the failing one stay applied (the same page
 *   offers no rollback; the rejection names the failing statement in debugInfo.errorLocation);
 * - `fake.failNextSync(code)` makes the next sync fail WITHOUT applying anything (cell edit
 *   mode, payload too large, ...); requests above `requestLimitBytes` (5 MB, as Excel on the web:
 *   docs "Resource limits and performance optimization") fail with
 *   RequestPayloadSizeLimitExceeded, also without applying anything;
 * - text written through `values` is coerced like typed input (typings Excel.Range.values: a
 *   string starting "=", "+" or "-" is read as a formula): a leading apostrophe marks text (and
 *   is not stored), "=..." becomes a formula, "+..."/"-..."/"@..." a formula unless it is a
 *   number, numeric text a number unless the cell's number format is "@";
 * - tables: `tables.add(headerOnlyRange, true)` creates one empty data row, like Excel (a table
 *   keeps at least one data row); values written to the row directly below a table make it grow
 *   (auto-expansion: docs "Coauthoring in Excel add-ins"), and the list validation and
 *   conditional formats on its column bodies grow with it;
 * - cell edit mode (`fake.setCellEditMode(true)`): a sync fails with InvalidOperationInCellEditMode,
 *   unless the run asked for `delayForCellEdit`, which waits until the edit ends (typings
 *   Excel.RunOptions.delayForCellEdit);
 * - a range is fixed when the batch first uses it (take a fresh one after a table grows): a proxy
 *   refers to the object as resolved (docs "Application-specific API model"), simplified;
 * - loading through a null object gives null objects (`nullChildren: "error"` makes it fail,
 *   to test code that must not rely on that); `fake.failNextWriteSync(code)` fails the next
 *   sync that writes; `fake.userEdit()` types as the analyst (table onChanged, triggerSource
 *   "Unknown"; the add-in's own writes report "ThisLocalAddin": typings
 *   WorksheetChangedEventArgs.triggerSource, ExcelApi 1.14);
 * - the clients (web, Windows, Mac) differ as FakeClient's fields say, each with its source.
 *
 * No Node APIs: it runs in Jest and in a browser page (the end-to-end journeys).
 *
 * Usage:
 *   const fake = createFakeExcel({ sheets: ["Sheet1"] });
 *   const host = createExcelHost({ excel: fake.Excel, office: fake.Office });   // or fake.install() sets globalThis.Excel
 *   await setupTracker(host);
 *   fake.values("Tracker", "A1:C1"); fake.table("tblTracker"); fake.syncCount; fake.syncLog
 */

export type FakeValue = string | number | boolean;

export interface CellFormat {
  bold?: boolean;
  italic?: boolean;
  fontColour?: string;
  fontSize?: number;
  fontName?: string;
  fill?: string;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
  borders?: Record<string, { style: string; weight?: string; color?: string }>;
  /** False when the cell is unlocked (FormatProtection.locked; a cell is locked by default). */
  locked?: boolean;
}

export interface Cell {
  v: FakeValue;
  f?: string;
  nf?: string;
  fmt?: CellFormat;
}

export interface Rect {
  r: number;
  c: number;
  rows: number;
  cols: number;
}

export interface ValidationState extends Rect {
  rule: any;
  prompt?: any;
  errorAlert?: any;
}

export interface ConditionalFormatState extends Rect {
  id: number;
  type: "CellValue" | "Custom";
  rule: any;
  format: { fill?: string; fontColour?: string; bold?: boolean };
}

export interface ChartState {
  id: number;
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  legend: { position: string; visible: boolean };
  dataLabels: Record<string, unknown>;
  seriesColours: Record<number, string>;
  pointColours: Record<number, string>;
  top: number;
  left: number;
  width: number;
  height: number;
  seriesCount: number;
  pointCount: number;
  /** The chart area's font (Chart.format.font.name), when one was set. */
  fontName?: string;
  /**
   * The category axis as set (ChartAxis.reversePlotOrder, ExcelApi 1.7; ChartAxis.position,
   * ExcelApi 1.8: where the other axis crosses). Typings: @types/office-js Excel.ChartAxis.
   */
  categoryAxis: { reversePlotOrder?: boolean; position?: string };
}

export interface PageLayoutState {
  orientation: string;
  paperSize: string;
  zoom: any;
  printArea: string | null;
  /** PageLayout.setPrintTitleRows (ExcelApi 1.9): the rows repeated at the top of each page. */
  printTitleRows: string | null;
  centerHeader: string;
  centerFooter: string;
  /** HeaderFooter.rightFooter (ExcelApi 1.9), "&P"/"&N" codes as written. */
  rightFooter: string;
  centerHorizontally: boolean;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
  /** The options WorksheetProtection.protect was given, while protected. */
  protectionOptions?: Record<string, unknown>;
  cells: Map<number, Cell>;
  colWidths: Map<number, number>;
  /** Row heights set through RangeFormat.rowHeight (points), by 0-based row. */
  rowHeights: Map<number, number>;
  freezeRows: number;
  freezeCols: number;
  showGridlines: boolean;
  /** 0-based rows before which a manual page break starts a new page. */
  pageBreakRows: number[];
  tabColor: string;
  pageLayout: PageLayoutState;
  validations: ValidationState[];
  conditionalFormats: ConditionalFormatState[];
  charts: ChartState[];
}

export interface TableState {
  id: string;
  name: string;
  sheetId: string;
  r: number;
  c: number;
  /** Data rows (at least 1: an "empty" table has one empty row). */
  rows: number;
  cols: number;
  style: string;
  showBandedRows: boolean;
  /** A totals row below the data (Table.showTotals, ExcelApi 1.1). */
  showTotals: boolean;
  /** AutoFilter criteria per column (null: no filter on it); null when the table is not filtered. */
  filter: (Record<string, unknown> | null)[] | null;
}

export interface WorkbookState {
  sheets: SheetState[];
  tables: TableState[];
  activeSheetId: string;
  selection: { sheetId: string; rect: Rect };
  nextId: number;
}

export interface SyncRecord {
  ops: string[];
  writes: number;
  failed?: string;
  /** Estimated request size of the batch (bytes), and of each queued statement in `ops` order. */
  requestBytes?: number;
  opBytes?: number[];
  /** Size of the values the batch loaded (bytes), when it got that far. */
  responseBytes?: number;
  /** The run asked for a merged undo group (RunOptions.mergeUndoGroup). */
  merged?: boolean;
}

/** The clients the double can be: Excel on the web, on Windows and on Mac (Microsoft 365). */
export type FakeClientName = "web" | "windows" | "mac";

/**
 * How one client behaves where clients differ. Each field cites where the difference comes from
 * (../shared/notes/excel-behaviours.md gathers the sources).
 */
export interface FakeClient {
  name: FakeClientName;
  /** Office.onReady's info.platform ("OfficeOnline", "PC", "Mac"): the Office.PlatformType names. */
  platform: "OfficeOnline" | "PC" | "Mac";
  /** Office.context.diagnostics.version. */
  version: string;
  /**
   * The highest ExcelApi requirement set, as its minor number (20 = ExcelApi 1.20). Docs "Excel
   * JavaScript API requirement sets": Microsoft 365 on every platform has the current sets;
   * volume-licensed Office 2019 stops at 1.7 (use `api: 7` to be that client).
   */
  api: number;
  /**
   * Request and response limits in bytes, or null for none. Docs "Resource limits and performance
   * optimization": 5 MB per request and per response on Excel on the web only (docs PR #5333).
   */
  requestLimitBytes: number | null;
  responseLimitBytes: number | null;
  /**
   * What an oversized payload fails with: the documented codes, or GeneralException as reported
   * from Excel on the web (office-js #1314, #1012; office-js-docs-reference #354).
   */
  payloadError: "documented" | "GeneralException";
  /**
   * Statements a merged undo group (RunOptions.mergeUndoGroup, ExcelApi 1.20) refuses with
   * UndoNotSupported. Docs "Undo capabilities in Excel add-ins": Worksheet.delete and
   * WorksheetProtection.protect/unprotect on every platform; setting Worksheet.name, .position
   * and .visibility on Windows and Mac.
   */
  undoUnsupported: RegExp;
  /** Writing just below a table makes it grow (docs "Coauthoring in Excel add-ins"). False models "Include new rows and columns in table" switched off (office-js #6745, #2093: AutoCorrect applies to API writes; unconfirmed). */
  autoExpand: boolean;
  /**
   * What a Text-formatted ("@") cell keeps when `values` gets "'-ve": not documented for the API
   * (excel-behaviours.md, "Values, text and formulas"). "dropped" (the quote prefix, as in a
   * General cell) or "kept" (third-party reports of the UI: a Text cell keeps what is typed).
   */
  textApostrophe: "dropped" | "kept";
  /** Whether "=1+1" written to a Text-formatted cell becomes a formula ("formula") or stays text. Not documented; the UI keeps it as text. */
  textFormula: "formula" | "text";
  /**
   * A client that fails every batch of a run asked for a merged undo group, as reported from
   * Excel on the web (office-js #6711: RichApi.Error with { delayForCellEdit, mergeUndoGroup }).
   */
  refusesMergedUndo: boolean;
}

const MB = 1024 * 1024;
const FAKE_CLIENTS: Record<FakeClientName, FakeClient> = {
  web: {
    name: "web",
    platform: "OfficeOnline",
    version: "16.0.19000.10000",
    api: 20,
    requestLimitBytes: 5 * MB,
    responseLimitBytes: 5 * MB,
    payloadError: "documented",
    undoUnsupported: /^(Worksheet\.delete|WorksheetProtection\.(protect|unprotect))\b/,
    autoExpand: true,
    textApostrophe: "dropped",
    textFormula: "formula",
    refusesMergedUndo: false,
  },
  windows: {
    name: "windows",
    platform: "PC",
    version: "16.0.19000.20000",
    api: 20,
    requestLimitBytes: null,
    responseLimitBytes: null,
    payloadError: "documented",
    undoUnsupported:
      /^(Worksheet\.(delete|name|position|visibility)|WorksheetProtection\.(protect|unprotect))\b/,
    autoExpand: true,
    textApostrophe: "dropped",
    textFormula: "formula",
    refusesMergedUndo: false,
  },
  mac: {
    name: "mac",
    platform: "Mac",
    version: "16.99",
    api: 20,
    requestLimitBytes: null,
    responseLimitBytes: null,
    payloadError: "documented",
    undoUnsupported:
      /^(Worksheet\.(delete|name|position|visibility)|WorksheetProtection\.(protect|unprotect))\b/,
    autoExpand: true,
    textApostrophe: "dropped",
    textFormula: "formula",
    refusesMergedUndo: false,
  },
};

/**
 * The client the double plays when a test does not say: FAKE_EXCEL_CLIENT ("web", "windows",
 * "mac"; CI runs the Excel suites once per client), else Excel on the web.
 */
export function defaultClientName(): FakeClientName {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.FAKE_EXCEL_CLIENT;
  return env === "windows" || env === "mac" ? env : "web";
}

export function fakeClient(
  client: FakeClientName | (Partial<FakeClient> & { name?: FakeClientName }) = defaultClientName()
): FakeClient {
  if (typeof client === "string") return { ...FAKE_CLIENTS[client] };
  return { ...FAKE_CLIENTS[client.name ?? defaultClientName()], ...client };
}

export interface FakeExcelOptions {
  /**
   * Which client to be (default: FAKE_EXCEL_CLIENT, else "web"), by name or with fields changed
   * (`{ name: "windows", api: 7 }`). The options below override its limits.
   */
  client?: FakeClientName | (Partial<FakeClient> & { name?: FakeClientName });
  /** Initial sheet names (default ["Sheet1"]). */
  sheets?: string[];
  /** Request payload limit in bytes (Excel on the web: 5 MB). */
  requestLimitBytes?: number;
  /** Response payload limit in bytes (Excel on the web: 5 MB). */
  responseLimitBytes?: number;
  /**
   * Whether worksheet change events carry triggerSource (default: when the client has ExcelApi
   * 1.14). Table change events never do (TableChangedEventArgs has no such field).
   */
  triggerSource?: boolean;
  /** How long after the sync that caused them events arrive (ms; default 0, after the sync). */
  eventDelayMs?: number;
  /**
   * What loading through a null object does: "null" (default) gives null objects (properties
   * read as undefined); "error" fails the sync with InvalidObjectPath, to test code that must
   * not rely on it.
   */
  nullChildren?: "null" | "error";
}

const COL_KEY = 20000;
const key = (r: number, c: number) => r * COL_KEY + c;

/** The error Office.js rejects with (OfficeExtension.Error): a code, a message, debugInfo. */
export class FakeOfficeError extends Error {
  code: string;
  debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message?: string, location?: string) {
    super(message ?? code);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message: message ?? code, errorLocation: location };
  }
}

const err = (code: string, message: string, location?: string) =>
  new FakeOfficeError(code, message, location);
const chainError = () =>
  err(
    "InvalidObjectPath",
    "The object path isn't working for what you're trying to do (it goes through a null object)."
  );

// ---------------------------------------------------------------------------------------------
// A1 helpers

export function colLetters(c: number): string {
  let n = c + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Parse "A1", "$A$1:$C$10", "Sheet!A1:B2", "'My sheet'!A1". */
export function parseAddress(address: string): { sheet?: string; rect: Rect } {
  let sheet: string | undefined;
  let a = address.trim();
  const bang = a.lastIndexOf("!");
  if (bang >= 0) {
    sheet = a.slice(0, bang);
    if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    a = a.slice(bang + 1);
  }
  const parts = a.replace(/\$/g, "").split(":");
  const cell = (p: string) => {
    const m = /^([A-Za-z]{1,3})(\d+)$/.exec(p);
    if (!m)
      throw err("InvalidArgument", `The address '${address}' is not valid.`, "Worksheet.getRange");
    return { r: Number(m[2]) - 1, c: colIndex(m[1]) };
  };
  const a0 = cell(parts[0]);
  const a1 = parts.length > 1 ? cell(parts[1]) : a0;
  const r = Math.min(a0.r, a1.r);
  const c = Math.min(a0.c, a1.c);
  return {
    sheet,
    rect: { r, c, rows: Math.abs(a1.r - a0.r) + 1, cols: Math.abs(a1.c - a0.c) + 1 },
  };
}

export function rectAddress(rect: Rect): string {
  const tl = `${colLetters(rect.c)}${rect.r + 1}`;
  if (rect.rows === 1 && rect.cols === 1) return tl;
  return `${tl}:${colLetters(rect.c + rect.cols - 1)}${rect.r + rect.rows}`;
}

/** References to a sheet in a formula: Name!A1, 'My name'!A1:B2 (any case). */
function sheetReference(name: string): RegExp {
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const quoted = `'${esc(name.replace(/'/g, "''"))}'`;
  return new RegExp(`(?:${quoted}|\\b${esc(name)})![$A-Z]*[$0-9]*(?::[$A-Z]*[$0-9]*)?`, "gi");
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const intersects = (a: Rect, b: Rect) =>
  a.r < b.r + b.rows && b.r < a.r + a.rows && a.c < b.c + b.cols && b.c < a.c + a.cols;
const contains = (outer: Rect, inner: Rect) =>
  inner.r >= outer.r &&
  inner.c >= outer.c &&
  inner.r + inner.rows <= outer.r + outer.rows &&
  inner.c + inner.cols <= outer.c + outer.cols;

// ---------------------------------------------------------------------------------------------
// Value coercion and display text

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

/**
 * What a cell holds after `values = input` (Excel's typed-input rules, simplified). In a
 * Text-formatted ("@") cell, what becomes of a leading apostrophe and of "=..." is not documented
 * for the API: the client says (FakeClient.textApostrophe, textFormula).
 */
function coerce(
  input: FakeValue,
  numberFormat: string | undefined,
  asFormula: boolean,
  text: Pick<FakeClient, "textApostrophe" | "textFormula"> = FAKE_CLIENTS.web
): { v: FakeValue; f?: string } {
  if (typeof input !== "string") return { v: input };
  const textCell = numberFormat === "@" && !asFormula;
  if (input.startsWith("'"))
    return { v: textCell && text.textApostrophe === "kept" ? input : input.slice(1) };
  if (textCell && text.textFormula === "text") return { v: input };
  if (input.startsWith("=") && input.length > 1) return { v: evaluate(input), f: input };
  if (asFormula) return coerce(input, numberFormat, false, text);
  if (/^[+\-@]/.test(input) && input.length > 1) {
    if (numberFormat !== "@" && NUMERIC.test(input)) return { v: Number(input) };
    // Excel takes these as formulas (e.g. "-ve trend" gives #NAME?), even in a Text cell.
    return { v: "#NAME?", f: "=" + input.replace(/^@/, "") };
  }
  if (numberFormat === "@") return { v: input };
  if (NUMERIC.test(input)) return { v: Number(input) };
  if (/^(true|false)$/i.test(input)) return { v: input.toUpperCase() === "TRUE" };
  return { v: input };
}

/** Only literal formulas are evaluated; anything else reads as 0. */
function evaluate(formula: string): FakeValue {
  const body = formula.slice(1).trim();
  const str = /^"((?:[^"]|"")*)"$/.exec(body);
  if (str) return str[1].replace(/""/g, '"');
  if (NUMERIC.test(body)) return Number(body);
  // Sums of numbers ("=1+1"); anything else reads as 0.
  if (/^\d+(\.\d+)?([+-]\d+(\.\d+)?)+$/.test(body))
    return body.match(/[+-]?\d+(\.\d+)?/g)!.reduce((n, t) => n + Number(t), 0);
  return 0;
}

export function serialToDate(serial: number): { y: number; m: number; d: number } {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86400000;
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

function displayText(cell: Cell | undefined): string {
  if (!cell) return "";
  const v = cell.v;
  const nf = cell.nf ?? "General";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (/d/.test(nf) && /y/.test(nf)) {
    const { y, m, d } = serialToDate(v);
    return nf.replace(/yyyy/, String(y)).replace(/mm/, pad(m)).replace(/dd/, pad(d));
  }
  if (nf === "0") return String(Math.round(v));
  if (nf === "0%") return `${Math.round(v * 100)}%`;
  return String(v);
}

function valueType(cell: Cell | undefined): string {
  if (!cell || cell.v === "") return "Empty";
  if (typeof cell.v === "number") return "Double";
  if (typeof cell.v === "boolean") return "Boolean";
  if (/^#[A-Z/0!?]+[!?A]?$/.test(cell.v)) return "Error";
  return "String";
}

// ---------------------------------------------------------------------------------------------
// The fake

type Action = { desc: string; write: boolean; size: number; run: () => void };

export interface FakeExcel {
  /** The client this double plays (web, Windows, Mac) and how it behaves. */
  client: FakeClient;
  /** What `globalThis.Excel` should be. */
  Excel: any;
  /** Minimal `globalThis.Office` for a browser page: onReady, context.requirements, HostType. */
  Office: any;
  state: WorkbookState;
  readonly syncCount: number;
  /** One entry per sync: the operations it carried and whether it failed. */
  syncLog: SyncRecord[];
  /** Make the next sync fail with this Office error code without applying its batch. */
  failNextSync(code: string, message?: string): void;
  /** The same for the next sync that carries a write (reads before it go through). */
  failNextWriteSync(code: string, message?: string): void;
  setCellEditMode(on: boolean): void;
  /** Set globalThis.Excel and globalThis.Office; returns a function that restores them. */
  install(target?: any): () => void;
  addSheet(
    name: string,
    opts?: { protected?: boolean; visibility?: SheetState["visibility"] }
  ): SheetState;
  sheet(name: string): SheetState | undefined;
  sheetNames(): string[];
  protect(sheet: string, on?: boolean): void;
  /** Cell values of a range ("" for empty). */
  values(sheet: string, address: string): FakeValue[][];
  formulas(sheet: string, address: string): string[][];
  numberFormats(sheet: string, address: string): string[][];
  cell(sheet: string, address: string): Cell | undefined;
  /** The used range of a sheet's values, or null. */
  usedRange(sheet: string): Rect | null;
  table(
    name: string
  ):
    | (TableState & { sheet: string; address: string; headers: string[]; body: FakeValue[][] })
    | undefined;
  tableNames(): string[];
  validationsOn(sheet: string, address: string): ValidationState[];
  conditionalFormatsOn(sheet: string, address: string): ConditionalFormatState[];
  charts(sheet: string): ChartState[];
  activeSheet(): string;
  selection(): { sheet: string; address: string };
  /** A deterministic dump of the whole workbook, to compare before and after. */
  dump(): string;
  /** Seed cells directly (test set-up; no sync, no events). */
  seed(sheet: string, address: string, values: FakeValue[][], numberFormat?: string): void;
  /** Seed a table directly: headers and data rows at (0-based) row/col. */
  seedTable(
    sheet: string,
    name: string,
    row: number,
    col: number,
    headers: string[],
    rows: FakeValue[][],
    opts?: {
      numberFormats?: string[];
      /** A totals row under the data, holding these values (formulas start with "="). */
      totals?: FakeValue[];
      /** A calculated column: this formula in every data row of the column (index). */
      calculated?: { col: number; formula: string };
    }
  ): void;
  /** Filter a table column on these values (AutoFilter criteria "Values"). */
  filterTable(name: string, col: number, values: string[]): void;
  /** The analyst types into cells (fires onChanged with triggerSource "Unknown"). */
  userEdit(sheet: string, address: string, values: FakeValue[][]): void;
  /** A co-author's edit arrives (source "Remote", triggerSource "Unknown"). */
  remoteEdit(sheet: string, address: string, values: FakeValue[][]): void;
  /** Whether this add-in's events are on (context.runtime.enableEvents). */
  eventsEnabled(): boolean;
  /** How many table onChanged handlers are registered. */
  handlerCount(): number;
  /** The base64 .xlsx files Excel.createWorkbook was given, in order (each opens a new window). */
  createdWorkbooks: string[];
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const client = fakeClient(options.client);
  const requestLimit = options.requestLimitBytes ?? client.requestLimitBytes ?? Infinity;
  const responseLimit = options.responseLimitBytes ?? client.responseLimitBytes ?? Infinity;
  const tooLarge = (documented: string) =>
    client.payloadError === "GeneralException" ? "GeneralException" : documented;
  const hasApi = (minor: number) => client.api >= minor;
  const triggerSource = options.triggerSource ?? hasApi(14);
  const state: WorkbookState = {
    sheets: [],
    tables: [],
    activeSheetId: "",
    selection: { sheetId: "", rect: { r: 0, c: 0, rows: 1, cols: 1 } },
    nextId: 1,
  };
  const syncLog: SyncRecord[] = [];
  /** A child of a null object: null, or an error when the fake is strict. */
  const nullChild = <T>(): T | null => {
    if (options.nullChildren === "error") throw chainError();
    return null;
  };
  let syncCount = 0;
  let pendingFailure: { code: string; message: string; onWrite: boolean } | null = null;
  let cellEdit = false;
  let editWaiters: (() => void)[] = [];
  const handlers = new Map<
    number,
    { kind: "table" | "sheet"; targetId: string; fn: (args: any) => unknown }
  >();
  let nextHandler = 1;

  // ---------- state helpers
  function newSheet(name: string): SheetState {
    return {
      id: `{S${state.nextId++}}`,
      name,
      visibility: "Visible",
      protected: false,
      cells: new Map(),
      colWidths: new Map(),
      rowHeights: new Map(),
      freezeRows: 0,
      freezeCols: 0,
      showGridlines: true,
      pageBreakRows: [],
      tabColor: "",
      pageLayout: {
        orientation: "Portrait",
        paperSize: "Letter",
        zoom: { scale: 100 },
        printArea: null,
        printTitleRows: null,
        centerHeader: "",
        centerFooter: "",
        rightFooter: "",
        centerHorizontally: false,
      },
      validations: [],
      conditionalFormats: [],
      charts: [],
    };
  }
  const sheetByName = (name: string) =>
    state.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  const sheetById = (id: string) => state.sheets.find((s) => s.id === id);
  const tableByName = (name: string) =>
    state.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  const tableRect = (t: TableState): Rect => ({
    r: t.r,
    c: t.c,
    rows: t.rows + 1 + (t.showTotals ? 1 : 0),
    cols: t.cols,
  });
  const filtered = (t: TableState) => !!t.filter?.some((f) => f);
  /** InsertDeleteConflict: typings for TableRowCollection.deleteRows; office-js #994, #468. */
  const refuseFiltered = (t: TableState, where: string) => {
    if (filtered(t))
      throw err(
        "InsertDeleteConflict",
        `The operation can't shift cells in the filtered table '${t.name}'.`,
        where
      );
  };
  /**
   * Calculated columns: a column whose data cells all hold the same structured-reference formula
   * fills it into new rows (Excel's "Fill formulas in tables to create calculated columns";
   * office-js #6745 shows it applies to API writes).
   */
  function calculatedFormulas(sheet: SheetState, t: TableState): (string | null)[] {
    return Array.from({ length: t.cols }, (_, j) => {
      let f: string | null = null;
      for (let i = 0; i < t.rows; i++) {
        const cf = getCell(sheet, t.r + 1 + i, t.c + j)?.f;
        if (!cf || !cf.includes("[@") || (f !== null && cf !== f)) return null;
        f = cf;
      }
      return f;
    });
  }
  function fillCalculated(
    sheet: SheetState,
    t: TableState,
    formulas: (string | null)[],
    from: number,
    written: Set<number> = new Set()
  ): void {
    formulas.forEach((f, j) => {
      if (!f) return;
      for (let i = from; i < t.rows; i++) {
        if (written.has(key(t.r + 1 + i, t.c + j))) continue;
        const cell = ensureCell(sheet, t.r + 1 + i, t.c + j);
        if (cell.v !== "" || cell.f) continue;
        cell.f = f;
        cell.v = 0;
      }
    });
  }
  const bodyRect = (t: TableState): Rect => ({ r: t.r + 1, c: t.c, rows: t.rows, cols: t.cols });

  // Excel's sheet-name rules (Excel help "Rename a worksheet": at most 31 characters, none of
  // [ ] : * ? / \, not starting or ending with an apostrophe); the API refuses them too.
  function validName(name: string): void {
    if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
      throw err(
        "InvalidArgument",
        `The sheet name '${name}' is not valid.`,
        "WorksheetCollection.add"
      );
    }
  }
  function addSheetState(name: string): SheetState {
    validName(name);
    if (sheetByName(name))
      throw err(
        "ItemAlreadyExists",
        `A sheet named '${name}' already exists.`,
        "WorksheetCollection.add"
      );
    const s = newSheet(name);
    state.sheets.push(s);
    if (!state.activeSheetId) {
      state.activeSheetId = s.id;
      state.selection = { sheetId: s.id, rect: { r: 0, c: 0, rows: 1, cols: 1 } };
    }
    return s;
  }
  for (const n of options.sheets ?? ["Sheet1"]) addSheetState(n);

  function writable(sheet: SheetState, where: string): void {
    if (sheet.protected)
      throw err("AccessDenied", `The sheet '${sheet.name}' is protected.`, where);
  }
  function getCell(sheet: SheetState, r: number, c: number): Cell | undefined {
    return sheet.cells.get(key(r, c));
  }
  function ensureCell(sheet: SheetState, r: number, c: number): Cell {
    let cell = sheet.cells.get(key(r, c));
    if (!cell) {
      cell = { v: "" };
      sheet.cells.set(key(r, c), cell);
    }
    return cell;
  }
  function forEachCell(rect: Rect, fn: (r: number, c: number, i: number, j: number) => void): void {
    for (let i = 0; i < rect.rows; i++)
      for (let j = 0; j < rect.cols; j++) fn(rect.r + i, rect.c + j, i, j);
  }
  function grid<T>(rect: Rect, fn: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < rect.rows; i++) {
      const row: T[] = [];
      for (let j = 0; j < rect.cols; j++) row.push(fn(rect.r + i, rect.c + j));
      out.push(row);
    }
    return out;
  }
  function checkShape(rect: Rect, data: unknown, where: string): any[][] {
    if (
      !Array.isArray(data) ||
      data.length !== rect.rows ||
      data.some((row) => !Array.isArray(row) || row.length !== rect.cols)
    ) {
      // Excel's own refusal (its message, word for word; code InvalidArgument, docs "Error
      // handling with the application-specific JavaScript APIs").
      throw err(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rectAddress(rect)}).`,
        where
      );
    }
    return data as any[][];
  }

  /**
   * Tables whose body grew or shrank: move validations and conditional formats with them. Excel
   * help ("Overview of Excel tables", "Resize a table"): a table column's formatting and data
   * validation extend to rows the table gains; the API docs do not say it of API writes.
   */
  function resizeBody(t: TableState, newRows: number): void {
    const sheet = sheetById(t.sheetId)!;
    const oldEnd = t.r + 1 + t.rows;
    for (const e of [...sheet.validations, ...sheet.conditionalFormats]) {
      if (e.r === t.r + 1 && e.r + e.rows === oldEnd && e.c >= t.c && e.c + e.cols <= t.c + t.cols)
        e.rows = newRows;
    }
    t.rows = newRows;
  }

  /**
   * Range.insert("Down") (n > 0) and Range.delete("Up") (n < 0) over the columns of `rect`: the
   * cells below move. A table the shift would cut through is refused, as Excel refuses to shift
   * part of a table (its UI: "The operation is attempting to shift cells in a table on your
   * worksheet"; not in the API docs); whole table rows inserted or deleted change the table's size, and a filtered
   * table refuses that (InsertDeleteConflict).
   */
  function shiftRows(sheet: SheetState, rect: Rect, n: number, where: string): void {
    writable(sheet, where);
    /** Tables that gain rows: inserted table rows fill their calculated columns. */
    const inserted: { t: TableState; calc: (string | null)[]; before: number }[] = [];
    const inCols = (c: number) => c >= rect.c && c < rect.c + rect.cols;
    const from = n > 0 ? rect.r : rect.r + rect.rows;
    const cutThrough = () =>
      err("InvalidOperation", "This operation would shift cells in a table on the sheet.", where);
    for (const t of state.tables) {
      if (t.sheetId !== sheet.id) continue;
      const tr = tableRect(t);
      if (tr.r + tr.rows <= rect.r) continue; // wholly above: untouched
      if (tr.c + tr.cols <= rect.c || tr.c >= rect.c + rect.cols) continue; // other columns
      if (rect.c > t.c || rect.c + rect.cols < t.c + t.cols) throw cutThrough();
      if (tr.r >= from) {
        t.r += n; // wholly below: the table moves
        continue;
      }
      const body = bodyRect(t);
      if (n > 0) {
        if (rect.r <= tr.r) throw cutThrough();
      } else if (rect.r < body.r || rect.r + rect.rows > body.r + body.rows) throw cutThrough();
      refuseFiltered(t, where);
      inserted.push({ t, calc: calculatedFormulas(sheet, t), before: t.rows });
      resizeBody(t, Math.max(t.rows + n, 1));
    }
    const moved: [number, Cell][] = [];
    for (const [k, cell] of sheet.cells) {
      const r = Math.floor(k / COL_KEY);
      const c = k % COL_KEY;
      if (!inCols(c)) continue;
      if (n < 0 && r >= rect.r && r < rect.r + rect.rows) sheet.cells.delete(k);
      else if (r >= from) moved.push([k, cell]);
    }
    for (const [k] of moved) sheet.cells.delete(k);
    for (const [k, cell] of moved) sheet.cells.set(k + n * COL_KEY, cell);
    for (const e of [...sheet.validations, ...sheet.conditionalFormats])
      if (e.c >= rect.c && e.c + e.cols <= rect.c + rect.cols && e.r >= from) e.r += n;
    if (n > 0)
      for (const x of inserted) {
        // Only the rows inserted (at rect.r), from the body's point of view.
        const from = rect.r - (x.t.r + 1);
        x.calc.forEach((f, j) => {
          if (!f) return;
          for (let i = from; i < from + n; i++) {
            const cell = ensureCell(sheet, x.t.r + 1 + i, x.t.c + j);
            cell.f = f;
            cell.v = 0;
          }
        });
      }
    touched(sheet, { r: rect.r, c: rect.c, rows: Math.abs(n), cols: rect.cols });
  }

  /** Auto-expansion: values written to the row directly below a table make it grow. */
  function autoExpand(
    sheet: SheetState,
    rect: Rect,
    calculated: Map<TableState, (string | null)[]>,
    written: Set<number>
  ): void {
    if (!client.autoExpand) return;
    for (const t of state.tables) {
      if (t.sheetId !== sheet.id || rect.r !== t.r + 1 + t.rows) continue;
      // With a totals row the row under the data is the totals row: writing there overwrites it.
      if (t.showTotals) continue;
      if (rect.c + rect.cols <= t.c || rect.c >= t.c + t.cols) continue;
      let last = -1;
      for (let i = rect.rows - 1; i >= 0 && last < 0; i--) {
        for (let c = Math.max(rect.c, t.c); c < Math.min(rect.c + rect.cols, t.c + t.cols); c++) {
          const cell = getCell(sheet, rect.r + i, c);
          if (cell && cell.v !== "") {
            last = i;
            break;
          }
        }
      }
      if (last < 0) continue;
      const prevLast = t.r + t.rows;
      const prevRows = t.rows;
      resizeBody(t, t.rows + last + 1);
      fillCalculated(sheet, t, calculated.get(t) ?? [], prevRows, written);
      // The table's column formats reach the new rows (after the values were taken in).
      for (let i = 0; i <= last; i++) {
        for (let j = 0; j < t.cols; j++) {
          const src = getCell(sheet, prevLast, t.c + j);
          if (!src || (!src.nf && !src.fmt)) continue;
          const cell = ensureCell(sheet, rect.r + i, t.c + j);
          if (cell.nf === undefined && src.nf) cell.nf = src.nf;
          if (!cell.fmt && src.fmt) cell.fmt = JSON.parse(JSON.stringify(src.fmt));
        }
      }
    }
  }

  function writeValues(sheet: SheetState, rect: Rect, data: any[][], asFormula: boolean): void {
    const calculated = new Map(
      state.tables
        .filter((t) => t.sheetId === sheet.id && rect.r === t.r + 1 + t.rows)
        .map((t) => [t, calculatedFormulas(sheet, t)] as const)
    );
    const written = new Set<number>();
    forEachCell(rect, (r, c, i, j) => {
      const input = data[i][j];
      if (input === null || input === undefined) return;
      written.add(key(r, c));
      if (input === "") {
        const cell = getCell(sheet, r, c);
        if (cell) {
          cell.v = "";
          delete cell.f;
          if (!cell.nf && !cell.fmt) sheet.cells.delete(key(r, c));
        }
        return;
      }
      const cell = ensureCell(sheet, r, c);
      const out = coerce(input, cell.nf, asFormula, client);
      cell.v = out.v;
      if (out.f) cell.f = out.f;
      else delete cell.f;
    });
    autoExpand(sheet, rect, calculated, written);
    touched(sheet, rect);
  }

  // Events. Docs "Work with events" (excel-add-ins-events.md, "Event triggers"): events fire for
  // the add-in's own changes as well as the user's, and for co-authors' (source "Remote"); they
  // arrive asynchronously, after the sync that caused them (eventDelayMs). TableChangedEventArgs
  // has no triggerSource (typings; office.js builds table event args without it);
  // WorksheetChangedEventArgs.triggerSource is ExcelApi 1.14 ("ThisLocalAddin" for own writes).
  // context.runtime.enableEvents = false (ExcelApi 1.8) stops this add-in's handlers receiving
  // them; the flag is the runtime's, so it holds across batches until set back.
  let changes: { sheet: SheetState; rect: Rect }[] = [];
  let eventsEnabled = true;
  function touched(sheet: SheetState, rect: Rect): void {
    if (eventsEnabled) changes.push({ sheet, rect: { ...rect } });
  }
  function fireEvents(
    trigger: "ThisLocalAddin" | "Unknown",
    source: "Local" | "Remote" = "Local"
  ): void {
    const list = changes;
    changes = [];
    const deliver = (h: { fn: (args: any) => unknown }, args: Record<string, unknown>) =>
      setTimeout(() => void h.fn(args), options.eventDelayMs ?? 0);
    for (const { sheet, rect } of list) {
      for (const h of handlers.values()) {
        if (h.kind === "table") {
          const t = state.tables.find((x) => x.id === h.targetId);
          if (!t || t.sheetId !== sheet.id || !intersects(tableRect(t), rect)) continue;
          deliver(h, {
            type: "TableChanged",
            changeType: "RangeEdited",
            source,
            address: rectAddress(rect),
            tableId: t.id,
            worksheetId: t.sheetId,
          });
        } else {
          if (h.targetId !== sheet.id) continue;
          const args: Record<string, unknown> = {
            type: "WorksheetChanged",
            changeType: "RangeEdited",
            source,
            address: rectAddress(rect),
            worksheetId: sheet.id,
          };
          if (triggerSource) args.triggerSource = trigger;
          deliver(h, args);
        }
      }
    }
  }

  function createTable(sheet: SheetState, rect: Rect, hasHeaders: boolean): TableState {
    writable(sheet, "TableCollection.add");
    if (!hasHeaders)
      throw err(
        "NotImplemented",
        "fake-excel: tables.add(range, false) is not supported.",
        "TableCollection.add"
      );
    const rows = Math.max(rect.rows - 1, 1);
    const t: TableState = {
      id: `{T${state.nextId++}}`,
      name: "",
      sheetId: sheet.id,
      r: rect.r,
      c: rect.c,
      rows,
      cols: rect.cols,
      style: "TableStyleMedium2",
      showBandedRows: true,
      showTotals: false,
      filter: null,
    };
    for (const other of state.tables) {
      if (other.sheetId === sheet.id && intersects(tableRect(other), tableRect(t))) {
        // Excel refuses overlapping tables (its UI message, word for word; not in the API docs).
        throw err(
          "InvalidOperation",
          "A table can't overlap another table.",
          "TableCollection.add"
        );
      }
    }
    let n = 1;
    while (tableByName(`Table${n}`)) n++;
    t.name = `Table${n}`;
    const seen = new Set<string>();
    for (let j = 0; j < rect.cols; j++) {
      const cell = ensureCell(sheet, rect.r, rect.c + j);
      let h =
        cell.v === ""
          ? `Column${j + 1}`
          : String(typeof cell.v === "boolean" ? (cell.v ? "TRUE" : "FALSE") : cell.v);
      let k = 2;
      const base = h;
      while (seen.has(h.toLowerCase())) h = `${base}${k++}`;
      seen.add(h.toLowerCase());
      cell.v = h;
      delete cell.f;
    }
    state.tables.push(t);
    return t;
  }

  function deleteSheet(sheet: SheetState): void {
    writable(sheet, "Worksheet.delete");
    const visible = state.sheets.filter((s) => s.visibility === "Visible");
    if (state.sheets.length === 1 || (sheet.visibility === "Visible" && visible.length === 1)) {
      // Excel keeps one visible sheet (its UI message, word for word; not in the API docs).
      throw err(
        "InvalidOperation",
        "A workbook must contain at least one visible worksheet.",
        "Worksheet.delete"
      );
    }
    state.tables = state.tables.filter((t) => t.sheetId !== sheet.id);
    const idx = state.sheets.indexOf(sheet);
    state.sheets.splice(idx, 1);
    // Formulas elsewhere that refer to the deleted sheet become #REF! (Excel keeps no way back to
    // it, and suspending calculation does not prevent it: excel-behaviours.md, "Sheets").
    const ref = sheetReference(sheet.name);
    for (const other of state.sheets)
      for (const cell of other.cells.values()) {
        if (!cell.f || !cell.f.match(ref)) continue;
        cell.f = cell.f.replace(ref, "#REF!");
        cell.v = "#REF!";
      }
    if (state.activeSheetId === sheet.id) {
      const next = state.sheets.find((s) => s.visibility === "Visible")!;
      state.activeSheetId = next.id;
      state.selection = { sheetId: next.id, rect: { r: 0, c: 0, rows: 1, cols: 1 } };
    }
  }

  function usedRect(sheet: SheetState, valuesOnly: boolean): Rect | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    for (const [k, cell] of sheet.cells) {
      if (valuesOnly && cell.v === "") continue;
      const r = Math.floor(k / COL_KEY),
        c = k % COL_KEY;
      if (r < r0) r0 = r;
      if (c < c0) c0 = c;
      if (r > r1) r1 = r;
      if (c > c1) c1 = c;
    }
    if (!valuesOnly) {
      for (const t of state.tables) {
        if (t.sheetId !== sheet.id) continue;
        const tr = tableRect(t);
        r0 = Math.min(r0, tr.r);
        c0 = Math.min(c0, tr.c);
        r1 = Math.max(r1, tr.r + tr.rows - 1);
        c1 = Math.max(c1, tr.c + tr.cols - 1);
      }
    }
    if (r1 < 0) return null;
    return { r: r0, c: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  // ---------- the request context
  class Context {
    queue: Action[] = [];
    nullables: ProxyBase[] = [];
    delayForCellEdit = false;
    workbook: WorkbookProxy;
    application: any;
    runtime: any;
    trackedObjects = { add() {}, remove() {} };
    constructor() {
      this.workbook = new WorkbookProxy(this);
      const ctx = this;
      this.application = {
        suspendScreenUpdatingUntilNextSync() {
          ctx.enqueue("Application.suspendScreenUpdatingUntilNextSync", false, () => {});
        },
        suspendApiCalculationUntilNextSync() {
          ctx.enqueue("Application.suspendApiCalculationUntilNextSync", false, () => {});
        },
      };
      // Runtime.enableEvents (ExcelApi 1.8): set in queue order at the sync.
      const runtime = {
        loaded: false,
        load() {
          ctx.enqueue("Runtime.load", false, () => void (runtime.loaded = true));
          return runtime;
        },
        get enableEvents(): boolean {
          if (!runtime.loaded) throw notLoaded("Runtime", "enableEvents");
          return eventsEnabled;
        },
        set enableEvents(on: boolean) {
          if (!hasApi(8))
            throw err("ApiNotFound", "Runtime.enableEvents needs ExcelApi 1.8.", "Runtime");
          ctx.enqueue(`Runtime.enableEvents ${on}`, false, () => void (eventsEnabled = on));
        },
      };
      this.runtime = runtime;
    }
    /** RunOptions.mergeUndoGroup (ExcelApi 1.20; older clients ignore it). */
    mergeUndoGroup = false;
    enqueue(desc: string, write: boolean, run: () => void, payload?: unknown): void {
      const size =
        60 + desc.length + (payload === undefined ? 0 : (JSON.stringify(payload)?.length ?? 0));
      this.queue.push({ desc, write, size, run });
    }
    async sync(): Promise<void> {
      syncCount++;
      const actions = this.queue;
      this.queue = [];
      const record: SyncRecord = {
        ops: actions.map((a) => a.desc),
        writes: actions.filter((a) => a.write).length,
        requestBytes: actions.reduce((n, a) => n + a.size, 0),
        opBytes: actions.map((a) => a.size),
        ...(this.mergeUndoGroup ? { merged: true } : {}),
      };
      syncLog.push(record);
      await Promise.resolve();
      if (cellEdit) {
        if (this.delayForCellEdit) await new Promise<void>((resolve) => editWaiters.push(resolve));
        else {
          record.failed = "InvalidOperationInCellEditMode";
          throw err(
            "InvalidOperationInCellEditMode",
            "Excel is in cell-editing mode.",
            "RequestContext.sync"
          );
        }
      }
      // Docs "Undo capabilities": in a merged undo group a statement without undo support
      // makes the run throw UndoNotSupported (nothing of this batch is applied here: whether
      // Excel applies the statements before it is not documented).
      const noUndo =
        this.mergeUndoGroup && hasApi(20)
          ? actions.find((a) => client.undoUnsupported.test(a.desc))
          : undefined;
      if (this.mergeUndoGroup && hasApi(20) && client.refusesMergedUndo) {
        record.failed = "GeneralException";
        throw err(
          "GeneralException",
          "There was an internal error while processing the request.",
          "RequestContext.sync"
        );
      }
      if (noUndo) {
        record.failed = "UndoNotSupported";
        throw err(
          "UndoNotSupported",
          `The operation isn't supported in a merged undo group (${noUndo.desc}).`,
          "RequestContext.sync"
        );
      }
      if (pendingFailure && (!pendingFailure.onWrite || record.writes > 0)) {
        const f = pendingFailure;
        pendingFailure = null;
        record.failed = f.code;
        throw err(f.code, f.message, "RequestContext.sync");
      }
      const bytes = actions.reduce((n, a) => n + a.size, 0);
      if (bytes > requestLimit) {
        record.failed = tooLarge("RequestPayloadSizeLimitExceeded");
        throw err(
          record.failed,
          `The request payload size (${bytes} bytes) has exceeded the limit.`,
          "RequestContext.sync"
        );
      }
      responseBytes = 0;
      try {
        for (const a of actions) a.run();
      } catch (e) {
        record.failed = (e as FakeOfficeError).code ?? "GeneralException";
        fireEvents("ThisLocalAddin");
        throw e;
      }
      for (const p of this.nullables) p.settleNull();
      fireEvents("ThisLocalAddin");
      record.responseBytes = responseBytes;
      if (responseBytes > responseLimit) {
        record.failed = tooLarge("ResponsePayloadSizeLimitExceeded");
        throw err(
          record.failed,
          "The response payload size has exceeded the limit.",
          "RequestContext.sync"
        );
      }
    }
  }
  let responseBytes = 0;

  // ---------- proxies
  abstract class ProxyBase {
    ctx: Context;
    loaded = new Map<string, unknown>();
    nullable: boolean;
    nullState: boolean | undefined;
    constructor(ctx: Context, nullable = false) {
      this.ctx = ctx;
      this.nullable = nullable;
      if (nullable) ctx.nullables.push(this);
    }
    get context(): Context {
      return this.ctx;
    }
    get isNullObject(): boolean {
      if (this.nullState === undefined) throw notLoaded(this.constructor.name, "isNullObject");
      return this.nullState;
    }
    /** Whether the object exists at this point of the batch. */
    abstract exists(): boolean;
    settleNull(): void {
      try {
        this.nullState = !this.exists();
      } catch {
        this.nullState = true;
      }
    }
    protected prop(name: string): any {
      // Like Office.js: the properties of a null object read as undefined.
      if (this.nullState === true) return undefined;
      if (!this.loaded.has(name))
        throw notLoaded(this.constructor.name.replace(/Proxy$/, ""), name);
      return this.loaded.get(name);
    }
    protected readProp(_name: string): unknown {
      throw err(
        "InvalidArgument",
        `fake-excel: property '${_name}' cannot be loaded on ${this.constructor.name}.`
      );
    }
    protected nav(name: string): ProxyBase | null {
      void name;
      return null;
    }
    load(spec?: string | string[] | { select?: string }): this {
      const list = (
        typeof spec === "string"
          ? spec.split(",")
          : Array.isArray(spec)
            ? spec
            : (spec?.select ?? "").split(",")
      )
        .map((s) => s.trim())
        .filter(Boolean);
      this.ctx.enqueue(
        `load ${this.constructor.name.replace(/Proxy$/, "")}[${list.join(",")}]`,
        false,
        () => this.doLoad(list)
      );
      return this;
    }
    /** What a bare load() loads (Office.js: the scalar properties). */
    protected defaultProps(): string[] {
      return [];
    }
    doLoad(list: string[]): void {
      if (this.nullable && !this.exists()) return;
      if (list.length === 0) list = this.defaultProps();
      for (const p of list) {
        const slash = p.indexOf("/");
        if (slash >= 0) {
          const child = this.nav(p.slice(0, slash));
          if (!child) throw err("InvalidArgument", `fake-excel: cannot navigate '${p}'.`);
          child.doLoad([p.slice(slash + 1)]);
          this.loaded.set(p.slice(0, slash), child);
          continue;
        }
        const v = this.readProp(p);
        this.loaded.set(p, v);
        responseBytes +=
          typeof v === "object" && v !== null ? (JSON.stringify(v)?.length ?? 0) : 16;
      }
    }
    protected write(desc: string, run: () => void, payload?: unknown): void {
      this.ctx.enqueue(desc, true, run, payload);
    }
    toJSON(): Record<string, unknown> {
      return Object.fromEntries(this.loaded);
    }
  }
  function notLoaded(type: string, name: string): Error {
    return err(
      "PropertyNotLoaded",
      `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      `${type}.${name}`
    );
  }

  class ClientResult<T> {
    private v: T | undefined;
    private set = false;
    resolve(v: T) {
      this.v = v;
      this.set = true;
    }
    get value(): T {
      if (!this.set)
        throw err(
          "PropertyNotLoaded",
          "The value of the result object has not been loaded yet. Before reading the value property, call context.sync() on the associated request context."
        );
      return this.v as T;
    }
  }

  class WorkbookProxy extends ProxyBase {
    worksheets: WorksheetCollectionProxy;
    tables: TableCollectionProxy;
    application: any;
    constructor(ctx: Context) {
      super(ctx);
      this.worksheets = new WorksheetCollectionProxy(ctx);
      this.tables = new TableCollectionProxy(ctx, null);
    }
    exists() {
      return true;
    }
    getSelectedRange(): RangeProxy {
      return new RangeProxy(this.ctx, () => {
        const s = sheetById(state.selection.sheetId)!;
        return { sheet: s, rect: state.selection.rect };
      });
    }
    getActiveCell(): RangeProxy {
      return new RangeProxy(this.ctx, () => {
        const s = sheetById(state.selection.sheetId)!;
        return { sheet: s, rect: { ...state.selection.rect, rows: 1, cols: 1 } };
      });
    }
  }

  class WorksheetCollectionProxy extends ProxyBase {
    exists() {
      return true;
    }
    private itemsList: WorksheetProxy[] | undefined;
    get items(): WorksheetProxy[] {
      if (!this.itemsList) throw notLoaded("WorksheetCollection", "items");
      return this.itemsList;
    }
    doLoad(list: string[]): void {
      const sub = list.map((p) => p.replace(/^items\//, "")).filter((p) => p !== "items");
      this.itemsList = state.sheets.map((s) => {
        const w = new WorksheetProxy(this.ctx, () => s);
        w.doLoad(sub.length ? sub : ["name"]);
        return w;
      });
    }
    getItem(name: string): WorksheetProxy {
      return new WorksheetProxy(this.ctx, () => sheetByName(name), false, `Worksheet '${name}'`);
    }
    getItemOrNullObject(name: string): WorksheetProxy {
      return new WorksheetProxy(this.ctx, () => sheetByName(name), true);
    }
    getActiveWorksheet(): WorksheetProxy {
      return new WorksheetProxy(this.ctx, () => sheetById(state.activeSheetId));
    }
    getCount(): ClientResult<number> {
      const res = new ClientResult<number>();
      this.ctx.enqueue("WorksheetCollection.getCount", false, () =>
        res.resolve(state.sheets.length)
      );
      return res;
    }
    add(name?: string): WorksheetProxy {
      let created: SheetState | undefined;
      const proxy = new WorksheetProxy(this.ctx, () => created);
      this.write(`Worksheet.add ${name ?? ""}`, () => {
        let n = name;
        if (!n) {
          let i = state.sheets.length + 1;
          while (sheetByName(`Sheet${i}`)) i++;
          n = `Sheet${i}`;
        }
        created = addSheetState(n);
      });
      return proxy;
    }
  }

  class WorksheetProxy extends ProxyBase {
    private resolver: () => SheetState | undefined;
    private pinned: SheetState | undefined;
    private label: string;
    constructor(
      ctx: Context,
      resolver: () => SheetState | undefined,
      nullable = false,
      label = "Worksheet"
    ) {
      super(ctx, nullable);
      this.resolver = resolver;
      this.label = label;
    }
    resolve(): SheetState {
      if (this.pinned && state.sheets.includes(this.pinned)) return this.pinned;
      const s = this.resolver();
      if (!s)
        throw err(
          "ItemNotFound",
          `The requested resource doesn't exist (${this.label}).`,
          "WorksheetCollection.getItem"
        );
      this.pinned = s;
      return s;
    }
    exists(): boolean {
      if (this.pinned && state.sheets.includes(this.pinned)) return true;
      return this.resolver() !== undefined;
    }
    protected readProp(name: string): unknown {
      const s = this.resolve();
      switch (name) {
        case "name":
          return s.name;
        case "id":
          return s.id;
        case "visibility":
          return s.visibility;
        case "position":
          return state.sheets.indexOf(s);
        case "tabColor":
          return s.tabColor;
        case "showGridlines":
          return s.showGridlines;
        default:
          return super.readProp(name);
      }
    }
    protected nav(name: string): ProxyBase | null {
      if (name === "protection") return this.protection;
      return null;
    }
    protected defaultProps(): string[] {
      return ["name", "id", "visibility", "position", "tabColor", "showGridlines"];
    }
    get name(): string {
      return this.prop("name");
    }
    set name(v: string) {
      this.write(`Worksheet.name ${v}`, () => {
        const s = this.resolve();
        writable(s, "Worksheet.name");
        validName(v);
        const other = sheetByName(v);
        if (other && other !== s)
          throw err("ItemAlreadyExists", `A sheet named '${v}' already exists.`, "Worksheet.name");
        s.name = v;
      });
    }
    get id(): string {
      return this.prop("id");
    }
    get visibility(): string {
      return this.prop("visibility");
    }
    set visibility(v: string) {
      this.write(`Worksheet.visibility ${v}`, () => {
        const s = this.resolve();
        if (
          v !== "Visible" &&
          s.visibility === "Visible" &&
          state.sheets.filter((x) => x.visibility === "Visible").length === 1
        ) {
          throw err(
            "InvalidOperation",
            "A workbook must contain at least one visible worksheet.",
            "Worksheet.visibility"
          );
        }
        s.visibility = v as SheetState["visibility"];
        if (v !== "Visible" && state.activeSheetId === s.id) {
          const next = state.sheets.find((x) => x.visibility === "Visible")!;
          state.activeSheetId = next.id;
        }
      });
    }
    get position(): number {
      return this.prop("position");
    }
    set position(p: number) {
      this.write(`Worksheet.position ${p}`, () => {
        const s = this.resolve();
        const i = state.sheets.indexOf(s);
        state.sheets.splice(i, 1);
        state.sheets.splice(Math.max(0, Math.min(p, state.sheets.length)), 0, s);
      });
    }
    get tabColor(): string {
      return this.prop("tabColor");
    }
    set tabColor(v: string) {
      this.write(`Worksheet.tabColor ${v}`, () => void (this.resolve().tabColor = v));
    }
    get showGridlines(): boolean {
      return this.prop("showGridlines");
    }
    set showGridlines(v: boolean) {
      this.write(`Worksheet.showGridlines ${v}`, () => void (this.resolve().showGridlines = v));
    }
    private protectionProxy: any;
    get protection(): any {
      if (this.protectionProxy) return this.protectionProxy;
      const ws = this;
      const p = new (class extends ProxyBase {
        exists() {
          return ws.exists();
        }
        protected readProp(name: string): unknown {
          if (name === "protected") return ws.resolve().protected;
          return super.readProp(name);
        }
        get protected(): boolean {
          return this.prop("protected");
        }
        // typings (WorksheetProtection.protect, ExcelApi 1.2): "Protects a worksheet. Fails if
        // the worksheet has already been protected." (office-js #6784 reports AccessDenied.)
        protect(options?: Record<string, unknown>, password?: string): void {
          this.write("WorksheetProtection.protect", () => {
            const sheet = ws.resolve();
            if (sheet.protected)
              throw err(
                "AccessDenied",
                `The sheet '${sheet.name}' is already protected.`,
                "WorksheetProtection.protect"
              );
            if (password)
              throw err("NotImplemented", "fake-excel: protection passwords are not modelled.");
            sheet.protected = true;
            sheet.protectionOptions = { ...(options ?? {}) };
          });
        }
        unprotect(): void {
          this.write("WorksheetProtection.unprotect", () => {
            const sheet = ws.resolve();
            sheet.protected = false;
            delete sheet.protectionOptions;
          });
        }
      })(this.ctx);
      this.protectionProxy = p;
      return p;
    }
    get freezePanes(): any {
      const ws = this;
      return {
        freezeRows: (n = 1) =>
          ws.write(`FreezePanes.freezeRows ${n}`, () => {
            const s = ws.resolve();
            s.freezeRows = n;
            s.freezeCols = 0;
          }),
        freezeColumns: (n = 1) =>
          ws.write(`FreezePanes.freezeColumns ${n}`, () => {
            const s = ws.resolve();
            s.freezeCols = n;
            s.freezeRows = 0;
          }),
        freezeAt: (r: RangeProxy) =>
          ws.write(`FreezePanes.freezeAt`, () => {
            const s = ws.resolve();
            const { rect } = r.resolve();
            s.freezeRows = rect.r + rect.rows;
            s.freezeCols = rect.c + rect.cols;
          }),
        unfreeze: () =>
          ws.write(`FreezePanes.unfreeze`, () => {
            const s = ws.resolve();
            s.freezeRows = 0;
            s.freezeCols = 0;
          }),
      };
    }
    /** Page breaks above a range's top-left cell (ExcelApi 1.9). */
    get horizontalPageBreaks(): any {
      const ws = this;
      return {
        removePageBreaks: () =>
          ws.write(`Worksheet.horizontalPageBreaks.removePageBreaks`, () => {
            ws.resolve().pageBreakRows = [];
          }),
        add: (at: RangeProxy) =>
          ws.write(`Worksheet.horizontalPageBreaks.add`, () => {
            const rows = ws.resolve().pageBreakRows;
            const r = at.resolve().rect.r;
            if (!rows.includes(r)) rows.push(r);
          }),
      };
    }
    get pageLayout(): any {
      const ws = this;
      const set = (k: keyof PageLayoutState) => (v: any) =>
        ws.write(`PageLayout.${k}`, () => {
          (ws.resolve().pageLayout as any)[k] = v;
        });
      return {
        set orientation(v: string) {
          set("orientation")(v);
        },
        set paperSize(v: string) {
          set("paperSize")(v);
        },
        set zoom(v: any) {
          ws.write(`PageLayout.zoom`, () => {
            // PageLayoutZoomOptions (typings, ExcelApi 1.9): the fit dimension not used is null;
            // the typings allow no 0 (what a client does with one is not documented).
            for (const k of ["horizontalFitToPages", "verticalFitToPages"]) {
              const n = v?.[k];
              if (n !== undefined && n !== null && !(Number.isInteger(n) && n >= 1))
                throw err(
                  "InvalidArgument",
                  `PageLayoutZoomOptions.${k} must be null or a whole number of pages.`,
                  "PageLayout.zoom"
                );
            }
            ws.resolve().pageLayout.zoom = { ...v };
          });
        },
        set centerHorizontally(v: boolean) {
          set("centerHorizontally")(v);
        },
        setPrintArea: (a: string | RangeProxy) =>
          ws.write(`PageLayout.setPrintArea`, () => {
            ws.resolve().pageLayout.printArea =
              typeof a === "string" ? a : rectAddress(a.resolve().rect);
          }),
        // PageLayout.setPrintTitleRows(printTitleRows: Range | string), ExcelApi 1.9 (typings):
        // "Sets the worksheet's print title rows", e.g. "$1:$1".
        setPrintTitleRows: (a: string | RangeProxy) =>
          ws.write(`PageLayout.setPrintTitleRows`, () => {
            ws.resolve().pageLayout.printTitleRows =
              typeof a === "string" ? a : rectAddress(a.resolve().rect);
          }),
        headersFooters: {
          defaultForAllPages: {
            set centerHeader(v: string) {
              set("centerHeader")(v);
            },
            set centerFooter(v: string) {
              set("centerFooter")(v);
            },
            set rightFooter(v: string) {
              set("rightFooter")(v);
            },
          },
        },
      };
    }
    activate(): void {
      this.ctx.enqueue(`Worksheet.activate`, false, () => {
        const s = this.resolve();
        // Excel cannot show a hidden sheet: the double refuses it (not documented; the host
        // never activates one).
        if (s.visibility !== "Visible")
          throw err(
            "InvalidOperation",
            "A hidden sheet cannot be activated.",
            "Worksheet.activate"
          );
        state.activeSheetId = s.id;
        state.selection = { sheetId: s.id, rect: { r: 0, c: 0, rows: 1, cols: 1 } };
      });
    }
    delete(): void {
      this.write(`Worksheet.delete`, () => deleteSheet(this.resolve()));
    }
    /** Children of a null object are null objects (their properties read as undefined). */
    private childOfNull(): boolean {
      return this.nullable && !this.exists();
    }
    getRange(address?: string): RangeProxy {
      return new RangeProxy(
        this.ctx,
        () => {
          if (this.childOfNull()) return nullChild();
          const s = this.resolve();
          if (!address) return { sheet: s, rect: { r: 0, c: 0, rows: 1048576, cols: 16384 } };
          return { sheet: s, rect: parseAddress(address).rect };
        },
        this.nullable
      );
    }
    getRangeByIndexes(r: number, c: number, rows: number, cols: number): RangeProxy {
      return new RangeProxy(
        this.ctx,
        () => {
          if (this.childOfNull()) return nullChild();
          if (rows < 1 || cols < 1)
            throw err(
              "InvalidArgument",
              "The range must have at least one row and one column.",
              "Worksheet.getRangeByIndexes"
            );
          return { sheet: this.resolve(), rect: { r, c, rows, cols } };
        },
        this.nullable
      );
    }
    getCell(r: number, c: number): RangeProxy {
      return this.getRangeByIndexes(r, c, 1, 1);
    }
    getUsedRange(valuesOnly = false): RangeProxy {
      return new RangeProxy(this.ctx, () => {
        const s = this.resolve();
        return { sheet: s, rect: usedRect(s, valuesOnly) ?? { r: 0, c: 0, rows: 1, cols: 1 } };
      });
    }
    getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
      return new RangeProxy(
        this.ctx,
        () => {
          if (!this.exists()) return nullChild();
          const s = this.resolve();
          const rect = usedRect(s, valuesOnly);
          return rect ? { sheet: s, rect } : null;
        },
        true
      );
    }
    get tables(): TableCollectionProxy {
      return new TableCollectionProxy(this.ctx, this);
    }
    /** Worksheet.onChanged (ExcelApi 1.7); its args carry triggerSource from ExcelApi 1.14. */
    get onChanged(): any {
      const ws = this;
      return {
        add: (fn: (args: any) => unknown) => {
          const id = nextHandler++;
          ws.ctx.enqueue(
            "Worksheet.onChanged.add",
            false,
            () => void handlers.set(id, { kind: "sheet", targetId: ws.resolve().id, fn })
          );
          return {
            context: ws.ctx,
            remove: () =>
              ws.ctx.enqueue("EventHandlers.remove", false, () => void handlers.delete(id)),
          };
        },
      };
    }
    get charts(): ChartCollectionProxy {
      return new ChartCollectionProxy(this.ctx, this);
    }
  }

  type Resolved = { sheet: SheetState; rect: Rect };

  class RangeProxy extends ProxyBase {
    private resolver: () => Resolved | null;
    constructor(ctx: Context, resolver: () => Resolved | null, nullable = false) {
      super(ctx, nullable);
      this.resolver = resolver;
    }
    private pinned: Resolved | undefined;
    /**
     * Like Office.js, a range is fixed when the batch first uses it: a range taken from a table
     * before the table grows keeps its address (take a fresh one to see the new size).
     */
    resolve(): Resolved {
      if (this.pinned) return this.pinned;
      const r = this.resolver();
      if (!r) throw err("ItemNotFound", "The requested range doesn't exist.", "Range");
      this.pinned = { sheet: r.sheet, rect: { ...r.rect } };
      return this.pinned;
    }
    exists(): boolean {
      if (this.pinned) return true;
      try {
        return this.resolver() !== null;
      } catch (e) {
        if ((e as FakeOfficeError).code === "InvalidObjectPath") throw e;
        return false;
      }
    }
    protected readProp(name: string): unknown {
      const { sheet, rect } = this.resolve();
      switch (name) {
        case "values":
          return grid(rect, (r, c) => getCell(sheet, r, c)?.v ?? "");
        case "formulas":
          return grid(rect, (r, c) => {
            const cell = getCell(sheet, r, c);
            return cell?.f ?? cell?.v ?? "";
          });
        case "numberFormat":
          return grid(rect, (r, c) => getCell(sheet, r, c)?.nf ?? "General");
        case "text":
          return grid(rect, (r, c) => displayText(getCell(sheet, r, c)));
        case "valueTypes":
          return grid(rect, (r, c) => valueType(getCell(sheet, r, c)));
        case "address":
          return `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
        case "addressLocal":
          return `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
        case "rowCount":
          return rect.rows;
        case "columnCount":
          return rect.cols;
        case "rowIndex":
          return rect.r;
        case "columnIndex":
          return rect.c;
        case "cellCount":
          return rect.rows * rect.cols;
        default:
          return super.readProp(name);
      }
    }
    protected nav(name: string): ProxyBase | null {
      if (name === "worksheet") return this.worksheet;
      if (name === "format") return this.format as unknown as ProxyBase;
      return null;
    }
    protected defaultProps(): string[] {
      return [
        "values",
        "formulas",
        "numberFormat",
        "text",
        "valueTypes",
        "address",
        "rowCount",
        "columnCount",
        "rowIndex",
        "columnIndex",
        "cellCount",
      ];
    }
    get values(): any[][] {
      return this.prop("values");
    }
    set values(v: any[][]) {
      this.write(
        `Range.values`,
        () => {
          const { sheet, rect } = this.resolve();
          writable(sheet, "Range.values");
          writeValues(sheet, rect, checkShape(rect, v, "Range.values"), false);
        },
        v
      );
    }
    get formulas(): any[][] {
      return this.prop("formulas");
    }
    set formulas(v: any[][]) {
      this.write(
        `Range.formulas`,
        () => {
          const { sheet, rect } = this.resolve();
          writable(sheet, "Range.formulas");
          writeValues(sheet, rect, checkShape(rect, v, "Range.formulas"), true);
        },
        v
      );
    }
    get numberFormat(): any[][] {
      return this.prop("numberFormat");
    }
    set numberFormat(v: any[][]) {
      this.write(
        `Range.numberFormat`,
        () => {
          const { sheet, rect } = this.resolve();
          writable(sheet, "Range.numberFormat");
          // A single value ([[format]]) is applied to every cell of the range, as Excel does
          // (Range.numberFormat reference: "If the argument is a single value, it will be applied
          // to all cells in the range"; office-js-docs-reference#578). Values stay strict here.
          const single =
            Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1;
          const data = single ? null : checkShape(rect, v, "Range.numberFormat");
          forEachCell(rect, (r, c, i, j) => {
            const f = data ? data[i][j] : v[0][0];
            if (f === null || f === undefined) return;
            ensureCell(sheet, r, c).nf = String(f);
          });
        },
        v
      );
    }
    get text(): string[][] {
      return this.prop("text");
    }
    get valueTypes(): string[][] {
      return this.prop("valueTypes");
    }
    get address(): string {
      return this.prop("address");
    }
    get rowCount(): number {
      return this.prop("rowCount");
    }
    get columnCount(): number {
      return this.prop("columnCount");
    }
    get rowIndex(): number {
      return this.prop("rowIndex");
    }
    get columnIndex(): number {
      return this.prop("columnIndex");
    }
    private wsProxy: WorksheetProxy | undefined;
    get worksheet(): WorksheetProxy {
      return (this.wsProxy ??= new WorksheetProxy(this.ctx, () => this.resolve().sheet));
    }
    private derived(fn: (r: Resolved) => Rect): RangeProxy {
      // A range taken from a null object is a null object too (Office.js: the whole path is null).
      return new RangeProxy(
        this.ctx,
        () => {
          if (this.nullable && !this.exists()) return nullChild();
          const base = this.resolve();
          const rect = fn(base);
          if (rect.r < 0 || rect.c < 0 || rect.rows < 1 || rect.cols < 1)
            throw err("InvalidArgument", "The range is outside the sheet.", "Range");
          return { sheet: base.sheet, rect };
        },
        this.nullable
      );
    }
    getCell(i: number, j: number): RangeProxy {
      return this.derived(({ rect }) => ({ r: rect.r + i, c: rect.c + j, rows: 1, cols: 1 }));
    }
    getRow(i: number): RangeProxy {
      return this.derived(({ rect }) => ({ r: rect.r + i, c: rect.c, rows: 1, cols: rect.cols }));
    }
    getColumn(j: number): RangeProxy {
      return this.derived(({ rect }) => ({ r: rect.r, c: rect.c + j, rows: rect.rows, cols: 1 }));
    }
    getLastRow(): RangeProxy {
      return this.derived(({ rect }) => ({
        r: rect.r + rect.rows - 1,
        c: rect.c,
        rows: 1,
        cols: rect.cols,
      }));
    }
    getRowsBelow(n = 1): RangeProxy {
      return this.derived(({ rect }) => ({
        r: rect.r + rect.rows,
        c: rect.c,
        rows: n,
        cols: rect.cols,
      }));
    }
    getRowsAbove(n = 1): RangeProxy {
      return this.derived(({ rect }) => ({ r: rect.r - n, c: rect.c, rows: n, cols: rect.cols }));
    }
    getOffsetRange(dr: number, dc: number): RangeProxy {
      return this.derived(({ rect }) => ({ ...rect, r: rect.r + dr, c: rect.c + dc }));
    }
    getResizedRange(dr: number, dc: number): RangeProxy {
      return this.derived(({ rect }) => ({ ...rect, rows: rect.rows + dr, cols: rect.cols + dc }));
    }
    getAbsoluteResizedRange(rows: number, cols: number): RangeProxy {
      return this.derived(({ rect }) => ({ ...rect, rows, cols }));
    }
    select(): void {
      this.ctx.enqueue("Range.select", false, () => {
        const { sheet, rect } = this.resolve();
        // As Worksheet.activate: not documented; the double refuses it.
        if (sheet.visibility !== "Visible")
          throw err(
            "InvalidOperation",
            "A range on a hidden sheet cannot be selected.",
            "Range.select"
          );
        state.activeSheetId = sheet.id;
        state.selection = { sheetId: sheet.id, rect };
      });
    }
    /** Range.delete (ExcelApi 1.1): "Up" only in the double. */
    delete(shift: string): void {
      this.write(`Range.delete ${shift}`, () => {
        const { sheet, rect } = this.resolve();
        if (shift !== "Up")
          throw err("NotImplemented", `fake-excel: Range.delete(${shift}).`, "Range.delete");
        shiftRows(sheet, rect, -rect.rows, "Range.delete");
      });
    }
    /** Range.insert (ExcelApi 1.1): "Down" only in the double. */
    insert(shift: string): RangeProxy {
      this.write(`Range.insert ${shift}`, () => {
        const { sheet, rect } = this.resolve();
        if (shift !== "Down")
          throw err("NotImplemented", `fake-excel: Range.insert(${shift}).`, "Range.insert");
        shiftRows(sheet, rect, rect.rows, "Range.insert");
      });
      return this;
    }
    clear(applyTo: string = "All"): void {
      this.write(`Range.clear ${applyTo}`, () => {
        const { sheet, rect } = this.resolve();
        writable(sheet, "Range.clear");
        // Only the cells that exist (a whole-sheet range has 17 billion).
        const inside = [...sheet.cells.keys()]
          .map((k) => [Math.floor(k / COL_KEY), k % COL_KEY] as const)
          .filter(([r, c]) => intersects(rect, { r, c, rows: 1, cols: 1 }));
        inside.forEach(([r, c]) => {
          const cell = getCell(sheet, r, c);
          if (!cell) return;
          if (applyTo === "All") sheet.cells.delete(key(r, c));
          else if (applyTo === "Contents") {
            cell.v = "";
            delete cell.f;
          } else if (applyTo === "Formats") {
            delete cell.nf;
            delete cell.fmt;
          }
        });
        touched(sheet, rect);
      });
    }
    copyFrom(source: RangeProxy | string, copyType: string = "All"): void {
      this.write(`Range.copyFrom ${copyType}`, () => {
        const dst = this.resolve();
        writable(dst.sheet, "Range.copyFrom");
        const src =
          typeof source === "string"
            ? (() => {
                const p = parseAddress(source);
                return { sheet: p.sheet ? sheetByName(p.sheet)! : dst.sheet, rect: p.rect };
              })()
            : source.resolve();
        forEachCell(dst.rect, (r, c, i, j) => {
          const from = getCell(
            src.sheet,
            src.rect.r + (i % src.rect.rows),
            src.rect.c + (j % src.rect.cols)
          );
          if (copyType === "Formats" || copyType === "All") {
            const cell = ensureCell(dst.sheet, r, c);
            if (from?.nf) cell.nf = from.nf;
            else delete cell.nf;
            if (from?.fmt) cell.fmt = JSON.parse(JSON.stringify(from.fmt));
            else delete cell.fmt;
          }
          if (copyType === "Values" || copyType === "All") {
            const cell = ensureCell(dst.sheet, r, c);
            cell.v = from?.v ?? "";
            if (from?.f) cell.f = from.f;
            else delete cell.f;
          }
        });
      });
    }
    private formatProxy: RangeFormatProxy | undefined;
    get format(): any {
      return (this.formatProxy ??= new RangeFormatProxy(this.ctx, this));
    }
    private dvProxy: DataValidationProxy | undefined;
    get dataValidation(): DataValidationProxy {
      return (this.dvProxy ??= new DataValidationProxy(this.ctx, this));
    }
    get conditionalFormats(): ConditionalFormatCollectionProxy {
      return new ConditionalFormatCollectionProxy(this.ctx, this);
    }
    applyFormat(desc: string, fn: (cell: CellFormat) => void): void {
      this.write(`RangeFormat.${desc}`, () => {
        const { sheet, rect } = this.resolve();
        writable(sheet, `RangeFormat.${desc}`);
        forEachCell(rect, (r, c) => {
          const cell = ensureCell(sheet, r, c);
          cell.fmt = cell.fmt ?? {};
          fn(cell.fmt);
        });
      });
    }
  }

  class RangeFormatProxy extends ProxyBase {
    range: RangeProxy;
    constructor(ctx: Context, range: RangeProxy) {
      super(ctx);
      this.range = range;
    }
    exists() {
      return this.range.exists();
    }
    protected readProp(name: string): unknown {
      const { sheet, rect } = this.range.resolve();
      const uniform = <T>(fn: (cell: Cell | undefined) => T): T | null => {
        let first: T | undefined;
        let same = true;
        forEachCell(rect, (r, c) => {
          const v = fn(getCell(sheet, r, c));
          if (first === undefined) first = v;
          else if (v !== first) same = false;
        });
        return same ? (first as T) : null;
      };
      switch (name) {
        case "columnWidth": {
          const ws = new Set<number>();
          for (let j = 0; j < rect.cols; j++) ws.add(sheet.colWidths.get(rect.c + j) ?? 48);
          return ws.size === 1 ? [...ws][0] : null;
        }
        case "wrapText":
          return uniform((c) => c?.fmt?.wrap ?? false);
        case "horizontalAlignment":
          return uniform((c) => c?.fmt?.hAlign ?? "General");
        case "verticalAlignment":
          return uniform((c) => c?.fmt?.vAlign ?? "Bottom");
        default:
          return super.readProp(name);
      }
    }
    get columnWidth(): number {
      return this.prop("columnWidth");
    }
    set columnWidth(w: number) {
      this.write(`RangeFormat.columnWidth ${w}`, () => {
        const { sheet, rect } = this.range.resolve();
        writable(sheet, "RangeFormat.columnWidth");
        for (let j = 0; j < rect.cols; j++) sheet.colWidths.set(rect.c + j, w);
      });
    }
    /** Columns back to the sheet's standard width (ExcelApi 1.2). */
    set useStandardWidth(v: boolean) {
      this.write(`RangeFormat.useStandardWidth ${v}`, () => {
        const { sheet, rect } = this.range.resolve();
        writable(sheet, "RangeFormat.useStandardWidth");
        if (!v) return;
        for (const c of [...sheet.colWidths.keys()])
          if (c >= rect.c && c < rect.c + rect.cols) sheet.colWidths.delete(c);
      });
    }
    /** Rows back to the standard height (ExcelApi 1.2): the heights set are forgotten. */
    set useStandardHeight(v: boolean) {
      this.write(`RangeFormat.useStandardHeight ${v}`, () => {
        const { sheet, rect } = this.range.resolve();
        writable(sheet, "RangeFormat.useStandardHeight");
        if (!v) return;
        for (const r of [...sheet.rowHeights.keys()])
          if (r >= rect.r && r < rect.r + rect.rows) sheet.rowHeights.delete(r);
      });
    }
    set rowHeight(h: number) {
      // RangeFormat.rowHeight (ExcelApi 1.2): every row of the range, in points.
      this.range.applyFormat(`rowHeight ${h}`, () => {});
      this.write(`RangeFormat.rowHeight ${h}`, () => {
        const { sheet, rect } = this.range.resolve();
        for (let i = 0; i < rect.rows; i++) sheet.rowHeights.set(rect.r + i, h);
      });
    }
    /** typings (FormatProtection.locked, ExcelApi 1.2): cells are locked unless unlocked. */
    get protection(): any {
      const r = this.range;
      return {
        set locked(v: boolean) {
          r.applyFormat(`protection.locked ${v}`, (f) => void (f.locked = v));
        },
      };
    }
    get wrapText(): boolean {
      return this.prop("wrapText");
    }
    set wrapText(v: boolean) {
      this.range.applyFormat(`wrapText ${v}`, (f) => void (f.wrap = v));
    }
    get horizontalAlignment(): string {
      return this.prop("horizontalAlignment");
    }
    set horizontalAlignment(v: string) {
      this.range.applyFormat(`horizontalAlignment ${v}`, (f) => void (f.hAlign = v));
    }
    get verticalAlignment(): string {
      return this.prop("verticalAlignment");
    }
    set verticalAlignment(v: string) {
      this.range.applyFormat(`verticalAlignment ${v}`, (f) => void (f.vAlign = v));
    }
    autofitColumns(): void {
      this.write("RangeFormat.autofitColumns", () => {
        const { sheet, rect } = this.range.resolve();
        for (let j = 0; j < rect.cols; j++) {
          let max = 0;
          for (let i = 0; i < rect.rows; i++)
            max = Math.max(max, displayText(getCell(sheet, rect.r + i, rect.c + j)).length);
          sheet.colWidths.set(rect.c + j, Math.max(12, Math.round((max * 7 + 5) * 0.75)));
        }
      });
    }
    autofitRows(): void {
      this.write("RangeFormat.autofitRows", () => void this.range.resolve());
    }
    get font(): any {
      const r = this.range;
      return {
        set bold(v: boolean) {
          r.applyFormat(`font.bold ${v}`, (f) => void (f.bold = v));
        },
        set italic(v: boolean) {
          r.applyFormat(`font.italic ${v}`, (f) => void (f.italic = v));
        },
        set color(v: string) {
          r.applyFormat(`font.color ${v}`, (f) => void (f.fontColour = v));
        },
        set size(v: number) {
          r.applyFormat(`font.size ${v}`, (f) => void (f.fontSize = v));
        },
        set name(v: string) {
          r.applyFormat(`font.name ${v}`, (f) => void (f.fontName = v));
        },
      };
    }
    get fill(): any {
      const r = this.range;
      return {
        set color(v: string) {
          r.applyFormat(`fill.color ${v}`, (f) => void (f.fill = v));
        },
        clear() {
          r.applyFormat(`fill.clear`, (f) => void delete f.fill);
        },
      };
    }
    get borders(): any {
      const r = this.range;
      return {
        getItem(index: string) {
          const set = (k: "style" | "weight" | "color") => (v: string) =>
            r.applyFormat(`borders.${index}.${k} ${v}`, (f) => {
              f.borders = f.borders ?? {};
              f.borders[index] = { ...(f.borders[index] ?? { style: "Continuous" }), [k]: v };
            });
          return {
            set style(v: string) {
              set("style")(v);
            },
            set weight(v: string) {
              set("weight")(v);
            },
            set color(v: string) {
              set("color")(v);
            },
          };
        },
      };
    }
  }

  class DataValidationProxy extends ProxyBase {
    range: RangeProxy;
    constructor(ctx: Context, range: RangeProxy) {
      super(ctx);
      this.range = range;
    }
    exists() {
      return this.range.exists();
    }
    doLoad(list: string[]): void {
      // The validation of a null range is a null object: its properties read as undefined.
      if (this.range.nullable && !this.range.exists()) {
        nullChild();
        this.nullState = true;
        return;
      }
      super.doLoad(list);
    }
    private covering(): { list: ValidationState[]; rect: Rect; sheet: SheetState } {
      const { sheet, rect } = this.range.resolve();
      return { list: sheet.validations.filter((v) => intersects(v, rect)), rect, sheet };
    }
    protected readProp(name: string): unknown {
      const { list, rect } = this.covering();
      const whole = list.length === 1 && contains(list[0], rect) ? list[0] : null;
      switch (name) {
        case "type":
          return list.length === 0
            ? "None"
            : whole
              ? whole.rule.list
                ? "List"
                : whole.rule.date
                  ? "Date"
                  : "Custom"
              : "Inconsistent";
        case "rule":
          return whole ? JSON.parse(JSON.stringify(whole.rule)) : {};
        case "prompt":
          return whole?.prompt ?? { showPrompt: false, title: "", message: "" };
        case "errorAlert":
          return whole?.errorAlert ?? { showAlert: true, style: "Stop", title: "", message: "" };
        case "valid":
          return null;
        default:
          return super.readProp(name);
      }
    }
    get type(): string {
      return this.prop("type");
    }
    get rule(): any {
      return this.prop("rule");
    }
    set rule(rule: any) {
      this.write(
        "DataValidation.rule",
        () => {
          const { list, rect, sheet } = this.covering();
          writable(sheet, "DataValidation.rule");
          // office-js #2594: a rule over cells some of which already carry validation is refused.
          if (
            list.some(
              (v) =>
                !(v.r === rect.r && v.c === rect.c && v.rows === rect.rows && v.cols === rect.cols)
            )
          ) {
            throw err(
              "InvalidArgument",
              "The argument is invalid or missing or has an incorrect format (part of the range already has data validation).",
              "DataValidation.rule"
            );
          }
          if (rule?.list && typeof rule.list.source !== "string")
            throw err(
              "InvalidArgument",
              "The list source must be a string.",
              "DataValidation.rule"
            );
          const existing = list[0];
          if (existing) existing.rule = JSON.parse(JSON.stringify(rule));
          else sheet.validations.push({ ...rect, rule: JSON.parse(JSON.stringify(rule)) });
        },
        rule
      );
    }
    private setExtra(k: "prompt" | "errorAlert", v: any): void {
      this.write(
        `DataValidation.${k}`,
        () => {
          const { list, rect, sheet } = this.covering();
          writable(sheet, `DataValidation.${k}`);
          const whole = list.find((x) => contains(x, rect));
          if (whole) whole[k] = { ...v };
          else sheet.validations.push({ ...rect, rule: {}, [k]: { ...v } });
        },
        v
      );
    }
    get prompt(): any {
      return this.prop("prompt");
    }
    set prompt(v: any) {
      this.setExtra("prompt", v);
    }
    get errorAlert(): any {
      return this.prop("errorAlert");
    }
    set errorAlert(v: any) {
      this.setExtra("errorAlert", v);
    }
    set ignoreBlanks(_v: boolean) {
      /* recorded nowhere */
    }
    clear(): void {
      this.write("DataValidation.clear", () => {
        const { rect, sheet } = this.covering();
        writable(sheet, "DataValidation.clear");
        // Simplification: a validation that overlaps the range is removed whole.
        sheet.validations = sheet.validations.filter((v) => !intersects(v, rect));
      });
    }
  }

  class ConditionalFormatCollectionProxy extends ProxyBase {
    range: RangeProxy;
    constructor(ctx: Context, range: RangeProxy) {
      super(ctx);
      this.range = range;
    }
    exists() {
      return this.range.exists();
    }
    getCount(): ClientResult<number> {
      const res = new ClientResult<number>();
      this.ctx.enqueue("ConditionalFormatCollection.getCount", false, () => {
        // A method called on a null object gives null.
        if (this.range.nullable && !this.range.exists()) {
          nullChild();
          res.resolve(null as unknown as number);
          return;
        }
        const { sheet, rect } = this.range.resolve();
        res.resolve(sheet.conditionalFormats.filter((f) => intersects(f, rect)).length);
      });
      return res;
    }
    clearAll(): void {
      this.write("ConditionalFormatCollection.clearAll", () => {
        const { sheet, rect } = this.range.resolve();
        writable(sheet, "ConditionalFormatCollection.clearAll");
        sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => !intersects(f, rect));
      });
    }
    add(type: string): any {
      let cf: ConditionalFormatState | undefined;
      const kind = type === "Custom" ? "Custom" : type === "CellValue" ? "CellValue" : null;
      if (!kind)
        throw err(
          "NotImplemented",
          `fake-excel: conditional format type '${type}' is not supported.`
        );
      this.write(`ConditionalFormatCollection.add ${type}`, () => {
        const { sheet, rect } = this.range.resolve();
        writable(sheet, "ConditionalFormatCollection.add");
        cf = { id: state.nextId++, ...rect, type: kind, rule: {}, format: {} };
        sheet.conditionalFormats.push(cf);
      });
      const setF = (k: "fill" | "fontColour" | "bold") => (v: any) =>
        this.write(`ConditionalFormat.format.${k} ${v}`, () => void (cf!.format[k] = v));
      const format = {
        fill: {
          set color(v: string) {
            setF("fill")(v);
          },
        },
        font: {
          set color(v: string) {
            setF("fontColour")(v);
          },
          set bold(v: boolean) {
            setF("bold")(v);
          },
        },
      };
      const self = this;
      const cellValue = {
        format,
        set rule(v: any) {
          self.write(`ConditionalFormat.cellValue.rule`, () => void (cf!.rule = { ...v }));
        },
      };
      const custom = {
        format,
        rule: {
          set formula(v: string) {
            self.write(
              `ConditionalFormat.custom.rule.formula`,
              () => void (cf!.rule = { formula: v })
            );
          },
        },
      };
      return {
        get cellValue() {
          if (kind !== "CellValue")
            throw err("InvalidOperation", "Not a cell value conditional format.");
          return cellValue;
        },
        get custom() {
          if (kind !== "Custom") throw err("InvalidOperation", "Not a custom conditional format.");
          return custom;
        },
        set priority(_v: number) {},
        set stopIfTrue(_v: boolean) {},
      };
    }
  }

  class TableCollectionProxy extends ProxyBase {
    ws: WorksheetProxy | null;
    constructor(ctx: Context, ws: WorksheetProxy | null) {
      super(ctx);
      this.ws = ws;
    }
    exists() {
      return true;
    }
    private itemsList: TableProxy[] | undefined;
    get items(): TableProxy[] {
      if (!this.itemsList) throw notLoaded("TableCollection", "items");
      return this.itemsList;
    }
    private scope(): TableState[] {
      if (!this.ws) return state.tables;
      const s = this.ws.resolve();
      return state.tables.filter((t) => t.sheetId === s.id);
    }
    doLoad(list: string[]): void {
      const sub = list.map((p) => p.replace(/^items\//, "")).filter((p) => p !== "items");
      this.itemsList = this.scope().map((t) => {
        const p = new TableProxy(this.ctx, () => t);
        p.doLoad(sub.length ? sub : ["name"]);
        return p;
      });
    }
    getItem(name: string): TableProxy {
      return new TableProxy(
        this.ctx,
        () => this.scope().find((t) => t.name.toLowerCase() === name.toLowerCase()),
        false,
        name
      );
    }
    getItemOrNullObject(name: string): TableProxy {
      return new TableProxy(
        this.ctx,
        () => this.scope().find((t) => t.name.toLowerCase() === name.toLowerCase()),
        true,
        name
      );
    }
    getCount(): ClientResult<number> {
      const res = new ClientResult<number>();
      this.ctx.enqueue("TableCollection.getCount", false, () => res.resolve(this.scope().length));
      return res;
    }
    add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
      let created: TableState | undefined;
      const proxy = new TableProxy(this.ctx, () => created);
      this.write(`TableCollection.add`, () => {
        let sheet: SheetState;
        let rect: Rect;
        if (typeof address === "string") {
          const p = parseAddress(address);
          const s = p.sheet ? sheetByName(p.sheet) : this.ws?.resolve();
          if (!s)
            throw err(
              "InvalidArgument",
              `The address '${address}' is not valid.`,
              "TableCollection.add"
            );
          sheet = s;
          rect = p.rect;
        } else {
          ({ sheet, rect } = address.resolve());
        }
        created = createTable(sheet, rect, hasHeaders);
        touched(sheet, rect);
      });
      return proxy;
    }
  }

  class TableProxy extends ProxyBase {
    private resolver: () => TableState | undefined;
    private label: string;
    constructor(
      ctx: Context,
      resolver: () => TableState | undefined,
      nullable = false,
      label = "Table"
    ) {
      super(ctx, nullable);
      this.resolver = resolver;
      this.label = label;
    }
    resolve(): TableState {
      const t = this.resolver();
      if (!t || !state.tables.includes(t))
        throw err(
          "ItemNotFound",
          `The requested resource doesn't exist (table '${this.label}').`,
          "TableCollection.getItem"
        );
      return t;
    }
    exists(): boolean {
      const t = this.resolver();
      return t !== undefined && state.tables.includes(t);
    }
    protected readProp(name: string): unknown {
      const t = this.resolve();
      switch (name) {
        case "name":
          return t.name;
        case "id":
          return t.id;
        case "style":
          return t.style;
        case "showBandedRows":
          return t.showBandedRows;
        case "showHeaders":
          return true;
        case "showTotals":
          return t.showTotals;
        default:
          return super.readProp(name);
      }
    }
    protected nav(name: string): ProxyBase | null {
      if (name === "worksheet") return this.worksheet;
      return null;
    }
    protected defaultProps(): string[] {
      return ["name", "id", "style", "showBandedRows", "showHeaders", "showTotals"];
    }
    get name(): string {
      return this.prop("name");
    }
    set name(v: string) {
      this.write(`Table.name ${v}`, () => {
        const t = this.resolve();
        if (
          !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(v) ||
          /^[A-Za-z]{1,3}\d+$/.test(v) ||
          /^[rc]$/i.test(v)
        ) {
          throw err("InvalidArgument", `'${v}' is not a valid table name.`, "Table.name");
        }
        const other = tableByName(v);
        if (other && other !== t)
          throw err("ItemAlreadyExists", `A table named '${v}' already exists.`, "Table.name");
        t.name = v;
      });
    }
    get id(): string {
      return this.prop("id");
    }
    get style(): string {
      return this.prop("style");
    }
    set style(v: string) {
      this.write(`Table.style ${v}`, () => void (this.resolve().style = v));
    }
    get showBandedRows(): boolean {
      return this.prop("showBandedRows");
    }
    set showBandedRows(v: boolean) {
      this.write(`Table.showBandedRows ${v}`, () => void (this.resolve().showBandedRows = v));
    }
    set showFilterButton(_v: boolean) {
      this.write(`Table.showFilterButton`, () => void this.resolve());
    }
    get showTotals(): boolean {
      return this.prop("showTotals");
    }
    set showTotals(v: boolean) {
      this.write(`Table.showTotals ${v}`, () => {
        const t = this.resolve();
        const sheet = sheetById(t.sheetId)!;
        writable(sheet, "Table.showTotals");
        if (v && !t.showTotals)
          forEachCell({ r: t.r + 1 + t.rows, c: t.c, rows: 1, cols: t.cols }, (r, c) =>
            sheet.cells.delete(key(r, c))
          );
        t.showTotals = v;
      });
    }
    /** Table.clearFilters (ExcelApi 1.2). */
    clearFilters(): void {
      this.write("Table.clearFilters", () => void (this.resolve().filter = null));
    }
    /** Table.resize (ExcelApi 1.13): the header row stays where it is; the new range overlaps the old. */
    resize(address: string | RangeProxy): void {
      if (!hasApi(13))
        throw err("ApiNotFound", "Table.resize needs ExcelApi 1.13.", "Table.resize");
      this.write("Table.resize", () => {
        const t = this.resolve();
        const sheet = sheetById(t.sheetId)!;
        writable(sheet, "Table.resize");
        const rect =
          typeof address === "string" ? parseAddress(address).rect : address.resolve().rect;
        if (rect.r !== t.r || rect.rows < 2 || !intersects(rect, tableRect(t)))
          throw err(
            "InvalidArgument",
            "The new table range must keep its header row.",
            "Table.resize"
          );
        const prevRows = t.rows;
        const calc = calculatedFormulas(sheet, t);
        t.c = rect.c;
        t.cols = rect.cols;
        resizeBody(t, rect.rows - 1 - (t.showTotals ? 1 : 0));
        fillCalculated(sheet, t, calc, prevRows);
        touched(sheet, tableRect(t));
      });
    }
    /** Table.autoFilter (ExcelApi 1.9): criteria per column. */
    get autoFilter(): any {
      const table = this;
      const af = new (class extends ProxyBase {
        exists() {
          return table.exists();
        }
        doLoad(list: string[]): void {
          if (table.nullable && !table.exists()) {
            nullChild();
            this.nullState = true;
            return;
          }
          super.doLoad(list);
        }
        protected readProp(name: string): unknown {
          const t = table.resolve();
          if (name === "enabled") return true;
          if (name === "isDataFiltered") return filtered(t);
          if (name === "criteria")
            return Array.from(
              { length: t.cols },
              (_, j) => t.filter?.[j] ?? { filterOn: "Custom" }
            ).map((c) => JSON.parse(JSON.stringify(c)));
          return super.readProp(name);
        }
        get enabled(): boolean {
          return this.prop("enabled");
        }
        get isDataFiltered(): boolean {
          return this.prop("isDataFiltered");
        }
        get criteria(): any[] {
          return this.prop("criteria");
        }
        clearCriteria(): void {
          this.write("AutoFilter.clearCriteria", () => void (table.resolve().filter = null));
        }
        apply(_range: unknown, columnIndex: number, criteria: Record<string, unknown>): void {
          this.write(
            `AutoFilter.apply ${columnIndex}`,
            () => {
              const t = table.resolve();
              t.filter = t.filter ?? Array.from({ length: t.cols }, () => null);
              t.filter[columnIndex] = JSON.parse(JSON.stringify(criteria));
            },
            criteria
          );
        }
      })(this.ctx);
      return af;
    }
    private wsProxy: WorksheetProxy | undefined;
    get worksheet(): WorksheetProxy {
      return (this.wsProxy ??= new WorksheetProxy(
        this.ctx,
        () => {
          const t = this.resolver();
          if (t && state.tables.includes(t)) return sheetById(t.sheetId);
          if (this.nullable) nullChild();
          return undefined;
        },
        this.nullable
      ));
    }
    private range(fn: (t: TableState) => Rect): RangeProxy {
      return new RangeProxy(
        this.ctx,
        () => {
          if (this.nullable && !this.exists()) return nullChild();
          const t = this.resolve();
          return { sheet: sheetById(t.sheetId)!, rect: fn(t) };
        },
        this.nullable
      );
    }
    getRange(): RangeProxy {
      return this.range(tableRect);
    }
    getHeaderRowRange(): RangeProxy {
      return this.range((t) => ({ r: t.r, c: t.c, rows: 1, cols: t.cols }));
    }
    getDataBodyRange(): RangeProxy {
      return this.range(bodyRect);
    }
    /** Table.getTotalRowRange (ExcelApi 1.1): ItemNotFound without a totals row. */
    getTotalRowRange(): RangeProxy {
      return this.range((t) => {
        if (!t.showTotals)
          throw err(
            "ItemNotFound",
            `The table '${t.name}' has no totals row.`,
            "Table.getTotalRowRange"
          );
        return { r: t.r + 1 + t.rows, c: t.c, rows: 1, cols: t.cols };
      });
    }
    get columns(): any {
      const table = this;
      const byName = (name: string | number) => (): number => {
        const t = table.resolve();
        const sheet = sheetById(t.sheetId)!;
        if (typeof name === "number") return name;
        for (let j = 0; j < t.cols; j++) {
          const h = getCell(sheet, t.r, t.c + j)?.v;
          if (String(h ?? "").toLowerCase() === name.toLowerCase()) return j;
        }
        return -1;
      };
      const column = (idx: () => number, nullable: boolean, label: string) => {
        const rangeOf = (fn: (t: TableState, j: number) => Rect) =>
          new RangeProxy(
            table.ctx,
            () => {
              if (nullable && !table.exists()) return nullChild();
              if (nullable && idx() < 0) return null;
              const t = table.resolve();
              const j = idx();
              if (j < 0 || j >= t.cols)
                throw err(
                  "ItemNotFound",
                  `The table column '${label}' doesn't exist.`,
                  "TableColumnCollection.getItem"
                );
              return { sheet: sheetById(t.sheetId)!, rect: fn(t, j) };
            },
            nullable
          );
        return {
          getDataBodyRange: () =>
            rangeOf((t, j) => ({ r: t.r + 1, c: t.c + j, rows: t.rows, cols: 1 })),
          getHeaderRowRange: () => rangeOf((t, j) => ({ r: t.r, c: t.c + j, rows: 1, cols: 1 })),
          getRange: () => rangeOf((t, j) => ({ r: t.r, c: t.c + j, rows: t.rows + 1, cols: 1 })),
        };
      };
      return {
        getItem: (name: string | number) => column(byName(name), table.nullable, String(name)),
        getItemOrNullObject: (name: string | number) => column(byName(name), true, String(name)),
        getItemAt: (i: number) => column(() => i, false, String(i)),
        add: (index?: number | null, values?: any[][], name?: string) => {
          table.write(
            `TableColumnCollection.add ${name ?? ""}`,
            () => {
              const t = table.resolve();
              const sheet = sheetById(t.sheetId)!;
              writable(sheet, "TableColumnCollection.add");
              if (index !== undefined && index !== null && index !== t.cols) {
                throw err(
                  "NotImplemented",
                  "fake-excel: columns are only added at the table's end.",
                  "TableColumnCollection.add"
                );
              }
              const c = t.c + t.cols;
              const header = name ?? (values ? String(values[0][0]) : `Column${t.cols + 1}`);
              for (const other of state.tables) {
                if (
                  other !== t &&
                  other.sheetId === sheet.id &&
                  intersects(tableRect(other), { r: t.r, c, rows: t.rows + 1, cols: 1 })
                ) {
                  throw err(
                    "InvalidOperation",
                    "A table can't overlap another table.",
                    "TableColumnCollection.add"
                  );
                }
              }
              // Like inserting a table column: cells to the right, in the table's rows, move right.
              const moved: [number, Cell][] = [];
              for (const [k, cell] of sheet.cells) {
                const r = Math.floor(k / COL_KEY),
                  cc = k % COL_KEY;
                if (r >= t.r && r <= t.r + t.rows && cc >= c) moved.push([k, cell]);
              }
              for (const [k] of moved) sheet.cells.delete(k);
              for (const [k, cell] of moved) sheet.cells.set(k + 1, cell);
              t.cols += 1;
              ensureCell(sheet, t.r, c).v = header;
              if (values) {
                const data = checkShape(
                  { r: t.r, c, rows: t.rows + 1, cols: 1 },
                  values,
                  "TableColumnCollection.add"
                );
                writeValues(sheet, { r: t.r + 1, c, rows: t.rows, cols: 1 }, data.slice(1), false);
              }
              touched(sheet, tableRect(t));
            },
            values
          );
          return column(() => table.resolve().cols - 1, false, name ?? "");
        },
      };
    }
    get rows(): any {
      const table = this;
      return {
        getCount: () => {
          const res = new ClientResult<number>();
          table.ctx.enqueue("TableRowCollection.getCount", false, () =>
            res.resolve(table.resolve().rows)
          );
          return res;
        },
        add: (index: number | null | undefined, values: any[][]) => {
          table.write(
            `TableRowCollection.add ${values?.length ?? 0}`,
            () => {
              const t = table.resolve();
              const sheet = sheetById(t.sheetId)!;
              writable(sheet, "TableRowCollection.add");
              const calc = calculatedFormulas(sheet, t);
              const n = values.length;
              const at = index === null || index === undefined ? t.rows : index;
              // Insert n rows into the table at `at` (cells below within the table's columns move down).
              const insertRow = t.r + 1 + at;
              const moved: [number, Cell][] = [];
              for (const [k, cell] of sheet.cells) {
                const r = Math.floor(k / COL_KEY),
                  c = k % COL_KEY;
                if (r >= insertRow && c >= t.c && c < t.c + t.cols) moved.push([k, cell]);
              }
              for (const [k] of moved) sheet.cells.delete(k);
              for (const [k, cell] of moved) sheet.cells.set(k + n * COL_KEY, cell);
              const prevRow = insertRow - 1;
              for (let i = 0; i < n; i++) {
                for (let j = 0; j < t.cols; j++) {
                  const src = getCell(sheet, prevRow, t.c + j);
                  if (src?.nf) ensureCell(sheet, insertRow + i, t.c + j).nf = src.nf;
                }
              }
              const before = t.rows;
              resizeBody(t, t.rows + n);
              writeValues(
                sheet,
                { r: insertRow, c: t.c, rows: n, cols: t.cols },
                checkShape(
                  { r: insertRow, c: t.c, rows: n, cols: t.cols },
                  values,
                  "TableRowCollection.add"
                ),
                false
              );
              // Every cell was given a value ("" included): no calculated formula goes in.
              void calc;
              void before;
            },
            values
          );
        },
        getItemAt: (i: number) => ({
          delete: () =>
            table.write(`TableRow.delete ${i}`, () => {
              const t = table.resolve();
              const sheet = sheetById(t.sheetId)!;
              writable(sheet, "TableRow.delete");
              refuseFiltered(t, "TableRow.delete");
              if (i < 0 || i >= t.rows)
                throw err(
                  "ItemNotFound",
                  `Row ${i} of table '${t.name}' doesn't exist.`,
                  "TableRowCollection.getItemAt"
                );
              const row = t.r + 1 + i;
              const moved: [number, Cell][] = [];
              for (const [k, cell] of sheet.cells) {
                const r = Math.floor(k / COL_KEY),
                  c = k % COL_KEY;
                if (c < t.c || c >= t.c + t.cols) continue;
                if (r === row) sheet.cells.delete(k);
                else if (r > row) moved.push([k, cell]);
              }
              for (const [k] of moved) sheet.cells.delete(k);
              for (const [k, cell] of moved) sheet.cells.set(k - COL_KEY, cell);
              // A table keeps at least one (empty) data row.
              if (t.rows > 1) resizeBody(t, t.rows - 1);
              touched(sheet, tableRect(t));
            }),
        }),
      };
    }
    get onChanged(): any {
      const table = this;
      return {
        add: (fn: (args: any) => unknown) => {
          const id = nextHandler++;
          const result = {
            context: table.ctx,
            remove: () =>
              table.ctx.enqueue("EventHandlers.remove", false, () => void handlers.delete(id)),
          };
          table.ctx.enqueue(
            "Table.onChanged.add",
            false,
            () => void handlers.set(id, { kind: "table", targetId: table.resolve().id, fn })
          );
          return result;
        },
      };
    }
    delete(): void {
      this.write("Table.delete", () => {
        const t = this.resolve();
        const sheet = sheetById(t.sheetId)!;
        writable(sheet, "Table.delete");
        forEachCell(tableRect(t), (r, c) => sheet.cells.delete(key(r, c)));
        state.tables = state.tables.filter((x) => x !== t);
      });
    }
  }

  class ChartCollectionProxy extends ProxyBase {
    ws: WorksheetProxy;
    constructor(ctx: Context, ws: WorksheetProxy) {
      super(ctx);
      this.ws = ws;
    }
    exists() {
      return this.ws.exists();
    }
    private itemsList: ChartProxy[] | undefined;
    get items(): ChartProxy[] {
      if (!this.itemsList) throw notLoaded("ChartCollection", "items");
      return this.itemsList;
    }
    doLoad(list: string[]): void {
      const sub = list.map((p) => p.replace(/^items\//, "")).filter((p) => p !== "items");
      // The charts of a null worksheet: a null object too (Office.js: the whole path is null).
      if (this.ws.nullable && !this.ws.exists()) {
        nullChild();
        this.nullState = true;
        this.itemsList = [];
        return;
      }
      this.itemsList = this.ws.resolve().charts.map((c) => {
        const p = new ChartProxy(this.ctx, () => c);
        p.doLoad(sub.length ? sub : ["name"]);
        return p;
      });
    }
    getItemOrNullObject(name: string): ChartProxy {
      return new ChartProxy(
        this.ctx,
        () => this.ws.resolve().charts.find((c) => c.name === name),
        true
      );
    }
    getItem(name: string): ChartProxy {
      return new ChartProxy(this.ctx, () => this.ws.resolve().charts.find((c) => c.name === name));
    }
    add(type: string, source: RangeProxy, seriesBy: string = "Auto"): ChartProxy {
      let chart: ChartState | undefined;
      const proxy = new ChartProxy(this.ctx, () => chart);
      this.write(`ChartCollection.add ${type}`, () => {
        const sheet = this.ws.resolve();
        writable(sheet, "ChartCollection.add");
        const src = source.resolve();
        const byCols = seriesBy !== "Rows";
        chart = {
          id: state.nextId++,
          name: `Chart ${sheet.charts.length + 1}`,
          type,
          source: `${quoteSheet(src.sheet.name)}!${rectAddress(src.rect)}`,
          seriesBy,
          title: "",
          legend: { position: "Right", visible: true },
          dataLabels: {},
          seriesColours: {},
          pointColours: {},
          top: 0,
          left: 0,
          width: 360,
          height: 216,
          seriesCount: byCols ? src.rect.cols - 1 : src.rect.rows - 1,
          pointCount: byCols ? src.rect.rows - 1 : src.rect.cols - 1,
          categoryAxis: {},
        };
        sheet.charts.push(chart);
      });
      return proxy;
    }
  }

  class ChartProxy extends ProxyBase {
    private resolver: () => ChartState | undefined;
    constructor(ctx: Context, resolver: () => ChartState | undefined, nullable = false) {
      super(ctx, nullable);
      this.resolver = resolver;
    }
    resolve(): ChartState {
      const c = this.resolver();
      if (!c) throw err("ItemNotFound", "The chart doesn't exist.", "ChartCollection.getItem");
      return c;
    }
    exists(): boolean {
      try {
        return this.resolver() !== undefined;
      } catch {
        return false;
      }
    }
    protected readProp(name: string): unknown {
      const c = this.resolve();
      if (name in c) return (c as any)[name];
      return super.readProp(name);
    }
    private set(desc: string, fn: (c: ChartState) => void): void {
      this.write(`Chart.${desc}`, () => fn(this.resolve()));
    }
    get name(): string {
      return this.prop("name");
    }
    set name(v: string) {
      this.set(`name ${v}`, (c) => void (c.name = v));
    }
    set top(v: number) {
      this.set(`top ${v}`, (c) => void (c.top = v));
    }
    set left(v: number) {
      this.set(`left ${v}`, (c) => void (c.left = v));
    }
    set width(v: number) {
      this.set(`width ${v}`, (c) => void (c.width = v));
    }
    set height(v: number) {
      this.set(`height ${v}`, (c) => void (c.height = v));
    }
    setPosition(start: string | RangeProxy, end?: string | RangeProxy): void {
      this.set("setPosition", (c) => {
        const rectOf = (x: string | RangeProxy) =>
          typeof x === "string" ? parseAddress(x).rect : x.resolve().rect;
        const s = rectOf(start);
        // 48 pt per column and 15 pt per row (Excel's defaults); good enough to record a place.
        c.left = s.c * 48;
        c.top = s.r * 15;
        if (end) {
          const e = rectOf(end);
          c.width = (e.c + e.cols - s.c) * 48;
          c.height = (e.r + e.rows - s.r) * 15;
        }
      });
    }
    get title(): any {
      const self = this;
      return {
        set text(v: string) {
          self.set("title.text", (c) => void (c.title = v));
        },
        format: { font: { set size(_v: number) {}, set bold(_v: boolean) {} } },
      };
    }
    get legend(): any {
      const self = this;
      return {
        set position(v: string) {
          self.set(`legend.position ${v}`, (c) => void (c.legend.position = v));
        },
        set visible(v: boolean) {
          self.set(`legend.visible ${v}`, (c) => void (c.legend.visible = v));
        },
      };
    }
    get format(): any {
      const self = this;
      return {
        font: {
          set name(v: string) {
            self.set(`format.font.name ${v}`, (c) => void (c.fontName = v));
          },
          set size(_v: number) {},
          set bold(_v: boolean) {},
          set color(_v: string) {},
        },
      };
    }
    get axes(): any {
      const self = this;
      return {
        categoryAxis: {
          set reversePlotOrder(v: boolean) {
            self.set(`axes.categoryAxis.reversePlotOrder ${v}`, (c) => {
              c.categoryAxis.reversePlotOrder = v;
            });
          },
          set position(v: string) {
            self.set(`axes.categoryAxis.position ${v}`, (c) => {
              c.categoryAxis.position = v;
            });
          },
        },
      };
    }
    get dataLabels(): any {
      const self = this;
      const set = (k: string) => (v: unknown) =>
        self.set(`dataLabels.${k}`, (c) => void (c.dataLabels[k] = v));
      return {
        set showValue(v: boolean) {
          set("showValue")(v);
        },
        set showPercentage(v: boolean) {
          set("showPercentage")(v);
        },
        set showCategoryName(v: boolean) {
          set("showCategoryName")(v);
        },
        set showSeriesName(v: boolean) {
          set("showSeriesName")(v);
        },
        set showLegendKey(v: boolean) {
          set("showLegendKey")(v);
        },
        set position(v: string) {
          set("position")(v);
        },
        set numberFormat(v: string) {
          set("numberFormat")(v);
        },
      };
    }
    get series(): any {
      const self = this;
      return {
        getItemAt: (i: number) => ({
          format: {
            fill: {
              setSolidColor: (colour: string) =>
                self.set(`series[${i}].fill ${colour}`, (c) => {
                  if (i < 0 || i >= c.seriesCount)
                    throw err(
                      "InvalidArgument",
                      `The chart has no series ${i}.`,
                      "ChartSeriesCollection.getItemAt"
                    );
                  c.seriesColours[i] = colour;
                }),
            },
          },
          set hasDataLabels(v: boolean) {
            self.set(`series[${i}].hasDataLabels ${v}`, () => {});
          },
          set gapWidth(_v: number) {
            self.set(`series[${i}].gapWidth`, () => {});
          },
          set doughnutHoleSize(_v: number) {
            self.set(`series[${i}].doughnutHoleSize`, () => {});
          },
          points: {
            getItemAt: (j: number) => ({
              format: {
                fill: {
                  setSolidColor: (colour: string) =>
                    self.set(`series[${i}].points[${j}].fill ${colour}`, (c) => {
                      if (i < 0 || i >= c.seriesCount || j < 0 || j >= c.pointCount) {
                        throw err(
                          "InvalidArgument",
                          `The chart has no point ${j} in series ${i}.`,
                          "ChartPointsCollection.getItemAt"
                        );
                      }
                      c.pointColours[j] = colour;
                    }),
                },
              },
            }),
          },
        }),
      };
    }
    delete(): void {
      this.write("Chart.delete", () => {
        const target = this.resolve();
        for (const s of state.sheets) s.charts = s.charts.filter((c) => c !== target);
      });
    }
  }

  // ---------- Excel.run
  async function run(...args: any[]): Promise<any> {
    const batch = args[args.length - 1] as (ctx: Context) => Promise<any>;
    let ctx: Context;
    const first = args.length > 1 ? args[0] : undefined;
    if (first instanceof Context) ctx = first;
    else if (first && first.context instanceof Context) ctx = first.context;
    else {
      ctx = new Context();
      ctx.delayForCellEdit = !!first?.delayForCellEdit;
      ctx.mergeUndoGroup = !!first?.mergeUndoGroup;
    }
    const result = await batch(ctx);
    if (ctx.queue.length > 0) await ctx.sync();
    return result;
  }

  const createdWorkbooks: string[] = [];
  const Excel = {
    run,
    // typings (Excel.createWorkbook, ExcelApi 1.8): "Creates a new hidden workbook by using an
    // optional base64-encoded .xlsx file"; the docs (excel-add-ins-workbooks): it "is immediately
    // opened and displayed in a new instance of Excel. Your add-in remains open and running with
    // the previous workbook." Not a batch call: no sync. Clients without ExcelApi 1.8 lack it.
    createWorkbook: async (base64?: string): Promise<void> => {
      if (!Office.context.requirements.isSetSupported("ExcelApi", "1.8"))
        throw err("ApiNotFound", "Excel.createWorkbook needs ExcelApi 1.8.");
      if (base64 !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
        throw err("InvalidArgument", "The base64 file is not valid.", "Excel.createWorkbook");
      createdWorkbooks.push(base64 ?? "");
    },
    RequestContext: Context,
    ErrorCodes: Object.fromEntries(
      [
        "AccessDenied",
        "ActivityLimitReached",
        "ApiNotFound",
        "Conflict",
        "GeneralException",
        "InvalidArgument",
        "InvalidOperation",
        "InvalidOperationInCellEditMode",
        "InvalidReference",
        "ItemAlreadyExists",
        "ItemNotFound",
        "NotImplemented",
        "RequestAborted",
        "RequestPayloadSizeLimitExceeded",
        "ResponsePayloadSizeLimitExceeded",
        "ServiceNotAvailable",
        "UnsupportedOperation",
      ].map((c) => [c, c])
    ),
    ChartType: {
      doughnut: "Doughnut",
      barStacked: "BarStacked",
      columnStacked: "ColumnStacked",
      line: "Line",
      pie: "Pie",
      barClustered: "BarClustered",
      columnClustered: "ColumnClustered",
    },
    ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
    ConditionalFormatType: { custom: "Custom", cellValue: "CellValue" },
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    RangeCopyType: { all: "All", formulas: "Formulas", values: "Values", formats: "Formats" },
    EventTriggerSource: { unknown: "Unknown", thisLocalAddin: "ThisLocalAddin" },
  };

  // Office.onReady's info and Office.context as this client gives them.
  const Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
    onReady: (cb?: (info: { host: string; platform: string }) => void) => {
      const info = { host: "Excel", platform: client.platform };
      if (cb) cb(info);
      return Promise.resolve(info);
    },
    context: {
      requirements: {
        // "ExcelApi" 1.1 to 1.<api>, versions compared as major.minor (1.8 is below 1.14);
        // "ExcelApiOnline" on the web only.
        isSetSupported: (name: string, version?: string) => {
          const [major, minor] = String(version ?? "1.1")
            .split(".")
            .map(Number);
          if (name === "ExcelApi") return major === 1 && (minor || 1) <= client.api;
          if (name === "ExcelApiOnline")
            return client.name === "web" && major === 1 && (minor || 1) <= 1;
          return false;
        },
      },
      diagnostics: { host: "Excel", platform: client.platform, version: client.version },
      officeTheme: { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000" },
      displayLanguage: "en-GB",
    },
  };

  // ---------- inspection helpers
  const mustSheet = (name: string) => {
    const s = sheetByName(name);
    if (!s) throw new Error(`fake-excel: no sheet '${name}'`);
    return s;
  };
  const fake: FakeExcel = {
    client,
    Excel,
    Office,
    state,
    get syncCount() {
      return syncCount;
    },
    syncLog,
    failNextSync(code, message) {
      pendingFailure = { code, message: message ?? `Simulated ${code}`, onWrite: false };
    },
    failNextWriteSync(code, message) {
      pendingFailure = { code, message: message ?? `Simulated ${code}`, onWrite: true };
    },
    setCellEditMode(on) {
      cellEdit = on;
      if (!on) {
        const w = editWaiters;
        editWaiters = [];
        w.forEach((f) => f());
      }
    },
    install(target: any = globalThis) {
      const prev = { Excel: target.Excel, Office: target.Office };
      target.Excel = Excel;
      target.Office = Office;
      return () => {
        target.Excel = prev.Excel;
        target.Office = prev.Office;
      };
    },
    addSheet(name, opts) {
      const s = addSheetState(name);
      if (opts?.protected) s.protected = true;
      if (opts?.visibility) s.visibility = opts.visibility;
      return s;
    },
    sheet: (name) => sheetByName(name),
    sheetNames: () => state.sheets.map((s) => s.name),
    protect(name, on = true) {
      mustSheet(name).protected = on;
    },
    values(sheet, address) {
      const s = mustSheet(sheet);
      return grid(parseAddress(address).rect, (r, c) => getCell(s, r, c)?.v ?? "");
    },
    formulas(sheet, address) {
      const s = mustSheet(sheet);
      return grid(parseAddress(address).rect, (r, c) => {
        const cell = getCell(s, r, c);
        return cell?.f ?? String(cell?.v ?? "");
      });
    },
    numberFormats(sheet, address) {
      const s = mustSheet(sheet);
      return grid(parseAddress(address).rect, (r, c) => getCell(s, r, c)?.nf ?? "General");
    },
    cell(sheet, address) {
      const { rect } = parseAddress(address);
      return getCell(mustSheet(sheet), rect.r, rect.c);
    },
    usedRange: (sheet) => usedRect(mustSheet(sheet), true),
    table(name) {
      const t = tableByName(name);
      if (!t) return undefined;
      const sheet = sheetById(t.sheetId)!;
      return {
        ...t,
        sheet: sheet.name,
        address: rectAddress(tableRect(t)),
        headers: grid({ r: t.r, c: t.c, rows: 1, cols: t.cols }, (r, c) =>
          String(getCell(sheet, r, c)?.v ?? "")
        )[0],
        body: grid(bodyRect(t), (r, c) => getCell(sheet, r, c)?.v ?? ""),
      };
    },
    tableNames: () => state.tables.map((t) => t.name),
    validationsOn(sheet, address) {
      const rect = parseAddress(address).rect;
      return mustSheet(sheet).validations.filter((v) => intersects(v, rect));
    },
    conditionalFormatsOn(sheet, address) {
      const rect = parseAddress(address).rect;
      return mustSheet(sheet).conditionalFormats.filter((v) => intersects(v, rect));
    },
    charts: (sheet) => mustSheet(sheet).charts,
    activeSheet: () => sheetById(state.activeSheetId)?.name ?? "",
    selection: () => ({
      sheet: sheetById(state.selection.sheetId)?.name ?? "",
      address: rectAddress(state.selection.rect),
    }),
    dump() {
      return JSON.stringify({
        sheets: state.sheets.map((s) => ({
          ...s,
          cells: [...s.cells.entries()].sort((a, b) => a[0] - b[0]),
          colWidths: [...s.colWidths.entries()].sort((a, b) => a[0] - b[0]),
          rowHeights: [...s.rowHeights.entries()].sort((a, b) => a[0] - b[0]),
        })),
        tables: state.tables,
        active: state.activeSheetId,
      });
    },
    seed(sheet, address, values, numberFormat) {
      const s = sheetByName(sheet) ?? addSheetState(sheet);
      const rect = parseAddress(address).rect;
      const data = checkShape(rect, values, "seed");
      forEachCell(rect, (r, c, i, j) => {
        const v = data[i][j];
        if (v === "" && !numberFormat) return;
        const cell = ensureCell(s, r, c);
        cell.v = v;
        if (numberFormat) cell.nf = numberFormat;
      });
    },
    seedTable(sheet, name, row, col, headers, rows, opts) {
      const s = sheetByName(sheet) ?? addSheetState(sheet);
      const all: FakeValue[][] = [headers, ...rows];
      forEachCell({ r: row, c: col, rows: all.length, cols: headers.length }, (r, c, i, j) => {
        const v = all[i][j] ?? "";
        const nf = i > 0 ? opts?.numberFormats?.[j] : undefined;
        if (v === "" && !nf) return;
        const cell = ensureCell(s, r, c);
        cell.v = v;
        if (nf) cell.nf = nf;
      });
      if (rows.length === 0 && opts?.numberFormats) {
        opts.numberFormats.forEach((nf, j) => (ensureCell(s, row + 1, col + j).nf = nf));
      }
      const t = createTable(s, { r: row, c: col, rows: all.length, cols: headers.length }, true);
      t.name = name;
      if (opts?.calculated)
        for (let i = 0; i < t.rows; i++) {
          const cell = ensureCell(s, row + 1 + i, col + opts.calculated.col);
          cell.f = opts.calculated.formula;
          cell.v = 0;
        }
      if (opts?.totals) {
        t.showTotals = true;
        opts.totals.forEach((v, j) => {
          const cell = ensureCell(s, row + 1 + t.rows, col + j);
          if (typeof v === "string" && v.startsWith("=")) {
            cell.f = v;
            cell.v = 0;
          } else cell.v = v;
        });
      }
    },
    filterTable(name, col, values) {
      const t = tableByName(name);
      if (!t) throw new Error(`fake-excel: no table '${name}'`);
      t.filter = t.filter ?? Array.from({ length: t.cols }, () => null);
      t.filter[col] = { filterOn: "Values", values: [...values] };
    },
    userEdit(sheet, address, values) {
      const s = mustSheet(sheet);
      const rect = parseAddress(address).rect;
      writable(s, "userEdit");
      writeValues(s, rect, checkShape(rect, values, "userEdit"), false);
      fireEvents("Unknown");
    },
    remoteEdit(sheet, address, values) {
      const s = mustSheet(sheet);
      const rect = parseAddress(address).rect;
      writeValues(s, rect, checkShape(rect, values, "remoteEdit"), false);
      fireEvents("Unknown", "Remote");
    },
    eventsEnabled: () => eventsEnabled,
    handlerCount: () => handlers.size,
    createdWorkbooks,
  };
  return fake;
}
