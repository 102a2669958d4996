/// <reference types="office-js" />
/**
 * Sheet ops: add a sheet, empty an add-in sheet in place, column widths, freeze panes, gridlines, page
 * breaks, activate and select.
 */
import { charsToPoints, type PlanOp } from "../../../workbook/plan";
import type { Batch } from "../batch";
import type { RunState } from "../state";

type Op<K extends PlanOp["op"]> = Extract<PlanOp, { op: K }>;

const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;

function sheet(s: RunState, name: string): Excel.Worksheet {
  return s.context.workbook.worksheets.getItem(name);
}

export async function ensureSheet(s: RunState, op: Op<"ensureSheet">, batch: Batch): Promise<void> {
  if (s.layout.hasSheet(op.sheet)) return; // never touch an existing sheet
  await batch.room(200);
  const ws = s.context.workbook.worksheets.add(op.sheet);
  if (op.tabColour) ws.tabColor = op.tabColour;
  if (op.visibility && op.visibility !== "visible")
    ws.visibility = VISIBILITY[op.visibility] as Excel.SheetVisibility;
  s.layout.addedSheet(op.sheet, op.visibility ?? "visible", place(s, ws, op.after));
}

/**
 * Move a sheet just added to just after `after` (Worksheet.position, ExcelApi 1.1: "the
 * zero-based position of the worksheet within the workbook"); undefined leaves it last.
 */
function place(s: RunState, ws: Excel.Worksheet, after: string | undefined): number | undefined {
  const at = s.layout.positionAfter(after);
  if (at === null) return undefined;
  ws.position = at;
  return at;
}

/**
 * Empty an add-in sheet in place (or add it): cells with their formats, validation and
 * conditional formats, charts, page breaks, frozen panes, column widths and row heights. The
 * sheet keeps its name and place, so formulas elsewhere that refer to it keep working (deleting
 * it would turn them into #REF!, and suspending calculation does not prevent that).
 */
export async function clearSheet(s: RunState, op: Op<"clearSheet">, batch: Batch): Promise<void> {
  const wb = s.context.workbook;
  const known = s.layout.sheet(op.sheet);
  if (!known) {
    await batch.room(200);
    const ws = wb.worksheets.add(op.sheet);
    if (op.tabColour) ws.tabColor = op.tabColour;
    s.layout.addedSheet(op.sheet, "visible", place(s, ws, op.after));
    return;
  }
  await batch.room(800);
  const ws = sheet(s, known.name);
  const charts = s.layout.chartsOn(known.name);
  if (charts) {
    for (const name of charts) ws.charts.getItem(name).delete();
  } else {
    // Not read before (ReadRequest.clearing): list them in this batch, before any new chart, and
    // remove those afterwards, which costs one more sync only when there were any.
    const old = ws.charts;
    old.load("items/name");
    batch.afterwards(() => {
      old.items.forEach((chart) => chart.delete());
      return old.items.length > 0;
    });
  }
  s.layout.knowCharts(known.name, []);
  const all = ws.getRange();
  all.conditionalFormats.clearAll();
  all.dataValidation.clear();
  all.clear("All" as Excel.ClearApplyTo);
  all.format.useStandardWidth = true;
  all.format.useStandardHeight = true;
  ws.horizontalPageBreaks.removePageBreaks();
  ws.freezePanes.unfreeze();
  if (op.tabColour) ws.tabColor = op.tabColour;
  s.layout.forgetTablesOn(known.name);
}

export async function columnWidths(
  s: RunState,
  op: Op<"columnWidths">,
  batch: Batch
): Promise<void> {
  await batch.room(op.widths.length * 150);
  const ws = sheet(s, op.sheet);
  for (const w of op.widths)
    ws.getRangeByIndexes(0, w.col, 1, 1).format.columnWidth = charsToPoints(w.width);
}

export async function rowHeights(s: RunState, op: Op<"rowHeights">, batch: Batch): Promise<void> {
  // One range per run of adjacent rows of the same height (RangeFormat.rowHeight, ExcelApi 1.2).
  const runs: { row: number; rows: number; height: number }[] = [];
  for (const r of [...op.rows].sort((a, b) => a.row - b.row)) {
    const last = runs[runs.length - 1];
    if (last && last.row + last.rows === r.row && last.height === r.height) last.rows++;
    else runs.push({ row: r.row, rows: 1, height: r.height });
  }
  await batch.room(runs.length * 150);
  const ws = sheet(s, op.sheet);
  for (const run of runs)
    ws.getRangeByIndexes(run.row, 0, run.rows, 1).format.rowHeight = run.height;
}

export async function freeze(s: RunState, op: Op<"freeze">, batch: Batch): Promise<void> {
  await batch.room(200);
  const ws = sheet(s, op.sheet);
  const cols = op.cols ?? 0;
  if (op.rows > 0 && cols > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, op.rows, cols));
  else if (op.rows > 0) ws.freezePanes.freezeRows(op.rows);
  else if (cols > 0) ws.freezePanes.freezeColumns(cols);
  else ws.freezePanes.unfreeze();
}

export async function gridlines(s: RunState, op: Op<"gridlines">, batch: Batch): Promise<void> {
  await batch.room(150);
  sheet(s, op.sheet).showGridlines = op.show;
}

export async function pageBreaks(s: RunState, op: Op<"pageBreaks">, batch: Batch): Promise<void> {
  // A break goes above the given cell (ExcelApi 1.9). On a rebuilt sheet none exist yet.
  await batch.room(150 * op.rows.length);
  const ws = sheet(s, op.sheet);
  for (const r of op.rows) ws.horizontalPageBreaks.add(ws.getRangeByIndexes(r, 0, 1, 1));
}

export async function activate(s: RunState, op: Op<"activate">, batch: Batch): Promise<void> {
  await batch.room(150);
  sheet(s, op.sheet).activate();
}

export async function select(s: RunState, op: Op<"select">, batch: Batch): Promise<void> {
  await batch.room(200);
  sheet(s, op.sheet)
    .getRangeByIndexes(op.range.row, op.range.col, op.range.rows, op.range.cols)
    .select();
}
