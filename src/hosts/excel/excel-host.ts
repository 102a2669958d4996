/// <reference types="office-js" />
/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/load-object-before-read, office-addins/no-empty-load --
   Every sync here goes through the counting wrapper `this.sync()` (and loads take property lists
   built at run time), which these rules cannot see; the tests on the in-memory Excel, which
   throws PropertyNotLoaded like Office.js, check load-before-read instead. */
/**
 * The Excel host: applies WorkbookPlans and reads WorkbookSnapshots with Office.js, in a constant
 * number of context.sync() calls whatever the row count:
 *
 * - run(): one Excel.run with delayForCellEdit (a batch waits while the analyst is typing in a
 *   cell), every sync counted (`stats`), every Office error mapped to a plain-English TrackerError.
 * - read(): ONE sync. Sheets (name, visibility, protection), the active sheet, the metadata
 *   sheet, requested sheets' used ranges, and each requested table's name, sheet, header row,
 *   data body (or only the columns asked for, each by name), last-row number formats, and the
 *   Status column's list validation and conditional-format count, all through getItemOrNullObject
 *   chains (absent ones give null objects). Only a response over Excel's limit (5 MB on the web)
 *   costs more: one sync for the sizes, then the bodies in as few row blocks as fit. A client
 *   that refuses loads through null objects gets 3 syncs that never go through one.
 * - apply(): every op queued in one batch and ONE sync; the batch is cut into several syncs only
 *   when its estimated request size passes MAX_REQUEST_BYTES (Excel on the web refuses requests
 *   over 5 MB; on Windows and Mac, which have no such limit, only a far larger cap applies). When
 *   an op needs a table's size and this session has not read it, one extra sync reads it first.
 *
 * Only this folder uses Office.js.
 */
import { TrackerError } from "../../domain/errors";
import { SHEETS } from "../../domain/columns";
import { looksLikeFormula } from "../../domain/text";
import type {
  ReadRequest,
  SheetInfo,
  SheetValues,
  TableSnapshot,
  WorkbookHost,
  WorkbookSession,
  WorkbookSnapshot,
} from "../../workbook/host";
import {
  a1,
  charsToPoints,
  type CellBlock,
  type CellStyle,
  type CellValue,
  type ChartPlan,
  type ConditionalRule,
  type PageSetupPlan,
  type PlanOp,
  type RangeRef,
  type TableColumnRef,
  type TablePlan,
  type WorkbookPlan,
} from "../../workbook/plan";
import { columnIndexes, columnsWanted, tablesWanted } from "../../workbook/read";
import { protectedError } from "../../workbook/setup";
import { officeErrorCode, toTrackerError } from "./errors";

/** Excel on the web refuses requests over 5 MB; stay well under it. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/**
 * Excel on Windows and Mac has no request limit (the 5 MB one is Excel on the web's); a request
 * is still capped, so that no single one holds an unbounded amount of memory.
 */
export const MAX_DESKTOP_REQUEST_BYTES = 64 * 1024 * 1024;

/**
 * The request size to split at on this client: Office.onReady's platform ("PC", "Mac",
 * "OfficeOnline", "iOS", ...). Only Windows and Mac are known to have no 5 MB limit; anything
 * else, or not knowing, keeps Excel on the web's.
 */
export function requestLimitFor(platform: string | null | undefined): number {
  return platform === "PC" || platform === "Mac" ? MAX_DESKTOP_REQUEST_BYTES : MAX_REQUEST_BYTES;
}
/** Excel on the web refuses responses over 5 MB. */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32767;
/** How long after our own write a table-change event is still taken as ours (ms). */
const OWN_WRITE_GRACE_MS = 1500;

type ExcelApi = typeof Excel;

export interface ExcelHostOptions {
  /** The Excel namespace (default: the global `Excel` that office.js defines). Tests pass a fake. */
  excel?: unknown;
  /**
   * Split an apply into several syncs above this estimated request size (bytes). Default: from
   * `platform` (see requestLimitFor).
   */
  maxRequestBytes?: number;
  /** The client Office.onReady reported (info.platform); unknown means Excel on the web's limit. */
  platform?: string | null;
  /** The response size Excel accepts (bytes; Excel on the web: 5 MB); sizes the block re-read. */
  maxResponseBytes?: number;
}

export interface OperationStats {
  runs: number;
  /** Syncs of the most recent run. */
  syncs: number;
  /** The most syncs any run of this operation took. */
  maxSyncs: number;
  ms: number;
}

export interface ExcelHostStats {
  byLabel: Record<string, OperationStats>;
  last: { label: string; syncs: number; ms: number; ok: boolean } | null;
  totalSyncs: number;
}

export interface ExcelHost extends WorkbookHost {
  readonly stats: ExcelHostStats;
  resetStats(): void;
  onTableChanged(table: string, handler: () => void): Promise<() => Promise<void>>;
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * What to send to Excel for a value so that text stays text.
 *
 * Excel treats what an add-in writes to `Range.values` like typed input: text starting with "=",
 * "+", "-" (and, in the UI, "@") becomes a formula (the Range.values reference says so for = + -),
 * numeric-looking text becomes a number, a leading apostrophe marks the rest as text and is not
 * stored (it sets the cell's quote prefix; `values` and `formulas` read back without it).
 * Our choice: text columns get number format "@" (Text) in the same batch BEFORE their values,
 * which keeps "00123" or "31/03/2025" typed later as text; and every string starting with = + - @
 * or an apostrophe is sent with one apostrophe in front, which is the documented way to enter
 * such text whatever the cell's format, so it never becomes a formula (and a real leading
 * apostrophe survives). Nothing is unescaped on reading: Excel already drops the apostrophe.
 */
export function cellInput(value: CellValue | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" && (looksLikeFormula(value) || value.startsWith("'")))
    return "'" + value;
  return value;
}

// Excel's columnWidth is in points; plans give characters (charsToPoints, in workbook/plan.ts).
export { charsToPoints };

const CHART_TYPES: Record<ChartPlan["type"], string> = {
  doughnut: "Doughnut",
  barStacked: "BarStacked",
  columnStacked: "ColumnStacked",
  line: "Line",
};

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", center: "Center", bottom: "Bottom" } as const;
const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;
const FROM_VISIBILITY: Record<string, SheetInfo["visibility"]> = {
  Visible: "visible",
  Hidden: "hidden",
  VeryHidden: "veryHidden",
};

function estimate(data: unknown): number {
  return data === undefined ? 0 : JSON.stringify(data).length;
}

function padRow(row: readonly CellValue[], width: number): (string | number | boolean | null)[] {
  const out: (string | number | boolean | null)[] = [];
  for (let j = 0; j < width; j++) out.push(cellInput(row[j]));
  return out;
}

function isEmptyCell(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

/** Header text: Excel gives header cells as values; keep them as strings. */
function headerText(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

/** Page header/footer text: "&" starts a code in Excel's header language. */
function headerFooterText(s: string): string {
  return s.replace(/&/g, "&&");
}

/** Check every value a plan would write before anything is written. */
export function validatePlan(plan: WorkbookPlan): void {
  const check = (rows: readonly (readonly CellValue[])[] | undefined, where: string) => {
    rows?.forEach((row, i) =>
      row.forEach((v, j) => {
        if (typeof v === "string" && v.length > MAX_CELL_CHARS) {
          throw new TrackerError(
            "invalid-input",
            `${where}, row ${i + 1}, column ${j + 1} holds ${v.length.toLocaleString("en-GB")} characters; ` +
              `an Excel cell holds at most ${MAX_CELL_CHARS.toLocaleString("en-GB")}. Nothing was changed. Shorten that text and try again.`
          );
        }
        if (typeof v === "number" && !Number.isFinite(v)) {
          throw new TrackerError(
            "invalid-input",
            `${where}, row ${i + 1}, column ${j + 1} is not a number Excel can hold. Nothing was changed.`
          );
        }
      })
    );
  };
  for (const op of plan.ops) {
    if (op.op === "writeCells") check(op.block.values, `Sheet '${op.sheet}'`);
    else if (op.op === "createTable") check(op.table.rows, `Table '${op.table.name}'`);
    else if (op.op === "appendRows") check(op.rows, `New rows for table '${op.table}'`);
    else if (op.op === "writeTableCells") check(op.values, `Table '${op.table}'`);
    else if (op.op === "addTableColumn")
      check(
        op.values?.map((v) => [v]),
        `Column '${op.header}' of table '${op.table}'`
      );
  }
}

// ---------------------------------------------------------------------------------------------
// The host

interface TableGeometry {
  name: string;
  sheet: string;
  row: number;
  col: number;
  headers: string[];
  /** Data rows that hold something (an empty table's single blank row is not counted). */
  rows: number;
  /** The table has only its single blank row. */
  empty: boolean;
  /** Number formats of the last data row, one per column. */
  formats: string[];
  /** Nothing on the sheet below the table: new rows can be written under it. */
  clearBelow: boolean;
}

/** A body read at once; `missing`: columns of a table read in part still to read by position. */
type PartBody = BodyData & { missing?: number[] };

interface BodyData {
  /** The rows (of the columns read, when the table is read in part). */
  values: unknown[][];
  /** The table has only its single blank row. */
  empty: boolean;
  formulas?: unknown[][];
  statusSource: string | null;
  statusFormats: number;
  lastFormats: string[];
  clearBelow: boolean;
}

interface SheetFacts {
  name: string;
  position: number;
  visibility: SheetInfo["visibility"];
  protected: boolean;
}

export function createExcelHost(options: ExcelHostOptions = {}): ExcelHost {
  const maxBytes = options.maxRequestBytes ?? requestLimitFor(options.platform);
  const maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const stats: ExcelHostStats = { byLabel: {}, last: null, totalSyncs: 0 };
  let ownWrites = 0;
  let ownWriteUntil = 0;
  /** Reads that never go through a null object, once this client has refused one. */
  let carefulReads = false;
  /**
   * Table reads (readKey: lower-case name and the columns read) whose body Excel last refused to
   * return at once: the next such read asks for their sizes straight away instead of repeating
   * the refused request.
   */
  const largeTables = new Set<string>();

  function excelApi(): ExcelApi {
    const api = (options.excel ?? (globalThis as { Excel?: unknown }).Excel) as
      ExcelApi | undefined;
    if (!api || typeof api.run !== "function") {
      throw new TrackerError(
        "unsupported",
        "Excel is not available here: open Inspection Tracker from Excel's Home tab."
      );
    }
    return api;
  }

  async function run<T>(
    label: string,
    operation: (session: WorkbookSession) => Promise<T>
  ): Promise<T> {
    const started = Date.now();
    let syncs = 0;
    let ok = false;
    try {
      const api = excelApi();
      // delayForCellEdit: wait while the analyst is typing in a cell instead of failing.
      // mergeUndoGroup (ExcelApi 1.20): one Ctrl+Z undoes the whole operation (Fix all, an
      // import) even when it took several syncs; older clients ignore the option.
      const options = { delayForCellEdit: true, mergeUndoGroup: true };
      const result = await api.run(options, async (context) => {
        const sync = async () => {
          syncs++;
          await context.sync();
        };
        const session = new Session(context, sync);
        const value = await operation(session);
        return value;
      });
      ok = true;
      return result as T;
    } catch (e) {
      throw toTrackerError(e, label);
    } finally {
      const ms = Date.now() - started;
      const s = (stats.byLabel[label] ??= { runs: 0, syncs: 0, maxSyncs: 0, ms: 0 });
      s.runs++;
      s.syncs = syncs;
      s.maxSyncs = Math.max(s.maxSyncs, syncs);
      s.ms = ms;
      stats.last = { label, syncs, ms, ok };
      stats.totalSyncs += syncs;
    }
  }

  class Session implements WorkbookSession {
    private tables = new Map<string, TableGeometry>();
    private sheets: Map<string, SheetFacts> | null = null;

    constructor(
      private context: Excel.RequestContext,
      private sync: () => Promise<void>
    ) {}

    // ------------------------------------------------------------------ read
    async read(request: ReadRequest): Promise<WorkbookSnapshot> {
      if (!carefulReads) {
        try {
          return await this.readAtOnce(request);
        } catch (e) {
          // Loading through a null object (a table, column or sheet that is absent) is expected to
          // give null objects; should a client refuse it, read in small steps from then on.
          if (!CHAIN_ERRORS.has(officeErrorCode(e) ?? "")) throw e;
          carefulReads = true;
        }
      }
      return this.readCareful(request);
    }

    /**
     * Everything in ONE sync, through *OrNullObject chains so that a table, column or sheet that
     * is absent gives null objects all the way down and costs nothing: sheets, the active sheet,
     * the metadata sheet, requested sheets' used ranges, and for each requested table its name,
     * sheet, header row, data body (values, formulas when asked), last-row number formats, and
     * the Status column's list validation and conditional-format count. Only when Excel refuses
     * the response as too large (Excel on the web: 5 MB) does a second sync ask again without the
     * bodies' values, which are then read in row blocks.
     */
    private async readAtOnce(request: ReadRequest): Promise<WorkbookSnapshot> {
      const wb = this.context.workbook;
      const queueAll = (whole: boolean) => ({
        first: this.queueFirst(request),
        tables: tablesWanted(request).map((name) =>
          this.queueTable(wb.tables.getItemOrNullObject(name), name, {
            whole,
            withFormulas: wantsFormulas(request, name),
            status: "byName",
            columns: columnsWanted(request, name),
          })
        ),
      });
      let whole = !tablesWanted(request).some((n) =>
        largeTables.has(readKey(n, columnsWanted(request, n)))
      );
      let queued = queueAll(whole);
      try {
        await this.sync();
      } catch (e) {
        if (!whole || officeErrorCode(e) !== TOO_LARGE) throw e;
        // Nothing of a refused response arrives: ask again for all but the bodies' values (their
        // size and a sample row or two instead).
        queued = queueAll(false);
        whole = false;
        await this.sync();
      }
      const first = queued.first();
      const present = queued.tables.filter((t) => !t.table.isNullObject);
      const bodies = whole ? await this.wholeBodies(present) : await this.readBlocks(present);
      return this.assemble(first, present, bodies);
    }

    /**
     * The bodies read at once. A table read in part whose columns Excel did not find by name (a
     * header written with other spaces, say, which headerIndex still matches) has those columns
     * read by position afterwards: the only case where a read at once costs more syncs.
     */
    private async wholeBodies(present: TableRead[]): Promise<BodyData[]> {
      const bodies: PartBody[] = present.map((t) => (t.columns ? partBody(t) : wholeBody(t)));
      const missing = present.flatMap((t, i) => {
        const cols = bodies[i].missing;
        return cols ? [{ i, t: { ...t, cols } }] : [];
      });
      if (missing.length === 0) return bodies;
      const extra = await this.readBlocks(missing.map((m) => m.t));
      return bodies.map((b, i) => {
        const k = missing.findIndex((m) => m.i === i);
        return k < 0 ? b : mergeColumns(present[i], b, missing[k].t.cols, extra[k]);
      });
    }

    /** For clients that refuse loads through null objects: what exists, then its parts, then the bodies. */
    private async readCareful(request: ReadRequest): Promise<WorkbookSnapshot> {
      const first = await this.firstReadCareful(request);
      const queue = (whole: boolean) =>
        first.tables.map((t) => {
          const headers = (t.header.values[0] ?? []).map(headerText);
          const status = headers.findIndex((h) => h.trim().toLowerCase() === "status");
          const columns = columnsWanted(request, t.name);
          return this.queueTable(t.table, t.name, {
            whole,
            withFormulas: wantsFormulas(request, t.name),
            status: status >= 0 ? status : null,
            loaded: { worksheet: t.worksheet, header: t.header },
            columns,
            cols: columns ? columnIndexes(headers, columns) : null,
          });
        });
      if (first.tables.length === 0) return this.assemble(first, [], []);
      let queued = queue(true);
      try {
        await this.sync();
        return this.assemble(first, queued, await this.wholeBodies(queued));
      } catch (e) {
        if (officeErrorCode(e) !== TOO_LARGE) throw e;
      }
      queued = queue(false);
      await this.sync();
      return this.assemble(first, queued, await this.readBlocks(queued));
    }

    private assemble(
      first: FirstFacts,
      present: TableRead[],
      bodies: BodyData[]
    ): WorkbookSnapshot {
      const sheets: SheetInfo[] = first.sheets.map(({ name, visibility, protected: locked }) => ({
        name,
        visibility,
        protected: locked,
      }));
      this.sheets = new Map(first.sheets.map((s) => [s.name.toLowerCase(), s]));

      const snapshotTables: Record<string, TableSnapshot> = {};
      present.forEach((t, i) => {
        const b = bodies[i];
        const headers = (t.header.values[0] ?? []).map(headerText);
        const empty = b.empty;
        const rows = empty ? [] : (b.values as CellValue[][]);
        const cols = t.cols ?? null;
        const snap: TableSnapshot = {
          name: t.table.name,
          sheet: t.worksheet.name,
          row: t.header.rowIndex,
          col: t.header.columnIndex,
          headers: cols ? cols.map((j) => headers[j]) : headers,
          ...(cols ? { columns: cols } : {}),
          rows,
          statusValidation: b.statusSource,
          statusFormats: b.statusFormats,
        };
        if (t.withFormulas) {
          snap.formulas = empty
            ? []
            : (b.formulas ?? []).map((r) =>
                r.map((f) => (f === null || f === undefined ? "" : String(f)))
              );
        }
        snapshotTables[t.name] = snap;
        this.tables.set(t.name.toLowerCase(), {
          name: t.table.name,
          sheet: snap.sheet,
          row: snap.row,
          col: snap.col,
          headers,
          rows: empty ? 0 : t.body.rowCount,
          empty,
          formats: b.lastFormats,
          clearBelow: b.clearBelow,
        });
      });

      return {
        sheets,
        activeSheet: first.activeSheet,
        meta: first.meta,
        tables: snapshotTables,
        sheetValues: first.sheetValues,
      };
    }

    /**
     * Queues the sheets (name, visibility, protection), the active sheet, the metadata sheet's
     * values and requested sheets' used ranges, all through *OrNullObject; the result is read
     * after the sync.
     */
    private queueFirst(request: ReadRequest): () => FirstFacts {
      const wb = this.context.workbook;
      const sheetsProxy = wb.worksheets;
      sheetsProxy.load(SHEET_PROPS);
      const active = wb.worksheets.getActiveWorksheet();
      active.load("name");
      const metaSheet = wb.worksheets.getItemOrNullObject(SHEETS.meta);
      const metaUsed = metaSheet.getUsedRangeOrNullObject(true);
      metaUsed.load("values");
      const parts = usedParts(request);
      const sheetReads = [...new Set(request.sheets ?? [])].map((name) => {
        const used = wb.worksheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
        used.load(parts.props);
        return { name, used };
      });
      const activeUsed = request.activeSheet ? active.getUsedRangeOrNullObject(true) : null;
      activeUsed?.load(parts.props);
      return () => {
        const sheets = sheetFacts(sheetsProxy);
        const sheetValues: Record<string, SheetValues> = {};
        for (const s of sheetReads) {
          const info = sheets.find((x) => x.name.toLowerCase() === s.name.toLowerCase());
          if (info) sheetValues[info.name] = usedValues(info.name, s.used, parts);
        }
        if (activeUsed) sheetValues[active.name] = usedValues(active.name, activeUsed, parts);
        return {
          sheets,
          activeSheet: active.name ?? null,
          meta: metaSheet.isNullObject ? null : metaOf(metaUsed),
          sheetValues,
        };
      };
    }

    /** The same in two syncs that never go through a null object: what exists, then its parts. */
    private async firstReadCareful(request: ReadRequest): Promise<FirstRead> {
      const wb = this.context.workbook;
      const sheetsProxy = wb.worksheets;
      sheetsProxy.load(SHEET_PROPS);
      const active = wb.worksheets.getActiveWorksheet();
      active.load("name");
      const tableList = wb.tables;
      tableList.load("items/name");
      await this.sync();

      const sheets = sheetFacts(sheetsProxy);
      const has = (name: string) => sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
      const existing = new Map(tableList.items.map((t) => [t.name.toLowerCase(), t.name]));
      const tables = tablesWanted(request)
        .filter((name) => existing.has(name.toLowerCase()))
        .map((name) => {
          const table = wb.tables.getItem(name);
          table.load("name");
          const worksheet = table.worksheet;
          worksheet.load("name");
          const header = table.getHeaderRowRange();
          header.load("values,rowIndex,columnIndex");
          return { name, table, worksheet, header };
        });
      const metaInfo = has(SHEETS.meta);
      const metaUsed = metaInfo
        ? wb.worksheets.getItem(metaInfo.name).getUsedRangeOrNullObject(true)
        : null;
      metaUsed?.load("values");
      const parts = usedParts(request);
      const sheetReads = [...new Set(request.sheets ?? [])].flatMap((name) => {
        const info = has(name);
        if (!info) return [];
        const used = wb.worksheets.getItem(info.name).getUsedRangeOrNullObject(true);
        used.load(parts.props);
        return [{ name: info.name, used }];
      });
      const activeUsed = request.activeSheet
        ? wb.worksheets.getItem(active.name).getUsedRangeOrNullObject(true)
        : null;
      activeUsed?.load(parts.props);
      await this.sync();

      const sheetValues: Record<string, SheetValues> = {};
      for (const s of sheetReads) sheetValues[s.name] = usedValues(s.name, s.used, parts);
      if (activeUsed) sheetValues[active.name] = usedValues(active.name, activeUsed, parts);
      return {
        sheets,
        activeSheet: active.name ?? null,
        meta: metaUsed ? metaOf(metaUsed) : null,
        tables,
        sheetValues,
      };
    }

    /**
     * Queues what the snapshot needs of one table: its name, sheet and header row (unless already
     * loaded), the data body (values and formulas when `whole`, else its size and the first and
     * last rows as a sample of the bytes per row), the last row's number formats, the sheet's used
     * range (is anything below the table?) and the Status column's list validation and
     * conditional-format count (`status`: by name through a null object, or by index).
     */
    private queueTable(
      table: Excel.Table,
      name: string,
      o: {
        whole: boolean;
        withFormulas: boolean;
        status: "byName" | number | null;
        loaded?: { worksheet: Excel.Worksheet; header: Excel.Range };
        /** Read only these columns (headers): by name through null objects, or by `cols`. */
        columns?: string[] | null;
        /** Their positions, when the header row is known already. */
        cols?: number[] | null;
      }
    ): TableRead {
      let worksheet: Excel.Worksheet;
      let header: Excel.Range;
      if (o.loaded) ({ worksheet, header } = o.loaded);
      else {
        table.load("name");
        worksheet = table.worksheet;
        worksheet.load("name");
        header = table.getHeaderRowRange();
        header.load("values,rowIndex,columnIndex");
      }
      const cells = o.withFormulas ? ["values", "formulas"] : ["values"];
      const columns = o.columns ?? null;
      const body = table.getDataBodyRange();
      body.load([...(o.whole && !columns ? cells : []), "rowCount", "columnCount"].join(","));
      // The whole last row: its formats, and (when the body is not read whole) a size sample and
      // whether the table's single row is blank.
      const last = table.getDataBodyRange().getLastRow();
      last.load(["numberFormat", "rowIndex", ...(o.whole && !columns ? [] : cells)].join(","));
      // Only some columns: each by name (a null object when the table has no such column), or by
      // position in runs of neighbours when the header row is known already.
      const parts: ColumnPart[] = [];
      if (o.whole && columns) {
        if (o.cols) {
          for (const run of runs(o.cols)) {
            const range = table
              .getDataBodyRange()
              .getColumn(run.start)
              .getResizedRange(0, run.count - 1);
            range.load(cells.join(","));
            parts.push({ range, start: run.start, count: run.count });
          }
        } else {
          for (const h of columns) {
            const range = table.columns.getItemOrNullObject(h).getDataBodyRange();
            range.load([...cells, "columnIndex"].join(","));
            parts.push({ range, start: null, count: 1 });
          }
        }
      }
      const first = o.whole ? null : table.getDataBodyRange().getRow(0);
      first?.load(cells.join(","));
      const used = table.worksheet.getUsedRangeOrNullObject(true);
      used.load("rowIndex,rowCount");
      let status: Excel.Range | null = null;
      let validation: Excel.DataValidation | null = null;
      let formats: OfficeExtension.ClientResult<number> | null = null;
      if (o.status !== null) {
        if (o.status === "byName") {
          status = table.columns.getItemOrNullObject(STATUS_COLUMN).getDataBodyRange();
          status.load("columnIndex"); // so that its isNullObject comes back
        } else status = table.getDataBodyRange().getColumn(o.status);
        validation = status.dataValidation;
        validation.load("type,rule");
        formats = status.conditionalFormats.getCount();
      }
      return {
        name,
        table,
        worksheet,
        header,
        body,
        last,
        first,
        used,
        status,
        statusNullable: o.status === "byName",
        validation,
        formats,
        withFormulas: o.withFormulas,
        columns,
        cols: o.cols ?? null,
        parts,
      };
    }

    /**
     * The bodies Excel refused to return at once, in row blocks packed into as few syncs as fit
     * 70% of the response limit. The bytes per row come from the sample rows, then from each block
     * read; as the whole was refused, a sync never asks for more than 60% of the estimated whole.
     * A sync Excel still refuses doubles the per-row estimate of the sampled tables in it (the
     * sample was too small) or, once measured, halves the budget (the limit is lower).
     */
    private async readBlocks(list: TableRead[]): Promise<BodyData[]> {
      // A table read in part has its columns from its header row (read in the sizes' sync).
      for (const t of list) if (t.columns && !t.cols) t.cols = colsOf(t);
      const total = list.map((t) => t.body.rowCount);
      const cols = list.map((t) => t.body.columnCount);
      const runsOf = list.map((t, i) => (t.cols ? runs(t.cols) : [{ start: 0, count: cols[i] }]));
      const perRow = list.map((t, i) => {
        const sample = [t.first, t.last].filter((r): r is Excel.Range => !!r);
        const bytes = sample.reduce((n, r) => n + cellBytes(r, t.withFormulas, t.cols), 0);
        const width = t.cols ? t.cols.length : cols[i];
        return Math.max(bytes / Math.max(sample.length, 1), width * 3 + 2);
      });
      const measured = list.map(() => false);
      /** How many times the per-row guess of a table was doubled after a refusal. */
      const penalty = list.map(() => 1);
      const read = list.map(() => 0);
      let limit = maxResponseBytes * 0.7;
      const values: unknown[][][] = list.map(() => []);
      const formulas: unknown[][][] = list.map(() => []);
      const done = list.map(() => 0);
      while (done.some((d, i) => d < total[i] && runsOf[i].length > 0)) {
        const whole = list.reduce((n, _, i) => n + read[i] + (total[i] - done[i]) * perRow[i], 0);
        const cost = (i: number) => perRow[i] * penalty[i];
        const budget = Math.max(1, Math.min(limit, whole * 0.6));
        const parts: { i: number; n: number; ranges: Excel.Range[] }[] = [];
        let room = budget;
        for (let i = 0; i < list.length; i++) {
          const left = total[i] - done[i];
          if (left <= 0 || runsOf[i].length === 0) continue;
          const n = Math.min(left, Math.max(1, Math.floor(room / cost(i))));
          if (parts.length > 0 && n * cost(i) > room) break;
          const ranges = runsOf[i].map((run) => {
            const range = list[i].table
              .getDataBodyRange()
              .getCell(done[i], run.start)
              .getResizedRange(n - 1, run.count - 1);
            range.load(list[i].withFormulas ? "values,formulas" : "values");
            return range;
          });
          parts.push({ i, n, ranges });
          room -= n * cost(i);
          if (room <= 0) break;
        }
        try {
          await this.sync();
        } catch (e) {
          if (officeErrorCode(e) !== TOO_LARGE || (parts.length === 1 && parts[0].n === 1)) throw e;
          const guessed = parts.filter((p) => !measured[p.i]);
          if (guessed.length > 0) for (const p of guessed) penalty[p.i] *= 2;
          else limit = Math.max(1, Math.min(limit, budget - room) / 2);
          continue;
        }
        for (const p of parts) {
          const withFormulas = list[p.i].withFormulas;
          const bytes = p.ranges.reduce((n, r) => n + cellBytes(r, withFormulas), 0);
          values[p.i].push(...joinRuns(p.ranges.map((r) => r.values)));
          if (withFormulas) formulas[p.i].push(...joinRuns(p.ranges.map((r) => r.formulas)));
          done[p.i] += p.n;
          read[p.i] += bytes;
          perRow[p.i] = Math.max(bytes / p.n, 1);
          penalty[p.i] = 1;
          measured[p.i] = true;
        }
      }
      // Remember the tables that still make a large response; forget those that no longer do.
      const all = read.reduce((n, b) => n + b, 0);
      list.forEach((t, i) => {
        if (all > maxResponseBytes * 0.5 && read[i] > maxResponseBytes * 0.1)
          largeTables.add(readKey(t.name, t.columns));
        else largeTables.delete(readKey(t.name, t.columns));
      });
      return list.map((t, i) => bodyData(t, values[i], t.withFormulas ? formulas[i] : undefined));
    }

    // ------------------------------------------------------------------ apply
    async apply(plan: WorkbookPlan): Promise<void> {
      if (plan.ops.length === 0) return;
      validatePlan(plan);
      await this.learn(plan);
      this.refuseProtected(plan);
      ownWrites++;
      try {
        const batch = new Batch(this.context, this.sync, maxBytes);
        for (const op of plan.ops) await this.queue(op, batch);
        await batch.flush();
      } finally {
        ownWrites--;
        ownWriteUntil = Date.now() + OWN_WRITE_GRACE_MS;
      }
    }

    /**
     * Refuse before writing anything when a sheet the plan writes to is protected (as far as this
     * session knows; Excel's own AccessDenied is the second line).
     */
    private refuseProtected(plan: WorkbookPlan): void {
      if (!this.sheets) return;
      const targets = new Set<string>();
      for (const op of plan.ops) {
        if (op.op === "activate" || op.op === "select" || op.op === "ensureSheet") continue;
        if ("sheet" in op) targets.add(op.sheet.toLowerCase());
        if (op.op === "conditionalFormats" && "sheet" in op.target)
          targets.add(op.target.sheet.toLowerCase());
        const table =
          tableOf(op) ??
          (op.op === "listValidation" || op.op === "conditionalFormats"
            ? (op.target as { table?: string }).table
            : undefined);
        const sheet = table ? this.tables.get(table.toLowerCase())?.sheet : undefined;
        if (sheet) targets.add(sheet.toLowerCase());
      }
      const locked = [...targets]
        .map((t) => this.sheets!.get(t))
        .filter((s): s is SheetFacts => !!s && s.protected)
        .map((s) => s.name);
      if (locked.length > 0) throw protectedError(locked);
    }

    /** One extra sync, only when an op needs a table's size or the sheet list this session has not read. */
    private async learn(plan: WorkbookPlan): Promise<void> {
      const creates = new Set(
        plan.ops
          .filter((o) => o.op === "createTable")
          .map((o) => (o as { table: TablePlan }).table.name.toLowerCase())
      );
      const needTables = new Set<string>();
      let needSheets = false;
      for (const op of plan.ops) {
        const t = tableOf(op);
        if (
          t &&
          needsGeometry(op) &&
          !this.tables.has(t.toLowerCase()) &&
          !creates.has(t.toLowerCase())
        )
          needTables.add(t);
        if ((op.op === "ensureSheet" || op.op === "recreateSheet") && !this.sheets)
          needSheets = true;
      }
      if (needTables.size === 0 && !needSheets) return;
      const wb = this.context.workbook;
      const sheetsProxy = needSheets ? wb.worksheets : null;
      sheetsProxy?.load(SHEET_PROPS);
      const reads = [...needTables].map((name) => {
        const table = wb.tables.getItem(name);
        table.load("name");
        table.worksheet.load("name");
        const header = table.getHeaderRowRange();
        header.load("values,rowIndex,columnIndex");
        const body = table.getDataBodyRange();
        body.load("rowCount");
        const first = table.getDataBodyRange().getRow(0);
        first.load("values");
        const last = table.getDataBodyRange().getLastRow();
        last.load("numberFormat,rowIndex");
        const used = table.worksheet.getUsedRangeOrNullObject(true);
        used.load("rowIndex,rowCount");
        return { table, header, body, first, last, used };
      });
      await this.sync();
      if (sheetsProxy)
        this.sheets = new Map(sheetFacts(sheetsProxy).map((s) => [s.name.toLowerCase(), s]));
      for (const r of reads) {
        const empty = r.body.rowCount === 1 && (r.first.values[0] ?? []).every(isEmptyCell);
        this.tables.set(r.table.name.toLowerCase(), {
          name: r.table.name,
          sheet: r.table.worksheet.name,
          row: r.header.rowIndex,
          col: r.header.columnIndex,
          headers: (r.header.values[0] ?? []).map(headerText),
          rows: empty ? 0 : r.body.rowCount,
          empty,
          formats: ((r.last.numberFormat[0] ?? []) as unknown[]).map((f) => String(f ?? "General")),
          clearBelow:
            r.used.isNullObject || r.used.rowIndex + r.used.rowCount - 1 <= r.last.rowIndex,
        });
      }
    }

    private geometry(table: string): TableGeometry {
      const g = this.tables.get(table.toLowerCase());
      if (!g)
        throw new TrackerError(
          "sheet-missing",
          `The table '${table}' was not found: it may have been renamed or deleted. Run Set up tracker to repair it.`
        );
      return g;
    }

    private sheet(name: string): Excel.Worksheet {
      return this.context.workbook.worksheets.getItem(name);
    }

    private async queue(op: PlanOp, batch: Batch): Promise<void> {
      const wb = this.context.workbook;
      switch (op.op) {
        case "ensureSheet": {
          if (this.sheets?.has(op.sheet.toLowerCase())) return; // never touch an existing sheet
          await batch.room(200);
          const ws = wb.worksheets.add(op.sheet);
          if (op.tabColour) ws.tabColor = op.tabColour;
          if (op.visibility && op.visibility !== "visible")
            ws.visibility = VISIBILITY[op.visibility] as Excel.SheetVisibility;
          this.sheets?.set(op.sheet.toLowerCase(), {
            name: op.sheet,
            position: this.sheets.size,
            visibility: op.visibility ?? "visible",
            protected: false,
          });
          return;
        }
        case "recreateSheet": {
          await batch.room(400);
          const old = this.sheets?.get(op.sheet.toLowerCase());
          if (!old) {
            const ws = wb.worksheets.add(op.sheet);
            if (op.tabColour) ws.tabColor = op.tabColour;
            this.sheets?.set(op.sheet.toLowerCase(), {
              name: op.sheet,
              position: this.sheets.size,
              visibility: "visible",
              protected: false,
            });
            return;
          }
          // Add the new sheet first (a workbook must keep one visible sheet), then delete the old one.
          let temp = `${op.sheet.slice(0, 24)}~new`;
          for (let i = 2; this.sheets?.has(temp.toLowerCase()); i++)
            temp = `${op.sheet.slice(0, 22)}~new${i}`;
          const fresh = wb.worksheets.add(temp);
          this.sheet(old.name).delete();
          fresh.name = op.sheet;
          fresh.position = old.position;
          if (op.tabColour) fresh.tabColor = op.tabColour;
          for (const [k, t] of this.tables)
            if (t.sheet.toLowerCase() === op.sheet.toLowerCase()) this.tables.delete(k);
          return;
        }
        case "writeCells":
          return this.writeCells(op.sheet, op.block, batch);
        case "createTable":
          return this.createTable(op.sheet, op.table, batch);
        case "appendRows":
          return this.appendRows(op.table, op.rows, batch);
        case "writeTableCells": {
          if (op.values.length === 0) return;
          const width = Math.max(...op.values.map((r) => r.length));
          const rows = op.values.map((r) => padRow(r, width));
          await batch.room(estimate(rows) + 300);
          wb.tables
            .getItem(op.table)
            .getDataBodyRange()
            .getCell(op.row, op.col)
            .getResizedRange(rows.length - 1, width - 1).values = rows;
          return;
        }
        case "addTableColumn": {
          const g = this.geometry(op.table);
          await batch.room(estimate(op.values) + 400);
          // index null: at the table's end; the name argument needs ExcelApi 1.4.
          const column = wb.tables
            .getItem(op.table)
            .columns.add(null as unknown as number, undefined, op.header);
          const height = Math.max(g.rows, 1);
          if (op.numberFormat) column.getDataBodyRange().numberFormat = [[op.numberFormat]];
          if (op.values && op.values.length > 0 && !g.empty) {
            const vals = Array.from({ length: height }, (_, i) => [cellInput(op.values![i])]);
            column.getDataBodyRange().values = vals;
          }
          g.headers.push(op.header);
          g.formats.push(op.numberFormat ?? "General");
          return;
        }
        case "deleteRows": {
          const g = this.geometry(op.table);
          const rows = [...new Set(op.rows)]
            .filter((i) => i >= 0 && i < g.rows)
            .sort((a, b) => b - a);
          if (rows.length === 0) return;
          await batch.room(rows.length * 120);
          const table = wb.tables.getItem(op.table);
          for (const i of rows) table.rows.getItemAt(i).delete();
          g.rows -= rows.length;
          if (g.rows === 0) g.empty = true;
          return;
        }
        case "listValidation":
          await batch.room(1000);
          return this.listValidation(op.target, op.source, op.prompt, op.error);
        case "conditionalFormats":
          await batch.room(300 + op.rules.length * 400);
          return this.conditionalFormats(op.target, op.rules);
        case "columnFormat": {
          const g = this.geometry(op.target.table);
          await batch.room(op.numberFormat.length + 300);
          const body = wb.tables
            .getItem(op.target.table)
            .columns.getItem(op.target.column)
            .getDataBodyRange();
          body.numberFormat = [[op.numberFormat]];
          if (op.wrap !== undefined) body.format.wrapText = op.wrap;
          const j = g.headers.findIndex((h) => h.toLowerCase() === op.target.column.toLowerCase());
          if (j >= 0) g.formats[j] = op.numberFormat;
          return;
        }
        case "columnWidths": {
          await batch.room(op.widths.length * 150);
          const ws = this.sheet(op.sheet);
          for (const w of op.widths)
            ws.getRangeByIndexes(0, w.col, 1, 1).format.columnWidth = charsToPoints(w.width);
          return;
        }
        case "freeze": {
          await batch.room(200);
          const ws = this.sheet(op.sheet);
          const cols = op.cols ?? 0;
          if (op.rows > 0 && cols > 0)
            ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, op.rows, cols));
          else if (op.rows > 0) ws.freezePanes.freezeRows(op.rows);
          else if (cols > 0) ws.freezePanes.freezeColumns(cols);
          else ws.freezePanes.unfreeze();
          return;
        }
        case "chart":
          await batch.room(2000 + op.chart.colours.length * 200);
          return this.chart(op.sheet, op.chart);
        case "pageSetup":
          await batch.room(1000);
          return this.pageSetup(op.sheet, op.setup);
        case "gridlines":
          await batch.room(150);
          this.sheet(op.sheet).showGridlines = op.show;
          return;
        case "pageBreaks": {
          // A break goes above the given cell (ExcelApi 1.9). On a rebuilt sheet none exist yet.
          await batch.room(150 * op.rows.length);
          const ws = this.sheet(op.sheet);
          for (const r of op.rows) ws.horizontalPageBreaks.add(ws.getRangeByIndexes(r, 0, 1, 1));
          return;
        }
        case "activate":
          await batch.room(150);
          this.sheet(op.sheet).activate();
          return;
        case "select":
          await batch.room(200);
          this.sheet(op.sheet)
            .getRangeByIndexes(op.range.row, op.range.col, op.range.rows, op.range.cols)
            .select();
          return;
        default: {
          const never: never = op;
          throw new TrackerError(
            "unexpected",
            `Unknown plan step ${(never as { op: string }).op}.`
          );
        }
      }
    }

    private async writeCells(sheet: string, block: CellBlock, batch: Batch): Promise<void> {
      if (block.values.length === 0) return;
      const width = Math.max(
        ...block.values.map((r) => r.length),
        ...(block.formulas ?? []).map((r) => r.length)
      );
      if (width === 0) return;
      const height = block.values.length;
      const ws = this.sheet(sheet);
      // Formulas where given, the value (escaped) elsewhere: one `formulas` write for the block.
      const cells = block.values.map((row, i) =>
        padRow(row, width).map((v, j) => {
          const f = block.formulas?.[i]?.[j];
          return f !== null && f !== undefined ? f : v;
        })
      );
      const formats = block.columnFormats
        ? Array.from({ length: width }, (_, j) => block.columnFormats![j] ?? null)
        : null;
      // Number formats first (so text stays text), one per run of columns for the whole block.
      const area = ws.getRangeByIndexes(block.row, block.col, height, width);
      if (block.style?.numberFormat) {
        await batch.room(300 + block.style.numberFormat.length);
        area.numberFormat = [[block.style.numberFormat]];
      }
      if (formats) {
        await batch.room(formatBytes(formats));
        setColumnFormats(area, formats, height);
      }
      for (const [start, chunk, size] of chunkRows(cells, maxBytes / 4)) {
        await batch.room(size + 300);
        const range = ws.getRangeByIndexes(block.row + start, block.col, chunk.length, width);
        if (block.formulas) range.formulas = chunk as unknown as string[][];
        else range.values = chunk;
      }
      if (block.style) {
        await batch.room(1000);
        applyStyle(ws.getRangeByIndexes(block.row, block.col, height, width), block.style);
      }
    }

    private async createTable(sheet: string, table: TablePlan, batch: Batch): Promise<void> {
      const ws = this.sheet(sheet);
      const cols = table.headers.length;
      const formats = Array.from({ length: cols }, (_, j) => table.columnFormats[j] ?? "General");
      const header = table.headers.map((h) => cellInput(h));
      const rows = table.rows.map((r) => padRow(r, cols));
      // Header and the data rows in chunks, number formats before values.
      await batch.room(estimate(header) + 400);
      const headRange = ws.getRangeByIndexes(table.row, table.col, 1, cols);
      headRange.numberFormat = [["@"]];
      headRange.values = [header];
      // The column formats over every data row at once (tables.add over a header row alone
      // makes one empty data row: it gets them too), before the values.
      await batch.room(formatBytes(formats));
      const height = Math.max(rows.length, 1);
      setColumnFormats(
        ws.getRangeByIndexes(table.row + 1, table.col, height, cols),
        formats,
        height
      );
      for (const [start, chunk, size] of chunkRows(rows, maxBytes / 4)) {
        await batch.room(size + 300);
        ws.getRangeByIndexes(table.row + 1 + start, table.col, chunk.length, cols).values = chunk;
      }
      await batch.room(500);
      const created = ws.tables.add(
        ws.getRangeByIndexes(table.row, table.col, 1 + rows.length, cols),
        true
      );
      created.name = table.name;
      created.style = table.style;
      created.showBandedRows = true;
      this.tables.set(table.name.toLowerCase(), {
        name: table.name,
        sheet,
        row: table.row,
        col: table.col,
        headers: [...table.headers],
        rows: rows.length,
        empty: rows.length === 0,
        formats,
        clearBelow: true,
      });
    }

    private async appendRows(tableName: string, input: CellValue[][], batch: Batch): Promise<void> {
      if (input.length === 0) return;
      const g = this.geometry(tableName);
      const cols = g.headers.length;
      const rows = input.map((r) => padRow(r, cols));
      const tables = this.context.workbook.tables;
      let rest = rows;
      if (g.empty) {
        // An empty table's single blank row takes the first new row (it has the column formats).
        await batch.room(estimate(rows[0]) + 300);
        tables.getItem(tableName).getDataBodyRange().getRow(0).values = [rows[0]];
        rest = rows.slice(1);
        g.empty = false;
        g.rows = 1;
      }
      for (const [, chunk, size] of chunkRows(rest, maxBytes / 4)) {
        await batch.room(size + formatBytes(g.formats) + 300);
        if (g.clearBelow) {
          // Written directly below the body, the table grows over them (auto-expansion, as the
          // co-authoring guidance recommends over rows.add). Formats first so text stays text.
          // A fresh body range each time: a range is fixed once used, and the table has grown.
          const below = tables.getItem(tableName).getDataBodyRange().getRowsBelow(chunk.length);
          setColumnFormats(below, g.formats, chunk.length);
          below.values = chunk;
        } else {
          // Something of the analyst's sits below the table: insert rows (cells below move
          // down) rather than write over it. New table rows take the formats of the row above.
          tables.getItem(tableName).rows.add(
            null as unknown as number,
            chunk.map((r) => r.map((v) => v ?? ""))
          );
        }
        g.rows += chunk.length;
      }
    }

    private columnBody(target: TableColumnRef): Excel.Range {
      return this.context.workbook.tables
        .getItem(target.table)
        .columns.getItem(target.column)
        .getDataBodyRange();
    }

    private listValidation(
      target: TableColumnRef,
      source: string,
      prompt: string,
      error: string
    ): void {
      const range = this.columnBody(target);
      const dv = range.dataValidation;
      // Clear first: a rule over cells some of which carry validation is refused (office-js #2594).
      dv.clear();
      dv.rule = { list: { inCellDropDown: true, source } };
      dv.prompt = {
        showPrompt: true,
        title: target.column.slice(0, 32),
        message: prompt.slice(0, 255),
      };
      dv.errorAlert = {
        showAlert: true,
        style: "Stop" as Excel.DataValidationAlertStyle,
        title: target.column.slice(0, 32),
        message: error.slice(0, 255),
      };
    }

    private conditionalFormats(
      target: TableColumnRef | { sheet: string; range: RangeRef },
      rules: ConditionalRule[]
    ): void {
      const range =
        "table" in target
          ? this.columnBody(target)
          : this.sheet(target.sheet).getRangeByIndexes(
              target.range.row,
              target.range.col,
              target.range.rows,
              target.range.cols
            );
      range.conditionalFormats.clearAll();
      for (const rule of rules) {
        if (rule.kind === "equals") {
          const cf = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
          cf.cellValue.format.fill.color = rule.fill;
          cf.cellValue.format.font.color = rule.fontColour;
          cf.cellValue.rule = {
            formula1: `="${rule.text.replace(/"/g, '""')}"`,
            operator: "EqualTo",
          };
        } else {
          const cf = range.conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
          cf.custom.rule.formula = rule.formula;
          if (rule.fill) cf.custom.format.fill.color = rule.fill;
          if (rule.fontColour) cf.custom.format.font.color = rule.fontColour;
          if (rule.bold !== undefined) cf.custom.format.font.bold = rule.bold;
        }
      }
    }

    private chart(sheet: string, plan: ChartPlan): void {
      const ws = this.sheet(sheet);
      const data = ws.getRangeByIndexes(
        plan.data.row,
        plan.data.col,
        plan.data.rows,
        plan.data.cols
      );
      const chart = ws.charts.add(
        CHART_TYPES[plan.type] as Excel.ChartType,
        data,
        "Columns" as Excel.ChartSeriesBy
      );
      chart.name = plan.name;
      chart.title.text = plan.title;
      if (plan.legend === "none") chart.legend.visible = false;
      else {
        chart.legend.visible = true;
        chart.legend.position = "Bottom" as Excel.ChartLegendPosition;
      }
      if (plan.dataLabels) {
        chart.dataLabels.showValue = true;
        // ExcelApi 1.8; "0;;;" hides the labels of zero values.
        if (plan.labelNumberFormat) chart.dataLabels.numberFormat = plan.labelNumberFormat;
      }
      // One font for the whole chart (title, legend, labels, axes), as the sheet's.
      if (plan.fontName) chart.format.font.name = plan.fontName;
      if (plan.type === "doughnut") {
        const series = chart.series.getItemAt(0);
        plan.colours
          .slice(0, Math.max(plan.data.rows - 1, 0))
          .forEach((c, i) => series.points.getItemAt(i).format.fill.setSolidColor(c));
      } else {
        plan.colours
          .slice(0, Math.max(plan.data.cols - 1, 0))
          .forEach((c, i) => chart.series.getItemAt(i).format.fill.setSolidColor(c));
      }
      chart.setPosition(ws.getRangeByIndexes(plan.anchor.row, plan.anchor.col, 1, 1));
      chart.width = plan.widthPt;
      chart.height = plan.heightPt;
    }

    private pageSetup(sheet: string, setup: PageSetupPlan): void {
      const layout = this.sheet(sheet).pageLayout;
      layout.orientation = (
        setup.orientation === "landscape" ? "Landscape" : "Portrait"
      ) as Excel.PageOrientation;
      layout.paperSize = "A4" as Excel.PaperType;
      // zoom must be assigned whole. 0 pages tall means "as many as needed", as fitToHeight="0"
      // does in the file format (to verify on a real client: the API reference is silent).
      layout.zoom = {
        horizontalFitToPages: setup.fitToPagesWide,
        verticalFitToPages: setup.fitToPagesTall,
      };
      layout.setPrintArea(a1(setup.printArea));
      layout.headersFooters.defaultForAllPages.centerHeader = headerFooterText(setup.header);
      layout.headersFooters.defaultForAllPages.centerFooter = headerFooterText(setup.footer);
      layout.centerHorizontally = setup.centerHorizontally;
    }

    // ------------------------------------------------------------------ select
    async select(sheet: string, range: RangeRef): Promise<void> {
      const ws = this.sheet(sheet);
      ws.activate();
      ws.getRangeByIndexes(range.row, range.col, range.rows, range.cols).select();
      await this.sync();
    }
  }

  async function onTableChanged(table: string, handler: () => void): Promise<() => Promise<void>> {
    let registration: OfficeExtension.EventHandlerResult<Excel.TableChangedEventArgs> | null = null;
    try {
      await excelApi().run(async (context) => {
        const t = context.workbook.tables.getItem(table);
        registration = t.onChanged.add(async (args: Excel.TableChangedEventArgs) => {
          // ExcelApi 1.14 says who made the change; older hosts leave triggerSource out, and then
          // a change during or just after our own apply() is taken as ours.
          const source = (args as { triggerSource?: string }).triggerSource;
          if (source === "ThisLocalAddin") return;
          if (source === undefined && (ownWrites > 0 || Date.now() < ownWriteUntil)) return;
          handler();
        });
        await context.sync();
      });
    } catch (e) {
      throw toTrackerError(e, "Watch table");
    }
    return async () => {
      const reg = registration as unknown as {
        context: Excel.RequestContext;
        remove(): void;
      } | null;
      if (!reg) return;
      registration = null;
      try {
        await excelApi().run(reg.context, async (context) => {
          reg.remove();
          await context.sync();
        });
      } catch (e) {
        throw toTrackerError(e, "Stop watching table");
      }
    };
  }

  return {
    stats,
    resetStats() {
      stats.byLabel = {};
      stats.last = null;
      stats.totalSyncs = 0;
    },
    run,
    onTableChanged,
  };
}

// ---------------------------------------------------------------------------------------------

/** Errors a client may give when a batch goes through a null object. */
const CHAIN_ERRORS = new Set([
  "InvalidObjectPath",
  "InvalidArgument",
  "ItemNotFound",
  "InvalidOperation",
]);
const SHEET_PROPS = "items/name,items/visibility,items/position,items/protection/protected";

const TOO_LARGE = "ResponsePayloadSizeLimitExceeded";
/** The column whose list validation and conditional formats the snapshot reports. */
const STATUS_COLUMN = "Status";

interface FirstFacts {
  sheets: SheetFacts[];
  activeSheet: string | null;
  meta: Record<string, string> | null;
  sheetValues: Record<string, SheetValues>;
}

interface FirstRead extends FirstFacts {
  tables: { name: string; table: Excel.Table; worksheet: Excel.Worksheet; header: Excel.Range }[];
}

/** What read() queued for one table (see Session.queueTable). */
interface TableRead {
  /** The name as requested (the snapshot's key). */
  name: string;
  table: Excel.Table;
  worksheet: Excel.Worksheet;
  header: Excel.Range;
  body: Excel.Range;
  last: Excel.Range;
  /** The first row, loaded as a size sample when the body's values are not. */
  first: Excel.Range | null;
  used: Excel.Range;
  status: Excel.Range | null;
  /** `status` came through getItemOrNullObject: it is a null object when there is no such column. */
  statusNullable: boolean;
  validation: Excel.DataValidation | null;
  formats: OfficeExtension.ClientResult<number> | null;
  withFormulas: boolean;
  /** The headers asked for (ReadRequest.columnsOf), or null for the whole table. */
  columns: string[] | null;
  /** Their positions in the table, ascending, once known (from the header row). */
  cols: number[] | null;
  /** The columns read at once: by name (start null until the sync says where) or by position. */
  parts: ColumnPart[];
}

/** A run of neighbouring columns of a table body read as one range. */
interface ColumnPart {
  range: Excel.Range;
  start: number | null;
  count: number;
}

/** What largeTables remembers a read by: the table and the columns read. */
function readKey(name: string, columns: readonly string[] | null): string {
  const key = name.toLowerCase();
  return columns ? `${key}|${columns.map((c) => c.trim().toLowerCase()).join("|")}` : key;
}

/** Where the columns asked for sit in a table, from its header row. */
function colsOf(t: TableRead): number[] {
  return columnIndexes((t.header.values[0] ?? []).map(headerText), t.columns ?? []);
}

/** Ascending column positions as runs of neighbours. */
function runs(cols: readonly number[]): { start: number; count: number }[] {
  const out: { start: number; count: number }[] = [];
  for (const j of cols) {
    const prev = out[out.length - 1];
    if (prev && prev.start + prev.count === j) prev.count++;
    else out.push({ start: j, count: 1 });
  }
  return out;
}

/** Rows of side-by-side ranges (the same height) as one block of rows. */
function joinRuns(blocks: unknown[][][]): unknown[][] {
  if (blocks.length === 1) return blocks[0];
  const height = blocks.reduce((n, b) => Math.max(n, b.length), 0);
  return Array.from({ length: height }, (_, r) => blocks.flatMap((b) => b[r] ?? []));
}

function wantsFormulas(request: ReadRequest, name: string): boolean {
  return !!request.formulasOf?.includes(name);
}

/**
 * The JSON size of a loaded range's values (and formulas): what its response costs; of only the
 * columns `cols` when given (a whole sample row of a table read in part).
 */
function cellBytes(range: Excel.Range, withFormulas: boolean, cols?: number[] | null): number {
  const pick = (rows: unknown[][]) => (cols ? rows.map((r) => cols.map((j) => r[j])) : rows);
  return estimate(pick(range.values)) + (withFormulas ? estimate(pick(range.formulas)) : 0);
}

function bodyData(t: TableRead, values: unknown[][], formulas?: unknown[][]): BodyData {
  // A Status column reached through a null object: its validation and count are null objects too.
  const hasStatus = !!t.status && !(t.statusNullable && t.status.isNullObject);
  const rule = hasStatus ? (t.validation?.rule as Excel.DataValidationRule | undefined) : undefined;
  // Blank: one data row, entirely empty (the whole row, also when only some columns were read).
  const row = t.columns
    ? t.body.rowCount === 1 && (t.last.values[0] ?? [])
    : values.length === 1 && values[0];
  return {
    values,
    empty: !!row && row.every(isEmptyCell),
    formulas,
    statusSource:
      hasStatus && t.validation?.type === "List" && rule?.list ? String(rule.list.source) : null,
    statusFormats: hasStatus ? (t.formats?.value ?? 0) : 0,
    lastFormats: ((t.last.numberFormat[0] ?? []) as unknown[]).map((f) => String(f ?? "General")),
    clearBelow: t.used.isNullObject || t.used.rowIndex + t.used.rowCount - 1 <= t.last.rowIndex,
  };
}

function wholeBody(t: TableRead): BodyData {
  return bodyData(t, t.body.values, t.withFormulas ? t.body.formulas : undefined);
}

/**
 * The columns of a table read in part, from the ranges read at once; `missing` lists the columns
 * the header row has but Excel did not find by name (read by position afterwards).
 */
function partBody(t: TableRead): PartBody {
  const cols = t.cols ?? colsOf(t);
  t.cols = cols;
  const at = new Map<number, { values: unknown[][]; formulas?: unknown[][]; k: number }>();
  for (const p of t.parts) {
    // By name: a null object when Excel found no such column.
    if (p.start === null && p.range.isNullObject) continue;
    const start = p.start ?? p.range.columnIndex - t.header.columnIndex;
    for (let k = 0; k < p.count; k++)
      at.set(start + k, {
        values: p.range.values,
        formulas: t.withFormulas ? p.range.formulas : undefined,
        k,
      });
  }
  const height = t.body.rowCount;
  const column = (j: number, which: "values" | "formulas") => {
    const c = at.get(j);
    const src = c?.[which];
    return Array.from({ length: height }, (_, r) => (src ? src[r]?.[c!.k] : null));
  };
  const toRows = (which: "values" | "formulas") => {
    const byCol = cols.map((j) => column(j, which));
    return Array.from({ length: height }, (_, r) => byCol.map((c) => c[r]));
  };
  const body = bodyData(t, toRows("values"), t.withFormulas ? toRows("formulas") : undefined);
  const missing = cols.filter((j) => !at.has(j));
  return missing.length > 0 ? { ...body, missing } : body;
}

/** A body read in part with its `missing` columns filled in from `got` (read by position). */
function mergeColumns(t: TableRead, b: PartBody, missing: number[], got: BodyData): BodyData {
  const cols = t.cols ?? [];
  const from = missing.map((j) => cols.indexOf(j));
  const fill = (rows: unknown[][], extra: unknown[][] | undefined) =>
    rows.map((row, r) => {
      const out = [...row];
      from.forEach((k, m) => (out[k] = extra?.[r]?.[m] ?? null));
      return out;
    });
  const { missing: _done, ...body } = b;
  void _done;
  return {
    ...body,
    values: fill(b.values, got.values),
    formulas: b.formulas ? fill(b.formulas, got.formulas) : undefined,
  };
}

function sheetFacts(collection: Excel.WorksheetCollection): SheetFacts[] {
  return collection.items.map((s, i) => ({
    name: s.name,
    position: s.position ?? i,
    visibility: FROM_VISIBILITY[s.visibility] ?? "visible",
    protected: !!s.protection.protected,
  }));
}

/** Key/value rows of the metadata sheet (its header row "Key" skipped). */
function metaOf(used: Excel.Range): Record<string, string> {
  const meta: Record<string, string> = {};
  if (used.isNullObject) return meta;
  for (const row of used.values) {
    const k = headerText(row[0]).trim();
    if (!k || k === "Key") continue;
    meta[k] = headerText(row[1]);
  }
  return meta;
}

/** Text and number formats only when asked: a large sheet's text can pass the 5 MB response limit. */
function usedParts(request: ReadRequest): { props: string; text: boolean; formats: boolean } {
  const parts = request.sheetParts ?? ["text", "numberFormats"];
  const text = parts.includes("text");
  const formats = parts.includes("numberFormats");
  return {
    props: [
      "values",
      "rowIndex",
      "columnIndex",
      ...(text ? ["text"] : []),
      ...(formats ? ["numberFormat"] : []),
    ].join(","),
    text,
    formats,
  };
}

function usedValues(
  name: string,
  used: Excel.Range,
  parts: { text: boolean; formats: boolean }
): SheetValues {
  if (used.isNullObject) return { name, row: 0, col: 0, values: [], text: [], numberFormats: [] };
  return {
    name,
    row: used.rowIndex,
    col: used.columnIndex,
    values: used.values as CellValue[][],
    text: parts.text ? (used.text as string[][]) : [],
    numberFormats: parts.formats
      ? (used.numberFormat as unknown[][]).map((r) => r.map((f) => String(f ?? "General")))
      : [],
  };
}

function applyStyle(range: Excel.Range, style: CellStyle): void {
  const f = range.format;
  if (style.bold !== undefined) f.font.bold = style.bold;
  if (style.italic !== undefined) f.font.italic = style.italic;
  if (style.fontSize !== undefined) f.font.size = style.fontSize;
  if (style.fontColour !== undefined) f.font.color = style.fontColour;
  if (style.fontName !== undefined) f.font.name = style.fontName;
  if (style.fill !== undefined) f.fill.color = style.fill;
  if (style.wrap !== undefined) f.wrapText = style.wrap;
  if (style.hAlign) f.horizontalAlignment = H_ALIGN[style.hAlign] as Excel.HorizontalAlignment;
  if (style.vAlign) f.verticalAlignment = V_ALIGN[style.vAlign] as Excel.VerticalAlignment;
  if (style.border) {
    const edges =
      style.border === "bottom"
        ? ["EdgeBottom"]
        : ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"];
    for (const e of edges) {
      const b = f.borders.getItem(e as Excel.BorderIndex);
      b.style = "Continuous" as Excel.BorderLineStyle;
      b.weight = "Thin" as Excel.BorderWeight;
    }
  }
}

/**
 * Number formats by column over a range `height` rows tall: one [[format]] per run of neighbouring
 * columns with the same format, which Excel applies to every cell of that part (the Range.
 * numberFormat reference: "If the argument is a single value, it will be applied to all cells in
 * the range"), instead of a format per cell: a 10,000-row table's formats cost a few hundred
 * bytes of the request, not a megabyte. A null format leaves its columns as they are.
 */
function setColumnFormats(
  range: Excel.Range,
  formats: readonly (string | null | undefined)[],
  height: number
): void {
  let start = 0;
  for (let j = 1; j <= formats.length; j++) {
    if (j < formats.length && formats[j] === formats[start]) continue;
    const f = formats[start];
    if (f !== null && f !== undefined) {
      const part =
        start === 0 && j === formats.length
          ? range
          : range.getCell(0, start).getResizedRange(height - 1, j - start - 1);
      part.numberFormat = [[f]];
    }
    start = j;
  }
}

/** What setColumnFormats adds to a request (bytes, generously). */
function formatBytes(formats: readonly (string | null | undefined)[]): number {
  return estimate(formats) + 200 * formats.length;
}

/** Rows in chunks whose JSON stays under `bytes` (at least one row each), with their size. */
function* chunkRows<T>(rows: T[][], bytes: number): Generator<[number, T[][], number]> {
  let start = 0;
  let size = 0;
  for (let i = 0; i < rows.length; i++) {
    const s = estimate(rows[i]) + 1;
    if (i > start && size + s > bytes) {
      yield [start, rows.slice(start, i), size];
      start = i;
      size = 0;
    }
    size += s;
  }
  if (start < rows.length) yield [start, rows.slice(start), size];
}

function tableOf(op: PlanOp): string | null {
  if (
    op.op === "appendRows" ||
    op.op === "writeTableCells" ||
    op.op === "addTableColumn" ||
    op.op === "deleteRows"
  )
    return op.table;
  if (op.op === "columnFormat") return op.target.table;
  return null;
}

function needsGeometry(op: PlanOp): boolean {
  return (
    op.op === "appendRows" ||
    op.op === "addTableColumn" ||
    op.op === "deleteRows" ||
    op.op === "columnFormat"
  );
}

/**
 * Queues statements and syncs only when the next statement would take the request over the
 * limit; flush() sends the rest. Screen updating is suspended once per request.
 */
class Batch {
  private bytes = 0;
  private pending = false;
  constructor(
    private context: Excel.RequestContext,
    private sync: () => Promise<void>,
    private limit: number
  ) {}
  start(): void {
    this.context.application.suspendScreenUpdatingUntilNextSync();
    this.context.application.suspendApiCalculationUntilNextSync();
  }
  async room(bytes: number): Promise<void> {
    if (this.pending && this.bytes + bytes > this.limit) {
      await this.sync();
      this.bytes = 0;
      this.pending = false;
    }
    if (!this.pending) this.start();
    this.bytes += bytes;
    this.pending = true;
  }
  async flush(): Promise<void> {
    if (this.pending) await this.sync();
    this.pending = false;
    this.bytes = 0;
  }
}
