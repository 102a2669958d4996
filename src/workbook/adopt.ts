/**
 * Adopting a sheet the analyst keeps: the plan that sets the tracker up (as set-up does), with
 * the adopted rows and the unmapped source columns as extra columns in the created table (or in
 * a tracker that was set up and is still empty), the themes, owners and addressees the rows
 * name added to the Lists sheet, and the `Adoption report` sheet (counts, mapping, skipped rows,
 * changes, findings: ./adopt-report.ts). The source sheet is never written. Pure.
 */
import {
  analyseSheet,
  type AdoptionPreview,
  type MappingOverride,
  type SourceGrid,
} from "../domain/adopt";
import { SHEETS, TABLES, TRACKER_COLUMNS, headerIndex } from "../domain/columns";
import { formatIso, type CalendarDate } from "../domain/dates";
import { TrackerError, protectedError } from "../domain/errors";
import type { ReadRequest, WorkbookSnapshot } from "./host";
import { FORMATS, type CellValue, type PlanOp, type WorkbookPlan } from "./plan";
import { reportOps } from "./adopt-report";
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
