/**
 * The `--as-at` option of `check`, `summary` and `record`: a day written as 2026-03-31 or
 * 31/03/2026, as an Excel serial. Anything else is refused with the two forms it takes. Node only.
 */
import { parseIso, parseUkDate, toExcelSerial } from "../domain/dates";
import { UsageError } from "./io";

/** An --as-at value as an Excel serial, or a UsageError naming the forms it takes. */
export function parseAsAt(text: string): number {
  const t = text.trim();
  const iso = parseIso(t);
  if (iso) return toExcelSerial(iso);
  // dd/mm/yyyy only (a four-digit year): the UK form, never a month-first reading.
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(t)) {
    const uk = parseUkDate(t);
    if (uk.date && !uk.approximate && !uk.ambiguity) return toExcelSerial(uk.date);
  }
  throw new UsageError(
    `--as-at ${text} is not a date (use YYYY-MM-DD or DD/MM/YYYY, for example 2026-03-31 or 31/03/2026)`
  );
}
