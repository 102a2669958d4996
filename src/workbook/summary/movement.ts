/**
 * What moved since the last recorded position, in plain words (completed, removed from the
 * tracker, improved, deteriorated, unchanged, new, and any not compared because a status was not
 * valid), the items that moved, and the status at each recorded position with its chart. Pure.
 */
import { formatUk, fromExcelSerial } from "../../domain/dates";
import { MOVEMENTS, MOVEMENT_LABEL, type Movement } from "../../domain/history";
import type { Summary } from "../../domain/summary";
import { FORMATS, type CellValue } from "../plan";
import { shorten } from "../../domain/text";
import {
  COL_LABEL,
  COL_REF,
  LINE_CHARS,
  LIST_HEAD,
  LIST_LAST,
  TABLE_BODY,
  TABLE_HEAD,
  TABLE_TOTAL,
  type SheetWriter,
} from "./sheet";

const uk = (serial: number) => formatUk(fromExcelSerial(serial));

/** The movement rows always shown (the plain words); the others only when they happen. */
const ALWAYS: readonly Movement[] = [
  "completed",
  "improved",
  "deteriorated",
  "unchanged",
  "new",
  "removed",
];

/** What a moved item's line says: "▲ Improved", "Removed from the tracker". */
export function movementText(movement: Movement, marker: string): string {
  return marker ? `${marker} ${MOVEMENT_LABEL[movement]}` : MOVEMENT_LABEL[movement];
}

export function movementSection(w: SheetWriter, summary: Summary): void {
  const mv = summary.movement;
  w.section(
    mv
      ? `Movement since the last recorded position (${uk(mv.from)} to ${uk(mv.to)})`
      : "Movement since the last recorded position"
  );
  if (!mv) {
    const positions = summary.trend.length;
    w.line(
      positions === 1
        ? `One position recorded (${uk(summary.trend[0].date)}): what moved cannot be worked out until another is recorded.`
        : "No positions recorded yet: what moved cannot be worked out. Record the position each quarter (Record position, or inspection-tracker record)."
    );
    return;
  }
  const top = w.row;
  w.write(w.row, COL_LABEL, [["Movement", "Items"]], TABLE_HEAD);
  w.row++;
  const shown = MOVEMENTS.filter((m) => ALWAYS.includes(m) || mv.counts[m] > 0);
  const body = shown.map((m): CellValue[] => [MOVEMENT_LABEL[m], mv.counts[m]]);
  w.write(w.row, COL_LABEL, body, TABLE_BODY, [FORMATS.text, FORMATS.integer]);
  w.row += body.length;
  const total = MOVEMENTS.reduce((sum, m) => sum + mv.counts[m], 0);
  w.write(w.row, COL_LABEL, [["Items in either position", total]], TABLE_TOTAL, [
    FORMATS.text,
    FORMATS.integer,
  ]);
  w.row++;
  w.tables.movement = { row: top, col: COL_LABEL, rows: w.row - top, cols: 2 };
  movedItems(w, summary);
}

function movedItems(w: SheetWriter, summary: Summary): void {
  const mv = summary.movement!;
  w.section(`Items that moved since ${uk(mv.from)} (${summary.moved.length})`, true);
  if (summary.moved.length === 0) {
    w.line("None: every item has the same status as at the last recorded position.");
    return;
  }
  const top = w.row;
  w.write(w.row, COL_REF, [["Ref", "Recommendation", "From", "To", "Movement", "", ""]], LIST_HEAD);
  w.row++;
  const body = summary.moved.map((m): CellValue[] => [
    m.ref,
    shorten(m.recommendation || "(no longer on the tracker)", LINE_CHARS),
    m.from ?? "",
    m.to ?? "",
    movementText(m.movement, m.marker),
    null,
    null,
  ]);
  for (let i = 0; i < body.length; i++) w.split(w.row + i);
  w.write(w.row, COL_REF, body, LIST_LAST, new Array(7).fill(FORMATS.text));
  w.row += body.length;
  w.tables.moved = { row: top, col: COL_REF, rows: w.row - top, cols: 7 };
}

/** The status at each recorded position, and its stacked column chart (two positions or more). */
export function trendSection(w: SheetWriter, summary: Summary): void {
  if (summary.trend.length < 2) return;
  const { statuses, width } = w.grid;
  w.section("Status at each recorded position");
  const top = w.row;
  w.write(w.row, COL_LABEL, [["Position", ...statuses.map((s) => s.name), "Total"]], TABLE_HEAD);
  w.statusHeads(w.row);
  w.row++;
  const body = summary.trend.map((t): CellValue[] => [uk(t.date), ...t.counts, t.total]);
  w.write(w.row, COL_LABEL, body, TABLE_BODY, [
    FORMATS.text,
    ...statuses.map(() => FORMATS.integer),
    FORMATS.integer,
  ]);
  w.row += body.length;
  w.tables.trend = { row: top, col: COL_LABEL, rows: w.row - top, cols: width + 2 };
  w.split(w.row);
  w.chart({
    name: "StatusTrend",
    type: "columnStacked",
    title: "Status at each recorded position",
    data: { row: top, col: COL_LABEL, rows: 1 + body.length, cols: 1 + width },
    colours: statuses.map((s) => s.colour),
    heightPt: 250,
  });
}
