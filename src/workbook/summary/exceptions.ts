/**
 * The exceptions the board asks about: every Red and every overdue item, with the full latest
 * update (wrapped, never cut), the original and revised target dates and the next steps; then
 * every open item that needs information (no status, a status not in the list, no owner, no
 * target date), listed with what is missing. The Summary never says "None" while any exists.
 * Pure.
 */
import { formatUk, fromExcelSerial } from "../../domain/dates";
import type { ExceptionItem, NeedsInfoItem, Summary } from "../../domain/summary";
import { FORMATS, type CellValue } from "../plan";
import { fontFor } from "../read";
import {
  BASE,
  COL_REF,
  LIST_HEAD,
  LIST_LAST,
  wrappedHeight,
  linesOf,
  splitText,
  type SheetWriter,
} from "./sheet";

const uk = (serial: number) => formatUk(fromExcelSerial(serial));
/** A target date cell: the serial (shown dd/mm/yyyy) or the text as written. */
const dateCell = (v: number | string | null): CellValue => v;

/** Columns of the exceptions list: 8 wide, from the Ref column. */
const HEAD = [
  "Ref",
  "Recommendation, latest update and next steps",
  "Status",
  "Target date",
  "Revised target",
  "Days overdue",
  "Owner",
  "",
];
const FORMATS_8 = [
  FORMATS.text,
  FORMATS.text,
  FORMATS.text,
  FORMATS.date,
  FORMATS.date,
  FORMATS.integer,
  FORMATS.text,
  FORMATS.text,
];

/**
 * One exception, one row: the recommendation, its latest update and next steps in one wrapped
 * cell (a line each), then status, target dates, days overdue and owner.
 */
function exceptionRow(e: ExceptionItem): { values: CellValue[]; text: string } {
  const original = e.originalTarget;
  const current = e.targetDate ?? (e.targetText || null);
  const update = e.latestUpdate
    ? `Latest update${e.updatedOn !== null ? ` (${uk(e.updatedOn)})` : ""}: ${e.latestUpdate}`
    : "Latest update: none recorded";
  const next = `Next steps: ${e.nextSteps || "none recorded"}`;
  const text = [e.recommendation, update, next].join("\n");
  return {
    text,
    values: [
      e.ref,
      text,
      e.status || "(none)",
      dateCell(original ?? current),
      original !== null ? dateCell(current) : null,
      e.daysOverdue,
      e.owner || "(no owner)",
      null,
    ],
  };
}

/** The Ref cell of a row that goes on with the text of the item above. */
export const CONTINUED = "(continued)";

/**
 * An item whose text is longer than one row holds (Excel's rows are at most 409 points tall)
 * goes on in the rows below it, marked "(continued)", so the whole text shows and prints.
 */
function continued(rows: { values: CellValue[]; text: string }[]) {
  return rows.flatMap((r) =>
    splitText(r.text).map((piece, k) => ({
      text: piece,
      values:
        k === 0
          ? r.values.map((v, j) => (j === 1 ? piece : v))
          : r.values.map((_, j) => (j === 0 ? CONTINUED : j === 1 ? piece : null)),
    }))
  );
}

/**
 * Write a list, one row per item with a rule under it: the whole block, then its label column
 * again wrapped (two writes, whatever the length). A page may break before any item, and
 * between the rows of a long one.
 */
function listRows(
  w: SheetWriter,
  items: { values: CellValue[]; text: string }[],
  formats: string[]
): void {
  if (items.length === 0) return;
  const rows = continued(items);
  const from = w.row;
  w.write(
    from,
    COL_REF,
    rows.map((r) => r.values),
    LIST_LAST,
    formats
  );
  w.write(
    from,
    COL_REF + 1,
    rows.map((r) => [r.text]),
    { ...LIST_LAST, wrap: true },
    [FORMATS.text]
  );
  rows.forEach((r, i) => {
    w.split(from + i);
    w.tall(from + i, wrappedHeight(linesOf(r.text)));
  });
  w.row = from + rows.length;
}

/** The status cells of a list, in their colours (conditional formats on the status column). */
function statusColours(w: SheetWriter, summary: Summary, from: number, rows: number): void {
  w.ops.push({
    op: "conditionalFormats",
    target: { sheet: w.sheet, range: { row: from, col: COL_REF + 2, rows, cols: 1 } },
    rules: summary.statuses.map((s) => ({
      kind: "equals" as const,
      text: s.name,
      fill: s.colour,
      fontColour: fontFor(s.colour),
    })),
  });
}

export function exceptionsSection(w: SheetWriter, summary: Summary): void {
  const list = summary.exceptions;
  const needs = summary.needsInformation;
  // The title never reads as a count of none while items need information: with any, it gives
  // the exceptions' total (the headline's) and its two parts.
  w.section(
    needs.length === 0
      ? `Exceptions: every Red and every overdue item (${list.length})`
      : `Exceptions (${summary.headline.exceptions}): every Red and every overdue item (${list.length}), then every item that needs information (${needs.length})`,
    true
  );
  if (list.length === 0) {
    w.line(
      needs.length === 0
        ? "None: no item is Red, no open item is past its target date, and every open item has a status, an owner and a target date."
        : `No item is Red and no open item is past its target date; but ${needs.length} open ${needs.length === 1 ? "item needs" : "items need"} information (below), so these figures may not be complete.`,
      BASE
    );
  } else {
    const top = w.row;
    w.write(w.row, COL_REF, [HEAD], LIST_HEAD);
    w.tall(w.row, wrappedHeight(2));
    w.row++;
    const from = w.row;
    listRows(w, list.map(exceptionRow), FORMATS_8);
    statusColours(w, summary, from, w.row - from);
    w.tables.exceptions = { row: top, col: COL_REF, rows: w.row - top, cols: 8 };
  }
  needsInformationSection(w, summary, needs);
}

function needsRow(e: NeedsInfoItem): { values: CellValue[]; text: string } {
  const text = `${e.recommendation}\nMissing: ${e.missing.join("; ")}`;
  return {
    text,
    values: [e.ref || "(no ref)", text, e.status || "(none)", e.owner || "(no owner)", null, null],
  };
}

function needsInformationSection(w: SheetWriter, summary: Summary, needs: NeedsInfoItem[]): void {
  if (needs.length === 0) return;
  w.section(
    `Needs information: open items without a status, a valid status, an owner or a target date (${needs.length})`,
    true
  );
  const top = w.row;
  w.write(
    w.row,
    COL_REF,
    [["Ref", "Recommendation, and what is missing", "Status", "Owner", "", ""]],
    LIST_HEAD
  );
  w.row++;
  const from = w.row;
  listRows(w, needs.map(needsRow), [
    FORMATS.text,
    FORMATS.text,
    FORMATS.text,
    FORMATS.text,
    FORMATS.text,
    FORMATS.text,
  ]);
  statusColours(w, summary, from, w.row - from);
  w.tables.needsInformation = { row: top, col: COL_REF, rows: w.row - top, cols: 6 };
}
