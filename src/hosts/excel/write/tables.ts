/// <reference types="office-js" />
/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load --
   The table's size is read in a Batch.afterwards step, which runs after the batch's sync; the
   rules cannot see that. The in-memory Excel throws PropertyNotLoaded like Office.js. */
/**
 * Table ops: create a table, append rows, write cells inside the body, add a column, delete rows,
 * set a column's number format. Each keeps the session's layout (geometry.ts) in step.
 */
import { TrackerError } from "../../../domain/errors";
import type { CellValue, PlanOp, TablePlan } from "../../../workbook/plan";
import type { Batch } from "../batch";
import { chunkRows, estimate } from "../limits";
import type { TableGeometry } from "../geometry";
import type { RunState } from "../state";
import { textStrategy } from "../client";
import { cellInput, padRow, plainColumns } from "../values";
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
  const plain = plainColumns(formats, textStrategy(s.memory.client.probes));
  const rows = table.rows.map((r) => padRow(r, cols, plain));
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

/**
 * New rows at the end of a table, never over a totals row or the analyst's cells, never left
 * outside the table unsaid.
 *
 * - Usually they are written just below the data and the table grows over them (auto-expansion,
 *   as the co-authoring guidance recommends over TableRowCollection.add), number formats first so
 *   text stays text. Columns the plan leaves null are not written, so a calculated column fills
 *   itself (rows.add would write blanks over it).
 * - When something sits under the table (the analyst's cells, data validation the co-authoring
 *   guidance says must not be there), blank cells are inserted there first (Range.insert, cells
 *   below move down), then the rows are written the same way.
 * - With a totals row, the row under the data is the totals row: cells are inserted at it, inside
 *   the table (the totals move down), and the rows written into them; a filtered table refuses
 *   that (InsertDeleteConflict), so its filter is lifted and put back around it.
 * - The table's size is read back in the same batch. Had it not grown (auto-expansion off:
 *   "Include new rows and columns in table"), one more sync resizes it (Table.resize, ExcelApi
 *   1.13), or, without that, the analyst is told which rows are outside the table.
 */
export async function appendRows(
  s: RunState,
  tableName: string,
  input: CellValue[][],
  batch: Batch
): Promise<void> {
  if (input.length === 0) return;
  const g = s.layout.geometry(tableName);
  const cols = g.headers.length;
  const plain = plainColumns(g.formats, textStrategy(s.memory.client.probes));
  const rows = input.map((r) => padRow(r, cols, plain));
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
  if (rest.length === 0) return;
  const start = g.rows;
  const lift = g.totals && g.filter ? liftFilter(s, g, batch) : null;
  await lift?.before();
  for (const [, chunk, size] of chunkRows(rest, s.memory.maxRequestBytes / 4)) {
    await batch.room(size + formatBytes(g.formats) + 600);
    const table = tables.getItem(tableName);
    let target: Excel.Range;
    if (g.totals) {
      // Blank cells at the totals row, inside the table: the data grows, the totals move down.
      table
        .getTotalRowRange()
        .getResizedRange(chunk.length - 1, 0)
        .insert("Down" as Excel.InsertShiftDirection);
      // The new rows are now the last ones of the data.
      target = tables
        .getItem(tableName)
        .getDataBodyRange()
        .getLastRow()
        .getOffsetRange(-(chunk.length - 1), 0)
        .getResizedRange(chunk.length - 1, 0);
    } else {
      if (!g.clearBelow || g.ruleBelow) {
        // Room under the table: the analyst's cells (and any validation there) move down.
        table
          .getRange()
          .getRowsBelow(chunk.length)
          .insert("Down" as Excel.InsertShiftDirection);
      }
      // A fresh range each time: a range is fixed once used, and the table has grown.
      target = tables.getItem(tableName).getDataBodyRange().getRowsBelow(chunk.length);
    }
    setColumnFormats(target, g.formats, chunk.length);
    target.values = chunk;
    g.rows += chunk.length;
  }
  await lift?.after();
  // Did the table take them? Read its size back in the same batch.
  const size = tables.getItem(tableName).getDataBodyRange();
  size.load("rowCount");
  const expected = g.rows;
  batch.afterwards(() => {
    if (size.rowCount >= expected) return false;
    if (!s.memory.client.api(13)) throw notTaken(g, start, expected);
    // Table.resize (ExcelApi 1.13): the header row stays where it is.
    tables
      .getItem(tableName)
      .resize(
        s.context.workbook.worksheets
          .getItem(g.sheet)
          .getRangeByIndexes(g.row, g.col, 1 + expected + (g.totals ? 1 : 0), cols)
      );
    return true;
  });
}

/** The rows written under a table that did not take them, said plainly. */
function notTaken(g: TableGeometry, start: number, expected: number): TrackerError {
  const first = g.row + 2 + start;
  const last = g.row + 1 + expected;
  return new TrackerError(
    "unsupported",
    `Excel wrote the new rows on sheet '${g.sheet}' (rows ${first} to ${last}) but did not take them into the table '${g.name}'. ` +
      "Select a cell in the table, choose Table Design > Resize Table and include those rows " +
      "(or switch on File > Options > Proofing > AutoCorrect Options > AutoFormat As You Type > 'Include new rows and columns in table'), then run Check."
  );
}

/**
 * A filtered table refuses rows inserted or deleted inside it (InsertDeleteConflict: the typings
 * of TableRowCollection.deleteRows; office-js #994). Its AutoFilter criteria (ExcelApi 1.9) are
 * cleared before and put back after, in the same batch.
 */
function liftFilter(
  s: RunState,
  g: TableGeometry,
  batch: Batch
): { before(): Promise<void>; after(): Promise<void> } {
  const criteria = g.filter ?? [];
  return {
    async before() {
      await batch.room(300);
      s.context.workbook.tables.getItem(g.name).autoFilter.clearCriteria();
    },
    async after() {
      await batch.room(300 + estimate(criteria));
      const table = s.context.workbook.tables.getItem(g.name);
      criteria.forEach((c, j) => {
        if (c) table.autoFilter.apply(table.getRange(), j, c as unknown as Excel.FilterCriteria);
      });
    },
  };
}

export async function writeTableCells(
  s: RunState,
  op: Op<"writeTableCells">,
  batch: Batch
): Promise<void> {
  if (op.values.length === 0) return;
  const width = Math.max(...op.values.map((r) => r.length));
  const g = s.layout.table(op.table);
  const plain = g
    ? plainColumns(g.formats.slice(op.col, op.col + width), textStrategy(s.memory.client.probes))
    : undefined;
  const rows = op.values.map((r) => padRow(r, width, plain));
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
    const plain = op.numberFormat === "@" && textStrategy(s.memory.client.probes) === "plain";
    const vals = Array.from({ length: height }, (_, i) => [cellInput(op.values![i], plain)]);
    column.getDataBodyRange().values = vals;
  }
  g.headers.push(op.header);
  g.formats.push(op.numberFormat ?? "General");
}

/**
 * Data rows deleted in one batch, one statement per run of neighbouring rows (Range.delete, cells
 * below move up), from the bottom up, instead of one TableRow.delete per row. A filtered table
 * refuses deletes, so its filter is lifted and put back around them (liftFilter).
 */
export async function deleteRows(s: RunState, op: Op<"deleteRows">, batch: Batch): Promise<void> {
  const g = s.layout.geometry(op.table);
  const rows = [...new Set(op.rows)].filter((i) => i >= 0 && i < g.rows).sort((a, b) => b - a);
  if (rows.length === 0) return;
  const blocks: { start: number; count: number }[] = [];
  for (const i of rows) {
    const last = blocks[blocks.length - 1];
    if (last && last.start === i + 1) {
      last.start = i;
      last.count++;
    } else blocks.push({ start: i, count: 1 });
  }
  const lift = g.filter ? liftFilter(s, g, batch) : null;
  await lift?.before();
  await batch.room(blocks.length * 200);
  for (const b of blocks) {
    if (b.count === g.rows) {
      // Every row: a table keeps one (blank) row, so the first row's cells are cleared instead.
      const body = s.context.workbook.tables.getItem(op.table).getDataBodyRange();
      if (b.count > 1)
        body
          .getRow(1)
          .getResizedRange(b.count - 2, 0)
          .delete("Up" as Excel.DeleteShiftDirection);
      s.context.workbook.tables
        .getItem(op.table)
        .getDataBodyRange()
        .getRow(0)
        .clear("Contents" as Excel.ClearApplyTo);
      continue;
    }
    s.context.workbook.tables
      .getItem(op.table)
      .getDataBodyRange()
      .getRow(b.start)
      .getResizedRange(b.count - 1, 0)
      .delete("Up" as Excel.DeleteShiftDirection);
  }
  await lift?.after();
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
