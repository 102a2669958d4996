/**
 * The Summary's cross-tables (items by kind, addressee, inspection, theme and owner, each by
 * status, with totals and overdue) and the bar charts beside two of them, listing inspections
 * and themes in the table's order. Titles name what they count. Pure.
 */
import { shorten } from "../../domain/text";
import { capitalise, type CrossTab, type Summary } from "../../domain/summary";
import { FORMATS, type CellValue } from "../plan";
import {
  COL_LABEL,
  LINE_CHARS,
  NOTE,
  TABLE_BODY,
  TABLE_HEAD,
  TABLE_TOTAL,
  type SheetWriter,
} from "./sheet";

/** Chart height for a bar chart of n categories: readable bars, never taller than a page half. */
export function barChartHeight(categories: number): number {
  return Math.min(520, Math.max(200, 90 + 24 * categories));
}

/** A cross-table under its own heading; returns where its header row is and its body rows. */
export function crossTable(
  w: SheetWriter,
  key: string,
  title: string,
  label: string,
  t: CrossTab
): { top: number; rows: number } {
  const { statuses } = w.grid;
  w.section(title, t.rows.length > 10);
  const top = w.row;
  w.write(
    top,
    COL_LABEL,
    [[label, ...statuses.map((s) => s.name), "Total", "Overdue"]],
    TABLE_HEAD
  );
  w.statusHeads(top);
  w.row++;
  const body = t.rows.map((r): CellValue[] => [
    shorten(r.label, LINE_CHARS),
    ...r.counts,
    r.total,
    r.overdue,
  ]);
  const formats = [
    FORMATS.text,
    ...statuses.map(() => FORMATS.integer),
    FORMATS.integer,
    FORMATS.integer,
  ];
  // A long table may go on over a page: after every 10 rows.
  for (let i = 10; i < body.length; i += 10) w.split(w.row + i);
  w.write(w.row, COL_LABEL, body, TABLE_BODY, formats);
  w.row += body.length;
  w.write(w.row, COL_LABEL, [["Total", ...t.totals, t.total, t.overdue]], TABLE_TOTAL, formats);
  w.row++;
  w.tables[key] = { row: top, col: COL_LABEL, rows: w.row - top, cols: statuses.length + 3 };
  if (w.overdueNote) {
    w.write(w.row, COL_LABEL, [[w.overdueNote]], NOTE);
    w.row++;
  }
  return { top, rows: body.length };
}

/** A cross-table with a stacked bar chart of it under it (the chart may start the next page). */
function tableWithChart(
  w: SheetWriter,
  key: string,
  [title, chartTitle]: [string, string],
  label: string,
  t: CrossTab,
  chartName: string
): void {
  const at = crossTable(w, key, title, label, t);
  w.split(w.row);
  w.chart({
    name: chartName,
    type: "barStacked",
    title: chartTitle,
    data: { row: at.top, col: COL_LABEL, rows: 1 + at.rows, cols: 1 + w.grid.width },
    colours: w.grid.statuses.map((s) => s.colour),
    heightPt: barChartHeight(at.rows),
    topDown: true,
  });
}

/** By kind and by addressee: two small tables. */
export function kindAndAddresseeTables(w: SheetWriter, summary: Summary): void {
  crossTable(w, "kind", `${capitalise(summary.noun)} by kind`, "Kind", summary.byKind);
  crossTable(
    w,
    "addressee",
    `${capitalise(summary.noun)} by who they are addressed to`,
    "Addressed to",
    summary.byAddressee
  );
}

/** By inspection and by theme (each with its chart), then by owner. */
export function breakdownTables(w: SheetWriter, summary: Summary): void {
  const noun = capitalise(summary.noun);
  const short = capitalise(summary.shortNoun);
  tableWithChart(
    w,
    "inspection",
    [`${noun} by inspection`, `${short} by inspection and status`],
    "Inspection",
    summary.byInspection,
    "ByInspection"
  );
  tableWithChart(
    w,
    "theme",
    [`${noun} by theme`, `${short} by theme and status`],
    "Theme",
    summary.byTheme,
    "ByTheme"
  );
  crossTable(w, "owner", `${noun} by owner`, "Owner", summary.byOwner);
}
