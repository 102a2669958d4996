/**
 * The `Adoption report` sheet an adoption writes beside the tracker: what was adopted from which
 * sheet, the counts, the column mapping, the rows skipped with their cells as written, every
 * change with its note, and the findings, so that every non-empty source cell is either in the
 * tracker or here. Rebuilt whole on each adoption. Pure.
 */
import { trackerHeaderOf, type AdoptionPreview } from "../domain/adopt";
import { SHEETS } from "../domain/columns";
import { formatUk, type CalendarDate } from "../domain/dates";
import type { CellValue, PlanOp } from "./plan";

/** The widest column A gets for its labels (characters). */
const MAX_LABEL_WIDTH = 48;

/** The `Adoption report` sheet, rebuilt whole. */
export function reportOps(
  preview: AdoptionPreview,
  trackerSheet: string,
  today: CalendarDate,
  sheet: string = SHEETS.adoptionReport
): PlanOp[] {
  const width = preview.skipped.reduce(
    (w, s) => Math.max(w, 2 + s.cells.length),
    Math.max(6, 2 + preview.columns.reduce((w, c) => Math.max(w, c.index + 1), 0))
  );
  // Each block is as wide as its widest row (rectangular, no more).
  const padAll = (rows: CellValue[][]): CellValue[][] => {
    const w = rows.reduce((m, r) => Math.max(m, r.length), 0);
    return rows.map((r) =>
      r.length === w ? r : [...r, ...new Array<CellValue>(w - r.length).fill(null)]
    );
  };
  const ops: PlanOp[] = [{ op: "clearSheet", sheet, tabColour: "#7F7F7F" }];
  let row = 0;
  // Column A as wide as its longest label beside another cell ("Rows skipped (listed below
  // with reasons)"): a label with a value to its right cannot spill over, so it was cut off.
  // A sentence alone on its row spills over the empty cells beside it and is not counted.
  let labelWidth = 14;
  const block = (
    values: CellValue[][],
    style?: { bold?: boolean; fontSize?: number; fill?: string; italic?: boolean }
  ) => {
    if (values.length === 0) return;
    for (const r of values)
      if (r.length > 1 && typeof r[0] === "string")
        labelWidth = Math.max(labelWidth, Math.min(MAX_LABEL_WIDTH, r[0].length + 2));
    ops.push({
      op: "writeCells",
      sheet,
      block: { row, col: 0, values: padAll(values), ...(style ? { style } : {}) },
    });
    row += values.length;
  };
  const heading = (text: string, columns: string[]) => {
    row += 1;
    block([[text]], { bold: true, fontSize: 12 });
    block([columns], { bold: true, fill: "#D9E1F2" });
  };
  const c = preview.counts;
  const a = preview.accounting;
  block([["Adoption report"]], { bold: true, fontSize: 14 });
  block([
    [
      `Sheet '${preview.sheet}' adopted into the tracker on sheet '${trackerSheet}' on ${formatUk(today)}. The sheet '${preview.sheet}' itself was not changed.`,
    ],
    [
      `Header row: ${preview.headerRow}${preview.headerRecognised ? "" : " (guessed: no row looked like tracker headings)"}.`,
    ],
    [
      `Nothing lost: all ${a.sourceCells} non-empty cells of '${preview.sheet}' are in the tracker (${a.inTracker}) or in this report (${a.inReport}).`,
    ],
  ]);

  heading("Counts", ["What", "How many"]);
  block([
    ["Rows read from the sheet", c.sourceRows],
    ["Rows adopted", c.rows],
    ["Rows skipped (listed below with reasons)", c.skipped],
    ["Rows with a change", c.changed],
    ["Changes (listed below)", c.changes],
    ["Rows flagged", c.flagged],
    ["Errors", c.errors],
    ["Warnings", c.warnings],
    ["Non-empty source cells", a.sourceCells],
    ["… in the tracker", a.inTracker],
    ["… in this report", a.inReport],
    ["… lost", a.lost.length],
  ]);

  heading("Column mapping", [
    "Source column",
    "Header as written",
    "Tracker column",
    "Confidence",
    "Why",
  ]);
  block(
    preview.columns.map((col) => [
      col.letter,
      col.headerAsWritten,
      col.mappedTo ? trackerHeaderOf(col.mappedTo) : `${col.extraHeader} (kept as its own column)`,
      col.mappedTo ? `${Math.round(col.confidence * 100)}%` : "",
      col.reason,
    ])
  );

  heading("Skipped rows", [
    "Source row",
    "Reason",
    `Cells as written (from column ${preview.firstColumn} of the source)`,
  ]);
  block(
    preview.skipped
      .filter((s) => s.kind !== "blank")
      .map((s) => [s.sourceRow, s.reason, ...s.cells])
  );
  const blanks = preview.skipped.filter((s) => s.kind === "blank").map((s) => s.sourceRow);
  if (blanks.length > 0) block([["Blank rows", blanks.join(", ")]], { italic: true });

  heading("Changes", ["Source row", "Tracker column", "As written", "As adopted", "Note"]);
  block(changeLines(preview));
  if (preview.changes.length === 0)
    block([["No changes: every value was adopted as written."]], { italic: true });

  heading("Findings", ["Source row", "Severity", "Rule", "Tracker column", "Message"]);
  block(
    preview.findings.map((f) => [
      f.sourceRow,
      f.severity === "error" ? "Error" : "Warning",
      f.rule,
      f.column ?? "",
      f.message,
    ])
  );
  if (preview.findings.length === 0) block([["No findings."]], { italic: true });

  ops.push({
    op: "columnWidths",
    sheet,
    widths: [
      { col: 0, width: labelWidth },
      { col: 1, width: 40 },
      { col: 2, width: 28 },
      { col: 3, width: 24 },
      { col: 4, width: 60 },
      ...Array.from({ length: Math.max(0, width - 5) }, (_, k) => ({ col: 5 + k, width: 20 })),
    ],
  });
  return ops;
}

/**
 * The changes as report lines. The Inspection filled in from a section row is one line per
 * section ("5–44", or "5–9, 12–18" around rows that name their own), first; every other change
 * has its own line.
 */
export function changeLines(preview: AdoptionPreview): CellValue[][] {
  const inspection = trackerHeaderOf("inspection");
  const sections = new Map<string, { asAdopted: string; rows: number[] }>();
  const lines: CellValue[][] = [];
  for (const ch of preview.changes) {
    if (ch.column === inspection && ch.asWritten === "") {
      const key = `${ch.note}\u0000${ch.asAdopted}`;
      const g = sections.get(key) ?? { asAdopted: ch.asAdopted, rows: [] };
      g.rows.push(ch.sourceRow);
      sections.set(key, g);
      continue;
    }
    lines.push([ch.sourceRow, ch.column, ch.asWritten, ch.asAdopted, ch.note]);
  }
  const grouped: CellValue[][] = [];
  for (const [key, g] of sections) {
    const note = key.split("\u0000")[0];
    grouped.push([
      g.rows.length === 1 ? g.rows[0] : ranges(g.rows),
      inspection,
      "",
      g.asAdopted,
      note,
    ]);
  }
  return [...grouped, ...lines];
}

/** 5,6,7,9 -> "5–7, 9" */
function ranges(rows: number[]): string {
  const out: string[] = [];
  let start = rows[0];
  let prev = rows[0];
  for (let k = 1; k <= rows.length; k++) {
    const r = rows[k];
    if (r === prev + 1) {
      prev = r;
      continue;
    }
    out.push(start === prev ? String(start) : `${start}–${prev}`);
    start = prev = r;
  }
  return out.join(", ");
}
