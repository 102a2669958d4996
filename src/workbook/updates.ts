/**
 * The quarterly update round's plans: each owner's update workbook (the Updates sheet, its
 * protection, dropdown, colours and date check, and the very hidden request stamp), the
 * tracker's id in its metadata, and the merge's writes (changed cells in runs, Last updated,
 * and the Update log the add-in keeps of every change it applied). Pure.
 */
import {
  TABLES,
  TRACKER_COLUMNS,
  TRACKER_HEADER,
  headerIndex,
  type ColumnDef,
  type TrackerKey,
} from "../domain/columns";
import { formatUk, fromExcelSerial, toExcelSerial, type CalendarDate } from "../domain/dates";
import { TrackerError } from "../domain/errors";
import { textOf, type Value } from "../domain/model";
import type { StatusDef } from "../domain/status";
import { LINE_PT, MAX_ROW_PT, linesIn } from "../domain/wrap";
import {
  SENT_KEYS,
  STAMP_ROWS_COL,
  STAMP_SHEET,
  UPDATES_SHEET,
  UPDATES_TABLE,
  UPDATES_TITLE_ROWS,
  UPDATE_COLUMNS,
  stampBlocks,
  type Change,
  type OwnerRequest,
  type RequestStamp,
} from "../domain/updates";
import type { ReadRequest, TableSnapshot, WorkbookSnapshot } from "./host";
import { FORMATS, type CellValue, type PlanOp, type WorkbookPlan } from "./plan";
import { metaOps, metaValues, statusRules, TABLE_STYLE } from "./setup";

/** Metadata keys: the tracker's id (stamped on every request) and the Update log's sheet. */
export const META_TRACKER_ID = "trackerId";
export const META_UPDATE_LOG = "role:updateLog";

export const UPDATE_LOG_SHEET = "Update log";
export const UPDATE_LOG_TABLE = "tblUpdateLog";

export const UPDATE_LOG_COLUMNS: readonly ColumnDef[] = [
  { key: "appliedOn", header: "Applied on", kind: "date", width: 12 },
  { key: "ref", header: "Ref", kind: "text", width: 12 },
  { key: "column", header: "Column", kind: "text", width: 16 },
  { key: "from", header: "From", kind: "text", width: 40, wrap: true },
  { key: "to", header: "To", kind: "text", width: 40, wrap: true },
  { key: "owner", header: "Returned by", kind: "text", width: 20 },
  { key: "request", header: "Request", kind: "text", width: 22 },
  { key: "requestedOn", header: "Requested on", kind: "date", width: 13 },
  { key: "file", header: "File", kind: "text", width: 40 },
];

/** The tracker columns the update round reads (request and merge). */
export const UPDATE_READ_HEADERS: string[] = [
  ...SENT_KEYS.map((k) => TRACKER_HEADER[k]),
  TRACKER_HEADER.lastUpdated,
];

/** What asking and merging read from the tracker's workbook. */
export function updatesRead(): ReadRequest {
  return {
    tables: [TABLES.statuses, TABLES.settings],
    columnsOf: {
      [TABLES.tracker]: UPDATE_READ_HEADERS,
      [UPDATE_LOG_TABLE]: UPDATE_LOG_COLUMNS.map((c) => c.header),
    },
  };
}

/** What merging reads from a returned workbook. */
export const RETURNED_READ: ReadRequest = { sheets: [UPDATES_SHEET, STAMP_SHEET] };

/** The tracker table, or a TrackerError saying there is none. */
export function trackerOf(snapshot: WorkbookSnapshot): TableSnapshot {
  const t = snapshot.tables[TABLES.tracker];
  if (!t) {
    throw new TrackerError(
      "not-a-tracker",
      "This workbook has no tracker (table tblTracker), so there is nothing to ask owners about. Set up or adopt a tracker first."
    );
  }
  return t;
}

/** The contract columns a (possibly partly read) tracker table has. */
export function trackerColumnsOf(table: TableSnapshot): Set<TrackerKey> {
  const out = new Set<TrackerKey>();
  for (const c of TRACKER_COLUMNS) if (headerIndex(table.headers, c.header) >= 0) out.add(c.key);
  return out;
}

/** The 0-based table column of a contract column (table read whole or in part), or -1. */
export function tableColumnOf(table: TableSnapshot, header: string): number {
  const j = headerIndex(table.headers, header);
  if (j < 0) return -1;
  return table.columns ? table.columns[j] : j;
}

/** Plan giving the tracker an id in its metadata (every other key kept as it is). */
export function planTrackerId(snapshot: WorkbookSnapshot, id: string): WorkbookPlan {
  const base = snapshot.meta ?? metaValues(snapshot);
  return { ops: metaOps({ ...base, [META_TRACKER_ID]: id }) };
}

/** A status list for a dropdown: the names, comma-separated, when Excel can take them so. */
function statusListSource(vocabulary: readonly StatusDef[]): string | null {
  const names = vocabulary.map((s) => s.name);
  if (names.some((n) => n.includes(",") || n.includes('"'))) return null;
  const list = names.join(",");
  // Excel limits a list typed into data validation to 255 characters.
  return list.length <= 255 ? list : null;
}

export interface OwnerWorkbookContext {
  stamp: RequestStamp;
  vocabulary: readonly StatusDef[];
  /** Printed in the header and footer (OFFICIAL, OFFICIAL-SENSITIVE). */
  marking: string;
}

/** Excel's date validation window: 1 January 2000 to 31 December 2100. */
export const DATE_WINDOW = {
  from: toExcelSerial({ y: 2000, m: 1, d: 1 }),
  to: toExcelSerial({ y: 2100, m: 12, d: 31 }),
};

/**
 * Heights for the rows whose sent text wraps onto more than one line: LibreOffice does not grow
 * a row to its wrapped text on opening, and an owner should read the whole recommendation.
 */
function itemRowHeights(rows: readonly CellValue[][]): { row: number; height: number }[] {
  const out: { row: number; height: number }[] = [];
  rows.forEach((cells, i) => {
    let lines = 1;
    UPDATE_COLUMNS.forEach((c, j) => {
      const v = cells[j];
      if (c.wrap && v !== null && v !== undefined)
        lines = Math.max(lines, linesIn(String(v), c.width));
    });
    if (lines > 1)
      out.push({ row: UPDATES_TITLE_ROWS + 1 + i, height: Math.min(MAX_ROW_PT, lines * LINE_PT) });
  });
  return out;
}

/** The workbook one owner is sent: the Updates sheet first, the stamp very hidden. */
export function planOwnerWorkbook(request: OwnerRequest, ctx: OwnerWorkbookContext): WorkbookPlan {
  const { stamp, vocabulary } = ctx;
  const n = request.items.length;
  const statusNames = vocabulary.map((s) => s.name).join(", ");
  const editable = UPDATE_COLUMNS.filter((c) => c.editable).map((c) => c.header);
  const title: CellValue[][] = [
    [`Update request for ${request.owner}`],
    [`${stamp.office}: please reply by ${formatUk(stamp.due)}.`],
    [
      `Requested on ${formatUk(stamp.requestedOn)}: ${n} open ${n === 1 ? "item" : "items"}. ` +
        `Write in the white columns only (${editable.join(", ")}); the grey columns are locked.`,
    ],
    [
      `Status: choose from the list (${statusNames}). Dates as dd/mm/yyyy. ` +
        `Leave a cell as it is when nothing has changed.`,
    ],
    [
      "Save the workbook and send it back as it is: keep the Ref column and this sheet's name, " +
        "so your answers can be matched to the tracker.",
    ],
  ];
  const rows: CellValue[][] = request.items.map((item) =>
    UPDATE_COLUMNS.map((c) => (c.prefilled ? (item.sent[c.tracker] ?? null) : null))
  );
  const col = (header: string) => ({ table: UPDATES_TABLE, column: header });
  const listSource = statusListSource(vocabulary);
  const { keys, rows: stampRows } = stampBlocks(stamp);
  const lastRow = UPDATES_TITLE_ROWS + Math.max(1, n);
  const ops: PlanOp[] = [
    { op: "ensureSheet", sheet: UPDATES_SHEET },
    {
      op: "writeCells",
      sheet: UPDATES_SHEET,
      block: { row: 0, col: 0, values: title.slice(0, 1), style: { bold: true, fontSize: 14 } },
    },
    {
      op: "writeCells",
      sheet: UPDATES_SHEET,
      block: { row: 1, col: 0, values: title.slice(1), style: { wrap: false } },
    },
    {
      op: "createTable",
      sheet: UPDATES_SHEET,
      table: {
        name: UPDATES_TABLE,
        row: UPDATES_TITLE_ROWS,
        col: 0,
        headers: UPDATE_COLUMNS.map((c) => c.header),
        rows,
        columnFormats: UPDATE_COLUMNS.map((c) => (c.kind === "date" ? FORMATS.date : FORMATS.text)),
        style: TABLE_STYLE,
      },
    },
    {
      op: "columnWidths",
      sheet: UPDATES_SHEET,
      widths: UPDATE_COLUMNS.map((c, i) => ({ col: i, width: c.width })),
    },
    { op: "rowHeights", sheet: UPDATES_SHEET, rows: itemRowHeights(rows) },
    // Long text wraps; every cell sits at the top of its row, beside the text it belongs to.
    ...UPDATE_COLUMNS.map((c): PlanOp => ({
      op: "columnFormat",
      target: col(c.header),
      numberFormat: c.kind === "date" ? FORMATS.date : FORMATS.text,
      wrap: c.wrap === true,
    })),
    ...UPDATE_COLUMNS.filter((c) => !c.editable).map((c): PlanOp => ({
      op: "conditionalFormats",
      target: col(c.header),
      rules: [{ kind: "formula", formula: "=TRUE", fill: "#F2F2F2" }],
    })),
  ];
  if (listSource) {
    ops.push({
      op: "listValidation",
      target: col("Status"),
      source: listSource,
      prompt: `Choose a status: ${statusNames}`,
      error: `That is not a status. Choose one from the list: ${statusNames}.`,
    });
  }
  ops.push(
    { op: "conditionalFormats", target: col("Status"), rules: statusRules(vocabulary) },
    {
      op: "dateValidation",
      target: col("Revised target date"),
      from: DATE_WINDOW.from,
      to: DATE_WINDOW.to,
      title: "Revised target date",
      prompt: "Only if the target date must move: the new date, as dd/mm/yyyy.",
      error: "That is not a date. Write the new target date as dd/mm/yyyy.",
    },
    { op: "freeze", sheet: UPDATES_SHEET, rows: UPDATES_TITLE_ROWS + 1, cols: 1 },
    {
      op: "pageSetup",
      sheet: UPDATES_SHEET,
      setup: {
        orientation: "landscape",
        paper: "A4",
        fitToPagesWide: 1,
        fitToPagesTall: 0,
        printArea: { row: 0, col: 0, rows: lastRow + 1, cols: UPDATE_COLUMNS.length },
        header: ctx.marking,
        footer: ctx.marking,
        centerHorizontally: false,
      },
    },
    { op: "protectSheet", sheet: UPDATES_SHEET, unlocked: editable.map(col) },
    { op: "ensureSheet", sheet: STAMP_SHEET, visibility: "veryHidden" },
    {
      op: "writeCells",
      sheet: STAMP_SHEET,
      block: { row: 0, col: 0, values: keys, columnFormats: [FORMATS.text, FORMATS.text] },
    },
    {
      op: "writeCells",
      sheet: STAMP_SHEET,
      block: { row: 0, col: STAMP_ROWS_COL, values: stampRows },
    },
    { op: "activate", sheet: UPDATES_SHEET }
  );
  return { ops };
}

/** A value as the Update log shows it: dates as dd/mm/yyyy, blank as blank. */
function logText(v: Value, key: TrackerKey): string {
  if (v === null || textOf(v) === "") return "";
  if (key === "targetDate" && typeof v === "number")
    return formatUk(fromExcelSerial(Math.floor(v)));
  return String(v);
}

export interface MergePlanOutcome {
  plan: WorkbookPlan;
  /** The sheet the Update log is on (made now or before). */
  logSheet: string;
  /** Rows whose Last updated was set (0 when the tracker has no such column). */
  lastUpdated: number;
}

/** The sheet a new Update log goes on: 'Update log', or 'Update log (tracker)' when that is taken. */
export function logSheetFor(snapshot: WorkbookSnapshot): string {
  const taken = new Set(snapshot.sheets.map((s) => s.name.toLowerCase()));
  if (!taken.has(UPDATE_LOG_SHEET.toLowerCase())) return UPDATE_LOG_SHEET;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${UPDATE_LOG_SHEET} (tracker)` : `${UPDATE_LOG_SHEET} (tracker ${n})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Write the accepted changes, set Last updated on their rows, and log each one. */
export function planMergeApply(
  snapshot: WorkbookSnapshot,
  changes: readonly Change[],
  today: CalendarDate
): MergePlanOutcome {
  const tracker = trackerOf(snapshot);
  const log = snapshot.tables[UPDATE_LOG_TABLE];
  const logSheet = log?.sheet ?? logSheetFor(snapshot);
  if (changes.length === 0) return { plan: { ops: [] }, logSheet, lastUpdated: 0 };
  const ops: PlanOp[] = [];

  // Changed cells, one write per run of consecutive rows in a column.
  const byColumn = new Map<TrackerKey, Change[]>();
  for (const c of changes) {
    const list = byColumn.get(c.trackerKey);
    if (list) list.push(c);
    else byColumn.set(c.trackerKey, [c]);
  }
  const runs = (rows: { row: number; value: CellValue }[], col: number) => {
    rows.sort((a, b) => a.row - b.row);
    for (let i = 0; i < rows.length;) {
      let j = i + 1;
      while (j < rows.length && rows[j].row === rows[j - 1].row + 1) j++;
      ops.push({
        op: "writeTableCells",
        table: TABLES.tracker,
        row: rows[i].row,
        col,
        values: rows.slice(i, j).map((r) => [r.value]),
      });
      i = j;
    }
  };
  for (const [key, list] of byColumn) {
    const col = tableColumnOf(tracker, TRACKER_HEADER[key]);
    if (col < 0) {
      throw new TrackerError(
        "not-a-tracker",
        `The tracker has no '${TRACKER_HEADER[key]}' column any more. Nothing was changed.`
      );
    }
    runs(
      list.map((c) => ({ row: c.rowIndex, value: c.to })),
      col
    );
  }
  const todaySerial = toExcelSerial(today);
  const touched = [...new Set(changes.map((c) => c.rowIndex))];
  const lastCol = tableColumnOf(tracker, TRACKER_HEADER.lastUpdated);
  if (lastCol >= 0)
    runs(
      touched.map((row) => ({ row, value: todaySerial })),
      lastCol
    );

  const entries = changes.map((c) => ({
    appliedOn: todaySerial,
    ref: c.ref,
    column: c.column,
    from: logText(c.from, c.trackerKey),
    to: logText(c.to, c.trackerKey),
    owner: c.owner,
    request: c.requestId,
    requestedOn: toExcelSerial(c.requestedOn),
    file: c.file,
  })) as Record<string, CellValue>[];
  if (log) {
    // Rows in the log's own column order (the analyst may have moved or added columns).
    const width = log.columns
      ? Math.max(...log.columns, log.headers.length - 1) + 1
      : log.headers.length;
    const rows = entries.map((e) => {
      const row: CellValue[] = new Array(width).fill(null);
      UPDATE_LOG_COLUMNS.forEach((c) => {
        const j = tableColumnOf(log, c.header);
        if (j >= 0) row[j] = e[c.key];
      });
      return row;
    });
    ops.push({ op: "appendRows", table: UPDATE_LOG_TABLE, rows });
  } else {
    ops.push(
      { op: "ensureSheet", sheet: logSheet },
      {
        op: "writeCells",
        sheet: logSheet,
        block: {
          row: 0,
          col: 0,
          values: [
            ["Update log"],
            [
              "Every change merged from owners' returned update workbooks, as Inspection Tracker applied it. Added to, never rewritten.",
            ],
          ],
        },
      },
      {
        op: "createTable",
        sheet: logSheet,
        table: {
          name: UPDATE_LOG_TABLE,
          row: 3,
          col: 0,
          headers: UPDATE_LOG_COLUMNS.map((c) => c.header),
          rows: entries.map((e) => UPDATE_LOG_COLUMNS.map((c) => e[c.key])),
          columnFormats: UPDATE_LOG_COLUMNS.map((c) =>
            c.kind === "date" ? FORMATS.date : FORMATS.text
          ),
          style: TABLE_STYLE,
        },
      },
      {
        op: "columnWidths",
        sheet: logSheet,
        widths: UPDATE_LOG_COLUMNS.map((c, i) => ({ col: i, width: c.width })),
      },
      { op: "freeze", sheet: logSheet, rows: 4 }
    );
  }
  const meta = snapshot.meta ?? metaValues(snapshot);
  if (meta[META_UPDATE_LOG] !== logSheet) {
    ops.push(...metaOps({ ...meta, [META_UPDATE_LOG]: logSheet }));
  }
  return { plan: { ops }, logSheet, lastUpdated: lastCol >= 0 ? touched.length : 0 };
}
