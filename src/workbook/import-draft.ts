/**
 * What an import is made of before it is planned: a draft per record (its inspection, its code
 * and its items, each with the theme and addressee suggested), the cells an item's kind and
 * addressee are written as, its ref, and the inspection's code (the one the workbook lists for
 * the same title, or a new unique one). The pane edits drafts; workbook/import plans them. Pure.
 */
import { TABLES, headerIndex } from "../domain/columns";
import { textOf, type Value } from "../domain/model";
import { kindLabel } from "../domain/record/items";
import { suggestThemes } from "../domain/record/themes";
import type { ItemKind, ParsedRecord, RecordInspection } from "../domain/record/types";
import { UNKNOWN_ADDRESSEE } from "../domain/record/types";
import {
  NOT_STATED_ADDRESSEE,
  suggestAddressee,
  type AddresseeSuggestion,
} from "../domain/record/addressees";
import { foldText } from "../domain/text";
import type { WorkbookSnapshot } from "./host";

export interface ImportItem {
  kind: ItemKind;
  number: number;
  text: string;
  /** "Force", a national body, or "unknown". */
  addressedTo: string;
  /** One of the themes, or null. */
  theme: string | null;
  /**
   * For an item whose text names nobody: who its plain words suggest ("national guidance" →
   * national), for the analyst to confirm. Never written by itself: the cell says "Not stated"
   * until the analyst chooses the suggestion.
   */
  addresseeSuggestion?: AddresseeSuggestion | null;
}

/** The addressee suggestion of an item whose text names nobody, or null. */
export function addresseeSuggestionFor(item: {
  text: string;
  addressedTo: string;
}): AddresseeSuggestion | null {
  return item.addressedTo === UNKNOWN_ADDRESSEE ? suggestAddressee(item.text) : null;
}

/** One record, as the analyst confirms it (the pane lets them edit every part). */
export interface ImportDraft {
  /** Short inspection code for refs (PEEL24 → PEEL24-R3); null to work it out. */
  code: string | null;
  inspection: RecordInspection;
  items: ImportItem[];
  themes: string[];
}

/** A record as imported unchanged: each item's theme is the area suggested for it, if any. */
export function draftFromRecord(record: ParsedRecord, code: string | null = null): ImportDraft {
  const suggested = suggestThemes(
    record.items.map((i) => i.text),
    record.areas
  );
  return {
    code,
    inspection: { ...record.inspection },
    items: record.items.map((i, k) => ({
      ...i,
      theme: suggested[k].theme,
      addresseeSuggestion: addresseeSuggestionFor(i),
    })),
    themes: [...record.themes],
  };
}

/** "Recommendation" / "Area for improvement", as the Kind column holds it. */
export function kindCell(kind: ItemKind): string {
  return kindLabel(kind);
}

/** Read a Kind cell back: AFI / Area for improvement, or a recommendation. */
export function kindFromCell(v: Value): ItemKind | null {
  const t = textOf(v).toLowerCase();
  if (t === "") return null;
  if (/^(?:afi|areas? (?:for|of) improvement)/.test(t)) return "area-for-improvement";
  if (/^rec/.test(t)) return "recommendation";
  return null;
}

/** The Addressed to cell: "Not stated" when the text named nobody (never the force). */
export function addressedCell(addressedTo: string): string {
  return addressedTo.trim() === "" || addressedTo === UNKNOWN_ADDRESSEE
    ? NOT_STATED_ADDRESSEE
    : addressedTo;
}

/** PEEL24-R3, PEEL24-AFI2. */
export function itemRef(code: string, kind: ItemKind, number: number): string {
  return `${code}-${kind === "recommendation" ? "R" : "AFI"}${number}`;
}

/** A valid code: 2-12 letters and digits, starting with a letter. */
export function validCode(code: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{1,11}$/.test(code);
}

const STOP = new Set([
  "the",
  "of",
  "and",
  "to",
  "in",
  "a",
  "an",
  "for",
  "on",
  "by",
  "with",
  "into",
  "how",
  "police",
  "policing",
  "peel",
  "spotlight",
  "report",
  "inspection",
  "response",
  "an",
  "our",
  "its",
]);

/**
 * Suggest a short code from the title and published year: PEEL25 for a PEEL inspection, SPOT25
 * for a spotlight, otherwise the initials of the title's main words (VAWG25). Unique against
 * `taken` (a letter is added: PEEL25B).
 */
export function suggestCode(
  inspection: RecordInspection,
  taken: ReadonlySet<string> = new Set()
): string {
  const title = inspection.title ?? "";
  const year = inspection.published
    ? inspection.published.slice(2, 4)
    : (/\b20(\d{2})\b(?!.*\b20\d{2}\b)/.exec(title)?.[1] ?? "");
  let base: string;
  if (/\bspotlight\b/i.test(title)) base = "SPOT";
  else if (/\bPEEL\b/i.test(title)) base = "PEEL";
  else {
    const words = title
      .replace(/[^A-Za-z0-9 ]+/g, " ")
      .split(/\s+/)
      .filter((w) => w && !STOP.has(w.toLowerCase()) && !/^\d+$/.test(w));
    base = words
      .slice(0, 5)
      .map((w) => (/^[A-Z]{2,6}$/.test(w) ? w : w[0].toUpperCase()))
      .join("")
      .slice(0, 8);
    if (base.length < 2) base = "INSP";
  }
  const upper = new Set([...taken].map((t) => t.toUpperCase()));
  let code = `${base}${year}`;
  for (let i = 0; upper.has(code.toUpperCase()); i++)
    code = `${base}${year}${String.fromCharCode(66 + (i % 25))}${i >= 25 ? Math.floor(i / 25) : ""}`;
  return code;
}

/** The inspections the workbook lists: code and title. */
export function knownInspections(snapshot: WorkbookSnapshot): { code: string; title: string }[] {
  const t = snapshot.tables[TABLES.inspections];
  if (!t) return [];
  const c = headerIndex(t.headers, "Code");
  const ti = headerIndex(t.headers, "Title");
  return t.rows
    .map((r) => ({ code: c >= 0 ? textOf(r[c]) : "", title: ti >= 0 ? textOf(r[ti]) : "" }))
    .filter((r) => r.code !== "" || r.title !== "");
}

/**
 * The code to use for an inspection: the one the workbook already lists for the same title, or
 * a new unique suggestion.
 */
export function resolveCode(
  inspection: RecordInspection,
  known: readonly { code: string; title: string }[],
  taken: ReadonlySet<string> = new Set()
): string {
  const title = inspection.title ? foldText(inspection.title) : "";
  const same = title ? known.find((k) => foldText(k.title) === title && k.code !== "") : undefined;
  if (same) return same.code;
  return suggestCode(inspection, new Set([...known.map((k) => k.code), ...taken]));
}
