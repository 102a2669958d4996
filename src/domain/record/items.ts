/**
 * The items of the Recommendations field: recommendations and areas for improvement, in
 * document order, with their markers removed and whitespace normalised. Pure.
 */
import type { ItemKind, RecordWarning } from "./types";

export interface RawItem {
  kind: ItemKind;
  number: number;
  text: string;
  /** Whether the number was written (true) or counted by position (false). */
  numbered: boolean;
}

/** Longer than this many characters, an item is flagged: two items run together? */
export const LONG_ITEM_CHARS = 600;
/** Most items read from one record (a response record has a few dozen). */
export const MAX_ITEMS = 1_000;

const REC_MARKER = /^(?:recommendation|rec\.?)\s*(?:no\.?\s*)?(\d{1,3})(?!\d)\s*(?:[:.)–—-]\s*)?/i;
const AFI_MARKER =
  /^(?:afi|area for improvement|area of improvement)\s*(?:no\.?\s*)?(\d{1,3})(?!\d)\s*(?:[:.)–—-]\s*)?/i;
const NUM_MARKER = /^\(?(\d{1,4})[.)](?![\d.])\s*/;
const BULLET = /^(?:[•●▪■◦·○➢➤►*\uf0b7\uf0a7\uf076\uf0d8]|[-–—](?=\s))\s*/;
const CAUSE = /^causes? of concern\b[^:.–—-]*[:.–—-]?\s*/i;
const AFI_HEADING = /^(?:the )?(?:areas? (?:for|of) improvement|afis?)\s*:?$/i;
const REC_HEADING = /^(?:the )?recommendations?\s*:?$/i;

/** Split a line written as "1. … 2. … 3. …" at its sequential markers. */
export function splitInlineNumbers(line: string): string[] {
  const re = /(^|\s)\(?(\d{1,4})[.)](?![\d.])\s+(?=\S)/g;
  const chain: { at: number; n: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const n = Number(m[2]);
    const at = m.index + m[1].length;
    if (chain.length === 0) {
      if (at === 0 || n === 1) chain.push({ at, n });
    } else if (n === chain[chain.length - 1].n + 1) {
      chain.push({ at, n });
    }
  }
  if (chain.length < 2) return [line];
  const parts: string[] = [];
  if (chain[0].at > 0) parts.push(line.slice(0, chain[0].at));
  chain.forEach((c, i) =>
    parts.push(line.slice(c.at, i + 1 < chain.length ? chain[i + 1].at : line.length))
  );
  return parts;
}

/** Split a line holding several "Recommendation 2: … Recommendation 3: …" items. */
export function splitInlineLabelled(line: string): string[] {
  if (!REC_MARKER.test(line) && !AFI_MARKER.test(line)) return [line];
  const parts = line.split(
    /\s+(?=(?:recommendation|afi|area for improvement)\s+\d{1,3}\s*[:–—-])/i
  );
  return parts.length > 1 ? parts : [line];
}

interface Marker {
  kind: ItemKind | null;
  number: number | null;
  rest: string;
}

function readMarker(line: string): Marker | null {
  let m: RegExpExecArray | null;
  if ((m = REC_MARKER.exec(line)))
    return { kind: "recommendation", number: Number(m[1]), rest: line.slice(m[0].length) };
  if ((m = AFI_MARKER.exec(line)))
    return { kind: "area-for-improvement", number: Number(m[1]), rest: line.slice(m[0].length) };
  // A year ("2025. The force…") is not an item number.
  if ((m = NUM_MARKER.exec(line)) && Number(m[1]) < 1900)
    return { kind: null, number: Number(m[1]), rest: line.slice(m[0].length) };
  if ((m = BULLET.exec(line))) return { kind: null, number: null, rest: line.slice(m[0].length) };
  return null;
}

export interface ItemsResult {
  items: RawItem[];
  warnings: RecordWarning[];
  /** True when reading stopped at MAX_ITEMS. */
  truncated?: boolean;
}

/**
 * Read the items of one field. `defaultKind` is the kind of numbered and bulleted items until a
 * heading ("Areas for improvement") says otherwise. Never throws.
 */
export function extractItems(text: string, defaultKind: ItemKind = "recommendation"): ItemsResult {
  const warnings: RecordWarning[] = [];
  const segments: string[] = [];
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/\s+/g, " ").trim();
    for (const a of splitInlineLabelled(line))
      for (const b of splitInlineNumbers(a)) segments.push(b.trim());
  }
  const hasMarkers = segments.some((s) => s !== "" && readMarker(s) !== null);

  const items: RawItem[] = [];
  let kind: ItemKind = defaultKind;
  let current: { kind: ItemKind; number: number | null; parts: string[] } | null = null;
  let inContext = false;
  let previous = "";
  const ignored: string[] = [];
  const counts: Record<ItemKind, number> = { recommendation: 0, "area-for-improvement": 0 };

  const finish = () => {
    if (!current) return;
    const t = current.parts.join(" ").replace(/\s+/g, " ").trim();
    const number = current.number ?? counts[current.kind] + 1;
    counts[current.kind]++;
    if (t !== "")
      items.push({ kind: current.kind, number, text: t, numbered: current.number !== null });
    else
      warnings.push({
        code: "ignored-text",
        message: `${kindLabel(current.kind)} ${number} has no text, so it was left out`,
      });
    current = null;
  };

  let truncated = false;
  for (const seg of segments) {
    // Past the limit, stop rather than fold the rest into the last item.
    if (items.length >= MAX_ITEMS) {
      truncated = true;
      current = null;
      break;
    }
    if (seg === "") {
      previous = "";
      continue;
    }
    const cause = CAUSE.exec(seg);
    if (cause) {
      finish();
      inContext = true;
      kind = "recommendation";
      previous = seg;
      continue;
    }
    const marker = readMarker(seg);
    if (!marker && (AFI_HEADING.test(seg) || REC_HEADING.test(seg))) {
      finish();
      kind = AFI_HEADING.test(seg) ? "area-for-improvement" : "recommendation";
      inContext = false;
      previous = seg;
      continue;
    }
    if (marker) {
      finish();
      inContext = false;
      const k = marker.kind ?? kind;
      if (marker.kind) kind = marker.kind;
      current = { kind: k, number: marker.number, parts: [marker.rest] };
      previous = seg;
      continue;
    }
    if (inContext) {
      previous = seg;
      continue;
    }
    if (!hasMarkers) {
      // One item per line; a line that carries on a sentence (previous line unfinished and this
      // one starting in lower case) is the same item, hard-wrapped.
      const carriesOn =
        current !== null && previous !== "" && !/[.!?:;)]$/.test(previous) && /^[a-z(]/.test(seg);
      if (carriesOn) current!.parts.push(seg);
      else if (/:$/.test(seg) && !current) ignored.push(seg);
      else {
        finish();
        current = { kind, number: null, parts: [seg] };
      }
      previous = seg;
      continue;
    }
    if (current) current.parts.push(seg);
    else ignored.push(seg);
    previous = seg;
  }
  finish();

  const notable = ignored.filter((s) => !/:$/.test(s));
  if (notable.length > 0) {
    warnings.push({
      code: "ignored-text",
      message: `Text before the first item was not imported: '${clip(notable.join(" "), 120)}'`,
    });
  }
  for (const w of numberingWarnings(items)) warnings.push(w);
  items.forEach((it, i) => {
    if (it.text.length > LONG_ITEM_CHARS) {
      warnings.push({
        code: "long-item",
        item: i,
        message: `${kindLabel(it.kind)} ${it.number} is unusually long (${it.text.length} characters): are two items run together?`,
      });
    }
  });
  return { items, warnings, truncated };
}

export function kindLabel(kind: ItemKind): string {
  return kind === "recommendation" ? "Recommendation" : "Area for improvement";
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + "…";
}

/** Gaps, repeats and backward steps in each kind's written numbering. */
export function numberingWarnings(items: readonly RawItem[]): RecordWarning[] {
  const warnings: RecordWarning[] = [];
  for (const kind of ["recommendation", "area-for-improvement"] as const) {
    const label = kindLabel(kind);
    const seen = new Set<number>();
    let prev = 0;
    items.forEach((it, i) => {
      if (it.kind !== kind) return;
      if (it.numbered) {
        if (seen.has(it.number)) {
          warnings.push({
            code: "numbering-repeat",
            item: i,
            message: `${label} ${it.number} appears more than once`,
          });
        } else if (it.number > prev + 1) {
          const missing =
            it.number - prev - 1 === 1
              ? `${label} ${prev + 1} is`
              : `${label}s ${prev + 1} to ${it.number - 1} are`;
          warnings.push({
            code: "numbering-gap",
            item: i,
            message:
              prev === 0
                ? `${label}s start at ${it.number}: ${missing} missing`
                : `${missing} missing: the numbering goes from ${prev} to ${it.number}`,
          });
        } else if (it.number <= prev) {
          warnings.push({
            code: "numbering-gap",
            item: i,
            message: `${label} ${it.number} comes after ${label.toLowerCase()} ${prev}: check the order`,
          });
        }
      }
      seen.add(it.number);
      prev = Math.max(prev, it.number);
    });
  }
  return warnings;
}
