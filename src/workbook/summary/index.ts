/**
 * The Summary sheet planner: the whole sheet rebuilt from a Summary (domain/summary), with native
 * charts in the status colours, laid out on the cell grid for A4 landscape pages and for pasting
 * into a board paper. Page 1 is a one-page dashboard; then the exceptions, what moved, and the
 * tables by kind, addressee, inspection, theme and owner. One file per section. Pure.
 */
import { SHEETS, TABLES } from "../../domain/columns";
import { TrackerError, protectedError } from "../../domain/errors";
import type { Summary } from "../../domain/summary";
import type { WorkbookSnapshot } from "../host";
import { rebuiltSheet } from "../owned";
import { fitPlanToCells, type CutCell } from "../cell-limit";
import type { ChartPlan, RangeRef, WorkbookPlan } from "../plan";
import { dashboard, titleBlock } from "./dashboard";
import { exceptionsSection } from "./exceptions";
import { movementSection, trendSection } from "./movement";
import { pageBreaks } from "./pages";
import { SUMMARY_TAB_COLOUR, SheetWriter, gridFor } from "./sheet";
import { breakdownTables, kindAndAddresseeTables } from "./tables";

export { positionTitle, headlineRows, DOUGHNUT_PT } from "./dashboard";
export { barChartHeight } from "./tables";
export { movementText } from "./movement";
export { CONTINUED } from "./exceptions";
export { pageBreaks, pageHeight, rowTops, PRINT_HEIGHT_PT, PRINT_WIDTH_PT } from "./pages";
export {
  CHART_WIDTH_PT,
  LABEL_WIDTH,
  LINE_CHARS,
  MAX_ROW_LINES,
  MAX_ROW_PT,
  MIN_ROW_PT,
  SUMMARY_FONT,
  SUMMARY_TAB_COLOUR,
  ZERO_HIDDEN,
  rowsFor,
  splitText,
  type Section,
} from "./sheet";

export interface SummaryLayout {
  /** The sheet the Summary is on ('Summary', or another name when the analyst has a 'Summary'). */
  sheet: string;
  /** The analyst's sheet whose name the Summary would have taken (left untouched), or null. */
  clash: string | null;
  /** Last column (0-based) of the printed area. */
  lastCol: number;
  /** Rows used (printed area height). */
  rows: number;
  /** Where each table sits (header row included; totals row included where there is one). */
  tables: Record<string, RangeRef>;
  charts: ChartPlan[];
  /** The first row of page 2 (page 1 is the dashboard). */
  firstPageEnd: number;
  /** Rows where a new printed page starts. */
  breaks: number[];
  /** Printed heights (points) of rows taller than a plain row. */
  heights: Map<number, number>;
}

export interface SummaryPlan {
  plan: WorkbookPlan;
  layout: SummaryLayout;
  /** Texts over Excel's 32,767 characters a cell, cut to fit and marked (errors to report). */
  cut: CutCell[];
}

/**
 * Plan the Summary sheet: on the sheet the metadata records as the add-in's Summary, or on a new
 * one ('Summary', or 'Summary (tracker)' when the analyst has a sheet called Summary, which is
 * never touched). Throws TrackerError("protected") before anything is written when that sheet
 * exists and is protected.
 */
export function planSummary(summary: Summary, snapshot?: WorkbookSnapshot): SummaryPlan {
  const target = snapshot
    ? rebuiltSheet(snapshot, "summary")
    : { sheet: SHEETS.summary, clash: null, metaOps: [] };
  const sheet = target.sheet;
  const locked = snapshot?.sheets.find(
    (s) => s.name.toLowerCase() === sheet.toLowerCase() && s.protected
  );
  if (locked) throw protectedError([locked.name]);
  if (snapshot && !snapshot.tables[TABLES.tracker]) {
    throw new TrackerError(
      "not-a-tracker",
      "This workbook has no tracker yet, so there is nothing to summarise. Set up the tracker first."
    );
  }

  const grid = gridFor(summary.statuses);
  const w = new SheetWriter(sheet, grid);
  const noTarget = summary.headline.openWithoutTarget;
  if (noTarget > 0)
    w.overdueNote = `Overdue counts only items with a target date: ${noTarget} open ${noTarget === 1 ? "item has" : "items have"} none.`;
  // A new Summary goes just after the Tracker (the workbook reads Tracker, Summary, Inspections…).
  w.ops.push(...target.metaOps, {
    op: "clearSheet",
    sheet,
    tabColour: SUMMARY_TAB_COLOUR,
    after: snapshot?.tables[TABLES.tracker]?.sheet,
  });
  titleBlock(w, summary);
  let firstPageEnd: number;
  if (summary.headline.itemsTracked === 0) {
    w.section("Nothing to summarise");
    w.line("The tracker has no rows yet, so there are no figures or charts to show.");
    w.line(
      "Import an inspection response record or add rows to the Tracker sheet, then build the summary again."
    );
    firstPageEnd = w.row;
  } else {
    dashboard(w, summary);
    firstPageEnd = w.row;
    exceptionsSection(w, summary);
    movementSection(w, summary);
    trendSection(w, summary);
    kindAndAddresseeTables(w, summary);
    breakdownTables(w, summary);
  }

  const rows = Math.max(w.row, 1);
  const breaks = pageBreaks({
    sections: w.sections,
    rows,
    widths: grid.widths.map((c) => c.width),
    heights: w.heights,
    firstPageEnd,
  });
  w.ops.push({ op: "columnWidths", sheet, widths: grid.widths });
  // Taller rows set as printed: LibreOffice does not grow a row to its wrapped text on opening.
  if (w.heights.size > 0)
    w.ops.push({
      op: "rowHeights",
      sheet,
      rows: [...w.heights].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height })),
    });
  w.ops.push({ op: "gridlines", sheet, show: false });
  if (breaks.length > 0) w.ops.push({ op: "pageBreaks", sheet, rows: breaks });
  w.ops.push({
    op: "pageSetup",
    sheet,
    setup: {
      orientation: "landscape",
      paper: "A4",
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      printArea: { row: 0, col: 0, rows, cols: grid.lastCol + 1 },
      header: summary.protectiveMarking,
      footer: summary.protectiveMarking,
      pageNumbers: true,
      centerHorizontally: true,
    },
  });
  w.ops.push({ op: "activate", sheet });
  // No cell over Excel's 32,767 characters is ever written: cut, marked and reported. (A long
  // list text already goes on over several rows; this keeps every other text, such as the
  // office's name or a status's meaning from the Lists sheet, within the limit too.)
  const { plan, cut } = fitPlanToCells({ ops: w.ops });
  return {
    plan,
    cut,
    layout: {
      sheet,
      clash: target.clash,
      lastCol: grid.lastCol,
      rows,
      tables: w.tables,
      charts: w.charts,
      firstPageEnd,
      breaks,
      heights: w.heights,
    },
  };
}
