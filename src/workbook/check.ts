/**
 * Check planner: from a snapshot, run the rules (domain/check) and plan what the sheet shows: the
 * add-in-owned Check column at the table's end, a conditional format that marks the rows with
 * errors, and certain fixes (normalised statuses, a listed spelling) and "Add to Lists" (a theme,
 * owner or addressee put on the Lists sheet) in the same plan, so one apply is one batch.
 * Pure: no Office, DOM or Node APIs.
 */
import {
  columnLetter,
  CHECK_HEADER,
  INSPECTION_COLUMNS,
  TABLES,
  TRACKER_COLUMNS,
  headerIndex,
  type InspectionKey,
} from "../domain/columns";
import {
  runChecks,
  type CheckInput,
  type CheckReport,
  type Finding,
  type InspectionRow,
  type ListName,
} from "../domain/check";
import { TrackerError, protectedError } from "../domain/errors";
import type { Value } from "../domain/model";
import type { ReadRequest, TableSnapshot, WorkbookSnapshot } from "./host";
import {
  FORMATS,
  type CellValue,
  type ConditionalRule,
  type PlanOp,
  type WorkbookPlan,
} from "./plan";
import { readSettings, readVocabulary, trackerColumnIndex, trackerRows } from "./read";
import { LIST_DROPDOWNS, columnValues } from "./setup";

/** What a check reads: one read, whatever the row count. */
export const CHECK_READ: ReadRequest = {
  tables: [
    TABLES.tracker,
    TABLES.inspections,
    TABLES.statuses,
    TABLES.settings,
    TABLES.themes,
    TABLES.owners,
    TABLES.addressees,
  ],
  formulasOf: [TABLES.tracker],
};

/** Each Lists list the Check compares cells with: its table and column. */
const LIST_TABLES: Record<ListName, { table: string; header: string }> = {
  themes: LIST_DROPDOWNS.find((d) => d.list === "themes")!,
  owners: LIST_DROPDOWNS.find((d) => d.list === "owners")!,
  addressees: LIST_DROPDOWNS.find((d) => d.list === "addressees")!,
};

/** The lists the snapshot holds (a list whose table was not read is not checked). */
function listsOf(snapshot: WorkbookSnapshot): CheckInput["lists"] {
  const out: CheckInput["lists"] = {};
  for (const [name, t] of Object.entries(LIST_TABLES) as [
    ListName,
    { table: string; header: string },
  ][]) {
    const table = snapshot.tables[t.table];
    if (table && headerIndex(table.headers, t.header) >= 0)
      out[name] = columnValues(table, t.header);
  }
  return out;
}

/** The same read without formulas: half the payload, for very large tables in Excel (see the host's maxFormulaRows). */
export const CHECK_READ_VALUES: ReadRequest = { tables: CHECK_READ.tables, formulasOf: [] };

/** Light red fill with dark red text: Excel's own "bad" style. */
export const ERROR_ROW_FILL = "#FFC7CE";
export const ERROR_ROW_FONT = "#9C0006";
export const CHECK_COLUMN_WIDTH = 40;

export interface CheckOptions {
  /** Excel serial of today (used when the workbook's As-at date is blank). */
  today: number;
  /** False for a CSV file (every cell is text): see CheckInput.typedCells. */
  typedCells?: boolean;
  /** Excel serial that overrides the workbook's As-at date (the command line's --as-at). */
  asAt?: number | null;
}

/** The Inspections table's rows with the contract columns by key. */
export function inspectionRows(table: TableSnapshot): {
  rows: InspectionRow[];
  columns: Record<InspectionKey, number>;
} {
  const columns = {} as Record<InspectionKey, number>;
  for (const c of INSPECTION_COLUMNS) columns[c.key] = headerIndex(table.headers, c.header);
  const rows = table.rows.map((row, i) => {
    const values = {} as Record<InspectionKey, Value>;
    for (const c of INSPECTION_COLUMNS)
      values[c.key] = columns[c.key] >= 0 ? (row[columns[c.key]] ?? null) : null;
    return { sheetRow: table.row + 2 + i, index: i, values };
  });
  return { rows, columns };
}

function requireTracker(snapshot: WorkbookSnapshot): TableSnapshot {
  const table = snapshot.tables[TABLES.tracker];
  if (!table) {
    throw new TrackerError(
      "not-a-tracker",
      "This workbook has no tracker table (tblTracker) to check. Set up the tracker, or adopt an existing sheet, first."
    );
  }
  return table;
}

/** The rules' input from a snapshot: rows, formulas, vocabulary, thresholds and as-at date. */
export function checkInput(snapshot: WorkbookSnapshot, options: CheckOptions): CheckInput {
  const table = requireTracker(snapshot);
  const settings = readSettings(snapshot);
  const inspections = snapshot.tables[TABLES.inspections];
  const ins = inspections ? inspectionRows(inspections) : null;
  return {
    asAt: options.asAt ?? settings.asAt ?? options.today,
    today: options.today,
    typedCells: options.typedCells !== false,
    staleDays: settings.staleDays,
    dueSoonDays: settings.dueSoonDays,
    vocabulary: readVocabulary(snapshot),
    rows: trackerRows(table),
    columns: trackerColumnIndex(table.headers),
    formulas: table.formulas,
    inspections: ins?.rows,
    inspectionColumns: ins?.columns,
    lists: listsOf(snapshot),
  };
}

/** Run the checks on a snapshot (the summary and the command line call this). */
export function checkSnapshot(snapshot: WorkbookSnapshot, options: CheckOptions): CheckReport {
  return runChecks(checkInput(snapshot, options));
}

export interface CellAddress {
  sheet: string;
  /** 0-based sheet row and column. */
  row: number;
  col: number;
}

/** Where a finding's cell is on the sheet (its row's first cell when the column is missing). */
export function findingCell(snapshot: WorkbookSnapshot, finding: Finding): CellAddress | null {
  const table = snapshot.tables[finding.table === "tracker" ? TABLES.tracker : TABLES.inspections];
  if (!table) return null;
  return {
    sheet: table.sheet,
    row: table.row + 1 + finding.index,
    col: table.col + Math.max(0, finding.col),
  };
}

export interface LocatedFinding extends Finding {
  cell: CellAddress | null;
}

export function locateFindings(snapshot: WorkbookSnapshot, report: CheckReport): LocatedFinding[] {
  return report.findings.map((f) => ({ ...f, cell: findingCell(snapshot, f) }));
}

/** The conditional-format formula, relative to the body's first row: true where the row has errors. */
export function errorRowFormula(checkColLetter: string, firstBodyRow1: number): string {
  const ref = `$${checkColLetter}${firstBodyRow1}`;
  return `=ISNUMBER(SEARCH(" error",LEFT(${ref},FIND(":",${ref}&":"))))`;
}

/**
 * The Check column (added at the table's end when missing) and the error-row format, for the
 * given Check texts (one per data row). The format covers the table body's contract columns and
 * Check, except Status (which keeps its RAG colours) and the analyst's own columns.
 */
export function planCheckColumn(table: TableSnapshot, labels: readonly string[]): PlanOp[] {
  const ops: PlanOp[] = [];
  let checkIdx = headerIndex(table.headers, CHECK_HEADER);
  const width = checkIdx >= 0 ? table.headers.length : table.headers.length + 1;
  const values: CellValue[] = table.rows.map((_, i) => labels[i] ?? "");
  if (checkIdx < 0) {
    checkIdx = table.headers.length;
    ops.push({
      op: "addTableColumn",
      table: table.name,
      header: CHECK_HEADER,
      values,
      numberFormat: FORMATS.text,
    });
    ops.push({
      op: "columnWidths",
      sheet: table.sheet,
      widths: [{ col: table.col + checkIdx, width: CHECK_COLUMN_WIDTH }],
    });
  } else {
    // Only the rows whose text changes: a Check column written unchanged would come back as a
    // change event to every pane that watches the table (a co-author's too), and each would
    // re-check and write it again.
    const old = (i: number) => String(table.rows[i]?.[checkIdx] ?? "");
    const changed = values.map((v, i) => String(v ?? "") !== old(i));
    const first = changed.indexOf(true);
    const last = changed.lastIndexOf(true);
    if (first >= 0)
      ops.push({
        op: "writeTableCells",
        table: table.name,
        row: first,
        col: checkIdx,
        values: values.slice(first, last + 1).map((v) => [v]),
      });
  }
  const n = table.rows.length;
  if (n > 0) {
    const body = table.row + 1;
    const rule: ConditionalRule = {
      kind: "formula",
      formula: errorRowFormula(columnLetter(table.col + checkIdx), body + 1),
      fill: ERROR_ROW_FILL,
      fontColour: ERROR_ROW_FONT,
    };
    // The contract columns and Check, in runs of adjacent columns. Status keeps its RAG colours,
    // and the analyst's own columns keep any formats they set (a format op replaces the range's).
    const marked = new Set(
      TRACKER_COLUMNS.filter((c) => c.key !== "status").map((c) => c.header.toLowerCase())
    );
    marked.add(CHECK_HEADER.toLowerCase());
    const headers =
      checkIdx < table.headers.length ? table.headers : [...table.headers, CHECK_HEADER];
    const spans: [number, number][] = [];
    for (let j = 0; j < width; j++) {
      if (
        !marked.has(
          String(headers[j] ?? "")
            .trim()
            .toLowerCase()
        )
      )
        continue;
      const last = spans[spans.length - 1];
      if (last && last[1] === j - 1) last[1] = j;
      else spans.push([j, j]);
    }
    for (const [from, to] of spans) {
      ops.push({
        op: "conditionalFormats",
        target: {
          sheet: table.sheet,
          range: { row: body, col: table.col + from, rows: n, cols: to - from + 1 },
        },
        rules: [rule],
      });
    }
  }
  return ops;
}

function refuseIfProtected(snapshot: WorkbookSnapshot, table: TableSnapshot): void {
  const sheet = snapshot.sheets.find((s) => s.name === table.sheet);
  if (sheet?.protected) throw protectedError([table.sheet]);
}

export interface CheckPlan {
  plan: WorkbookPlan;
  /** The report after any fixes (what the Check column shows). */
  report: CheckReport;
  /** Fixes applied in this plan. */
  fixed: Finding[];
  /** Fixes asked for that no longer apply (the cell changed since the list was shown). */
  skipped: string[];
}

export interface FixRequest {
  /** Finding id and the fix the pane showed; applied only if the cell still holds fix.from. */
  id: string;
  value: string;
  from: string;
  /** "Add to Lists": put `value` on this list instead of writing the cell. */
  addTo?: ListName;
}

/**
 * Plan a check, with fixes: "all" for every certain fix, or the ones asked for. The fixes, the
 * Check column and the error-row format are one plan, so one apply (one batch).
 * Throws TrackerError before planning any write when the tracker's sheet is protected.
 */
export function planCheck(
  read: WorkbookSnapshot,
  options: CheckOptions,
  fixes: "none" | "all" | readonly FixRequest[] = "none"
): CheckPlan {
  let snapshot = read;
  const table = requireTracker(snapshot);
  refuseIfProtected(snapshot, table);
  const input = checkInput(snapshot, options);
  let report = runChecks(input);
  const fixed: Finding[] = [];
  const cellFixed: Finding[] = [];
  const skipped: string[] = [];
  const ops: PlanOp[] = [];
  if (fixes !== "none") {
    const all = fixes === "all" ? [] : fixes;
    const added = planListAdds(
      snapshot,
      report,
      all.filter((f) => f.addTo)
    );
    ops.push(...added.ops);
    fixed.push(...added.fixed);
    skipped.push(...added.skipped);
    if (added.ops.length > 0) {
      snapshot = added.snapshot;
      report = runChecks(checkInput(snapshot, options));
    }
    const cellFixes = all.filter((f) => !f.addTo);
    const wanted = fixes === "all" ? null : new Map(cellFixes.map((f) => [f.id, f]));
    for (const f of report.findings) {
      if (!f.fix || f.table !== "tracker" || f.col < 0) continue;
      if (wanted) {
        const w = wanted.get(f.id);
        if (!w) continue;
        wanted.delete(f.id);
        if (w.value !== f.fix.value || w.from !== f.fix.from) {
          skipped.push(f.id);
          continue;
        }
      }
      cellFixed.push(f);
    }
    if (wanted) skipped.push(...wanted.keys());
    fixed.push(...cellFixed);
    if (cellFixed.length > 0) {
      const rows = table.rows.map((r) => r.slice());
      for (const f of cellFixed) {
        rows[f.index][f.col] = f.fix!.value;
        ops.push({
          op: "writeTableCells",
          table: table.name,
          row: f.index,
          col: f.col,
          values: [[f.fix!.value]],
        });
      }
      const fixedSnapshot: WorkbookSnapshot = {
        ...snapshot,
        tables: { ...snapshot.tables, [table.name]: { ...table, rows } },
      };
      report = runChecks(checkInput(fixedSnapshot, options));
    }
  }
  ops.push(...planCheckColumn(table, report.rowLabels));
  return { plan: { ops }, report, fixed, skipped };
}

/**
 * "Add to Lists" for the findings asked for: each value once on its list (appended to the Lists
 * table), and the snapshot as it will then be, to check again. A finding that no longer asks
 * for that value (the cell changed since) is skipped.
 */
function planListAdds(
  snapshot: WorkbookSnapshot,
  report: CheckReport,
  requests: readonly FixRequest[]
): { ops: PlanOp[]; fixed: Finding[]; skipped: string[]; snapshot: WorkbookSnapshot } {
  const byId = new Map(report.findings.map((f) => [f.id, f]));
  const values = new Map<ListName, Map<string, string>>();
  const fixed: Finding[] = [];
  const skipped: string[] = [];
  for (const r of requests) {
    const f = byId.get(r.id);
    if (!f?.listFix || f.listFix.list !== r.addTo || f.listFix.value !== r.value) {
      skipped.push(r.id);
      continue;
    }
    const list = values.get(f.listFix.list) ?? new Map<string, string>();
    list.set(f.listFix.value.toLowerCase(), f.listFix.value);
    values.set(f.listFix.list, list);
    fixed.push(f);
  }
  const ops: PlanOp[] = [];
  const tables = { ...snapshot.tables };
  for (const [list, vals] of values) {
    const { table: name, header } = LIST_TABLES[list];
    const t = snapshot.tables[name];
    if (!t) continue;
    const locked = snapshot.sheets.find((s) => s.name === t.sheet && s.protected);
    if (locked) throw protectedError([locked.name]);
    const j = headerIndex(t.headers, header);
    const rows = [...vals.values()].map((v) => t.headers.map((_, k) => (k === j ? v : null)));
    ops.push({ op: "appendRows", table: name, rows });
    tables[name] = { ...t, rows: [...t.rows, ...rows] };
  }
  return { ops, fixed, skipped, snapshot: { ...snapshot, tables } };
}
