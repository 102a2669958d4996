/// <reference types="office-js" />
/**
 * Table ops: create a table, append rows, write cells inside the body, add a column, delete rows,
 * set a column's number format. Each keeps the session's layout (geometry.ts) in step.
 */
import type { CellValue, PlanOp, TablePlan } from "../../../workbook/plan";
import type { Batch } from "../batch";
import { chunkRows, estimate } from "../limits";
import type { RunState } from "../state";
import { cellInput, padRow } from "../values";
import { formatBytes, setColumnFormats } from "./cells";

type Op<K extends PlanOp["op"]> = Extract<PlanOp, { op: K }>;

export async function createTable(
  s: RunState,
  sheet: string,
  table: TablePlan,
  batch: Batch
): Promise<void> {
  const ws = s.context.workbook.worksheets.getItem(sheet);
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
  setColumnFormats(ws.getRangeByIndexes(table.row + 1, table.col, height, cols), formats, height);
  for (const [start, chunk, size] of chunkRows(rows, s.memory.maxRequestBytes / 4)) {
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
  s.layout.created(sheet, table, formats);
}

export async function appendRows(
  s: RunState,
  tableName: string,
  input: CellValue[][],
  batch: Batch
): Promise<void> {
  if (input.length === 0) return;
  const g = s.layout.geometry(tableName);
  const cols = g.headers.length;
  const rows = input.map((r) => padRow(r, cols));
  const tables = s.context.workbook.tables;
  let rest = rows;
  if (g.empty) {
    // An empty table's single blank row takes the first new row (it has the column formats).
    await batch.room(estimate(rows[0]) + 300);
    tables.getItem(tableName).getDataBodyRange().getRow(0).values = [rows[0]];
    rest = rows.slice(1);
    g.empty = false;
    g.rows = 1;
  }
  for (const [, chunk, size] of chunkRows(rest, s.memory.maxRequestBytes / 4)) {
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

export async function writeTableCells(
  s: RunState,
  op: Op<"writeTableCells">,
  batch: Batch
): Promise<void> {
  if (op.values.length === 0) return;
  const width = Math.max(...op.values.map((r) => r.length));
  const rows = op.values.map((r) => padRow(r, width));
  await batch.room(estimate(rows) + 300);
  s.context.workbook.tables
    .getItem(op.table)
    .getDataBodyRange()
    .getCell(op.row, op.col)
    .getResizedRange(rows.length - 1, width - 1).values = rows;
}

export async function addTableColumn(
  s: RunState,
  op: Op<"addTableColumn">,
  batch: Batch
): Promise<void> {
  const g = s.layout.geometry(op.table);
  await batch.room(estimate(op.values) + 400);
  // index null: at the table's end; the name argument needs ExcelApi 1.4.
  const column = s.context.workbook.tables
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
}

export async function deleteRows(s: RunState, op: Op<"deleteRows">, batch: Batch): Promise<void> {
  const g = s.layout.geometry(op.table);
  const rows = [...new Set(op.rows)].filter((i) => i >= 0 && i < g.rows).sort((a, b) => b - a);
  if (rows.length === 0) return;
  await batch.room(rows.length * 120);
  const table = s.context.workbook.tables.getItem(op.table);
  for (const i of rows) table.rows.getItemAt(i).delete();
  g.rows -= rows.length;
  if (g.rows === 0) g.empty = true;
}

export async function columnFormat(
  s: RunState,
  op: Op<"columnFormat">,
  batch: Batch
): Promise<void> {
  const g = s.layout.geometry(op.target.table);
  await batch.room(op.numberFormat.length + 300);
  const body = s.context.workbook.tables
    .getItem(op.target.table)
    .columns.getItem(op.target.column)
    .getDataBodyRange();
  body.numberFormat = [[op.numberFormat]];
  if (op.wrap !== undefined) body.format.wrapText = op.wrap;
  const j = g.headers.findIndex((h) => h.toLowerCase() === op.target.column.toLowerCase());
  if (j >= 0) g.formats[j] = op.numberFormat;
}
