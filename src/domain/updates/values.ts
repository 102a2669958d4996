/**
 * What an owner wrote in an editable cell, judged before anything reaches the tracker. A status
 * must be one of the vocabulary's names (any case or spacing) or a whole-word synonym the
 * design names (Completed, Done, Closed, Blue, Yellow, No further action); abbreviations and
 * misspellings ("G", "grn") are refused, because the owner had a dropdown and a guess here would
 * be applied without anyone seeing the original. A date must be a day (a date cell, or text such
 * as 31/03/2027, 31 March 2027; a month or a financial quarter is read as its last day and
 * said so); anything else is refused with the reason. Pure.
 */
import { formatUk, fromExcelSerial, isDateFormat, parseUkDate, toExcelSerial } from "../dates";
import type { Value } from "../model";
import { DEFAULT_STATUSES, foldStatus, normaliseStatus, type StatusDef } from "../status";
import { isExcelError } from "../text";
import { canonicalText } from "./fingerprint";
import type { ReturnedCell } from "./returned";

export type Verdict =
  { ok: true; value: Value; note: string | null } | { ok: false; reason: string };

/** Whole words the design reads as a status (never abbreviations). */
const WORD_SYNONYMS: Record<string, string> = {
  yellow: "Amber",
  blue: "Complete",
  completed: "Complete",
  closed: "Complete",
  done: "Complete",
  "no further action": "Superseded",
};

/** Serial numbers read as dates even without a date format: 1 Jan 2000 to 31 Dec 2100. */
const PLAUSIBLE_SERIALS = { from: 36526, to: 73415 };

const quote = (s: string) => `'${s.length > 60 ? s.slice(0, 57) + "…" : s}'`;

function errorValue(cell: ReturnedCell): Verdict | null {
  return isExcelError(cell.value)
    ? { ok: false, reason: `${String(cell.value)} is an Excel error, not an answer` }
    : null;
}

export function returnedStatus(
  cell: ReturnedCell,
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES
): Verdict {
  const err = errorValue(cell);
  if (err) return err;
  const raw = canonicalText(cell.value);
  const names = vocabulary.map((s) => s.name).join(", ");
  const exact = vocabulary.find((s) => s.name === raw);
  if (exact) return { ok: true, value: exact.name, note: null };
  const folded = foldStatus(raw);
  const byFold = vocabulary.find((s) => foldStatus(s.name) === folded);
  if (byFold) return { ok: true, value: byFold.name, note: `${quote(raw)} read as ${byFold.name}` };
  const synonym = WORD_SYNONYMS[folded];
  const target = synonym ? vocabulary.find((s) => s.name === synonym) : undefined;
  if (target) return { ok: true, value: target.name, note: `${quote(raw)} read as ${target.name}` };
  const judged = normaliseStatus(raw, vocabulary);
  if (judged.verdict === "ambiguous" && judged.note) return { ok: false, reason: judged.note };
  return { ok: false, reason: `${quote(raw)} is not a status: choose one of ${names}` };
}

export function returnedDate(cell: ReturnedCell): Verdict {
  const err = errorValue(cell);
  if (err) return err;
  const v = cell.value;
  if (typeof v === "number") {
    const dated = isDateFormat(cell.numberFormat);
    if (
      Number.isFinite(v) &&
      (dated || (v >= PLAUSIBLE_SERIALS.from && v <= PLAUSIBLE_SERIALS.to))
    ) {
      const parsed = parseUkDate(Math.floor(v));
      if (parsed.date) return { ok: true, value: toExcelSerial(parsed.date), note: null };
    }
    return {
      ok: false,
      reason: `${quote(cell.text || String(v))} is not a date (write dd/mm/yyyy)`,
    };
  }
  const text = canonicalText(v);
  const parsed = parseUkDate(text);
  if (!parsed.date) {
    return { ok: false, reason: `${quote(text)} is not a date (write dd/mm/yyyy)` };
  }
  if (parsed.ambiguity) return { ok: false, reason: parsed.ambiguity };
  const serial = toExcelSerial(parsed.date);
  if (parsed.approximate) {
    return {
      ok: true,
      value: serial,
      note: `${quote(text)} read as ${formatUk(fromExcelSerial(serial))}, the last day of that period`,
    };
  }
  return { ok: true, value: serial, note: null };
}

export function returnedText(cell: ReturnedCell): Verdict {
  const err = errorValue(cell);
  if (err) return err;
  const v = cell.value;
  // A number the owner typed shows as Excel shows it (a date typed into a text column included).
  if (typeof v === "number") {
    return { ok: true, value: cell.text ? canonicalText(cell.text) : String(v), note: null };
  }
  return { ok: true, value: canonicalText(v), note: null };
}
