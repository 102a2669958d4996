/**
 * The request stamp: what an owner workbook carries on its very hidden sheet so the merge can
 * trust it. Which tracker and request it came from, whom it was for, and for each row the
 * values as sent with their fingerprint. A checksum over the whole stamp and a fingerprint per
 * row tell an edited stamp from an intact one. Pure.
 *
 * Layout (0-based): key/value pairs in columns A:B from row 0 (header "Key", "Value"); the rows
 * from column D, header row 0 ("Fingerprint", then the sent columns), one row per item.
 */
import { formatIso, parseIso, type CalendarDate } from "../dates";
import { textOf, type Value } from "../model";
import { hash64, rowFingerprint, type SentValues } from "./fingerprint";
import { SENT_HEADERS, SENT_KEYS, STAMP_KIND, STAMP_ROWS_COL, STAMP_VERSION } from "./layout";

export interface StampRow {
  ref: string;
  fingerprint: string;
  sent: SentValues;
}

export interface RequestStamp {
  trackerId: string;
  requestId: string;
  owner: string;
  office: string;
  requestedOn: CalendarDate;
  due: CalendarDate;
  rows: StampRow[];
}

/** A block of cells as read from a sheet: where its first cell is (0-based) and the values. */
export interface Grid {
  row: number;
  col: number;
  values: Value[][];
}

export function stampChecksum(stamp: RequestStamp): string {
  return hash64(
    [
      STAMP_KIND,
      stamp.trackerId,
      stamp.requestId,
      stamp.owner,
      formatIso(stamp.requestedOn),
      formatIso(stamp.due),
      ...stamp.rows.map((r) => r.fingerprint),
    ].join("\u001f")
  );
}

/** The stamp's two blocks of cells: key/value pairs (at A1) and rows (at D1). */
export function stampBlocks(stamp: RequestStamp): { keys: Value[][]; rows: Value[][] } {
  const keys: Value[][] = [
    ["Key", "Value"],
    ["kind", STAMP_KIND],
    ["version", STAMP_VERSION],
    ["trackerId", stamp.trackerId],
    ["requestId", stamp.requestId],
    ["owner", stamp.owner],
    ["office", stamp.office],
    ["requestedOn", formatIso(stamp.requestedOn)],
    ["due", formatIso(stamp.due)],
    ["items", String(stamp.rows.length)],
    ["checksum", stampChecksum(stamp)],
  ];
  const rows: Value[][] = [
    ["Fingerprint", ...SENT_KEYS.map((k) => SENT_HEADERS[k])],
    ...stamp.rows.map((r) => [r.fingerprint, ...SENT_KEYS.map((k) => r.sent[k] ?? null)]),
  ];
  return { keys, rows };
}

export type StampRead = { ok: true; stamp: RequestStamp } | { ok: false; reason: string };

function cellAt(grid: Grid, r: number, c: number): Value {
  return grid.values[r - grid.row]?.[c - grid.col] ?? null;
}

/** Read and verify a stamp from its sheet's cells (null when the workbook has no stamp sheet). */
export function readStamp(grid: Grid | null): StampRead {
  const notOurs = {
    ok: false as const,
    reason: "it is not an update workbook made by Inspection Tracker (it has no request stamp)",
  };
  if (!grid || grid.values.length === 0) return notOurs;
  const keys: Record<string, string> = {};
  const lastRow = grid.row + grid.values.length - 1;
  for (let r = Math.max(grid.row, 1); r <= lastRow; r++) {
    const k = textOf(cellAt(grid, r, 0));
    if (k) keys[k] = textOf(cellAt(grid, r, 1));
  }
  if (keys.kind !== STAMP_KIND) return notOurs;
  if (keys.version !== STAMP_VERSION) {
    return {
      ok: false,
      reason: `it was made by a different version of Inspection Tracker (request stamp version ${keys.version || "unknown"}); ask the owner to fill in a new request`,
    };
  }
  const damaged = (what: string): StampRead => ({
    ok: false,
    reason: `its request stamp has been changed (${what}), so its rows cannot be matched safely; ask the owner to copy their answers into a new request`,
  });
  const requestedOn = parseIso(keys.requestedOn ?? "");
  const due = parseIso(keys.due ?? "");
  if (!keys.trackerId || !keys.requestId || !requestedOn || !due) return damaged("its keys");

  const header = SENT_KEYS.map((_, j) => textOf(cellAt(grid, 0, STAMP_ROWS_COL + 1 + j)));
  if (
    textOf(cellAt(grid, 0, STAMP_ROWS_COL)) !== "Fingerprint" ||
    header.some((h, j) => h !== SENT_HEADERS[SENT_KEYS[j]])
  ) {
    return damaged("its header row");
  }
  const rows: StampRow[] = [];
  for (let r = 1; r <= lastRow; r++) {
    const fp = textOf(cellAt(grid, r, STAMP_ROWS_COL));
    if (!fp) continue;
    const sent: SentValues = {};
    SENT_KEYS.forEach((k, j) => (sent[k] = cellAt(grid, r, STAMP_ROWS_COL + 1 + j)));
    if (rowFingerprint(sent) !== fp) return damaged(`row ${r + 1}`);
    rows.push({ ref: textOf(sent.ref), fingerprint: fp, sent });
  }
  const stamp: RequestStamp = {
    trackerId: keys.trackerId,
    requestId: keys.requestId,
    owner: keys.owner ?? "",
    office: keys.office ?? "",
    requestedOn,
    due,
    rows,
  };
  if (String(rows.length) !== keys.items || stampChecksum(stamp) !== keys.checksum) {
    return damaged("its checksum");
  }
  return { ok: true, stamp };
}
