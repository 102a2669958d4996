/**
 * Pure helpers for the update round's domain tests: tracker rows, a request's stamp and
 * Updates sheet as the grids a host would read back, edited by the test.
 */
import { TRACKER_COLUMNS, type TrackerKey } from "../../src/domain/columns";
import type { TrackerRow, Value } from "../../src/domain/model";
import {
  STAMP_ROWS_COL,
  UPDATE_COLUMNS,
  UPDATES_SHEET,
  readStamp,
  readUpdatesSheet,
  selectRequests,
  stampBlocks,
  type OwnerRequest,
  type RequestStamp,
  type ReturnedFile,
  type SheetGrid,
} from "../../src/domain/updates";
import { TODAY, DUE, trackerRow, type RowValues } from "./fixtures";

export function rowsOf(values: readonly RowValues[]): TrackerRow[] {
  return values.map((v, i) => {
    const vals = {} as Record<TrackerKey, Value>;
    for (const c of TRACKER_COLUMNS) vals[c.key] = (v[c.key] ?? null) as Value;
    return { sheetRow: i + 2, index: i, values: vals, extras: {} };
  });
}

export function sampleRows(n: number): TrackerRow[] {
  return rowsOf(Array.from({ length: n }, (_, i) => trackerRow(i)));
}

export function stampFor(req: OwnerRequest, trackerId = "T-TEST"): RequestStamp {
  return {
    trackerId,
    requestId: "R-2026-06-30-TEST",
    owner: req.owner,
    office: "Office of the Wessex Police and Crime Commissioner",
    requestedOn: TODAY,
    due: DUE,
    rows: req.items.map((i) => ({ ref: i.ref, fingerprint: i.fingerprint, sent: i.sent })),
  };
}

/** The stamp sheet's used range as a host reads it. */
export function stampGrid(stamp: RequestStamp): SheetGrid {
  const { keys, rows } = stampBlocks(stamp);
  const height = Math.max(keys.length, rows.length);
  const values: Value[][] = [];
  for (let r = 0; r < height; r++) {
    const row: Value[] = new Array(STAMP_ROWS_COL + rows[0].length).fill(null);
    (keys[r] ?? []).forEach((v, j) => (row[j] = v));
    (rows[r] ?? []).forEach((v, j) => (row[STAMP_ROWS_COL + j] = v));
    values.push(row);
  }
  return { row: 0, col: 0, values };
}

/** The Updates sheet as sent: five title rows, a blank row, the header, one row per item. */
export function updatesGrid(req: OwnerRequest): Value[][] {
  return [
    [`Update request for ${req.owner}`],
    ["Office: please reply by 17/07/2026."],
    ["Requested on 30/06/2026"],
    ["Status: choose from the list"],
    ["Save the workbook and send it back"],
    [],
    UPDATE_COLUMNS.map((c) => c.header),
    ...req.items.map((i) =>
      UPDATE_COLUMNS.map((c) => (c.prefilled ? (i.sent[c.tracker] ?? null) : null))
    ),
  ];
}

/** Set a cell of the Updates grid by Ref and header. */
export function edit(grid: Value[][], ref: string, header: string, value: Value): void {
  const h = grid.findIndex((r) => r[0] === "Ref");
  const j = grid[h].indexOf(header);
  const row = grid.find((r, i) => i > h && r[grid[h].indexOf("Ref")] === ref);
  if (!row || j < 0) throw new Error(`no ${ref}/${header}`);
  row[j] = value;
}

export function returnedFile(
  file: string,
  stamp: RequestStamp | null,
  grid: Value[][] | null,
  formats?: string[][]
): ReturnedFile {
  return {
    file,
    stamp: readStamp(stamp ? stampGrid(stamp) : null),
    sheet: readUpdatesSheet(
      grid ? { row: 0, col: 0, values: grid, numberFormats: formats } : null,
      UPDATES_SHEET
    ),
  };
}

/** A tracker of n sample rows and the request for its first owner. */
export function firstOwnerRequest(rows: TrackerRow[]): OwnerRequest {
  const sel = selectRequests(rows, { date: TODAY });
  return sel.requests[0];
}
