/**
 * Splitting a record's text into its labelled fields. Labels come as `Label<TAB>value`,
 * `Label: value`, or a label alone on a line with the value on the lines below; their wording
 * varies a little ("Police, Fire and Crime Commissioner", "Date published"). Pure.
 */
import { htmlToText, looksLikeHtml } from "./html";

export type FieldKey =
  | "force"
  | "pcc"
  | "chiefConstable"
  | "title"
  | "published"
  | "inspectorate"
  | "summary"
  | "grade"
  | "recommendations"
  | "areasForImprovement"
  | "commissionerInitial"
  | "chiefConstableResponse"
  | "commissionerOverall";

/** Fields whose value is one line (a value written below the label ends at a blank line). */
export const SINGLE_LINE: ReadonlySet<FieldKey> = new Set<FieldKey>([
  "force",
  "pcc",
  "chiefConstable",
  "title",
  "published",
  "inspectorate",
  "grade",
]);

const COMMISSIONER = String.raw`(?:the )?(?:police (?:fire )?and crime commissioners?|police fire and crime commissioners?|p ?f?ccs?|commissioners?|(?:deputy )?mayors?)`;

/** Label patterns, tried in order against the normalised label. Longer labels first. */
const LABELS: readonly [FieldKey, RegExp][] = [
  [
    "commissionerOverall",
    new RegExp(
      String.raw`^${COMMISSIONER} (?:overall|final|concluding) (?:comments?|response)$|^overall comments?$`
    ),
  ],
  [
    "commissionerInitial",
    new RegExp(
      String.raw`^${COMMISSIONER} (?:initial )?(?:response|comments?)$|^initial response$`
    ),
  ],
  [
    "chiefConstableResponse",
    /^(?:the )?(?:acting |temporary )?(?:chief constables?|ccs?|forces?) (?:response|comments?)$|^force response$/,
  ],
  [
    "pcc",
    /^(?:police (?:fire )?and crime commissioner|police fire and crime commissioner|p ?f?cc|commissioner|mayor|deputy mayor(?: for policing and crime)?)$/,
  ],
  ["chiefConstable", /^(?:acting |temporary )?chief constable$/],
  ["force", /^(?:force|police force|force name|force area)$/],
  [
    "title",
    /^(?:title of (?:the )?(?:inspection|report)|inspection title|title|report title|name of (?:the )?inspection|inspection name|report)$/,
  ],
  [
    "published",
    /^(?:published date|date published|publication date|date of publication|published|published on|date of report|report date|date report published|date)$/,
  ],
  ["inspectorate", /^(?:inspectorate|inspected by|inspecting body)$/],
  [
    "summary",
    /^(?:summary of (?:the )?(?:inspection|report)|summary|inspection summary|report summary)$/,
  ],
  ["grade", /^(?:grade|grades|grading|overall grade|inspection grade|judgement)$/],
  [
    "recommendations",
    /^(?:recommendations?|recommendations and areas for improvement|recommendations and afis|recommendations afis)$/,
  ],
  ["areasForImprovement", /^(?:areas? for improvement|areas? of improvement|afis?)$/],
];

/** Lower-case, apostrophes and punctuation dropped, spaces collapsed: "Commissioner's" → "commissioners". */
export function normaliseLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/['’`‘]/g, "")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function matchLabel(label: string): FieldKey | null {
  if (label.length > 80) return null;
  const n = normaliseLabel(label);
  if (n === "") return null;
  for (const [key, re] of LABELS) if (re.test(n)) return key;
  return null;
}

export interface LabelLine {
  key: FieldKey;
  /** The value written on the label's own line ("" when it is below). */
  value: string;
  /** Whether the value was on the same line. */
  inline: boolean;
}

/** Read one line as a label line, or null. */
export function readLabelLine(line: string): LabelLine | null {
  const t = line.replace(/^[ ]+/, "");
  if (t === "") return null;
  const tab = t.indexOf("\t");
  if (tab > 0) {
    const key = matchLabel(t.slice(0, tab));
    if (key) return { key, value: t.slice(tab + 1).trim(), inline: t.slice(tab + 1).trim() !== "" };
  }
  const colon = /^([^:\t]{1,80}?)\s*:\s*(.*)$/.exec(t);
  if (colon) {
    const key = matchLabel(colon[1]);
    if (key) return { key, value: colon[2].trim(), inline: colon[2].trim() !== "" };
  }
  if (t.length <= 80 && !/[.;]\s*$/.test(t.trim())) {
    const key = matchLabel(t.replace(/\t+/g, " ").replace(/[:–—-]\s*$/, ""));
    if (key) return { key, value: "", inline: false };
  }
  return null;
}

export interface RawFields {
  /** Field text with HTML converted to text; lines kept. */
  values: Partial<Record<FieldKey, string>>;
  /** How many labels were recognised. */
  labels: number;
}

/** Split a record's text (lines) into fields. Never throws. */
export function splitFields(text: string): RawFields {
  const lines = text.split(/\r\n|\r|\n/);
  const values: Partial<Record<FieldKey, string[]>> = {};
  let labels = 0;
  let current: FieldKey | null = null;
  /** For a single-line field: closed once its value is complete. */
  let closed = false;
  let sawContent = false;

  for (const line of lines) {
    let label = readLabelLine(line);
    // A bare "Summary" or "Date" line further down, once that field has its value, is a heading
    // inside a response, not the field again (the items fields may repeat: they are merged).
    if (
      label &&
      !label.inline &&
      label.key !== "recommendations" &&
      label.key !== "areasForImprovement" &&
      label.key !== current &&
      (values[label.key] ?? []).some((l) => l.trim() !== "")
    ) {
      label = null;
    }
    if (label) {
      labels++;
      current = label.key;
      const list = (values[current] ??= []);
      if (list.length > 0) list.push("");
      if (label.value !== "") list.push(label.value);
      sawContent = label.inline;
      closed = SINGLE_LINE.has(current) && label.inline;
      continue;
    }
    // A table row continuing the field above with an empty label cell ("<TAB>more").
    if (current !== null && closed && /^\t+\S/.test(line)) {
      values[current]!.push(line.trim());
      continue;
    }
    if (current === null || closed) continue;
    if (SINGLE_LINE.has(current) && line.trim() === "" && sawContent) {
      closed = true;
      continue;
    }
    if (line.trim() !== "") sawContent = true;
    values[current]!.push(line);
  }

  const out: Partial<Record<FieldKey, string>> = {};
  for (const [key, list] of Object.entries(values) as [FieldKey, string[]][]) {
    const raw = list.join("\n");
    out[key] = looksLikeHtml(raw) ? htmlToText(raw) : raw;
  }
  return { values: out, labels };
}

/** A one-line field's value: whitespace normalised; null when empty. */
export function oneLine(text: string | undefined): string | null {
  if (text === undefined) return null;
  const t = text.replace(/\s+/g, " ").trim();
  return t === "" ? null : t;
}

/** A prose field's value: paragraphs kept (blank line between), each paragraph's whitespace normalised. */
export function paragraphs(text: string | undefined): string | null {
  if (text === undefined) return null;
  const paras = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "");
  return paras.length === 0 ? null : paras.join("\n\n");
}
