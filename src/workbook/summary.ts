/**
 * The Summary sheet planner: the whole sheet rebuilt from a Summary (domain/summary), with native
 * charts in the status colours, laid out on the cell grid for an A4 landscape page and for
 * pasting each chart into a board paper at full text width. Pure.
 */
import { SHEETS, TABLES } from "../domain/columns";
import { formatUk, fromExcelSerial } from "../domain/dates";
import { TrackerError } from "../domain/errors";
import { shorten } from "../domain/text";
import { MOVEMENTS, MOVEMENT_LABEL, MOVEMENT_MARKER } from "../domain/history";
import type { CrossTab, Summary } from "../domain/summary";
import type { WorkbookSnapshot } from "./host";
import {
  charsToPoints,
  FORMATS,
  type CellStyle,
  type CellValue,
  type ChartPlan,
  type PlanOp,
  type RangeRef,
  type WorkbookPlan,
} from "./plan";
import { rebuiltSheet } from "./owned";
import { fontFor } from "./read";
import { protectedError } from "./setup";
import { RESPONSE_DAYS } from "../domain/model";

/** The one font of the Summary sheet. */
export const SUMMARY_FONT = "Arial";
/** Every chart's width: full text width of an A4 portrait board paper (about 16 cm). */
export const CHART_WIDTH_PT = 450;
/** Rows are at least this tall (Arial 10); charts reserve rows by it so nothing sits under them. */
export const MIN_ROW_PT = 12.75;
export const SUMMARY_TAB_COLOUR = "#0070C0";

/** The label column's width (characters) and the text that fits it on one line at Arial 10. */
export const LABEL_WIDTH = 60;
export const LINE_CHARS = 74;

/** Data labels show counts and hide zeros (a zero segment has no bar to label). */
export const ZERO_HIDDEN = "0;-0;;@";

const COL_REF = 0;
const COL_LABEL = 1;
const COL_FIRST_STATUS = 2;

const BASE: CellStyle = { fontName: SUMMARY_FONT, fontSize: 10 };
const HEADING: CellStyle = { ...BASE, bold: true, fontSize: 12, fontColour: "#1F3864" };
const TABLE_HEAD: CellStyle = {
  ...BASE,
  bold: true,
  fill: "#D9E1F2",
  border: "grid",
  wrap: true,
  vAlign: "center",
};
const TABLE_BODY: CellStyle = { ...BASE, border: "grid", vAlign: "top" };
/** Lists (exceptions, items that moved): rules between lines, no verticals, so a long owner reads on. */
const LIST_HEAD: CellStyle = { ...BASE, bold: true, fill: "#D9E1F2", border: "bottom" };
const LIST_BODY: CellStyle = { ...BASE, border: "bottom", vAlign: "top" };
const TABLE_TOTAL: CellStyle = { ...BASE, bold: true, border: "grid", fill: "#F2F2F2" };

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
}

export interface SummaryPlan {
  plan: WorkbookPlan;
  layout: SummaryLayout;
}

const uk = (serial: number) => formatUk(fromExcelSerial(serial));

/** The subtitle, as the sheet and the pane say it. */
export function positionTitle(asAt: number): string {
  return `Inspection recommendations: position as at ${uk(asAt)}`;
}

/** Chart height for a bar chart of n categories: readable bars, never taller than a page half. */
export function barChartHeight(categories: number): number {
  return Math.min(520, Math.max(220, 90 + 24 * categories));
}

/** A4 landscape inside Excel's normal margins (0.7 in left and right, 0.75 in top and bottom). */
export const PRINT_WIDTH_PT = 842 - 2 * 0.7 * 72;
export const PRINT_HEIGHT_PT = 595 - 2 * 0.75 * 72;

/**
 * Where to start new printed pages so that no section (its heading, table and chart) is cut
 * across two pages: the sheet prints one page wide, so a page holds PRINT_HEIGHT_PT divided by
 * the fit-to-width scale. Each section that would not fit on what is left of the page, but fits
 * on a page of its own, starts a new one; a section taller than a page flows on. Rows are taken at MIN_ROW_PT (the charts reserve
 * their rows at that height too), widths in characters as Excel counts them.
 */
export function pageBreaks(sectionStarts: number[], rows: number, widthsChars: number[]): number[] {
  const widthPt = widthsChars.reduce((sum, w) => sum + charsToPoints(w), 0);
  const scale = Math.min(1, PRINT_WIDTH_PT / Math.max(widthPt, 1));
  const pageRows = Math.floor(PRINT_HEIGHT_PT / scale / MIN_ROW_PT);
  const starts = [...sectionStarts.filter((s) => s > 0 && s < rows), rows];
  const breaks: number[] = [];
  let pageTop = 0;
  let from = 0;
  for (const next of starts) {
    // The block [from, next) is the section starting at `from`.
    if (from > pageTop && next - pageTop > pageRows && next - from <= pageRows) {
      breaks.push(from);
      pageTop = from;
    }
    // A section longer than a page flows on: its later pages start every pageRows rows.
    while (next - pageTop > pageRows) pageTop += pageRows;
    from = next;
  }
  return breaks;
}

/** Rows to reserve under a chart of this height (rows are at least MIN_ROW_PT tall). */
export function rowsFor(heightPt: number): number {
  return Math.ceil(heightPt / MIN_ROW_PT);
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

  const ops: PlanOp[] = [
    ...target.metaOps,
    { op: "clearSheet", sheet, tabColour: SUMMARY_TAB_COLOUR },
  ];
  const W = summary.statuses.length;
  const colTotal = COL_FIRST_STATUS + W;
  const colOverdue = colTotal + 1;
  const lastCol = colOverdue;
  const tables: Record<string, RangeRef> = {};
  const charts: ChartPlan[] = [];
  let row = 0;

  const write = (
    r: number,
    c: number,
    values: CellValue[][],
    style: CellStyle = BASE,
    columnFormats?: string[]
  ) => {
    if (values.length === 0) return;
    ops.push({
      op: "writeCells",
      sheet,
      block: { row: r, col: c, values, style, ...(columnFormats ? { columnFormats } : {}) },
    });
  };
  const line = (text: string, style: CellStyle = BASE) => {
    write(row, 0, [[text]], style);
    row++;
  };
  /** Where each section starts (its blank spacer row): pages break only there. */
  const sectionStarts: number[] = [];
  const heading = (text: string) => {
    sectionStarts.push(row);
    row++;
    write(row, 0, [[text]], HEADING);
    row++;
  };
  const statusHeads = (r: number) => {
    summary.statuses.forEach((s, i) => {
      const def = s.colour;
      write(r, COL_FIRST_STATUS + i, [[s.name]], {
        ...TABLE_HEAD,
        fill: def,
        fontColour: fontFor(def),
        hAlign: "center",
      });
    });
  };
  const chart = (
    c: Omit<ChartPlan, "anchor" | "widthPt" | "legend" | "dataLabels"> & { heightPt: number }
  ) => {
    row++;
    const plan: ChartPlan = {
      ...c,
      anchor: { row, col: COL_LABEL },
      widthPt: CHART_WIDTH_PT,
      dataLabels: true,
      legend: "bottom",
      labelNumberFormat: ZERO_HIDDEN,
      fontName: SUMMARY_FONT,
    };
    charts.push(plan);
    ops.push({ op: "chart", sheet, chart: plan });
    row += rowsFor(c.heightPt);
  };

  // Title block.
  write(row++, 0, [[summary.officeName]], {
    ...BASE,
    bold: true,
    fontSize: 16,
    fontColour: "#1F3864",
  });
  write(row++, 0, [[positionTitle(summary.asAt)]], { ...BASE, bold: true, fontSize: 12 });
  line(
    `Reporting period: ${summary.reportingPeriod}     Protective marking: ${summary.protectiveMarking}`,
    { ...BASE, bold: true }
  );
  const n = summary.headline.itemsTracked;
  line(`Built from ${n} tracker ${n === 1 ? "row" : "rows"}; dates are dd/mm/yyyy.`, {
    ...BASE,
    italic: true,
    fontColour: "#595959",
  });
  if (summary.errorRows !== null && summary.errorRows > 0) {
    const e = summary.errorRows;
    line(
      `${e} ${e === 1 ? "row" : "rows"} had errors at build time: see the Check column on the Tracker sheet.`,
      {
        ...BASE,
        bold: true,
        fontColour: "#C00000",
      }
    );
  }

  const widths = [
    { col: COL_REF, width: 11 },
    { col: COL_LABEL, width: LABEL_WIDTH },
    ...summary.statuses.map((_, i) => ({ col: COL_FIRST_STATUS + i, width: 10 })),
    { col: colTotal, width: 9 },
    { col: colOverdue, width: 10 },
  ];

  if (n === 0) {
    heading("Nothing to summarise");
    line("The tracker has no rows yet, so there are no figures or charts to show.");
    line(
      "Import an inspection response record or add rows to the Tracker sheet, then build the summary again."
    );
    return finish();
  }

  // Headline figures, with the status table beside them and the doughnut below.
  const h = summary.headline;
  heading("Headline figures");
  const top = row;
  const facts: CellValue[][] = [
    ["Items tracked", h.itemsTracked, ""],
    ["Open (not Complete or Superseded)", h.open, ""],
    ["Overdue (open and past the target date)", h.overdue, ""],
    [`Due in the next 90 days`, h.dueSoon, ""],
    [
      `Inspection responses past the ${RESPONSE_DAYS}-day deadline (not yet published)`,
      h.responsesOverdue,
      `of ${h.inspections}`,
    ],
    ["Inspection responses published after the deadline", h.responsesLate, `of ${h.inspections}`],
    ["Addressed to the force", h.forceItems, `${h.forceOpen} open`],
    ["Addressed to national bodies", h.nationalItems, `${h.nationalOpen} open`],
    ...h.nationalBodies.slice(0, 3).map((b): CellValue[] => [`   of which ${b.name}`, b.count, ""]),
  ];
  tables.headline = { row: top, col: COL_LABEL, rows: facts.length, cols: 3 };
  write(top, COL_LABEL, facts, TABLE_BODY, [FORMATS.text, FORMATS.integer, FORMATS.text]);

  const statusCol = lastCol - 2;
  write(top, statusCol, [["Status", "Items", "Share"]], TABLE_HEAD);
  const statusRows = h.byStatus.map((s): CellValue[] => [s.status, s.count, s.share]);
  write(top + 1, statusCol, statusRows, TABLE_BODY, [
    FORMATS.text,
    FORMATS.integer,
    FORMATS.percent,
  ]);
  h.byStatus.forEach((s, i) =>
    write(top + 1 + i, statusCol, [[s.status]], {
      ...TABLE_BODY,
      fill: s.colour,
      fontColour: fontFor(s.colour),
      bold: true,
    })
  );
  write(
    top + 1 + statusRows.length,
    statusCol,
    [["Total", h.itemsTracked, h.itemsTracked ? 1 : 0]],
    TABLE_TOTAL,
    [FORMATS.text, FORMATS.integer, FORMATS.percent]
  );
  tables.status = { row: top, col: statusCol, rows: statusRows.length + 2, cols: 3 };
  row = top + Math.max(facts.length, statusRows.length + 2);
  chart({
    name: "StatusDoughnut",
    type: "doughnut",
    title: `Items by status, ${uk(summary.asAt)}`,
    data: { row: top, col: statusCol, rows: 1 + statusRows.length, cols: 2 },
    colours: h.byStatus.map((s) => s.colour),
    heightPt: 250,
  });

  // Cross-tables.
  const cross = (key: string, title: string, label: string, t: CrossTab) => {
    heading(title);
    const top = row;
    write(
      row,
      COL_LABEL,
      [[label, ...summary.statuses.map((s) => s.name), "Total", "Overdue"]],
      TABLE_HEAD
    );
    statusHeads(row);
    row++;
    const body = t.rows.map((r): CellValue[] => [
      shorten(r.label, LINE_CHARS),
      ...r.counts,
      r.total,
      r.overdue,
    ]);
    const fmts = [
      FORMATS.text,
      ...summary.statuses.map(() => FORMATS.integer),
      FORMATS.integer,
      FORMATS.integer,
    ];
    write(row, COL_LABEL, body, TABLE_BODY, fmts);
    row += body.length;
    write(row, COL_LABEL, [["Total", ...t.totals, t.total, t.overdue]], TABLE_TOTAL, fmts);
    row++;
    tables[key] = { row: top, col: COL_LABEL, rows: row - top, cols: W + 3 };
    return { top, rows: body.length };
  };

  cross("addressee", "The force and national bodies", "Addressed to", summary.byAddressee);

  // Movement and trend.
  const mv = summary.movement;
  heading(
    mv
      ? `Movement since the last recorded position (${uk(mv.from)} to ${uk(mv.to)})`
      : "Movement since the last recorded position"
  );
  if (!mv) {
    line(
      summary.trend.length === 1
        ? `One position recorded (${uk(summary.trend[0].date)}). Record another position to see what moved.`
        : "No positions recorded yet. Use Record position each quarter to see what moved."
    );
  } else {
    const top = row;
    write(row, COL_LABEL, [["Movement", "Items", ""]], TABLE_HEAD);
    row++;
    const body = MOVEMENTS.map((m): CellValue[] => [
      MOVEMENT_LABEL[m],
      mv.counts[m],
      MOVEMENT_MARKER[m],
    ]);
    write(row, COL_LABEL, body, TABLE_BODY, [FORMATS.text, FORMATS.integer, FORMATS.text]);
    row += body.length;
    tables.movement = { row: top, col: COL_LABEL, rows: row - top, cols: 3 };
  }
  if (summary.trend.length >= 2) {
    heading("Status at each recorded position");
    const top = row;
    write(
      row,
      COL_LABEL,
      [["Position", ...summary.statuses.map((s) => s.name), "Total"]],
      TABLE_HEAD
    );
    statusHeads(row);
    row++;
    const body = summary.trend.map((t): CellValue[] => [uk(t.date), ...t.counts, t.total]);
    write(row, COL_LABEL, body, TABLE_BODY, [
      FORMATS.text,
      ...summary.statuses.map(() => FORMATS.integer),
      FORMATS.integer,
    ]);
    row += body.length;
    tables.trend = { row: top, col: COL_LABEL, rows: row - top, cols: W + 2 };
    chart({
      name: "StatusTrend",
      type: "columnStacked",
      title: "Status at each recorded position",
      data: { row: top, col: COL_LABEL, rows: 1 + body.length, cols: 1 + W },
      colours: summary.statuses.map((s) => s.colour),
      heightPt: 270,
    });
  }

  const insp = cross(
    "inspection",
    "Recommendations by inspection",
    "Inspection",
    summary.byInspection
  );
  chart({
    name: "ByInspection",
    type: "barStacked",
    title: "Status by inspection",
    data: { row: insp.top, col: COL_LABEL, rows: 1 + insp.rows, cols: 1 + W },
    colours: summary.statuses.map((s) => s.colour),
    heightPt: barChartHeight(insp.rows),
  });
  const theme = cross("theme", "Recommendations by theme", "Theme", summary.byTheme);
  chart({
    name: "ByTheme",
    type: "barStacked",
    title: "Status by theme",
    data: { row: theme.top, col: COL_LABEL, rows: 1 + theme.rows, cols: 1 + W },
    colours: summary.statuses.map((s) => s.colour),
    heightPt: barChartHeight(theme.rows),
  });
  cross("owner", "Recommendations by owner", "Owner", summary.byOwner);

  // Exceptions: every Red and every overdue item; the latest update on the line below.
  heading(`Exceptions: every Red and every overdue item (${summary.exceptions.length})`);
  if (summary.exceptions.length === 0) {
    line("None: no item is Red and no open item is past its target date.");
  } else {
    const top = row;
    write(
      row,
      COL_REF,
      [
        [
          "Ref",
          "Recommendation and latest update",
          "Status",
          "Target date",
          "Days overdue",
          "Owner",
          "",
          "",
        ],
      ],
      LIST_HEAD
    );
    row++;
    const body: CellValue[][] = [];
    for (const e of summary.exceptions) {
      body.push([
        e.ref,
        shorten(e.recommendation, LINE_CHARS),
        e.status,
        e.targetDate ?? (e.targetText || null),
        e.daysOverdue,
        e.owner,
        null,
        null,
      ]);
      body.push([
        "",
        shorten(`Latest update: ${e.latestUpdate || "none recorded"}`, LINE_CHARS),
        "",
        null,
        null,
        null,
        null,
        null,
      ]);
    }
    write(row, COL_REF, body, LIST_BODY, [
      FORMATS.text,
      FORMATS.text,
      FORMATS.text,
      FORMATS.date,
      FORMATS.integer,
      FORMATS.text,
      FORMATS.text,
      FORMATS.text,
    ]);
    ops.push({
      op: "conditionalFormats",
      target: { sheet, range: { row, col: COL_REF + 2, rows: body.length, cols: 1 } },
      rules: summary.statuses
        .filter((s) => s.name !== "")
        .map((s) => ({
          kind: "equals" as const,
          text: s.name,
          fill: s.colour,
          fontColour: fontFor(s.colour),
        })),
    });
    row += body.length;
    tables.exceptions = { row: top, col: COL_REF, rows: row - top, cols: 8 };
  }

  // The items that moved.
  if (mv) {
    heading(`Items that moved since ${uk(mv.from)} (${summary.moved.length})`);
    if (summary.moved.length === 0) {
      line("None: every item has the same status as at the last recorded position.");
    } else {
      const top = row;
      write(row, COL_REF, [["Ref", "Recommendation", "From", "To", "Movement"]], LIST_HEAD);
      row++;
      const body = summary.moved.map((m): CellValue[] => [
        m.ref,
        shorten(m.recommendation || "(no longer on the tracker)", LINE_CHARS),
        m.from ?? "",
        m.to ?? "",
        m.marker && m.marker !== MOVEMENT_LABEL[m.movement]
          ? `${m.marker} ${MOVEMENT_LABEL[m.movement]}`
          : MOVEMENT_LABEL[m.movement],
      ]);
      write(row, COL_REF, body, LIST_BODY, new Array(5).fill(FORMATS.text));
      row += body.length;
      tables.moved = { row: top, col: COL_REF, rows: row - top, cols: 5 };
    }
  }

  return finish();

  function finish(): SummaryPlan {
    const rows = Math.max(row, 1);
    ops.push({ op: "columnWidths", sheet, widths });
    ops.push({ op: "gridlines", sheet, show: false });
    const breaks = pageBreaks(
      sectionStarts,
      rows,
      widths.map((w) => w.width)
    );
    if (breaks.length > 0) ops.push({ op: "pageBreaks", sheet, rows: breaks });
    ops.push({
      op: "pageSetup",
      sheet,
      setup: {
        orientation: "landscape",
        paper: "A4",
        fitToPagesWide: 1,
        fitToPagesTall: 0,
        printArea: { row: 0, col: 0, rows, cols: lastCol + 1 },
        header: summary.protectiveMarking,
        footer: summary.protectiveMarking,
        centerHorizontally: true,
      },
    });
    ops.push({ op: "activate", sheet });
    return {
      plan: { ops },
      layout: { sheet, clash: target.clash, lastCol, rows, tables, charts },
    };
  }
}
