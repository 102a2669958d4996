/**
 * The Summary sheet's grid and the writer the section planners share: its columns, one font,
 * the styles of headings, tables and lists, and a cursor that writes cells, starts sections,
 * places charts and keeps what pagination needs (where sections start, where a page may break
 * inside one, how tall wrapped rows will print). Pure.
 */
import type { StatusColumn } from "../../domain/summary";
import type { CellStyle, CellValue, ChartPlan, PlanOp, RangeRef } from "../plan";
import { fontFor } from "../read";
import { MAX_ROW_PT, linesOf as wrappedLines } from "../../domain/wrap";

/** The one font of the Summary sheet. */
export const SUMMARY_FONT = "Arial";
/** Every table chart's width: full text width of an A4 portrait board paper (about 16 cm). */
export const CHART_WIDTH_PT = 450;
/** Rows are at least this tall (Arial 10); charts reserve rows by it so nothing sits under them. */
export const MIN_ROW_PT = 12.75;
export const SUMMARY_TAB_COLOUR = "#0070C0";

/** The label column's width (characters) and the text that fits it on one line at Arial 10. */
export const LABEL_WIDTH = 60;
export const LINE_CHARS = 62;
/** Characters per printed line of wrapped text in the label column (a little under LINE_CHARS). */
export const WRAP_CHARS = 70;
/** Width of each status column: fits "Superseded" and "23 (14 open)". */
export const STATUS_WIDTH = 12;

/** Data labels show counts and hide zeros (a zero segment has no bar to label). */
export const ZERO_HIDDEN = "0;-0;;@";

export const COL_REF = 0;
export const COL_LABEL = 1;
export const COL_FIRST_STATUS = 2;

export const BASE: CellStyle = { fontName: SUMMARY_FONT, fontSize: 10 };
export const TITLE: CellStyle = { ...BASE, bold: true, fontSize: 16, fontColour: "#1F3864" };
export const HEADING: CellStyle = { ...BASE, bold: true, fontSize: 12, fontColour: "#1F3864" };
export const NOTE: CellStyle = { ...BASE, italic: true, fontColour: "#595959" };
export const WARNING: CellStyle = { ...BASE, bold: true, fontColour: "#C00000" };
export const TABLE_HEAD: CellStyle = {
  ...BASE,
  bold: true,
  fill: "#D9E1F2",
  border: "grid",
  wrap: true,
  vAlign: "center",
};
export const TABLE_BODY: CellStyle = { ...BASE, border: "grid", vAlign: "top" };
export const TABLE_TOTAL: CellStyle = { ...BASE, bold: true, border: "grid", fill: "#F2F2F2" };
/** Lists (exceptions, items that moved): a rule under each item, no verticals. */
export const LIST_HEAD: CellStyle = {
  ...BASE,
  bold: true,
  fill: "#D9E1F2",
  border: "bottom",
  wrap: true,
  vAlign: "bottom",
};
export const LIST_BODY: CellStyle = { ...BASE, vAlign: "top" };
export const LIST_LAST: CellStyle = { ...LIST_BODY, border: "bottom" };

/**
 * Printed height of each kind of row (points). A plain row is the workbook's default height
 * (15 pt: its Normal style is Calibri 11), whatever font its cells use.
 */
export const ROW_PT = { title: 21, heading: 15.75, body: 15 } as const;

/** The height a wrapped cell of `lines` lines of Arial 10 needs (at most MAX_ROW_PT). */
export function wrappedHeight(lines: number): number {
  return Math.min(MAX_ROW_PT, Math.max(ROW_PT.body, lines * 12.75 + 2));
}

export { MAX_ROW_PT };
/**
 * Lines of wrapped Arial 10 one list row holds (about 206 points): well under MAX_ROW_PT, and
 * under half a printed page, so a page is never left mostly empty before a row too tall for
 * what is left of it. A longer text goes on in the rows below (splitText).
 */
export const MAX_ROW_LINES = 16;

/**
 * A text cut into pieces that each fit one row (at most `maxLines` wrapped lines of `chars`):
 * between paragraphs where it can, else at a space, else anywhere (never inside a surrogate
 * pair). Every character but the spaces and line breaks it cuts at is kept, in order.
 */
export function splitText(text: string, maxLines = MAX_ROW_LINES, chars = WRAP_CHARS): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  let used = 0;
  const flush = () => {
    if (current.length > 0) pieces.push(current.join("\n"));
    current = [];
    used = 0;
  };
  for (const para of text.split(/\r?\n/)) {
    let rest = para;
    for (;;) {
      const lines = Math.max(1, Math.ceil(rest.length / chars));
      if (used + lines <= maxLines) {
        current.push(rest);
        used += lines;
        break;
      }
      const room = maxLines - used;
      // A paragraph that fits a row of its own starts the next row rather than being cut.
      if (lines <= maxLines || room <= 0) {
        flush();
        continue;
      }
      const limit = room * chars;
      let at = rest.lastIndexOf(" ", limit);
      if (at <= limit / 2) at = limit;
      if (/[\uD800-\uDBFF]/.test(rest.charAt(at - 1))) at--;
      current.push(rest.slice(0, at));
      flush();
      rest = rest.slice(rest.charAt(at) === " " ? at + 1 : at);
    }
  }
  flush();
  return pieces.length > 0 ? pieces : [""];
}

/** A column's width (characters) for the summary's grid of `statuses` status columns. */
export interface Grid {
  statuses: readonly StatusColumn[];
  /** Number of status columns. */
  width: number;
  colTotal: number;
  colOverdue: number;
  lastCol: number;
  widths: { col: number; width: number }[];
}

export function gridFor(statuses: readonly StatusColumn[]): Grid {
  const width = statuses.length;
  const colTotal = COL_FIRST_STATUS + width;
  const colOverdue = colTotal + 1;
  return {
    statuses,
    width,
    colTotal,
    colOverdue,
    lastCol: colOverdue,
    widths: [
      { col: COL_REF, width: 15 },
      { col: COL_LABEL, width: LABEL_WIDTH },
      ...statuses.map((_, i) => ({ col: COL_FIRST_STATUS + i, width: STATUS_WIDTH })),
      { col: colTotal, width: 9 },
      { col: colOverdue, width: 10 },
    ],
  };
}

/** Lines a text takes when wrapped in a column that holds `chars` characters a line. */
export function linesOf(text: string, chars = WRAP_CHARS): number {
  return wrappedLines(text, chars);
}

/** A section of the printed sheet: pages break at its start or at one of its split rows. */
export interface Section {
  start: number;
  /** Rows inside the section where a new page may start (list items, a chart under its table). */
  splits: number[];
  /** A list or long table: it may start at the foot of a page and go on over the next. */
  flows?: boolean;
}

/** Chart options every Summary chart shares. */
type ChartSpec = Omit<ChartPlan, "anchor" | "widthPt" | "legend" | "dataLabels"> & {
  heightPt: number;
  widthPt?: number;
  col?: number;
};

/** Rows to reserve under a chart of this height (rows are at least MIN_ROW_PT tall). */
export function rowsFor(heightPt: number): number {
  return Math.ceil(heightPt / MIN_ROW_PT);
}

/** The cursor the section planners write through. */
export class SheetWriter {
  readonly ops: PlanOp[] = [];
  readonly charts: ChartPlan[] = [];
  readonly tables: Record<string, RangeRef> = {};
  readonly sections: Section[] = [];
  /** Printed heights (points) of rows taller than MIN_ROW_PT. */
  readonly heights = new Map<number, number>();
  /** Rows a chart covers, [first, end): a page never breaks inside them. */
  readonly chartSpans: [number, number][] = [];
  row = 0;
  /** Said under every table with an Overdue column when some open items have no target date. */
  overdueNote: string | null = null;

  constructor(
    readonly sheet: string,
    readonly grid: Grid
  ) {}

  write(r: number, c: number, values: CellValue[][], style: CellStyle = BASE, formats?: string[]) {
    if (values.length === 0) return;
    this.ops.push({
      op: "writeCells",
      sheet: this.sheet,
      block: { row: r, col: c, values, style, ...(formats ? { columnFormats: formats } : {}) },
    });
  }

  /** One line of text in the first column, then the next row. */
  line(text: string, style: CellStyle = BASE, height: number = ROW_PT.body) {
    this.write(this.row, 0, [[text]], style);
    this.tall(this.row, height);
    this.row++;
  }

  /** Record a row's printed height when it is taller than a plain row. */
  tall(r: number, height: number) {
    height = Math.min(height, MAX_ROW_PT);
    if (height > ROW_PT.body) this.heights.set(r, Math.max(height, this.heights.get(r) ?? 0));
  }

  /** Start a section: a blank spacer row (where a page may break), then its heading. */
  section(title: string, flows = false) {
    this.sections.push({ start: this.row, splits: [], flows });
    this.row++;
    this.write(this.row, 0, [[title]], HEADING);
    this.tall(this.row, ROW_PT.heading);
    this.row++;
  }

  /** A page may break here, inside the current section. */
  split(at: number = this.row) {
    this.sections[this.sections.length - 1]?.splits.push(at);
  }

  /** Status names as column headings, each in its own colour. */
  statusHeads(r: number, col: number = COL_FIRST_STATUS) {
    this.grid.statuses.forEach((s, i) =>
      this.write(r, col + i, [[s.name]], {
        ...TABLE_HEAD,
        fill: s.colour,
        fontColour: fontFor(s.colour),
        hAlign: "center",
      })
    );
  }

  /**
   * A native chart under the current row (a blank row above it), its rows reserved and set to
   * MIN_ROW_PT, so the chart covers them exactly whatever the workbook's default row height.
   */
  chart(spec: ChartSpec): ChartPlan {
    this.row++;
    const plan = this.chartAt(this.row, spec, true);
    for (let r = plan.anchor.row; r < this.row; r++) this.heights.set(r, MIN_ROW_PT);
    return plan;
  }

  /** A native chart at a given row; `advance` moves the cursor below it. */
  chartAt(r: number, spec: ChartSpec, advance = false): ChartPlan {
    const { col, widthPt, ...rest } = spec;
    const plan: ChartPlan = {
      ...rest,
      anchor: { row: r, col: col ?? COL_LABEL },
      widthPt: widthPt ?? CHART_WIDTH_PT,
      dataLabels: true,
      legend: "bottom",
      labelNumberFormat: ZERO_HIDDEN,
      fontName: SUMMARY_FONT,
    };
    this.charts.push(plan);
    this.ops.push({ op: "chart", sheet: this.sheet, chart: plan });
    const end = r + rowsFor(spec.heightPt);
    this.chartSpans.push([r, end]);
    if (advance) this.row = end;
    return plan;
  }
}
