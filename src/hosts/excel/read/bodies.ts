/// <reference types="office-js" />
/**
 * Table bodies from what a read loaded: whole, in part (only some columns, by name or by
 * place), or as row blocks; with the Status column's validation and conditional-format count.
 * Works on loaded ranges only.
 */
import { columnIndexes, type ReadRequest } from "../../../workbook/host";
import { estimate } from "../limits";
import { headerText, isEmptyCell } from "../values";
import type { TableRead } from "./queue";

export interface BodyData {
  /** The rows (of the columns read, when the table is read in part). */
  values: unknown[][];
  /** The table has only its single blank row. */
  empty: boolean;
  formulas?: unknown[][];
  statusSource: string | null;
  statusFormats: number;
}

/** A body read at once; `missing`: columns of a table read in part still to read by position. */
export type PartBody = BodyData & { missing?: number[] };

/** What largeTables remembers a read by: the table and the columns read. */
export function readKey(name: string, columns: readonly string[] | null): string {
  const key = name.toLowerCase();
  return columns ? `${key}|${columns.map((c) => c.trim().toLowerCase()).join("|")}` : key;
}

/** Where the columns asked for sit in a table, from its header row. */
export function colsOf(t: TableRead): number[] {
  return columnIndexes((t.header.values[0] ?? []).map(headerText), t.columns ?? []);
}

/** Ascending column positions as runs of neighbours. */
export function runs(cols: readonly number[]): { start: number; count: number }[] {
  const out: { start: number; count: number }[] = [];
  for (const j of cols) {
    const prev = out[out.length - 1];
    if (prev && prev.start + prev.count === j) prev.count++;
    else out.push({ start: j, count: 1 });
  }
  return out;
}

/** Rows of side-by-side ranges (the same height) as one block of rows. */
export function joinRuns(blocks: unknown[][][]): unknown[][] {
  if (blocks.length === 1) return blocks[0];
  const height = blocks.reduce((n, b) => Math.max(n, b.length), 0);
  return Array.from({ length: height }, (_, r) => blocks.flatMap((b) => b[r] ?? []));
}

export function wantsFormulas(request: ReadRequest, name: string): boolean {
  return !!request.formulasOf?.includes(name);
}

/**
 * The JSON size of a loaded range's values (and formulas): what its response costs; of only the
 * columns `cols` when given (a whole sample row of a table read in part).
 */
export function cellBytes(
  range: Excel.Range,
  withFormulas: boolean,
  cols?: number[] | null
): number {
  const pick = (rows: unknown[][]) => (cols ? rows.map((r) => cols.map((j) => r[j])) : rows);
  return estimate(pick(range.values)) + (withFormulas ? estimate(pick(range.formulas)) : 0);
}

export function bodyData(t: TableRead, values: unknown[][], formulas?: unknown[][]): BodyData {
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
  };
}

export function wholeBody(t: TableRead): BodyData {
  return bodyData(t, t.body.values, t.withFormulas ? t.body.formulas : undefined);
}

/**
 * The columns of a table read in part, from the ranges read at once; `missing` lists the columns
 * the header row has but Excel did not find by name (read by position afterwards).
 */
export function partBody(t: TableRead): PartBody {
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
export function mergeColumns(
  t: TableRead,
  b: PartBody,
  missing: number[],
  got: BodyData
): BodyData {
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
