/// <reference types="office-js" />
/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/no-empty-load --
   Every sync goes through the counting wrapper (RunState.sync, or a caller's after queueing
   here) and loads take property lists built at run time, which these rules cannot see; the
   tests on the in-memory Excel, which throws PropertyNotLoaded like Office.js, check
   load-before-read instead. */
/**
 * What a read queues before its sync: the workbook's sheets, the active sheet, the metadata sheet,
 * requested sheets' used ranges (queueFirst), and for each requested table what the snapshot and
 * the table's geometry need (queueTable). Every strategy (at once, careful, blocks) uses these.
 */
import { SHEETS } from "../../../domain/columns";
import type { ReadRequest, SheetValues } from "../../../workbook/host";
import {
  queueExtras,
  SHEET_PROPS,
  sheetFacts,
  type SheetFacts,
  type TableExtras,
} from "../geometry";
import { runs } from "./bodies";
import { metaOf, usedParts, usedValues } from "./sheets";

/** The column whose list validation and conditional formats the snapshot reports. */
const STATUS_COLUMN = "Status";

export interface FirstFacts {
  sheets: SheetFacts[];
  /** The chart names of the existing sheets the request may clear (ReadRequest.clearing). */
  charts: Record<string, string[]>;
  activeSheet: string | null;
  meta: Record<string, string> | null;
  sheetValues: Record<string, SheetValues>;
}

export interface FirstRead extends FirstFacts {
  tables: { name: string; table: Excel.Table; worksheet: Excel.Worksheet; header: Excel.Range }[];
}

/** What read() queued for one table (see queueTable). */
export interface TableRead {
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
  /** Totals row, filter, validation under the table. */
  extras: TableExtras;
}

/** A run of neighbouring columns of a table body read as one range. */
export interface ColumnPart {
  range: Excel.Range;
  start: number | null;
  count: number;
}

/**
 * Queues the sheets (name, visibility, protection), the active sheet, the metadata sheet's
 * values and requested sheets' used ranges, all through *OrNullObject; the result is read
 * after the sync.
 */
export function queueFirst(context: Excel.RequestContext, request: ReadRequest): () => FirstFacts {
  const wb = context.workbook;
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
  const clearing = [...new Set(request.clearing ?? [])].map((name) => {
    const sheet = wb.worksheets.getItemOrNullObject(name);
    sheet.load("name");
    const charts = sheet.charts;
    charts.load("items/name");
    return { sheet, charts };
  });
  return () => {
    const sheets = sheetFacts(sheetsProxy);
    const sheetValues: Record<string, SheetValues> = {};
    for (const s of sheetReads) {
      const info = sheets.find((x) => x.name.toLowerCase() === s.name.toLowerCase());
      if (info) sheetValues[info.name] = usedValues(info.name, s.used, parts);
    }
    if (activeUsed) sheetValues[active.name] = usedValues(active.name, activeUsed, parts);
    const charts: Record<string, string[]> = {};
    for (const c of clearing)
      if (!c.sheet.isNullObject) charts[c.sheet.name] = c.charts.items.map((x) => x.name);
    return {
      sheets,
      charts,
      activeSheet: active.name ?? null,
      meta: metaSheet.isNullObject ? null : metaOf(metaUsed),
      sheetValues,
    };
  };
}

export interface QueueTableOptions {
  whole: boolean;
  withFormulas: boolean;
  status: "byName" | number | null;
  loaded?: { worksheet: Excel.Worksheet; header: Excel.Range };
  /** Read only these columns (headers): by name through null objects, or by `cols`. */
  columns?: string[] | null;
  /** Their positions, when the header row is known already. */
  cols?: number[] | null;
}

/**
 * Queues what the snapshot needs of one table: its name, sheet and header row (unless already
 * loaded), the data body (values and formulas when `whole`, else its size and the first and
 * last rows as a sample of the bytes per row), the last row's number formats, the sheet's used
 * range (is anything below the table?) and the Status column's list validation and
 * conditional-format count (`status`: by name through a null object, or by index).
 */
export function queueTable(table: Excel.Table, name: string, o: QueueTableOptions): TableRead {
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
    extras: queueExtras(table),
  };
}
