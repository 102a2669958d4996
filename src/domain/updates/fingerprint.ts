/**
 * Fingerprints of tracker rows as a request sent them, and the canonical form of a cell value
 * that both the fingerprint and the merge's comparisons use, so a value is "the same" in the
 * same way everywhere (trailing spaces, line endings and a date written as text or as a serial
 * do not count as changes). Pure.
 *
 * The fingerprint guards against accidents, not against an adversary: it tells the merge that a
 * tracker row changed since the request, or that a stamp was edited. It is two 32-bit FNV-1a
 * hashes (different offsets) over the canonical values, as 16 hex digits.
 */
import { parseUkDate, toExcelSerial } from "../dates";
import type { Value } from "../model";
import type { TrackerKey } from "../columns";
import { SENT_KEYS } from "./layout";

export type CanonicalKind = "text" | "date" | "status";

export function kindOfKey(key: TrackerKey): CanonicalKind {
  return key === "targetDate" ? "date" : key === "status" ? "status" : "text";
}

/** Text as compared: line endings as LF, no trailing spaces on lines, trimmed. */
export function canonicalText(v: Value | undefined): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" ? String(v) : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : v;
  return s
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .trim();
}

/**
 * A date cell as compared: a whole serial number or a text that is exactly one day (not a month
 * or a quarter) is that day ("d:46112"); anything else is its text ("t:…"); blank is "".
 */
export function canonicalDate(v: Value | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    return Number.isFinite(v) ? `d:${Math.floor(v)}` : "";
  }
  const text = canonicalText(v);
  if (text === "") return "";
  const parsed = parseUkDate(text);
  if (parsed.date && !parsed.approximate && !parsed.ambiguity)
    return `d:${toExcelSerial(parsed.date)}`;
  return `t:${text}`;
}

/**
 * A status as compared: any case and spacing ("green", " Green ") is the same status, so a row
 * whose status Check's Fix all only re-spelt has not changed.
 */
export function canonicalStatus(v: Value | undefined): string {
  return canonicalText(v).replace(/\s+/g, " ").toLowerCase();
}

export function canonical(v: Value | undefined, kind: CanonicalKind): string {
  return kind === "date"
    ? canonicalDate(v)
    : kind === "status"
      ? canonicalStatus(v)
      : canonicalText(v);
}

/** Two 32-bit FNV-1a hashes with different offsets, as 16 hex digits. */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
    b ^= b >>> 13;
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** The sent columns' values of a row, in SENT_KEYS order. */
export type SentValues = Partial<Record<TrackerKey, Value>>;

/** The fingerprint of a tracker row as a request sends it. */
export function rowFingerprint(values: SentValues): string {
  // A separator no canonical value can hold (canonicalText keeps control characters, but the
  // unit separator is not something a cell carries from Excel).
  return hash64(SENT_KEYS.map((k) => canonical(values[k] ?? null, kindOfKey(k))).join("\u001f"));
}
