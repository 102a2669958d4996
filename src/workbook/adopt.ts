/**
 * Adopting a sheet the analyst keeps: the plan that sets the tracker up (as set-up does), with
 * the adopted rows and the unmapped source columns as extra columns in the created table (or in
 * a tracker that was set up and is still empty), the themes, owners and addressees the rows
 * name added to the Lists sheet, and the `Adoption report` sheet (counts, mapping, skipped rows,
 * changes, findings). The source sheet is never written. Pure.
 */
import {
  analyseSheet,
  trackerHeaderOf,
  type AdoptionPreview,
  type MappingOverride,
  type SourceGrid,
} from "../domain/adopt";
import { SHEETS, TABLES, TRACKER_COLUMNS, headerIndex } from "../domain/columns";
import { formatIso, formatUk, type CalendarDate } from "../domain/dates";
import { TrackerError, protectedError } from "../domain/errors";
import type { ReadRequest, WorkbookSnapshot } from "./host";
import { FORMATS, type CellValue, type PlanOp, type WorkbookPlan } from "./plan";
import { ownSheets, rebuiltSheet, roleKey } from "./owned";
import { ALL_TABLES, readVocabulary } from "./read";
import { LIST_DROPDOWNS, columnValues, planSetup, unlisted } from "./setup";

/** Metadata keys adoption adds to the add-in's very hidden sheet. */
export const ADOPTED_FROM = "adoptedFrom";
export const ADOPTED_ON = "adoptedOn";

/** What adopting reads: every add-in table, and the named sheet or the active one. */
export function adoptRead(sheet?: string): ReadRequest {
  // Values and number formats are enough (dates are shown from their serials): leaving the cell
  // text out halves what Excel sends back for a large sheet.
  const sheetParts: ReadRequest["sheetParts"] = ["numberFormats"];
  return sheet
    ? { tables: ALL_TABLES, sheets: [sheet], sheetParts }
    : { tables: ALL_TABLES, activeSheet: true, sheetParts };
}

/** The sheet to adopt as a grid, or a TrackerError saying why it cannot be adopted. */
export function sourceGridOf(snapshot: WorkbookSnapshot, sheet?: string): SourceGrid {
  const name = sheet ?? snapshot.activeSheet;
  if (!name)
    throw new TrackerError(
      "sheet-missing",
      "No sheet is active. Select the sheet to adopt and try again."
    );
  const found = Object.values(snapshot.sheetValues).find(
    (s) => s.name.toLowerCase() === name.toLowerCase()
  );
  if (!found) {
    throw new TrackerError(
      "sheet-missing",
      `There is no sheet called '${name}' in this workbook. Sheets: ${snapshot.sheets.map((s) => `'${s.name}'`).join(", ")}.`
    );
  }
  if (ownSheets(snapshot).has(found.name.toLowerCase())) {
    throw new TrackerError(
      "not-a-tracker",
      `'${found.name}' is one of Inspection Tracker's own sheets, so there is nothing to adopt. Select the sheet you keep your recommendations on.`
    );
  }
  if (found.values.length === 0) {
    throw new TrackerError(
      "invalid-input",
      `Sheet '${found.name}' is empty: there is nothing to adopt. Nothing was changed.`
    );
  }
  return {
    name: found.name,
    row: found.row,
    col: found.col,
    values: found.values,
    text: found.text,
    numberFormats: found.numberFormats,
  };
}

/** The sheet the new Tracker table goes on: 'Tracker', or the first free 'Tracker (adopted…)'. */
export function trackerSheetFor(snapshot: WorkbookSnapshot): string {
  const names = new Set(snapshot.sheets.map((s) => s.name.toLowerCase()));
  if (!names.has(SHEETS.tracker.toLowerCase())) return SHEETS.tracker;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${SHEETS.tracker} (adopted)` : `${SHEETS.tracker} (adopted ${n})`;
    if (!names.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * When this workbook's tracker was adopted from a sheet and the request is for that sheet (or
 * for the active sheet while one of the add-in's own is active): the sheet it came from and the
 * tracker's sheet. Adopting again then changes nothing.
 */
export function adoptedAlready(
  snapshot: WorkbookSnapshot,
  sheet?: string
): { from: string; trackerSheet: string } | null {
  const tracker = snapshot.tables[TABLES.tracker];
  const from = snapshot.meta?.[ADOPTED_FROM];
  if (!tracker || !from) return null;
  const name = sheet ?? snapshot.activeSheet ?? "";
  if (
    name.toLowerCase() === from.toLowerCase() ||
    (!sheet && ownSheets(snapshot).has(name.toLowerCase()))
  ) {
    return { from, trackerSheet: tracker.sheet };
  }
  return null;
}

/** Analyse the sheet to adopt with the workbook's own status vocabulary. */
export function previewFromSnapshot(
  snapshot: WorkbookSnapshot,
  options: { sheet?: string; mapping?: MappingOverride; headerRow?: number } = {}
): { grid: SourceGrid; preview: AdoptionPreview } {
  const grid = sourceGridOf(snapshot, options.sheet);
  const preview = analyseSheet(grid, {
    mapping: options.mapping,
    headerRow: options.headerRow,
    vocabulary: readVocabulary(snapshot),
  });
  return { grid, preview };
}

export interface AdoptOutcome {
  plan: WorkbookPlan;
  /** The sheet the tracker is on. */
  trackerSheet: string;
  /** The sheet the Adoption report is on ('Adoption report', or another name on a clash). */
  reportSheet: string;
  /** The analyst's sheet whose name the report would have taken (left untouched), or null. */
  reportClash: string | null;
  /** True when this sheet was adopted before: the plan is empty. */
  alreadyAdopted: boolean;
}

function extraWidth(header: string): number {
  return Math.min(40, Math.max(12, header.length + 2));
}

/** Plan the adoption of an analysed sheet. Validates everything before any op is planned. */
export function planAdoption(
  snapshot: WorkbookSnapshot,
  preview: AdoptionPreview,
  today: CalendarDate
): AdoptOutcome {
  const existing = snapshot.tables[TABLES.tracker];
  // A tracker that was set up and is still empty is filled; one with rows is never added to.
  if (existing && existing.rows.length > 0) {
    if (snapshot.meta?.[ADOPTED_FROM] === preview.sheet) {
      const report = rebuiltSheet(snapshot, "adoptionReport");
      return {
        plan: { ops: [] },
        trackerSheet: existing.sheet,
        reportSheet: report.sheet,
        reportClash: null,
        alreadyAdopted: true,
      };
    }
    throw new TrackerError(
      "unsupported",
      `This workbook already has a tracker (sheet '${existing.sheet}', ${existing.rows.length} rows), so '${preview.sheet}' was not adopted and nothing was changed. ` +
        `Adopt works on a workbook without a tracker: copy the sheet into a new workbook and adopt it there.`
    );
  }
  if (preview.accounting.lost.length > 0) {
    const l = preview.accounting.lost[0];
    throw new TrackerError(
      "unexpected",
      `Adopting '${preview.sheet}' would lose ${preview.accounting.lost.length} cell(s) (first: ${l.column}${l.sourceRow} '${l.text}'), so nothing was changed.`
    );
  }
  // The report goes on the add-in's own report sheet, or on a new one: an analyst's sheet
  // called 'Adoption report' (even the one being adopted) is never written.
  const report = rebuiltSheet(snapshot, "adoptionReport");
  const reportInfo = snapshot.sheets.find(
    (s) => s.name.toLowerCase() === report.sheet.toLowerCase()
  );
  if (reportInfo?.protected) throw protectedError([reportInfo.name]);

  const trackerSheet = existing?.sheet ?? trackerSheetFor(snapshot);
  const ownNames = [SHEETS.lists, SHEETS.inspections, SHEETS.history, SHEETS.meta];
  if (ownNames.some((n) => n.toLowerCase() === preview.sheet.toLowerCase()))
    throw sourceNameClash(preview.sheet);
  const setup = planSetup(snapshot, {
    trackerSheet,
    extraMeta: {
      [ADOPTED_FROM]: preview.sheet,
      [ADOPTED_ON]: formatIso(today),
      [roleKey("adoptionReport")]: report.sheet,
    },
  });
  const extras = existing
    ? preview.extraColumns.filter((e) => headerIndex(existing.headers, e.header) < 0)
    : preview.extraColumns;
  const rows: CellValue[][] = preview.rows.map((r) => [
    ...TRACKER_COLUMNS.map((c) => r.values[c.key]),
    ...extras.map((e) => r.extras[e.header] ?? null),
  ]);
  if (existing) {
    // The empty tracker's own columns first (in its order), then the sheet's other columns.
    const byHeader = (r: (typeof preview.rows)[number], h: string): CellValue => {
      const key = TRACKER_COLUMNS.find((c) => c.header.toLowerCase() === h.trim().toLowerCase());
      if (key) return r.values[key.key];
      const extra = preview.extraColumns.find(
        (e) => e.header.toLowerCase() === h.trim().toLowerCase()
      );
      return extra ? (r.extras[extra.header] ?? null) : null;
    };
    rows.splice(
      0,
      rows.length,
      ...preview.rows.map((r) => [
        ...existing.headers.map((h) => byHeader(r, h)),
        ...extras.map((e) => r.extras[e.header] ?? null),
      ])
    );
  }
  const ops: PlanOp[] = [];
  let activate: PlanOp | null = null;
  for (const op of setup.plan.ops) {
    if (op.op === "createTable" && op.table.name === TABLES.tracker) {
      ops.push({
        ...op,
        table: {
          ...op.table,
          headers: [...op.table.headers, ...extras.map((e) => e.header)],
          rows,
          columnFormats: [...op.table.columnFormats, ...extras.map((e) => e.numberFormat)],
        },
      });
    } else if (op.op === "columnWidths" && op.sheet === trackerSheet) {
      const base = TRACKER_COLUMNS.length;
      ops.push({
        ...op,
        widths: [
          ...op.widths,
          ...extras.map((e, k) => ({ col: base + k, width: extraWidth(e.header) })),
        ],
      });
    } else if (op.op === "activate") {
      activate = op;
    } else {
      ops.push(op);
    }
  }
  if (existing) {
    // Into the empty tracker: the sheet's other columns at its end, then the rows.
    for (const e of extras)
      ops.push({
        op: "addTableColumn",
        table: TABLES.tracker,
        header: e.header,
        numberFormat: e.numberFormat,
      });
    if (extras.length > 0) {
      ops.push({
        op: "columnWidths",
        sheet: trackerSheet,
        widths: extras.map((e, k) => ({
          col: existing.col + existing.headers.length + k,
          width: extraWidth(e.header),
        })),
      });
    }
    if (rows.length > 0) ops.push({ op: "appendRows", table: TABLES.tracker, rows });
  }
  ops.push(...listFills(snapshot, ops, preview));
  for (const e of extras) {
    if (e.numberFormat === FORMATS.text) {
      ops.push({
        op: "columnFormat",
        target: { table: TABLES.tracker, column: e.header },
        numberFormat: FORMATS.text,
        wrap: true,
      });
    }
  }
  ops.push(...reportOps(preview, trackerSheet, today, report.sheet));
  ops.push(activate ?? { op: "activate", sheet: trackerSheet });

  // The source sheet is never written: refuse if it has a name the add-in's own sheets use.
  const source = preview.sheet.toLowerCase();
  const written = ops.some(
    (o) =>
      o.op !== "activate" &&
      "sheet" in o &&
      typeof o.sheet === "string" &&
      o.sheet.toLowerCase() === source
  );
  if (written) throw sourceNameClash(preview.sheet);
  return {
    plan: { ops },
    trackerSheet,
    reportSheet: report.sheet,
    reportClash: report.clash,
    alreadyAdopted: false,
  };
}

/**
 * The themes, owners and addressees the adopted rows name that the Lists sheet lacks: into the
 * Lists table created in the same plan, or appended to the one there is.
 */
function listFills(snapshot: WorkbookSnapshot, ops: PlanOp[], preview: AdoptionPreview): PlanOp[] {
  const more: PlanOp[] = [];
  for (const d of LIST_DROPDOWNS) {
    const key = TRACKER_COLUMNS.find((c) => c.header === d.column)!.key;
    const created = ops.find(
      (o): o is Extract<PlanOp, { op: "createTable" }> =>
        o.op === "createTable" && o.table.name === d.table
    );
    const listed = created
      ? created.table.rows.map((r) => String(r[0] ?? ""))
      : columnValues(snapshot.tables[d.table], d.header);
    const missing = unlisted(
      preview.rows.map((r) => r.values[key]),
      listed
    );
    if (missing.length === 0) continue;
    if (created) created.table.rows = [...created.table.rows, ...missing.map((v) => [v])];
    else more.push({ op: "appendRows", table: d.table, rows: missing.map((v) => [v]) });
  }
  return more;
}

function sourceNameClash(sheet: string): TrackerError {
  return new TrackerError(
    "not-ours",
    `The sheet '${sheet}' has a name Inspection Tracker uses for one of its own sheets, so adopting it would write over it. ` +
      `Nothing was changed. Rename it (for example '${sheet} (old)') and adopt it again.`
  );
}

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
  const block = (
    values: CellValue[][],
    style?: { bold?: boolean; fontSize?: number; fill?: string; italic?: boolean }
  ) => {
    if (values.length === 0) return;
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
      { col: 0, width: 14 },
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
