/**
 * The commissioner's assurance areas ("1. Management of risk and safeguarding:" … "7. Partnership
 * working:") become the inspection's themes: short numbered headings in the responses, numbered
 * 1, 2, 3, … in order, each with the text below it as its description. Each item then gets a
 * suggested area from the words it shares with the areas' names and descriptions, scored so the
 * preview can say why (the words that matched), and no guess below a threshold. Pure.
 */

const NUMBERED_HEADING = /^\(?(\d{1,2})[.)]\s+(.+?)\s*$/;
const LABELLED_HEADING = /^(?:assurance area|theme|area)\s+(\d{1,2})\s*[:.–—-]\s*(.+?)\s*$/i;
const BULLET = /^\s*[-–•*·▪◦]\s+/;

/** The longest description kept for an area (the text below its heading). */
export const AREA_DESCRIPTION_CHARS = 2000;

export interface AssuranceArea {
  /** The heading, as the Lists sheet and the Theme column hold it. */
  name: string;
  /** The text below the heading (its bullets joined), whitespace normalised; "" when none. */
  description: string;
}

function headingText(raw: string): string | null {
  const t = raw
    .replace(/\s+/g, " ")
    .replace(/\s*[:–—-]\s*$/, "")
    .trim();
  if (t.length < 3 || t.length > 90) return null;
  if (/[.!?;,]$/.test(t)) return null;
  if (t.split(" ").length > 12) return null;
  return t;
}

interface Heading {
  name: string;
  line: number;
}

/** The numbered headings of one text: the first run numbered from 1, or [] when under two. */
function headingsOf(lines: readonly string[]): Heading[] {
  const found: Heading[] = [];
  lines.forEach((line, i) => {
    const l = line.trim();
    const m = LABELLED_HEADING.exec(l) ?? NUMBERED_HEADING.exec(l);
    if (!m) return;
    const n = Number(m[1]);
    const name = headingText(m[2]);
    if (!name) return;
    if (n === found.length + 1) found.push({ name, line: i });
    else if (n === 1 && found.length < 2) {
      found.length = 0;
      found.push({ name, line: i });
    }
  });
  return found.length >= 2 ? found : [];
}

/**
 * The text below a heading. Every area but the last runs to the next heading; the last ends
 * with its first list of bullets (or its first paragraph when it has none), because what follows
 * is the commissioner's closing words, not the area's.
 */
function descriptionOf(lines: readonly string[], from: number, to: number, last: boolean): string {
  const kept: string[] = [];
  let sawBullet = false;
  let sawText = false;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const blank = line.trim() === "";
    if (last) {
      const bullet = BULLET.test(line);
      if (sawBullet && !bullet && !blank) break;
      if (blank && sawText && !sawBullet && !BULLET.test(nextText(lines, i, to))) break;
      if (bullet) sawBullet = true;
    }
    if (!blank) {
      sawText = true;
      kept.push(line.replace(BULLET, "").trim());
    }
  }
  const text = kept.join(" ").replace(/\s+/g, " ").trim();
  return text.length <= AREA_DESCRIPTION_CHARS ? text : text.slice(0, AREA_DESCRIPTION_CHARS);
}

function nextText(lines: readonly string[], i: number, to: number): string {
  for (let j = i + 1; j < to; j++) if (lines[j].trim() !== "") return lines[j];
  return "";
}

/** The assurance areas from the response texts, searched in order: the first text with some wins. */
export function extractAreas(texts: readonly (string | null | undefined)[]): AssuranceArea[] {
  for (const text of texts) {
    if (!text) continue;
    const lines = text.split(/\r\n|\r|\n/);
    const headings = headingsOf(lines);
    if (headings.length === 0) continue;
    const seen = new Set<string>();
    const areas: AssuranceArea[] = [];
    headings.forEach((h, k) => {
      const key = h.name.toLowerCase();
      if (seen.has(key)) return;
      seen.add(key);
      const last = k === headings.length - 1;
      const end = last ? lines.length : headings[k + 1].line;
      areas.push({ name: h.name, description: descriptionOf(lines, h.line + 1, end, last) });
    });
    return areas;
  }
  return [];
}

// ---------------------------------------------------------------- suggesting an area per item

/**
 * A suggestion needs at least this score: one word of an area's name that no other area uses
 * (2), or two words of its description that no other area uses (1 each). A single shared or
 * descriptive word is not enough.
 */
export const THEME_THRESHOLD = 1.5;
/** A word of an area's name counts this much; a word of its description counts 1. */
export const NAME_WEIGHT = 2;

/** Words that say nothing about an area: grammar, and the verbs every recommendation uses. */
const STOP = new Set(
  (
    "a an the and or of to in on at by for with from into onto as is are be been being was were " +
    "it its this that these those their there them they which who whom whose what when where how " +
    "all any each every other some such than then so not no nor but if also very more most less " +
    "should must will would could may might can shall has have had do does did done " +
    "our we us you your his her he she one two three " +
    "ensure ensuring make making made improve improving improved improvement improvements " +
    "review reviewing develop developing development strengthen strengthening better " +
    "include includes including provide providing introduce introducing enhance enhancing " +
    "update updating assess assessing use using used new current clear clearly effective " +
    "effectively robust strong stronger regular appropriate sure work working within across " +
    "through over under between about against" +
    " force forces police policing chief constable constables commissioner commissioners " +
    "assurance sought seek seeks seeking expect expects expected requested asked demonstrate " +
    "report reports recognise recognises identifies identified notes particular particularly area areas"
  ).split(" ")
);

/**
 * A word's stem, so that "risks", "managed" and "management" meet "risk" and "manage". A light
 * suffix stripper (plurals, -ly, -ing, -ed, -ation, -ment, -ship, -ency, a final e), applied alike to
 * both sides; the preview shows the words as the item writes them, never the stems.
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  const cut = (suffix: string, keep = 4, add = "") => {
    if (w.endsWith(suffix) && w.length - suffix.length >= keep) {
      w = w.slice(0, w.length - suffix.length) + add;
      return true;
    }
    return false;
  };
  if (!cut("ies", 3, "y") && !cut("sses", 2, "ss") && !/(?:ss|us|is)$/.test(w)) cut("s", 3);
  if (!cut("ency", 4, "ent")) cut("ence", 4, "ent");
  cut("ly", 5);
  for (const suffix of ["ation", "ition", "ion", "ing", "ed"]) if (cut(suffix)) break;
  if (!cut("ment")) cut("ship");
  cut("or", 5);
  cut("e", 4);
  return w;
}

/** An item's or area's words: lower case, letters only, stop words dropped. */
export function contentWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’']s\b/g, "")
      .match(/[a-z]+/g) ?? []
  ).filter((w) => w.length >= 3 && !STOP.has(w));
}

/** The areas' stems, ready to score items against. */
export interface AreaIndex {
  areas: readonly AssuranceArea[];
  /** Per area: stems of its name, stems of its description. */
  name: ReadonlySet<string>[];
  description: ReadonlySet<string>[];
  /** How many areas use each stem (name or description). */
  areasUsing: ReadonlyMap<string, number>;
}

export function areaIndex(areas: readonly AssuranceArea[]): AreaIndex {
  const name = areas.map((a) => new Set(contentWords(a.name).map(stem)));
  const description = areas.map((a) => new Set(contentWords(a.description).map(stem)));
  const areasUsing = new Map<string, number>();
  areas.forEach((_, k) => {
    for (const s of new Set([...name[k], ...description[k]]))
      areasUsing.set(s, (areasUsing.get(s) ?? 0) + 1);
  });
  return { areas, name, description, areasUsing };
}

/** One word of an item that an area also uses. */
export interface ThemeMatch {
  /** The word as the item writes it (lower case). */
  word: string;
  /** Where the area uses it. */
  in: "name" | "description";
  /** What it adds: NAME_WEIGHT or 1, divided by the number of areas that use the word. */
  weight: number;
}

export interface ThemeSuggestion {
  /** The suggested area's name, or null when no area reaches the threshold (or two tie). */
  theme: string | null;
  /** The best area's score (2 decimals), 0 when nothing matched. */
  score: number;
  /** The best area's name even when it is not suggested (for "X scored 1.0"), or null. */
  best: string | null;
  /** The words behind the best area's score, highest weight first. */
  matched: ThemeMatch[];
  /** Why there is no suggestion; null when there is one. */
  reason: string | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Score an item's text against every area; suggest the best when it is clear enough. */
export function suggestTheme(text: string, index: AreaIndex): ThemeSuggestion {
  const none = (reason: string): ThemeSuggestion => ({
    theme: null,
    score: 0,
    best: null,
    matched: [],
    reason,
  });
  if (index.areas.length === 0) return none("The record names no assurance areas.");
  // Each stem once, with the first word the item writes it as.
  const words = new Map<string, string>();
  for (const w of contentWords(text)) {
    const s = stem(w);
    if (!words.has(s)) words.set(s, w);
  }
  const scored = index.areas.map((_, k) => {
    const matched: ThemeMatch[] = [];
    for (const [s, word] of words) {
      const where = index.name[k].has(s)
        ? "name"
        : index.description[k].has(s)
          ? "description"
          : null;
      if (!where) continue;
      const base = where === "name" ? NAME_WEIGHT : 1;
      matched.push({ word, in: where, weight: round2(base / (index.areasUsing.get(s) ?? 1)) });
    }
    matched.sort((a, b) => b.weight - a.weight);
    return { k, score: round2(matched.reduce((t, m) => t + m.weight, 0)), matched };
  });
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.k - b.k);
  const [first, second] = ranked;
  if (first.score === 0) return none("No word of the item is in an area's name or description.");
  const best = index.areas[first.k].name;
  const base = { score: first.score, best, matched: first.matched };
  if (first.score < THEME_THRESHOLD)
    return {
      ...base,
      theme: null,
      reason: `The best match, '${best}', scores ${first.score.toFixed(1)}, below ${THEME_THRESHOLD.toFixed(1)}.`,
    };
  if (second && second.score === first.score)
    return {
      ...base,
      theme: null,
      reason: `'${best}' and '${index.areas[second.k].name}' score the same (${first.score.toFixed(1)}).`,
    };
  return { ...base, theme: best, reason: null };
}

/** A suggestion for each text, against the same areas. */
export function suggestThemes(
  texts: readonly string[],
  areas: readonly AssuranceArea[]
): ThemeSuggestion[] {
  const index = areaIndex(areas);
  return texts.map((t) => suggestTheme(t, index));
}
