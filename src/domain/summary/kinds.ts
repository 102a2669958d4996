/**
 * The kinds of finding the Summary counts apart: recommendations, areas for improvement and
 * causes of concern, as the Kind column holds them. A blank or unrecognised Kind is "not
 * stated", never folded into recommendations. Titles name what they count. Pure.
 */
import { textOf, type Value } from "../model";
import { plural } from "../text";

export type KindKey = "recommendation" | "area-for-improvement" | "cause-of-concern" | "not stated";

export interface KindDef {
  key: KindKey;
  /** As a table row and headline label. */
  label: string;
  /** Lower-case singular and plural, for titles and messages. */
  singular: string;
  plural: string;
}

/** Reporting order. */
export const KINDS: readonly KindDef[] = [
  {
    key: "recommendation",
    label: "Recommendations",
    singular: "recommendation",
    plural: "recommendations",
  },
  {
    key: "area-for-improvement",
    label: "Areas for improvement",
    singular: "area for improvement",
    plural: "areas for improvement",
  },
  {
    key: "cause-of-concern",
    label: "Causes of concern",
    singular: "cause of concern",
    plural: "causes of concern",
  },
  {
    key: "not stated",
    label: "Kind not stated",
    singular: "item of no stated kind",
    plural: "items of no stated kind",
  },
];

/** The kind a Kind cell states (AFI, Area for improvement, Rec…, Cause of concern, CoC). */
export function kindOf(v: Value | undefined): KindKey {
  const t = textOf(v).toLowerCase();
  if (/^rec/.test(t)) return "recommendation";
  if (/^(?:afi\b|areas? (?:for|of) improvement)/.test(t)) return "area-for-improvement";
  if (/^(?:coc\b|causes? (?:of|for) concern)/.test(t)) return "cause-of-concern";
  return "not stated";
}

/**
 * What a table of these items counts, in words: "recommendations", "recommendations and areas
 * for improvement"; "findings" (the inspectorate's word for all of them) when there are more
 * kinds than two or some items have no stated kind; "items" when there are none.
 */
export function nounFor(counts: Readonly<Record<KindKey, number>>): string {
  return nounOf(counts, (k) => k.plural);
}

function nounOf(counts: Readonly<Record<KindKey, number>>, word: (k: KindDef) => string): string {
  const present = KINDS.filter((k) => counts[k.key] > 0);
  if (present.length === 0) return "items";
  if (present.length > 2 || counts["not stated"] > 0) return "findings";
  return present.map(word).join(" and ");
}

/** Short plurals for chart titles, where space is tight. */
const SHORT: Record<KindKey, string> = {
  recommendation: "recommendations",
  "area-for-improvement": "AFIs",
  "cause-of-concern": "causes of concern",
  "not stated": "other items",
};

/** nounFor with "AFIs" for areas for improvement: "recommendations and AFIs". */
export function shortNounFor(counts: Readonly<Record<KindKey, number>>): string {
  return nounOf(counts, (k) => SHORT[k.key]);
}

/** "16 recommendations", "1 area for improvement". */
export function countOf(key: KindKey, n: number): string {
  const k = KINDS.find((d) => d.key === key)!;
  return plural(n, k.singular, k.plural);
}

/** A noun with a capital first letter, for a title. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
