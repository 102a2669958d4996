/**
 * Parse an inspection response record (plain text, text with HTML in its fields, or an HTML
 * document as pasted from Word or a web page) into the inspection's details, its items and
 * themes, and warnings for what a person should look at. Never throws. Pure.
 */
import { commissionerTitleIn, inspectorateName } from "./office";
import { formatIso, formatUk, parseUkDate } from "../dates";
import { addressedTo } from "./addressees";
import { oneLine, paragraphs, splitFields, type FieldKey } from "./fields";
import { MAX_HTML_DEPTH, isHtmlDocument, readHtml } from "./html";
import { MAX_ITEMS, extractItems, type ItemsResult, type RawItem } from "./items";
import { extractAreas, suggestThemes } from "./themes";
import type { ParsedRecord, RecordInspection, RecordItem, RecordWarning } from "./types";
import { itemWarnings } from "./warnings";
import { RESPONSE_DAYS } from "../model";

/** Above this size a paste is not a response record; it is still read, with a warning. */
export const LARGE_INPUT_CHARS = 1_000_000;
/** Above this size it is not read at all (a response record is a few tens of thousands). */
export const MAX_INPUT_CHARS = 10_000_000;

export interface ParseOptions {
  /** Force the reading of the whole input as HTML ("html") or as text ("text"). */
  format?: "text" | "html" | "auto";
}

export function emptyInspection(): RecordInspection {
  return {
    force: null,
    pcc: null,
    chiefConstable: null,
    title: null,
    published: null,
    publishedAsWritten: null,
    inspectorate: null,
    commissioner: null,
    grade: null,
    summary: null,
  };
}

function emptyRecord(warnings: RecordWarning[], format: "text" | "html" = "text"): ParsedRecord {
  return {
    inspection: emptyInspection(),
    items: [],
    themes: [],
    areas: [],
    warnings,
    responses: { commissionerInitial: null, chiefConstable: null, commissionerOverall: null },
    format,
  };
}

/** Control characters other than tab and line breaks, and the replacement character. */
function binaryShare(text: string): number {
  const sample = text.slice(0, 65536);
  if (sample.length === 0) return 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || c === 0x7f)
      odd++;
  }
  return odd / sample.length;
}

/** Find a date inside a longer value ("Published 12 March 2025 (updated …)"). */
function findDate(value: string) {
  const whole = parseUkDate(value);
  if (whole.date) return whole;
  const patterns = [
    /\b\d{1,2}(?:st|nd|rd|th)?(?: of)?[ -][A-Za-z]{3,9}\.?,?[ -]\d{4}\b/,
    /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b/,
    /\b\d{4}-\d{2}-\d{2}\b/,
    /\b[A-Za-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b/,
  ];
  for (const re of patterns) {
    const m = re.exec(value);
    if (m) {
      const p = parseUkDate(m[0]);
      if (p.date && !p.approximate) return p;
    }
  }
  return whole;
}

export function parseRecord(input: unknown, options: ParseOptions = {}): ParsedRecord {
  try {
    return parseUnsafe(input, options);
  } catch (e) {
    // Defensive: a parser bug must never reach the analyst as a crash.
    return emptyRecord([
      {
        code: "not-a-record",
        message: `This text could not be read as a response record (${e instanceof Error ? e.message : String(e)}). Nothing was imported.`,
      },
    ]);
  }
}

/** Read a record in its sections: what the input is, its fields, details, items, responses. */
function parseUnsafe(input: unknown, options: ParseOptions): ParsedRecord {
  const text =
    typeof input === "string" ? input : input === null || input === undefined ? "" : String(input);
  const refused = refusal(text);
  if (refused) return refused;
  const warnings = inputWarnings(text);

  const format =
    options.format === "html" || (options.format !== "text" && isHtmlDocument(text))
      ? "html"
      : "text";
  const body = readBody(text, format, warnings);
  const { values, labels } = splitFields(body);
  const inspection = readInspection(values, labels, warnings);
  inspection.commissioner = labels > 0 ? commissionerTitleIn(body) : null;
  const { items, hadItemsField } = readItems(values, labels, body, inspection, warnings);
  if (items.length === 0 && labels > 0) {
    warnings.push({
      code: "no-items",
      message: hadItemsField
        ? "No recommendations or areas for improvement were found in the Recommendations field."
        : "No Recommendations field was found, so there is nothing to import.",
    });
  }
  const responses = {
    commissionerInitial: paragraphs(values.commissionerInitial),
    chiefConstable: paragraphs(values.chiefConstableResponse),
    commissionerOverall: paragraphs(values.commissionerOverall),
  };
  const areas = extractAreas([
    values.commissionerInitial,
    values.commissionerOverall,
    values.chiefConstableResponse,
  ]);
  const themes = areas.map((a) => a.name);
  return { inspection, items, themes, areas, warnings, responses, format };
}

/** An input that is not read at all (empty, a binary file, far too large), as its record. */
function refusal(text: string): ParsedRecord | null {
  if (text.trim() === "") {
    return emptyRecord([
      { code: "empty", message: "The record is empty: paste a response record or choose a file." },
    ]);
  }
  if (
    text.startsWith("PK\u0003\u0004") ||
    text.startsWith("%PDF-") ||
    text.startsWith("\u00d0\u00cf\u0011\u00e0")
  ) {
    return emptyRecord([
      {
        code: "binary",
        message:
          "This is a Word, zip or PDF file read as text. Choose a .docx file with the file picker (or give the .docx file itself); PDFs are not supported: copy the text instead.",
      },
    ]);
  }
  if (binaryShare(text) > 0.02) {
    return emptyRecord([
      {
        code: "binary",
        message: "This looks like a binary file, not a response record: nothing was imported.",
      },
    ]);
  }
  if (text.length > MAX_INPUT_CHARS) {
    return emptyRecord([
      {
        code: "too-large",
        message:
          `This text is ${millions(text.length)} million characters, over the limit of ` +
          `${millions(MAX_INPUT_CHARS)} million for a record (a response record is a few tens of thousands): nothing was imported. Check what was pasted or chosen.`,
      },
    ]);
  }
  return null;
}

const millions = (n: number) => (n / 1_000_000).toFixed(1);

/** Warnings about the input as a whole: very large, or holding a script. */
function inputWarnings(text: string): RecordWarning[] {
  const warnings: RecordWarning[] = [];
  if (text.length > LARGE_INPUT_CHARS) {
    warnings.push({
      code: "too-large",
      message: `This text is ${millions(text.length)} million characters, far longer than a response record: check what was pasted.`,
    });
  }
  if (/<script\b/i.test(text)) {
    warnings.push({
      code: "script",
      message: "The record contained a script; it was ignored and never run.",
    });
  }
  return warnings;
}

/** The record as text: HTML converted (up to its depth limit), line ends made \n. */
function readBody(text: string, format: "text" | "html", warnings: RecordWarning[]): string {
  if (format === "text") return text.replace(/\r\n?/g, "\n");
  const html = readHtml(text);
  if (html.stoppedAt !== null) {
    warnings.push({
      code: "too-large",
      message:
        `The HTML is nested more than ${MAX_HTML_DEPTH.toLocaleString("en-GB")} elements deep (the limit; a real document nests a few dozen), so reading stopped ` +
        `at character ${html.stoppedAt.toLocaleString("en-GB")} of ${text.length.toLocaleString("en-GB")}: what follows was not read. Save the record as .docx or plain text and try again.`,
    });
  }
  return html.text;
}

/** The inspection's details, and a warning for a published date that is missing or not one. */
function readInspection(
  values: Partial<Record<FieldKey, string>>,
  labels: number,
  warnings: RecordWarning[]
): RecordInspection {
  const inspection = emptyInspection();
  inspection.force = oneLine(values.force);
  inspection.pcc = oneLine(values.pcc);
  inspection.chiefConstable = oneLine(values.chiefConstable);
  inspection.title = oneLine(values.title);
  inspection.inspectorate = inspectorateName(oneLine(values.inspectorate));
  inspection.summary = paragraphs(values.summary);
  const gradeLines = (values.grade ?? "")
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  inspection.grade = gradeLines.length > 0 ? gradeLines.join("; ") : null;

  const publishedText = oneLine(values.published);
  inspection.publishedAsWritten = publishedText;
  if (publishedText) {
    const d = findDate(publishedText);
    if (d.date) {
      inspection.published = formatIso(d.date);
      if (d.approximate) {
        warnings.push({
          code: "bad-date",
          message: `The published date '${publishedText}' is not a day; it was read as ${formatUk(d.date)}: check it, as the response is due ${RESPONSE_DAYS} days after publication.`,
        });
      }
    } else {
      warnings.push({
        code: "bad-date",
        message: `The published date '${publishedText}' is not a date (write it as dd/mm/yyyy or 12 March 2025): the response due date cannot be worked out.`,
      });
    }
  } else if (labels > 0) {
    warnings.push({
      code: "no-date",
      message: `The record has no published date, so the response due date (published + ${RESPONSE_DAYS} days) cannot be worked out: add it on the Inspections sheet.`,
    });
  }
  return inspection;
}

/**
 * The items: the Recommendations field, then a separate Areas for improvement field; without
 * any record field, the whole text read as a list. At most MAX_ITEMS, with a warning past it.
 */
function readItems(
  values: Partial<Record<FieldKey, string>>,
  labels: number,
  body: string,
  inspection: RecordInspection,
  warnings: RecordWarning[]
): { items: RecordItem[]; hadItemsField: boolean } {
  const raw: RawItem[] = [];
  const itemWarnings: RecordWarning[] = [];
  let overLimit = false;
  const take = (r: ItemsResult) => {
    const offset = raw.length;
    // Loops, not push(...list): a list of 160,000 bullets overflows the call stack.
    for (const it of r.items) {
      if (raw.length >= MAX_ITEMS) {
        overLimit = true;
        break;
      }
      raw.push(it);
    }
    for (const w of r.warnings) {
      if (w.item !== undefined && w.item + offset >= MAX_ITEMS) continue;
      itemWarnings.push(w.item === undefined ? w : { ...w, item: w.item + offset });
    }
    if (r.truncated) overLimit = true;
  };
  const fieldsWithItems: [FieldKey, "recommendation" | "area-for-improvement"][] = [
    ["recommendations", "recommendation"],
    ["areasForImprovement", "area-for-improvement"],
  ];
  let hadItemsField = false;
  for (const [key, kind] of fieldsWithItems) {
    const v = values[key];
    if (v === undefined) continue;
    hadItemsField = true;
    take(extractItems(v, kind));
  }

  if (labels === 0) {
    // Not a record: perhaps just a pasted list of recommendations.
    const r = extractItems(body, "recommendation");
    if (r.items.some((i) => i.numbered)) {
      warnings.push({
        code: "not-a-record",
        message:
          "No record fields (Force, Title of inspection, Recommendations…) were found, so the whole text was read as a list of recommendations: check the items and fill in the inspection's details.",
      });
      take(r);
    } else {
      warnings.push({
        code: "not-a-record",
        message:
          "This does not look like an inspection response record: no fields (Force, Title of inspection, Recommendations…) and no numbered recommendations were found.",
      });
    }
  }
  if (overLimit) {
    warnings.push({
      code: "too-large",
      message: `The record holds more than ${MAX_ITEMS.toLocaleString("en-GB")} items (the limit; a response record has a few dozen): only the first ${MAX_ITEMS.toLocaleString("en-GB")} were read. Check what was pasted or chosen.`,
    });
  }
  for (const w of itemWarnings) warnings.push(w);
  const items: RecordItem[] = raw.map((i) => ({
    kind: i.kind,
    number: i.number,
    text: i.text,
    addressedTo: addressedTo(i.text, inspection.force),
  }));
  return { items, hadItemsField };
}

/** The JSON `parse --json` prints (README: "Headless command line"), with warnings as messages. */
export function recordJson(record: ParsedRecord) {
  const { publishedAsWritten: _ignored, ...inspection } = record.inspection;
  void _ignored;
  const byItem = itemWarnings(record);
  const suggested = suggestThemes(
    record.items.map((i) => i.text),
    record.areas
  );
  return {
    inspection,
    items: record.items.map((i, index) => ({
      kind: i.kind,
      number: i.number,
      text: i.text,
      addressedTo: i.addressedTo,
      theme: suggested[index].theme,
      themeScore: suggested[index].score,
      themeWords: suggested[index].matched.map((m) => m.word),
      warnings: byItem.get(index) ?? [],
    })),
    themes: record.themes,
    warnings: record.warnings.map((w) => w.message),
  };
}

export { itemWarnings };
