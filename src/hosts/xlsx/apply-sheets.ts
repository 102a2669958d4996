/**
 * Applying a plan, the sheets: finding a sheet, table or column a step names (refused plainly
 * when it is not there), emptying a sheet in place, placing a new one after another, making one
 * active and going to a range. Node only.
 */
import type { Workbook, Worksheet } from "@cj-tech-master/excelts";
import { TrackerError } from "../../domain/errors";
import { headerIndex } from "../../domain/columns";
import { sheetHidden, sheetNotFound, tableNotFound } from "../../domain/messages";
import { a1, type RangeRef } from "../../workbook/plan";
import { findTable, type TableLoc } from "./tables";

export function sheetOf(wb: Workbook, name: string): Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new TrackerError("sheet-missing", sheetNotFound(name));
  return ws;
}

export function tableOf(wb: Workbook, name: string): TableLoc {
  const loc = findTable(wb, name);
  if (!loc) throw new TrackerError("not-a-tracker", tableNotFound(name));
  return loc;
}

export function columnOf(loc: TableLoc, column: string): number {
  const j = headerIndex(loc.headers, column);
  if (j < 0) {
    throw new TrackerError("not-a-tracker", `The table '${loc.name}' has no column '${column}'.`);
  }
  return j;
}

/**
 * Empty a sheet in place: everything a new sheet would not have (cells, columns, merges,
 * validation, conditional formats, breaks, views, drawings and charts, page set-up) goes, while
 * the sheet keeps its id, name, place and visibility, so what refers to it still finds it.
 */
export function clearInPlace(
  wb: Workbook,
  ws: Worksheet,
  properties: Partial<Worksheet["properties"]>
): void {
  const blank = wb.addWorksheet(`~clear${wb.nextId}`);
  const fresh = blank.model;
  wb.removeWorksheet(blank.id);
  ws.model = {
    ...fresh,
    id: ws.id,
    name: ws.name,
    state: ws.state,
    properties: { ...fresh.properties, ...properties },
  };
}

/** Make a sheet the active tab, with exactly one selected tab (two would be grouped sheets). */
export function activateSheet(wb: Workbook, ws: Worksheet): void {
  if (ws.state !== "visible") {
    throw new TrackerError("sheet-missing", sheetHidden(ws.name));
  }
  const index = wb.worksheets.findIndex((s) => s === ws);
  const views =
    wb.views && wb.views.length > 0
      ? wb.views
      : [{ x: 0, y: 0, width: 12000, height: 24000, firstSheet: 0, visibility: "visible" }];
  wb.views = [
    {
      ...views[0],
      activeTab: index,
      firstSheet: Math.min(views[0].firstSheet ?? 0, index),
    } as Workbook["views"][number],
  ];
  if (!ws.views || ws.views.length === 0)
    ws.views = [{ state: "normal" } as Worksheet["views"][number]];
  for (const s of wb.worksheets) {
    const v = s.views?.[0];
    if (v) (v as { tabSelected?: boolean }).tabSelected = s === ws;
  }
}

/** Go to a range, as clicking a finding does in Excel: its sheet becomes active, its first cell selected. */
export function selectRange(wb: Workbook, ws: Worksheet, range: RangeRef): void {
  if (ws.state === "visible") activateSheet(wb, ws);
  const view = ws.views?.[0] ?? { state: "normal" };
  ws.views = [
    { ...view, activeCell: a1({ ...range, rows: 1, cols: 1 }) } as Worksheet["views"][number],
  ];
}

/**
 * Move a sheet just added to just after `after` (when that exists): excelts orders the tabs by
 * orderNo, so the sheets are numbered again in their new order.
 */
export function placeAfter(wb: Workbook, ws: Worksheet, after: string | undefined): void {
  const anchor = after ? wb.getWorksheet(after) : undefined;
  if (!anchor || anchor === ws) return;
  ws.orderNo = anchor.orderNo + 0.5;
  [...wb.worksheets]
    .sort((a, b) => a.orderNo - b.orderNo)
    .forEach((w, i) => {
      w.orderNo = i;
    });
}
