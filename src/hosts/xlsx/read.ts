/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read -- excelts objects, not Office.js proxies: nothing to load or sync */
/**
 * Snapshots of an excelts workbook, the same shape the Excel host reads: sheets, active sheet,
 * the add-in's metadata, whole tables by name (dates as Excel serials), the Status column's
 * validation source and conditional-format count, and used ranges of sheets. Node only.
 */
import type { Cell, Workbook, Worksheet } from "@cj-tech-master/excelts";
import { SHEETS, columnLetter } from "../../domain/columns";
import {
  columnIndexes,
  columnsWanted,
  tablesWanted,
  type ReadRequest,
  type SheetInfo,
  type SheetValues,
  type TableSnapshot,
  type WorkbookSnapshot,
} from "../../workbook/host";
import type { CellValue, RangeRef } from "../../workbook/plan";
import { decodeSqref, displayText, formulaOf, intersects, plainValue } from "./cells";
import { tableSnapshotOf } from "./table-snapshot";
import { findTable, isEmptyBody, type TableLoc } from "./tables";

export function sheetInfo(ws: Worksheet): SheetInfo {
  const prot = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  return {
    name: ws.name,
    visibility:
      ws.state === "veryHidden" ? "veryHidden" : ws.state === "hidden" ? "hidden" : "visible",
    protected: Boolean(prot && prot.sheet !== false),
  };
}

export function activeSheetOf(wb: Workbook): Worksheet | null {
  const sheets = wb.worksheets;
  if (sheets.length === 0) return null;
  const tab = wb.views?.[0]?.activeTab ?? 0;
  return sheets[tab] ?? sheets[0];
}

function readMeta(wb: Workbook): Record<string, string> | null {
  const ws = wb.getWorksheet(SHEETS.meta);
  if (!ws) return null;
  const meta: Record<string, string> = {};
  ws.eachRow((row, n) => {
    const key = plainValue(row.getCell(1).value);
    const value = plainValue(row.getCell(2).value);
    if (key === null || String(key) === "") return;
    if (n === 1 && String(key) === "Key") return;
    meta[String(key)] = value === null ? "" : String(value);
  });
  return meta;
}

/** The list source formula of the validation covering a cell, or null. */
export function validationSourceAt(ws: Worksheet, row: number, col: number): string | null {
  const address = `${columnLetter(col)}${row + 1}`;
  const dv = ws.dataValidations.find(address) as
    { type?: string; formulae?: unknown[] } | undefined;
  if (!dv || dv.type !== "list" || !dv.formulae || dv.formulae.length === 0) return null;
  const f = String(dv.formulae[0]);
  return f.startsWith("=") ? f : "=" + f;
}

/** How many conditional-format rules apply to some cell of the range. */
export function formatRulesOn(ws: Worksheet, range: RangeRef): number {
  let n = 0;
  for (const cf of ws.conditionalFormattings ?? []) {
    if (decodeSqref(cf.ref).some((r) => intersects(r, range))) n += cf.rules.length;
  }
  return n;
}

/**
 * A table as the snapshot holds it; `columns` (headers, ReadRequest.columnsOf) reads only those
 * columns of it.
 */
export function tableSnapshot(
  loc: TableLoc,
  withFormulas: boolean,
  columns: readonly string[] | null = null
): TableSnapshot {
  const cols = columns ? columnIndexes(loc.headers, columns) : loc.headers.map((_, j) => j);
  const width = cols.length;
  const empty = isEmptyBody(loc);
  const rows: CellValue[][] = [];
  const formulas: string[][] = [];
  const n = empty ? 0 : loc.bodyRows;
  for (let i = 0; i < n; i++) {
    const r = loc.sheet.getRow(loc.row + 2 + i);
    const vals: CellValue[] = new Array(width);
    const fs: string[] = withFormulas ? new Array(width) : [];
    for (let k = 0; k < width; k++) {
      const cell = r.getCell(loc.col + cols[k] + 1);
      const raw = cell.value;
      const v = plainValue(raw);
      vals[k] = v;
      if (withFormulas) fs[k] = formulaOfCell(cell, raw) ?? (v === null ? "" : String(v));
    }
    rows.push(vals);
    if (withFormulas) formulas.push(fs);
  }
  return tableSnapshotOf(
    { ...loc, sheet: loc.sheet.name },
    cols,
    columns,
    rows,
    withFormulas ? formulas : null,
    {
      validation: (row, col) => validationSourceAt(loc.sheet, row, col),
      formats: (range) => formatRulesOn(loc.sheet, range),
    }
  );
}

/**
 * A cell's formula ("=...") or null. A cell that shares a formula (a formula filled down in
 * Excel) holds only its master's address: its own formula is the master's moved here, which
 * excelts works out (cell.formula).
 */
function formulaOfCell(cell: Cell, raw: unknown): string | null {
  const o = raw as { formula?: unknown; sharedFormula?: unknown } | null;
  if (
    o &&
    typeof o === "object" &&
    o.formula === undefined &&
    typeof o.sharedFormula === "string"
  ) {
    const f = cell.formula;
    return f ? (f.startsWith("=") ? f : "=" + f) : null;
  }
  return formulaOf(raw);
}

/** The used range of a sheet: values, text as shown and number formats. */
export function sheetValues(ws: Worksheet): SheetValues {
  let top = Infinity,
    left = Infinity,
    bottom = -1,
    right = -1;
  ws.eachRow({ includeEmpty: false }, (row, rn) => {
    row.eachCell({ includeEmpty: false }, (cell, cn) => {
      const v = cell.value;
      if (v === null || v === undefined) return;
      top = Math.min(top, rn - 1);
      bottom = Math.max(bottom, rn - 1);
      left = Math.min(left, cn - 1);
      right = Math.max(right, cn - 1);
    });
  });
  if (bottom < 0) return { name: ws.name, row: 0, col: 0, values: [], text: [], numberFormats: [] };
  const values: CellValue[][] = [];
  const text: string[][] = [];
  const numberFormats: string[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row = ws.getRow(r + 1);
    const vr: CellValue[] = [];
    const tr: string[] = [];
    const fr: string[] = [];
    for (let c = left; c <= right; c++) {
      const cell = row.getCell(c + 1);
      const v = plainValue(cell.value);
      const fmt = numFmtOf(cell.numFmt);
      vr.push(v);
      tr.push(displayText(v, fmt));
      fr.push(fmt);
    }
    values.push(vr);
    text.push(tr);
    numberFormats.push(fr);
  }
  return { name: ws.name, row: top, col: left, values, text, numberFormats };
}

export function readSnapshot(wb: Workbook, request: ReadRequest): WorkbookSnapshot {
  const sheets = wb.worksheets.map(sheetInfo);
  const active = activeSheetOf(wb);
  const tables: Record<string, TableSnapshot> = {};
  const formulasOf = new Set((request.formulasOf ?? []).map((t) => t.toLowerCase()));
  const wanted = [...tablesWanted(request), ...(request.formulasOf ?? [])];
  for (const name of wanted) {
    const loc = findTable(wb, name);
    if (!loc || tables[loc.name]) continue;
    tables[loc.name] = tableSnapshot(
      loc,
      formulasOf.has(loc.name.toLowerCase()),
      columnsWanted(request, loc.name)
    );
  }
  const sheetValuesOut: Record<string, SheetValues> = {};
  const wantSheets = [...(request.sheets ?? [])];
  if (request.activeSheet && active) wantSheets.push(active.name);
  for (const name of wantSheets) {
    const ws = wb.getWorksheet(name);
    if (ws && !sheetValuesOut[ws.name]) sheetValuesOut[ws.name] = sheetValues(ws);
  }
  return {
    sheets,
    activeSheet: active ? active.name : null,
    meta: readMeta(wb),
    tables,
    sheetValues: sheetValuesOut,
  };
}

export function numFmtOf(f: unknown): string {
  if (typeof f === "string") return f || "General";
  if (
    f &&
    typeof f === "object" &&
    typeof (f as { formatCode?: unknown }).formatCode === "string"
  ) {
    return (f as { formatCode: string }).formatCode || "General";
  }
  return "General";
}
