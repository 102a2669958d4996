/**
 * "Set up tracker": the plan that makes a workbook a tracker, or repairs the pieces that are
 * missing. Computed from a snapshot; never touches a data row that exists. Pure.
 */
import {
  columnLetter,
  DEFAULT_SETTINGS,
  HISTORY_COLUMNS,
  INSPECTION_COLUMNS,
  LISTS_LAYOUT,
  SHEETS,
  TABLES,
  TRACKER_COLUMNS,
  headerIndex,
  type ColumnDef,
} from "../domain/columns";
import { TrackerError } from "../domain/errors";
import type { StatusDef } from "../domain/status";
import type { WorkbookSnapshot } from "./host";
import {
  FORMATS,
  refuseProtected,
  sheetRef,
  type CellValue,
  type ConditionalRule,
  type PlanOp,
  type WorkbookPlan,
} from "./plan";
import { ALL_TABLES, readVocabulary } from "./read";

export const SCHEMA_VERSION = "1";
export const TABLE_STYLE = "TableStyleMedium2";
export const STATUS_PROMPT = "Choose a status from the list (Lists sheet)";
export const STATUS_ERROR =
  "That is not a status in this tracker's list. Choose one from the dropdown.";

/** What set-up needs to read. */
export const SETUP_READ = { tables: ALL_TABLES };

export function formatFor(c: ColumnDef): string {
  if (c.kind === "date") return FORMATS.date;
  if (c.kind === "number") return FORMATS.general;
  return FORMATS.text;
}

export interface SetupOutcome {
  plan: WorkbookPlan;
  /** Pieces created from nothing. */
  created: string[];
  /** Pieces that were missing or broken and are put back. */
  repaired: string[];
  /** Data rows in the tracker. */
  rows: number;
}

/** The Status column's list source: the status names on the Lists sheet. */
export function statusListSource(
  snapshot: WorkbookSnapshot,
  vocabulary: readonly StatusDef[]
): string {
  const table = snapshot.tables[TABLES.statuses];
  const sheet = table?.sheet ?? SHEETS.lists;
  const row = (table?.row ?? 0) + 2;
  const col = columnLetter(
    (table?.col ?? LISTS_LAYOUT.statuses.col) +
      (table ? Math.max(0, headerIndex(table.headers, "Status")) : 0)
  );
  return `=${sheetRef(sheet)}!$${col}$${row}:$${col}$${row + Math.max(vocabulary.length, 1) - 1}`;
}

export function statusRules(vocabulary: readonly StatusDef[]): ConditionalRule[] {
  return vocabulary.map((s) => ({
    kind: "equals",
    text: s.name,
    fill: s.colour,
    fontColour: s.fontColour,
  }));
}

function tableOps(
  sheet: string,
  name: string,
  columns: readonly ColumnDef[],
  row: number,
  col: number,
  rows: CellValue[][]
): PlanOp[] {
  return [
    {
      op: "createTable",
      sheet,
      table: {
        name,
        row,
        col,
        headers: columns.map((c) => c.header),
        rows,
        columnFormats: columns.map(formatFor),
        style: TABLE_STYLE,
      },
    },
    {
      op: "columnWidths",
      sheet,
      widths: columns.map((c, i) => ({ col: col + i, width: c.width })),
    },
    ...columns
      .filter((c) => c.wrap)
      .map((c): PlanOp => ({
        op: "columnFormat",
        target: { table: name, column: c.header },
        numberFormat: formatFor(c),
        wrap: true,
      })),
  ];
}

export function metaValues(
  snapshot: WorkbookSnapshot,
  trackerSheet: string = SHEETS.tracker
): Record<string, string> {
  const sheetOf = (t: string, fallback: string) => snapshot.tables[t]?.sheet ?? fallback;
  return {
    app: "Inspection Tracker",
    schemaVersion: SCHEMA_VERSION,
    "role:tracker": sheetOf(TABLES.tracker, trackerSheet),
    "role:inspections": sheetOf(TABLES.inspections, SHEETS.inspections),
    "role:lists": sheetOf(TABLES.statuses, SHEETS.lists),
    "role:history": sheetOf(TABLES.history, SHEETS.history),
  };
}

export function metaOps(values: Record<string, string>): PlanOp[] {
  const rows: CellValue[][] = [["Key", "Value"], ...Object.entries(values).map(([k, v]) => [k, v])];
  return [
    { op: "ensureSheet", sheet: SHEETS.meta, visibility: "veryHidden" },
    {
      op: "writeCells",
      sheet: SHEETS.meta,
      block: { row: 0, col: 0, values: rows, columnFormats: [FORMATS.text, FORMATS.text] },
    },
  ];
}

/**
 * Plan set-up or repair. Throws TrackerError("not-ours") when a sheet named Tracker exists that
 * the add-in did not make, and ("protected") when a sheet it must write to is protected.
 */
export interface SetupOptions {
  /** The sheet a new Tracker table goes on (default 'Tracker'); adopting a sheet named Tracker uses another. */
  trackerSheet?: string;
  /** More metadata to keep in the add-in's very hidden sheet (for example where a tracker was adopted from). */
  extraMeta?: Record<string, string>;
}

export function planSetup(snapshot: WorkbookSnapshot, options: SetupOptions = {}): SetupOutcome {
  const trackerSheet = options.trackerSheet ?? SHEETS.tracker;
  const ops: PlanOp[] = [];
  const created: string[] = [];
  const repaired: string[] = [];
  const sheetNames = new Set(snapshot.sheets.map((s) => s.name.toLowerCase()));
  const hasSheet = (n: string) => sheetNames.has(n.toLowerCase());
  const tracker = snapshot.tables[TABLES.tracker];

  if (!tracker && hasSheet(trackerSheet)) {
    throw new TrackerError(
      "not-ours",
      `This workbook already has a sheet called '${trackerSheet}' that Inspection Tracker did not make. ` +
        `Nothing was changed. To keep it and make it a tracker, use Adopt; or rename that sheet and set up again.`
    );
  }

  const touched = new Set<string>();
  const vocabulary = readVocabulary(snapshot);

  // Lists: statuses, themes, owners, settings.
  const listTables: [string, keyof typeof LISTS_LAYOUT, CellValue[][]][] = [
    [
      TABLES.statuses,
      "statuses",
      vocabulary.map((s) => [s.name, s.meaning, s.colour, s.closed ? "Yes" : "No"]),
    ],
    [TABLES.themes, "themes", []],
    [TABLES.owners, "owners", []],
    [TABLES.settings, "settings", DEFAULT_SETTINGS.map((s) => [s.setting, s.value, s.note])],
  ];
  const listTableNames = listTables.map(([name]) => name);
  const listsSheet =
    listTableNames.map((n) => snapshot.tables[n]?.sheet).find((s): s is string => Boolean(s)) ??
    SHEETS.lists;
  if (hasSheet(listsSheet) && listTableNames.every((n) => !snapshot.tables[n])) {
    // A sheet of the analyst's own called Lists: creating our tables on it would write over it.
    throw new TrackerError(
      "not-ours",
      `This workbook has a sheet called '${listsSheet}' without Inspection Tracker's lists on it. ` +
        `Nothing was changed. Rename that sheet (for example '${listsSheet} (old)') and set up again.`
    );
  }
  for (const [name, key, rows] of listTables) {
    if (snapshot.tables[name]) continue;
    if (!hasSheet(listsSheet) && !touched.has(listsSheet)) {
      ops.push({ op: "ensureSheet", sheet: listsSheet, tabColour: "#7F7F7F" });
      touched.add(listsSheet);
    }
    const layout = LISTS_LAYOUT[key];
    ops.push(...tableOps(listsSheet, name, layout.columns, 0, layout.col, rows));
    (tracker ? repaired : created).push(`Lists: ${key}`);
  }

  // Inspections and History.
  for (const [name, sheet, columns, label] of [
    [TABLES.inspections, SHEETS.inspections, INSPECTION_COLUMNS, "Inspections"],
    [TABLES.history, SHEETS.history, HISTORY_COLUMNS, SHEETS.history],
  ] as const) {
    if (snapshot.tables[name]) continue;
    if (hasSheet(sheet)) {
      throw new TrackerError(
        "not-ours",
        `This workbook has a sheet called '${sheet}' without Inspection Tracker's table on it. ` +
          `Nothing was changed. Rename that sheet (for example '${sheet} (old)') and set up again.`
      );
    }
    ops.push({ op: "ensureSheet", sheet, tabColour: "#7F7F7F" });
    ops.push(...tableOps(sheet, name, columns, 0, 0, []));
    ops.push({ op: "freeze", sheet, rows: 1 });
    (tracker ? repaired : created).push(label);
  }

  // The Tracker table.
  let rows = 0;
  if (!tracker) {
    ops.push({ op: "ensureSheet", sheet: trackerSheet, tabColour: "#0070C0" });
    ops.push(...tableOps(trackerSheet, TABLES.tracker, TRACKER_COLUMNS, 0, 0, []));
    ops.push({ op: "freeze", sheet: trackerSheet, rows: 1 });
    created.push("Tracker");
  } else {
    rows = tracker.rows.length;
    for (const c of TRACKER_COLUMNS) {
      if (headerIndex(tracker.headers, c.header) < 0) {
        ops.push({
          op: "addTableColumn",
          table: TABLES.tracker,
          header: c.header,
          numberFormat: formatFor(c),
        });
        repaired.push(`Tracker column '${c.header}'`);
      }
    }
  }

  // Status dropdown and colours.
  const source = statusListSource(snapshot, vocabulary);
  const target = { table: TABLES.tracker, column: "Status" };
  if (!tracker || tracker.statusValidation !== source) {
    ops.push({ op: "listValidation", target, source, prompt: STATUS_PROMPT, error: STATUS_ERROR });
    if (tracker) repaired.push("Status dropdown");
  }
  if (!tracker || tracker.statusFormats !== vocabulary.length) {
    ops.push({ op: "conditionalFormats", target, rules: statusRules(vocabulary) });
    if (tracker) repaired.push("Status colours");
  }

  // Metadata, written only when it differs.
  // Every key already recorded is kept (the sheets the add-in created, where it adopted from).
  const meta = {
    ...(snapshot.meta ?? {}),
    ...metaValues(snapshot, trackerSheet),
    ...(options.extraMeta ?? {}),
  };
  const current = snapshot.meta ?? {};
  if (Object.entries(meta).some(([k, v]) => current[k] !== v)) {
    ops.push(...metaOps(meta));
    if (tracker && snapshot.meta) repaired.push("Tracker metadata");
  }

  if (!tracker) ops.push({ op: "activate", sheet: trackerSheet });

  // Refuse before writing anything if a sheet to be written is protected.
  refuseProtected(ops, snapshot.sheets, (t) => snapshot.tables[t]?.sheet);

  return { plan: { ops }, created, repaired, rows };
}
