/**
 * Each item's warning messages, by item index: what the pane's preview shows beside each item.
 * Apart from the parser (parse.ts) so that the pane can show a parsed record's warnings without
 * loading the parser and its HTML reader (htmlparser2), which it loads only to read a record.
 */
import type { ParsedRecord } from "./types";

/** Each item's warning messages, by item index (one pass, however many warnings). */
export function itemWarnings(record: ParsedRecord): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const w of record.warnings) {
    if (w.item === undefined) continue;
    const list = out.get(w.item);
    if (list) list.push(w.message);
    else out.set(w.item, [w.message]);
  }
  return out;
}
