/// <reference types="office-js" />
/**
 * Where the session's tables and sheets are, in ONE place: a table's sheet, header cell, headers,
 * row count, last-row formats and whether anything sits below it. Reading a snapshot, learning
 * before an apply and creating a table all record it here, and every write that changes a table's
 * size or columns updates it here, so the next op of the same plan sees the table as Excel will.
 */
import { TrackerError } from "../../domain/errors";
import type { SheetInfo } from "../../workbook/host";
import type { PlanOp, TablePlan, WorkbookPlan } from "../../workbook/plan";
import { headerText, isEmptyCell } from "./values";
import type { RunState } from "./state";
import { tableNotFound } from "../../domain/messages";

export interface SheetFacts {
  name: string;
  position: number;
  visibility: SheetInfo["visibility"];
  protected: boolean;
}

export interface TableGeometry {
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
  /** A totals row under the data (Table.showTotals): the row below the data is not free. */
  totals: boolean;
  /** The row under the table carries data validation (the co-authoring guidance wants none there). */
  ruleBelow: boolean;
  /** The table's AutoFilter criteria when it is filtered (to put back after rows move), else null. */
  filter: FilterCriterion[] | null;
}

/** One column's AutoFilter criteria (Excel.FilterCriteria, ExcelApi 1.2), or null for none. */
export type FilterCriterion = Record<string, unknown> | null;

/** What a read loads of a table besides its cells: totals row, filter, validation below it. */
export interface TableExtras {
  table: Excel.Table;
  filter: Excel.AutoFilter;
  below: Excel.DataValidation;
}

/** Queue the loads of TableExtras (ExcelApi 1.9: AutoFilter; 1.8: DataValidation). */
export function queueExtras(table: Excel.Table): TableExtras {
  table.load("showTotals");
  const filter = table.autoFilter;
  filter.load("isDataFiltered,criteria");
  const below = table.getRange().getRowsBelow(1).dataValidation;
  below.load("type");
  return { table, filter, below };
}

/** A criterion that filters something (loaded criteria also list columns without a filter). */
function filters(c: unknown): c is Record<string, unknown> {
  if (!c || typeof c !== "object") return false;
  const x = c as Record<string, unknown>;
  return (
    (Array.isArray(x.values) && x.values.length > 0) ||
    !!x.criterion1 ||
    !!x.dynamicCriteria ||
    !!x.color ||
    !!x.icon
  );
}

/** What Excel returned about a table, from which its geometry is worked out. */
export interface TableFacts {
  name: string;
  sheet: string;
  /** Loaded: values, rowIndex, columnIndex. */
  header: Excel.Range;
  /** The body's rows, as Excel counts them (an empty table has one). */
  rowCount: number;
  /** The table has only its single blank row. */
  empty: boolean;
  /** The last data row. Loaded: numberFormat, rowIndex. */
  last: Excel.Range;
  /** The sheet's used range (values only), possibly a null object. Loaded: rowIndex, rowCount. */
  used: Excel.Range;
  extras: TableExtras;
}

/** The number formats of a loaded row, one per column. */
export function rowFormats(row: Excel.Range): string[] {
  return ((row.numberFormat[0] ?? []) as unknown[]).map((f) => String(f ?? "General"));
}

export function geometryOf(f: TableFacts): TableGeometry {
  return {
    name: f.name,
    sheet: f.sheet,
    row: f.header.rowIndex,
    col: f.header.columnIndex,
    headers: (f.header.values[0] ?? []).map(headerText),
    rows: f.empty ? 0 : f.rowCount,
    empty: f.empty,
    formats: rowFormats(f.last),
    clearBelow: f.used.isNullObject || f.used.rowIndex + f.used.rowCount - 1 <= f.last.rowIndex,
    totals: !!f.extras.table.showTotals,
    ruleBelow: (f.extras.below.type ?? "None") !== "None",
    filter: f.extras.filter.isDataFiltered
      ? (f.extras.filter.criteria ?? []).map((c) => (filters(c) ? { ...c } : null))
      : null,
  };
}

/** The sheets' properties a read loads (Worksheet: name, visibility, position, protection). */
export const SHEET_PROPS = "items/name,items/visibility,items/position,items/protection/protected";

const FROM_VISIBILITY: Record<string, SheetInfo["visibility"]> = {
  Visible: "visible",
  Hidden: "hidden",
  VeryHidden: "veryHidden",
};

/** The sheets of a collection loaded with SHEET_PROPS. */
export function sheetFacts(collection: Excel.WorksheetCollection): SheetFacts[] {
  return collection.items.map((s, i) => ({
    name: s.name,
    position: s.position ?? i,
    visibility: FROM_VISIBILITY[s.visibility] ?? "visible",
    protected: !!s.protection.protected,
  }));
}

/** The tables and sheets this session knows (by lower-case name). */
export class Layout {
  /** Null until a read or an apply has loaded the sheet list. */
  sheets: Map<string, SheetFacts> | null = null;
  private tables = new Map<string, TableGeometry>();

  /** A copy to go back to when a batch Excel refused is sent again. */
  clone(): Layout {
    const copy = new Layout();
    copy.sheets = this.sheets ? new Map([...this.sheets].map(([k, v]) => [k, { ...v }])) : null;
    for (const [k, g] of this.tables)
      copy.tables.set(k, {
        ...g,
        headers: [...g.headers],
        formats: [...g.formats],
        filter: g.filter ? [...g.filter] : null,
      });
    for (const [k, c] of this.charts) copy.charts.set(k, [...c]);
    return copy;
  }

  knowSheets(list: SheetFacts[]): void {
    this.sheets = new Map(list.map((s) => [s.name.toLowerCase(), s]));
  }

  hasSheet(name: string): boolean {
    return !!this.sheets?.has(name.toLowerCase());
  }

  sheet(name: string): SheetFacts | undefined {
    return this.sheets?.get(name.toLowerCase());
  }

  /** A sheet this session added: last in the workbook, or at `position` (the others move on). */
  addedSheet(
    name: string,
    visibility: SheetInfo["visibility"] = "visible",
    position?: number
  ): void {
    if (!this.sheets) return;
    const at = position ?? this.sheets.size;
    for (const s of this.sheets.values()) if (s.position >= at) s.position++;
    this.sheets.set(name.toLowerCase(), { name, position: at, visibility, protected: false });
  }

  /** Where a sheet added just after `after` goes (Worksheet.position), or null for the end. */
  positionAfter(after: string | undefined): number | null {
    const s = after ? this.sheet(after) : undefined;
    return s ? s.position + 1 : null;
  }

  table(name: string): TableGeometry | undefined {
    return this.tables.get(name.toLowerCase());
  }

  hasTable(name: string): boolean {
    return this.tables.has(name.toLowerCase());
  }

  /** A table an op needs the size of; refused plainly when the session does not know it. */
  geometry(table: string): TableGeometry {
    const g = this.table(table);
    if (!g) throw new TrackerError("sheet-missing", tableNotFound(table));
    return g;
  }

  record(g: TableGeometry): void {
    this.tables.set(g.name.toLowerCase(), g);
  }

  /** A table this session creates from a plan, with nothing below it. */
  created(sheet: string, table: TablePlan, formats: string[]): void {
    this.record({
      name: table.name,
      sheet,
      row: table.row,
      col: table.col,
      headers: [...table.headers],
      rows: table.rows.length,
      empty: table.rows.length === 0,
      formats,
      clearBelow: true,
      totals: false,
      ruleBelow: false,
      filter: null,
    });
  }

  /** Chart names of sheets a read was told may be cleared (ReadRequest.clearing). */
  private charts = new Map<string, string[]>();

  knowCharts(sheet: string, names: string[]): void {
    this.charts.set(sheet.toLowerCase(), names);
  }

  /** The charts on a sheet, or undefined when this session has not read them. */
  chartsOn(sheet: string): string[] | undefined {
    return this.charts.get(sheet.toLowerCase());
  }

  /** The tables of a sheet that was deleted or emptied. */
  forgetTablesOn(sheet: string): void {
    for (const [k, t] of this.tables)
      if (t.sheet.toLowerCase() === sheet.toLowerCase()) this.tables.delete(k);
  }
}

/** The table an op works on by name (not through a TableColumnRef target), or null. */
export function tableOf(op: PlanOp): string | null {
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

/** Ops that need the table's size or formats. */
function needsGeometry(op: PlanOp): boolean {
  return (
    op.op === "appendRows" ||
    op.op === "addTableColumn" ||
    op.op === "deleteRows" ||
    op.op === "columnFormat"
  );
}

/**
 * One extra sync, only when an op needs a table's size or the sheet list this session has not
 * read (a plan applied without a read first).
 */
export async function learnLayout(s: RunState, plan: WorkbookPlan): Promise<void> {
  const { layout } = s;
  const creates = new Set(
    plan.ops
      .filter((o) => o.op === "createTable")
      .map((o) => (o as { table: TablePlan }).table.name.toLowerCase())
  );
  const needTables = new Set<string>();
  let needSheets = false;
  for (const op of plan.ops) {
    const t = tableOf(op);
    if (t && needsGeometry(op) && !layout.hasTable(t) && !creates.has(t.toLowerCase()))
      needTables.add(t);
    if ((op.op === "ensureSheet" || op.op === "clearSheet") && !layout.sheets) needSheets = true;
  }
  if (needTables.size === 0 && !needSheets) return;
  const wb = s.context.workbook;
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
    return { table, header, body, first, last, used, extras: queueExtras(table) };
  });
  await s.sync();
  if (sheetsProxy) layout.knowSheets(sheetFacts(sheetsProxy));
  for (const r of reads) {
    layout.record(
      geometryOf({
        name: r.table.name,
        sheet: r.table.worksheet.name,
        header: r.header,
        rowCount: r.body.rowCount,
        empty: r.body.rowCount === 1 && (r.first.values[0] ?? []).every(isEmptyCell),
        last: r.last,
        used: r.used,
        extras: r.extras,
      })
    );
  }
}
