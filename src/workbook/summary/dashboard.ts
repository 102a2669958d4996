/**
 * Page 1 of the Summary, a one-page dashboard for the board: the title block, the headline
 * figures (with the exceptions count and every unknown counted as such), the status table and
 * doughnut beside them, and what each status means (from the Lists sheet). Pure.
 */
import { formatUk, fromExcelSerial } from "../../domain/dates";
import { RESPONSE_DAYS } from "../../domain/model";
import { capitalise, type Summary } from "../../domain/summary";
import { FORMATS, charsToPoints, type CellStyle, type CellValue } from "../plan";
import { fontFor } from "../read";
import {
  BASE,
  COL_FIRST_STATUS,
  COL_LABEL,
  COL_REF,
  wrappedHeight,
  NOTE,
  ROW_PT,
  TABLE_BODY,
  TABLE_HEAD,
  TABLE_TOTAL,
  TITLE,
  WARNING,
  WRAP_CHARS,
  linesOf,
  rowsFor,
  type SheetWriter,
} from "./sheet";
import { plural } from "../../domain/text";

const uk = (serial: number) => formatUk(fromExcelSerial(serial));
/** The subtitle, as the sheet and the pane say it: "Inspection recommendations: position as at …". */
export function positionTitle(asAt: number, noun = "recommendations"): string {
  return `Inspection ${noun}: position as at ${uk(asAt)}`;
}

/** The doughnut's height on the dashboard. */
export const DOUGHNUT_PT = 235;

/** Title block: office, what and when, period and marking, provenance. */
export function titleBlock(w: SheetWriter, summary: Summary): void {
  w.line(summary.officeName, TITLE, ROW_PT.title);
  w.line(
    positionTitle(summary.asAt, summary.noun),
    { ...BASE, bold: true, fontSize: 12 },
    ROW_PT.heading
  );
  w.line(
    `Reporting period: ${summary.reportingPeriod}     Protective marking: ${summary.protectiveMarking}`,
    { ...BASE, bold: true }
  );
  const n = summary.headline.itemsTracked;
  w.line(`Built from ${plural(n, "tracker row")}; dates are dd/mm/yyyy.`, NOTE);
  if (summary.errorRows !== null && summary.errorRows > 0) {
    w.line(
      `${plural(summary.errorRows, "row")} had errors at build time: see the Check column on the Tracker sheet.`,
      WARNING
    );
  }
}

/** "23 (14 open)". */
const withOpen = (items: number, open: number) => (items === 0 ? 0 : `${items} (${open} open)`);

/** The headline rows: label and value (a number, or the number with its qualifier in one cell). */
export function headlineRows(summary: Summary): CellValue[][] {
  const h = summary.headline;
  const rows: CellValue[][] = [[`${capitalise(summary.noun)} tracked`, h.itemsTracked]];
  const kinds = h.byKind.filter((k) => k.count > 0);
  if (kinds.length > 1 || kinds.some((k) => k.key === "not stated"))
    for (const k of kinds)
      rows.push([`   of which ${k.label.toLowerCase()}`, withOpen(k.count, k.open)]);
  // A count that cannot see some items says how many: "0 (16 with no target date)".
  const unseen = (n: number, missing: number, what: string) =>
    missing > 0 ? `${n} (${missing} ${what})` : n;
  const noTarget = (n: number) => unseen(n, h.openWithoutTarget, "with no target date");
  rows.push(
    ["Open (not Complete or Superseded)", h.open],
    ["Exceptions: Red, overdue or needing information", h.exceptions],
    ["   Red", unseen(h.red, h.openWithoutStatus, "with no valid status")],
    ["   Overdue (open and past the target date)", noTarget(h.overdue)],
    ["   Needs information (open, without a status, owner or target date)", h.needsInformation],
    [`Due in the next ${plural(h.dueSoonDays, "day")} (Lists: Due soon)`, noTarget(h.dueSoon)]
  );
  const r = h.responses;
  const ofKnown = (n: number) => (r.known === 0 ? "unknown" : `${n} of ${r.known}`);
  rows.push([
    `Inspection responses past the ${RESPONSE_DAYS}-day deadline, not published`,
    ofKnown(r.overdue),
  ]);
  rows.push([
    `Inspection responses published after the ${RESPONSE_DAYS}-day deadline`,
    ofKnown(r.late),
  ]);
  if (r.unknown > 0)
    rows.push([
      "   deadline cannot be worked out (no published date)",
      `${r.unknown} of ${r.inspections}`,
    ]);
  const a = h.addressees;
  rows.push(["Addressed to the force", withOpen(a.force.items, a.force.open)]);
  rows.push(["Addressed to national bodies", withOpen(a.national.items, a.national.open)]);
  for (const b of a.national.bodies) rows.push([`   of which ${b.name}`, b.count]);
  rows.push(["Addressee not stated", withOpen(a.notStated.items, a.notStated.open)]);
  return rows;
}

/**
 * The dashboard: headline figures on the left, the status table with the doughnut under it on
 * the right, and the legend (each status's meaning) under the headline. Returns the first row
 * after it.
 */
export function dashboard(w: SheetWriter, summary: Summary): void {
  const { grid } = w;
  const h = summary.headline;
  w.section("Headline figures");
  const top = w.row;

  // Left: the headline figures, label and value, a rule under each line, the exceptions line in
  // bold. Values left-aligned: one with its qualifier ("0 (16 with no target date)") runs on
  // into the empty column beside it.
  const facts = headlineRows(summary);
  const RULED: CellStyle = { ...BASE, border: "bottom", vAlign: "top" };
  w.write(
    top,
    COL_LABEL,
    facts.map((f) => [f[0], f[1], null]),
    RULED,
    [FORMATS.text, FORMATS.integer, FORMATS.text]
  );
  w.write(
    top,
    COL_FIRST_STATUS,
    facts.map((f) => [f[1]]),
    { ...RULED, hAlign: "left" },
    [FORMATS.integer]
  );
  const exceptionsAt = facts.findIndex((f) => String(f[0]).startsWith("Exceptions"));
  w.write(top + exceptionsAt, COL_LABEL, [[facts[exceptionsAt][0]]], {
    ...RULED,
    bold: true,
    ...(h.exceptions > 0 ? { fontColour: "#C00000" } : {}),
  });
  w.tables.headline = { row: top, col: COL_LABEL, rows: facts.length, cols: 3 };
  let left = top + facts.length;

  // Under it: what each status means.
  left++;
  w.write(left, COL_REF, [["Status", "What it means (from the Lists sheet)"]], TABLE_HEAD);
  const legendTop = left;
  left++;
  for (const s of summary.statuses) {
    w.write(left, COL_REF, [[s.name]], {
      ...TABLE_BODY,
      bold: true,
      fill: s.colour,
      fontColour: fontFor(s.colour),
    });
    w.write(left, COL_LABEL, [[s.meaning]], { ...TABLE_BODY, wrap: true });
    w.tall(left, wrappedHeight(linesOf(s.meaning, WRAP_CHARS)));
    left++;
  }
  w.tables.legend = { row: legendTop, col: COL_REF, rows: left - legendTop, cols: 2 };

  // Right: the status table, the doughnut under it.
  const statusCol = grid.lastCol - 2;
  w.write(top, statusCol, [["Status", "Items", "Share"]], TABLE_HEAD);
  const statusRows = h.byStatus.map((s): CellValue[] => [s.status, s.count, s.share]);
  w.write(top + 1, statusCol, statusRows, TABLE_BODY, [
    FORMATS.text,
    FORMATS.integer,
    FORMATS.percent,
  ]);
  h.byStatus.forEach((s, i) =>
    w.write(top + 1 + i, statusCol, [[s.status]], {
      ...TABLE_BODY,
      fill: s.colour,
      fontColour: fontFor(s.colour),
      bold: true,
    })
  );
  w.write(
    top + 1 + statusRows.length,
    statusCol,
    [["Total", h.itemsTracked, h.itemsTracked ? 1 : 0]],
    TABLE_TOTAL,
    [FORMATS.text, FORMATS.integer, FORMATS.percent]
  );
  w.tables.status = { row: top, col: statusCol, rows: statusRows.length + 2, cols: 3 };
  // The doughnut leaves the column after the values free for their qualifiers to run into.
  const chartCol = COL_FIRST_STATUS + 2;
  const chartWidth =
    grid.widths
      .filter((c) => c.col >= chartCol)
      .reduce((sum, c) => sum + charsToPoints(c.width), 0) - 6;
  const chartRow = top + statusRows.length + 3;
  w.chartAt(chartRow, {
    name: "StatusDoughnut",
    type: "doughnut",
    title: `${capitalise(summary.shortNoun)} by status, ${uk(summary.asAt)}`,
    data: { row: top, col: statusCol, rows: 1 + statusRows.length, cols: 2 },
    colours: h.byStatus.map((s) => s.colour),
    heightPt: DOUGHNUT_PT,
    widthPt: Math.round(chartWidth),
    col: chartCol,
  });
  w.row = Math.max(left, chartRow + rowsFor(DOUGHNUT_PT));
}
