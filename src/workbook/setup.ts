/**
 * "Set up tracker": the plan that makes a workbook a tracker, or repairs the pieces that are
 * missing. Computed from a snapshot; never touches a data row that exists. The sheets come in
 * the order Tracker, (Summary,) Inspections, Lists, Status history; the Tracker has dropdowns
 * on Status (strict) and on Theme, Owner and Addressed to (from Lists, lenient: Check flags a
 * value not listed), its header row and Ref column frozen, and prints A4 landscape one page
 * wide with the header row on every page. Lists' Owners take the owners the rows name. Pure.
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
import { textOf, type Value } from "../domain/model";
import { DEFAULT_ADDRESSEES } from "../domain/record/addressees";
import { foldText, normaliseSpace } from "../domain/text";
import type { StatusDef } from "../domain/status";
import type { TableSnapshot, WorkbookSnapshot } from "./host";
import {
  FORMATS,
  refuseProtected,
  sheetRef,
  type CellValue,
  type ConditionalRule,
  type PlanOp,
  type WorkbookPlan,
} from "./plan";
import { fitPlanToCells, type CutCell } from "./cell-limit";
import { ALL_TABLES, readVocabulary } from "./read";

export const SCHEMA_VERSION = "1";
export const TABLE_STYLE = "TableStyleMedium2";
export const STATUS_PROMPT = "Choose a status from the list (Lists sheet)";
export const STATUS_ERROR =
  "That is not a status in this tracker's list. Choose one from the dropdown.";

/** What set-up needs to read. */
export const SETUP_READ = { tables: ALL_TABLES };

/**
 * The metadata key that says which version of the Tracker's layout set-up has applied: 2 adds
 * the Theme, Owner and Addressed to dropdowns, the print set-up and the frozen Ref column. A
 * tracker without it gets them once (an analyst who later changes them is not overruled).
 */
export const LAYOUT_KEY = "trackerLayout";
export const LAYOUT_VERSION = "2";

/** A Tracker column whose dropdown lists a Lists table the analyst extends. */
export interface ListDropdown {
  column: string;
  table: string;
  list: keyof typeof LISTS_LAYOUT;
  /** The Lists table's column. */
  header: string;
  prompt: string;
  error: string;
}

export const LIST_DROPDOWNS: readonly ListDropdown[] = [
  {
    column: "Theme",
    table: TABLES.themes,
    list: "themes",
    header: "Theme",
    prompt: "Choose the assurance area (Lists sheet)",
    error:
      "This theme is not on the Lists sheet. OK keeps it (Check will offer to add it to Lists); Cancel lets you choose one.",
  },
  {
    column: "Owner",
    table: TABLES.owners,
    list: "owners",
    header: "Owner",
    prompt: "Choose the owner (Lists sheet), or type a new one",
    error:
      "This owner is not on the Lists sheet yet. OK keeps it (Check will offer to add it to Lists); Cancel lets you choose one.",
  },
  {
    column: "Addressed to",
    table: TABLES.addressees,
    list: "addressees",
    header: "Addressed to",
    prompt: "The force, a national body, or Not stated (Lists sheet)",
    error:
      "This is not on the Lists sheet's addressees. OK keeps it (Check will offer to add it to Lists); Cancel lets you choose one.",
  },
];

/**
 * A dropdown's source: every value of the Lists table's column however many there are, so a
 * theme or owner added to the table shows in the dropdown at once (OFFSET over the filled
 * cells below the header; Excel and LibreOffice both evaluate it).
 */
export function listSource(
  snapshot: WorkbookSnapshot,
  d: Pick<ListDropdown, "table" | "list" | "header">
): string {
  const t = snapshot.tables[d.table];
  const sheet = sheetRef(t?.sheet ?? SHEETS.lists);
  const row = t?.row ?? 0;
  const c = columnLetter(
    (t?.col ?? LISTS_LAYOUT[d.list].col) + (t ? Math.max(0, headerIndex(t.headers, d.header)) : 0)
  );
  return `=OFFSET(${sheet}!$${c}$${row + 2},0,0,MAX(1,COUNTA(${sheet}!$${c}:$${c})-${row + 1}),1)`;
}

/** The values a table holds in one column (non-empty, spaces normalised, as written). */
export function columnValues(table: TableSnapshot | undefined, header: string): string[] {
  if (!table) return [];
  const j = headerIndex(table.headers, header);
  if (j < 0) return [];
  return table.rows.map((r) => normaliseSpace(textOf(r[j] ?? null))).filter((v) => v !== "");
}

/** Values not on a list (compared without case or extra spaces), each once, first spelling kept. */
export function unlisted(values: Iterable<Value>, listed: readonly string[]): string[] {
  const known = new Set(listed.map(foldText));
  const out: string[] = [];
  for (const v of values) {
    const t = normaliseSpace(textOf(v));
    if (t === "" || known.has(foldText(t))) continue;
    known.add(foldText(t));
    out.push(t);
  }
  return out;
}

/** The Tracker's print set-up: A4 landscape, one page wide, its header row on every page. */
export function trackerPrint(sheet: string, headerRow: number): PlanOp {
  return {
    op: "pageSetup",
    sheet,
    setup: {
      orientation: "landscape",
      paper: "A4",
      fitToPagesWide: 1,
      fitToPagesTall: 0,
      printTitleRows: { first: headerRow, last: headerRow },
      centerHorizontally: false,
    },
  };
}

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
  /** Texts too long for a cell (an owner the rows name, say), cut to fit and marked. */
  cut: CutCell[];
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

function notOurs(sheet: string, what: string): TrackerError {
  return new TrackerError(
    "not-ours",
    `This workbook has a sheet called '${sheet}' without Inspection Tracker's ${what} on it. ` +
      `Nothing was changed. Rename that sheet (for example '${sheet} (old)') and set up again.`
  );
}

export function planSetup(snapshot: WorkbookSnapshot, options: SetupOptions = {}): SetupOutcome {
  const trackerSheet = options.trackerSheet ?? SHEETS.tracker;
  const created: string[] = [];
  const repaired: string[] = [];
  const sheetNames = new Set(snapshot.sheets.map((s) => s.name.toLowerCase()));
  const hasSheet = (n: string) => sheetNames.has(n.toLowerCase());
  const tracker = snapshot.tables[TABLES.tracker];
  const done = (label: string) => (tracker ? repaired : created).push(label);

  if (!tracker && hasSheet(trackerSheet)) {
    throw new TrackerError(
      "not-ours",
      `This workbook already has a sheet called '${trackerSheet}' that Inspection Tracker did not make. ` +
        `Nothing was changed. To keep it and make it a tracker, use Adopt; or rename that sheet and set up again.`
    );
  }

  // Where each sheet is (or goes): Tracker, then the Summary when there is one, Inspections,
  // Lists and Status history, each created just after the one before it.
  const vocabulary = readVocabulary(snapshot);
  const listTables: [string, keyof typeof LISTS_LAYOUT, CellValue[][]][] = [
    [
      TABLES.statuses,
      "statuses",
      vocabulary.map((s) => [s.name, s.meaning, s.colour, s.closed ? "Yes" : "No"]),
    ],
    [TABLES.themes, "themes", []],
    [TABLES.owners, "owners", []],
    [TABLES.settings, "settings", DEFAULT_SETTINGS.map((s) => [s.setting, s.value, s.note])],
    [TABLES.addressees, "addressees", DEFAULT_ADDRESSEES.map((a) => [a])],
  ];
  const listsSheet =
    listTables.map(([n]) => snapshot.tables[n]?.sheet).find((s): s is string => Boolean(s)) ??
    SHEETS.lists;
  if (hasSheet(listsSheet) && listTables.every(([n]) => !snapshot.tables[n])) {
    // A sheet of the analyst's own called Lists: creating our tables on it would write over it.
    throw notOurs(listsSheet, "lists");
  }
  const trackerOn = tracker?.sheet ?? trackerSheet;
  const summaryOn = snapshot.meta?.["role:summary"];
  const inspectionsOn = snapshot.tables[TABLES.inspections]?.sheet ?? SHEETS.inspections;

  // The Tracker table.
  const trackerOps: PlanOp[] = [];
  const addedColumns = new Set<string>();
  if (!tracker) {
    trackerOps.push({ op: "ensureSheet", sheet: trackerSheet, tabColour: "#0070C0" });
    trackerOps.push(...tableOps(trackerSheet, TABLES.tracker, TRACKER_COLUMNS, 0, 0, []));
    created.push("Tracker");
  } else {
    for (const c of TRACKER_COLUMNS) {
      if (headerIndex(tracker.headers, c.header) >= 0) continue;
      trackerOps.push({
        op: "addTableColumn",
        table: TABLES.tracker,
        header: c.header,
        numberFormat: formatFor(c),
      });
      addedColumns.add(c.header);
      repaired.push(`Tracker column '${c.header}'`);
    }
  }

  // Inspections and History.
  const sheetOps = new Map<string, PlanOp[]>();
  for (const [name, sheet, columns, label, after] of [
    [
      TABLES.inspections,
      SHEETS.inspections,
      INSPECTION_COLUMNS,
      "Inspections",
      summaryOn && hasSheet(summaryOn) ? summaryOn : trackerOn,
    ],
    [TABLES.history, SHEETS.history, HISTORY_COLUMNS, SHEETS.history, listsSheet],
  ] as const) {
    if (snapshot.tables[name]) continue;
    if (hasSheet(sheet)) throw notOurs(sheet, "table");
    sheetOps.set(name, [
      { op: "ensureSheet", sheet, tabColour: "#7F7F7F", after },
      ...tableOps(sheet, name, columns, 0, 0, []),
      { op: "freeze", sheet, rows: 1 },
    ]);
    done(label);
  }

  // Lists: statuses, themes, owners (with those the rows name), settings, addressees.
  const listOps: PlanOp[] = [];
  const owners = unlisted(
    tracker ? columnValues(tracker, "Owner") : [],
    columnValues(snapshot.tables[TABLES.owners], "Owner")
  );
  const createdLists = new Set<string>();
  for (const [name, key, rows] of listTables) {
    if (snapshot.tables[name]) continue;
    if (!hasSheet(listsSheet) && listOps.length === 0)
      listOps.push({
        op: "ensureSheet",
        sheet: listsSheet,
        tabColour: "#7F7F7F",
        after: inspectionsOn,
      });
    const layout = LISTS_LAYOUT[key];
    const filled = name === TABLES.owners ? [...rows, ...owners.map((o) => [o])] : rows;
    listOps.push(...tableOps(listsSheet, name, layout.columns, 0, layout.col, filled));
    createdLists.add(name);
    done(`Lists: ${key}`);
  }
  if (owners.length > 0) {
    if (!createdLists.has(TABLES.owners))
      listOps.push({ op: "appendRows", table: TABLES.owners, rows: owners.map((o) => [o]) });
    repaired.push(
      `Lists: ${owners.length} ${owners.length === 1 ? "owner" : "owners"} from the rows`
    );
  }

  const ops: PlanOp[] = [
    ...trackerOps,
    ...(sheetOps.get(TABLES.inspections) ?? []),
    ...listOps,
    ...(sheetOps.get(TABLES.history) ?? []),
  ];

  // Status dropdown (strict) and colours.
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

  // Theme, Owner and Addressed to dropdowns, frozen Ref column, print set-up: once per tracker,
  // and again for a dropdown whose list or column is put back now.
  const layoutDue = !tracker || snapshot.meta?.[LAYOUT_KEY] !== LAYOUT_VERSION;
  for (const d of LIST_DROPDOWNS) {
    if (!layoutDue && !createdLists.has(d.table) && !addedColumns.has(d.column)) continue;
    ops.push({
      op: "listValidation",
      target: { table: TABLES.tracker, column: d.column },
      source: listSource(snapshot, d),
      prompt: d.prompt,
      error: d.error,
      strict: false,
    });
    if (tracker) repaired.push(`${d.column} dropdown`);
  }
  if (layoutDue) {
    const headerRow = tracker?.row ?? 0;
    const refCol =
      (tracker?.col ?? 0) + Math.max(0, headerIndex(tracker?.headers ?? ["Ref"], "Ref"));
    // The Ref column stays in view when it is the sheet's first or second column; a tracker
    // kept further right is not frozen across its whole width.
    ops.push({
      op: "freeze",
      sheet: trackerOn,
      rows: headerRow + 1,
      cols: refCol <= 1 ? refCol + 1 : 0,
    });
    ops.push(trackerPrint(trackerOn, headerRow));
    if (tracker) repaired.push("Tracker print set-up and frozen Ref column");
  }

  // Metadata, written only when it differs.
  // Every key already recorded is kept (the sheets the add-in created, where it adopted from).
  const meta = {
    ...(snapshot.meta ?? {}),
    ...metaValues(snapshot, trackerSheet),
    [LAYOUT_KEY]: LAYOUT_VERSION,
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

  // No cell over Excel's 32,767 characters is ever written: cut, marked and reported.
  const { plan, cut } = fitPlanToCells({ ops });
  return { plan, created, repaired, rows: tracker?.rows.length ?? 0, cut };
}
