/**
 * Excel's size limits and what the host sends within them. Excel on the web refuses requests and
 * responses over 5 MB (docs "Resource limits and performance optimization"); Windows and Mac
 * document no such limit. Pure: no Office.js calls.
 */

/** Excel on the web refuses requests over 5 MB; stay well under it. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/**
 * Excel on Windows and Mac has no request limit (the 5 MB one is Excel on the web's); a request
 * is still capped, so that no single one holds an unbounded amount of memory.
 */
export const MAX_DESKTOP_REQUEST_BYTES = 64 * 1024 * 1024;
/** Excel on the web refuses responses over 5 MB. */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
/**
 * Reading formulas doubles what Excel sends back (formulas come for every cell), and Excel on the
 * web refuses responses over 5 MB. Up to this many rows a table's formulas are read with it; above
 * it, the check still finds text Excel took as a formula by its error value (#NAME?).
 */
export const MAX_FORMULA_ROWS = 2000;

/**
 * The request size to split at on this client: Office.onReady's platform ("PC", "Mac",
 * "OfficeOnline", "iOS", ...). Only Windows and Mac are known to have no 5 MB limit; anything
 * else, or not knowing, keeps Excel on the web's.
 */
export function requestLimitFor(platform: string | null | undefined): number {
  return platform === "PC" || platform === "Mac" ? MAX_DESKTOP_REQUEST_BYTES : MAX_REQUEST_BYTES;
}

/** What a value adds to a request or a response: its JSON length. */
export function estimate(data: unknown): number {
  return data === undefined ? 0 : JSON.stringify(data).length;
}

/** Rows in chunks whose JSON stays under `bytes` (at least one row each), with their size. */
export function* chunkRows<T>(rows: T[][], bytes: number): Generator<[number, T[][], number]> {
  let start = 0;
  let size = 0;
  for (let i = 0; i < rows.length; i++) {
    const s = estimate(rows[i]) + 1;
    if (i > start && size + s > bytes) {
      yield [start, rows.slice(start, i), size];
      start = i;
      size = 0;
    }
    size += s;
  }
  if (start < rows.length) yield [start, rows.slice(start), size];
}
