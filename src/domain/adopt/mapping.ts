/**
 * Mapping an analyst's column headers to tracker columns by synonyms, with a confidence.
 * Pure: no Office, DOM or Node APIs.
 */
import { TRACKER_COLUMNS, type TrackerKey } from "../columns";

/** Header text folded for comparison: case, spacing, line breaks and trailing punctuation. */
export function foldHeader(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase()
    .replace(/[\s:*?]+$/, "")
    .replace(/^[\s*]+/, "");
}

/** The header without bracketed qualifiers: "Update (Q3)" -> "update", "Due [dd/mm/yyyy]" -> "due". */
function stripQualifiers(folded: string): string {
  return folded
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/\b(q[1-4])\b.*$/, " ")
    .replace(/\b(19|20)\d{2}(\/\d{2,4})?\b/g, " ")
    .replace(/[-–—:/]+\s*$/, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Synonyms per tracker column, folded. The number is the confidence of an exact match; a
 * header that only starts with or contains one scores lower.
 */
export const HEADER_SYNONYMS: Record<TrackerKey, [string, number][]> = {
  ref: [
    ["ref", 1],
    ["reference", 0.95],
    ["ref no", 0.95],
    ["ref no.", 0.95],
    ["ref.", 0.95],
    ["rec no", 0.9],
    ["rec no.", 0.9],
    ["rec. no.", 0.9],
    ["rec ref", 0.9],
    ["rec #", 0.9],
    ["recommendation no", 0.9],
    ["recommendation no.", 0.9],
    ["recommendation number", 0.9],
    ["recommendation ref", 0.9],
    ["reference number", 0.9],
    ["id", 0.8],
    ["item", 0.7],
    ["item no", 0.75],
    ["item no.", 0.75],
    ["no.", 0.8],
    ["no", 0.8],
    ["number", 0.7],
    ["#", 0.7],
  ],
  inspection: [
    ["inspection", 1],
    ["inspection report", 0.9],
    ["inspection title", 0.9],
    ["report", 0.85],
    ["report title", 0.85],
    ["report name", 0.85],
    ["inspection name", 0.9],
    ["source report", 0.8],
    ["review", 0.7],
    ["source", 0.6],
  ],
  kind: [
    ["kind", 1],
    ["type", 0.85],
    ["rec type", 0.85],
    ["finding type", 0.85],
    ["recommendation type", 0.85],
    ["rec / afi", 0.8],
    ["rec/afi", 0.8],
    ["category", 0.6],
  ],
  number: [
    ["no.", 0.6],
    ["number", 0.6],
    ["rec no within report", 0.8],
    ["para", 0.6],
    ["paragraph", 0.6],
  ],
  recommendation: [
    ["recommendation", 1],
    ["recommendations", 0.95],
    ["recommendation text", 0.95],
    ["recommendation / afi", 0.9],
    ["recommendation/afi", 0.9],
    ["action", 0.85],
    ["actions", 0.8],
    ["finding", 0.85],
    ["findings", 0.8],
    ["area for improvement", 0.85],
    ["afi", 0.8],
    ["description", 0.75],
    ["detail", 0.6],
    ["requirement", 0.7],
  ],
  addressedTo: [
    ["addressed to", 1],
    ["recipient", 0.8],
    ["directed to", 0.85],
    ["for", 0.6],
    ["to", 0.6],
    ["audience", 0.6],
  ],
  theme: [
    ["theme", 1],
    ["assurance area", 0.9],
    ["assurance theme", 0.9],
    ["area", 0.7],
    ["workstream", 0.75],
    ["portfolio", 0.6],
  ],
  owner: [
    ["owner", 1],
    ["lead", 0.95],
    ["responsible", 0.9],
    ["responsible officer", 0.9],
    ["lead officer", 0.9],
    ["action owner", 0.9],
    ["owner / lead", 0.9],
    ["lead / owner", 0.9],
    ["accountable officer", 0.85],
    ["portfolio lead", 0.85],
    ["accountable", 0.8],
    ["who", 0.6],
  ],
  targetDate: [
    ["target date", 1],
    ["due", 0.9],
    ["due date", 0.9],
    ["deadline", 0.9],
    ["target", 0.85],
    ["date due", 0.9],
    ["target completion", 0.85],
    ["target completion date", 0.9],
    ["completion date", 0.7],
    ["timescale", 0.8],
    ["by when", 0.8],
    ["revised target date", 0.8],
  ],
  status: [
    ["status", 1],
    ["rag", 0.95],
    ["rag status", 0.95],
    ["rag rating", 0.95],
    ["rating", 0.7],
    ["r/a/g", 0.95],
    ["progress status", 0.85],
    ["bric", 0.7],
    ["brag", 0.9],
  ],
  progress: [
    ["progress update", 1],
    ["update", 0.9],
    ["progress", 0.9],
    ["commentary", 0.9],
    ["comments", 0.8],
    ["comment", 0.8],
    ["latest update", 0.9],
    ["progress to date", 0.9],
    ["position", 0.6],
    ["current position", 0.8],
    ["narrative", 0.75],
    ["notes", 0.6],
  ],
  nextSteps: [
    ["next steps", 1],
    ["next step", 0.95],
    ["next actions", 0.9],
    ["planned actions", 0.85],
    ["actions planned", 0.85],
    ["further action", 0.8],
    ["further actions", 0.8],
  ],
  evidence: [
    ["evidence", 1],
    ["evidence held", 0.95],
    ["evidence of completion", 0.95],
    ["evidence location", 0.9],
    ["supporting evidence", 0.9],
  ],
  lastUpdated: [
    ["last updated", 1],
    ["date updated", 0.9],
    ["updated", 0.8],
    ["update date", 0.85],
    ["date of update", 0.85],
    ["last reviewed", 0.8],
    ["date last updated", 0.95],
  ],
  closedDate: [
    ["closed date", 1],
    ["date closed", 0.95],
    ["closure date", 0.9],
    ["closed", 0.7],
    ["date completed", 0.85],
    ["completed date", 0.85],
    ["date signed off", 0.8],
  ],
};

export interface HeaderCandidate {
  key: TrackerKey;
  confidence: number;
  /** Why: "exact", "synonym 'RAG'", "begins with 'update'". */
  reason: string;
}

const HEADER_OF: Record<TrackerKey, string> = Object.fromEntries(
  TRACKER_COLUMNS.map((c) => [c.key, c.header])
) as Record<TrackerKey, string>;

/** Every tracker column a header could mean, best first. */
export function headerCandidates(header: string): HeaderCandidate[] {
  const folded = foldHeader(header);
  if (folded === "") return [];
  const stripped = stripQualifiers(folded);
  const found = new Map<TrackerKey, HeaderCandidate>();
  const offer = (c: HeaderCandidate) => {
    const prev = found.get(c.key);
    if (!prev || prev.confidence < c.confidence) found.set(c.key, c);
  };
  for (const key of Object.keys(HEADER_SYNONYMS) as TrackerKey[]) {
    // "No." is the tracker's number column, but in an analyst's sheet it is usually the reference.
    if (key !== "number" && folded === HEADER_OF[key].toLowerCase()) {
      offer({ key, confidence: 1, reason: "same header" });
    }
    for (const [syn, conf] of HEADER_SYNONYMS[key]) {
      if (folded === syn) {
        offer({ key, confidence: conf, reason: `'${syn}' means ${HEADER_OF[key]}` });
      } else if (stripped !== "" && stripped === syn) {
        offer({
          key,
          confidence: round(conf * 0.9),
          reason: `'${header.trim()}' read as '${syn}'`,
        });
      } else if (syn.length >= 4 && wordsStart(stripped, syn)) {
        offer({ key, confidence: round(conf * 0.7), reason: `begins with '${syn}'` });
      }
    }
  }
  return [...found.values()].sort((a, b) => b.confidence - a.confidence);
}

function wordsStart(text: string, syn: string): boolean {
  return text.startsWith(syn + " ") || text.startsWith(syn + "/") || text.startsWith(syn + ",");
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Best tracker column per header, each tracker column used at most once (best confidence wins). */
export function suggestMapping(
  headers: readonly string[]
): { key: TrackerKey | null; confidence: number; reason: string }[] {
  const all: { col: number; cand: HeaderCandidate }[] = [];
  headers.forEach((h, col) => headerCandidates(h).forEach((cand) => all.push({ col, cand })));
  // Highest confidence first; ties go to the leftmost column.
  all.sort((a, b) => b.cand.confidence - a.cand.confidence || a.col - b.col);
  const out = headers.map(() => ({
    key: null as TrackerKey | null,
    confidence: 0,
    reason: "no tracker column matches",
  }));
  const used = new Set<TrackerKey>();
  for (const { col, cand } of all) {
    if (out[col].key || used.has(cand.key) || cand.confidence < 0.5) continue;
    out[col] = { key: cand.key, confidence: cand.confidence, reason: cand.reason };
    used.add(cand.key);
  }
  return out;
}

/**
 * How much a row of cells looks like tracker headings: the sum of each cell's best confident
 * match. `cache` (text -> score) spares scoring the same text twice: data rows repeat theirs.
 */
export function headerScore(cells: readonly string[], cache?: Map<string, number>): number {
  let score = 0;
  for (const c of cells) {
    let s = cache?.get(c);
    if (s === undefined) {
      const best = headerCandidates(c)[0];
      s = best && best.confidence >= 0.6 ? best.confidence : 0;
      cache?.set(c, s);
    }
    score += s;
  }
  return score;
}

export function trackerHeaderOf(key: TrackerKey): string {
  return HEADER_OF[key];
}

export function trackerKeyOf(header: string): TrackerKey | null {
  const want = header.trim().toLowerCase();
  return TRACKER_COLUMNS.find((c) => c.header.toLowerCase() === want)?.key ?? null;
}
