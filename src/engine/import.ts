/**
 * Import response records into the tracker: one read, one plan, one apply, whatever the number
 * of items. If the workbook is not a tracker yet it is set up in the same plan. Pure
 * orchestration over a WorkbookHost.
 */
import type { ParseOptions } from "../domain/record/parse";
import { itemWarnings } from "../domain/record/warnings";
import { suggestThemes, type ThemeSuggestion } from "../domain/record/themes";
import type { ParsedRecord } from "../domain/record/types";
import type { CutCell } from "../workbook/cell-limit";
import type { WorkbookHost } from "../workbook/host";
import {
  IMPORT_READ,
  addresseeSuggestionFor,
  describeImport,
  draftFromRecord,
  knownInspections,
  planImport,
  resolveCode,
  type ImportDraft,
  type ImportItem,
  type ImportOutcome,
} from "../workbook/import";

// The pane reads a record and edits its items before importing: what it needs for that, pure,
// comes through here (the engine is the pane's one door to the domain and the plans).
export { itemWarnings } from "../domain/record/warnings";

/** Reads a record's text (parseRecord). */
export type RecordReader = (input: string, options?: ParseOptions) => ParsedRecord;

let recordReader: Promise<RecordReader> | null = null;

/**
 * The record parser, loaded on first use: it brings the HTML reader (htmlparser2 and its
 * entity tables), which the pane's first script leaves out (a chunk of its own, loaded when the
 * Import section first shows). Loaded once; a failed load is tried again next time.
 */
export function loadRecordReader(): Promise<RecordReader> {
  recordReader ??= import("../domain/record/parse").then(
    (m) => m.parseRecord,
    (e: unknown) => {
      recordReader = null;
      throw e;
    }
  );
  return recordReader;
}
export {
  NATIONAL_BODIES,
  NATIONAL_UNNAMED,
  NOT_STATED_ADDRESSEE,
  type AddresseeSuggestion,
} from "../domain/record/addressees";
export {
  FORCE_ADDRESSEE,
  UNKNOWN_ADDRESSEE,
  type ItemKind,
  type ParsedRecord,
  type RecordInspection,
} from "../domain/record/types";
export {
  itemRef,
  suggestCode,
  validCode,
  type ImportDraft,
  type ImportItem,
} from "../workbook/import";
export { THEME_THRESHOLD, type ThemeMatch, type ThemeSuggestion } from "../domain/record/themes";

/** One item as the pane previews it: editable, with the parser's warnings and the area suggested. */
export interface PreviewItem {
  /** Stable across edits and removals (the item's place in the record). */
  key: number;
  /** The item as it will be imported; its theme starts as the suggested area. */
  item: ImportItem;
  warnings: string[];
  suggestion: ThemeSuggestion;
}

/** The items of a parsed record, ready to edit, each with its suggested area. */
export function previewItems(record: ParsedRecord): PreviewItem[] {
  const byItem = itemWarnings(record);
  const suggested = suggestThemes(
    record.items.map((i) => i.text),
    record.areas
  );
  return record.items.map((it, key) => ({
    key,
    item: { ...it, theme: suggested[key].theme, addresseeSuggestion: addresseeSuggestionFor(it) },
    warnings: byItem.get(key) ?? [],
    suggestion: suggested[key],
  }));
}

/** What a response record looks like, for the message when a text is not one. */
export const RECORD_EXPECTED =
  "A response record has labelled fields (Force, Title of inspection, Published Date, " +
  "Recommendations…) and numbered recommendations or areas for improvement (1. …, " +
  "Recommendation 2: …, AFI 3: …).";

/**
 * Why a parsed text cannot be imported, or null when it has items to import: the parser's own
 * findings about the text as a whole (empty, binary, no fields, no items).
 */
export function notImportable(record: ParsedRecord): string[] | null {
  if (record.items.length > 0) return null;
  const found = record.warnings.filter((w) => w.item === undefined).map((w) => w.message);
  return found.length > 0 ? found : ["No recommendations or areas for improvement were found."];
}

export interface ImportResult extends Omit<ImportOutcome, "plan"> {
  /** Whether anything was written. */
  wrote: boolean;
  /** Texts too long for a cell, cut to fit and marked (errors to report). */
  cut: CutCell[];
  /** "16 added, 0 already tracked", and anything else a person should know. */
  message: string;
}

/** Import confirmed drafts (the pane's edited preview, or parsed files) in one operation. */
export async function importDrafts(
  host: WorkbookHost,
  drafts: readonly ImportDraft[]
): Promise<ImportResult> {
  return host.run("Import response record", async (session) => {
    const snapshot = await session.read(IMPORT_READ);
    // The planner has cut any text over Excel's 32,767 characters a cell (outcome.cut).
    const { plan, ...rest } = planImport(snapshot, drafts);
    const wrote = plan.ops.length > 0;
    if (wrote) await session.apply(plan);
    const cut = rest.cut;
    const message = describeImport(rest);
    return {
      ...rest,
      wrote,
      message: cut.length > 0 ? `${message} ${cut.map((c) => c.message).join(" ")}` : message,
    };
  });
}

/** The code the workbook would use for a record's inspection (its own, or a new suggestion). */
export async function suggestInspectionCode(
  host: WorkbookHost,
  record: ParsedRecord
): Promise<string> {
  return host.run("Read inspections", async (session) => {
    const snapshot = await session.read({ tables: ["tblInspections"] });
    return resolveCode(record.inspection, knownInspections(snapshot));
  });
}

export interface RecordSource {
  /** A file name or label, for messages. */
  name: string;
  /** The record's text or HTML (a .docx converted to HTML first). */
  text: string;
  format?: ParseOptions["format"];
}

export interface BuildResult extends ImportResult {
  /** Each record as parsed, with its warnings, in the order given; code "" when skipped. */
  records: { name: string; code: string; record: ParsedRecord; skipped: boolean }[];
}

/** A source that yielded no title and no items is not a record: it is skipped, not imported. */
export function isEmptyRecord(record: ParsedRecord): boolean {
  return record.items.length === 0 && !record.inspection.title;
}

/**
 * Build (or add to) a tracker from record texts: parse each, import them all in one operation.
 * Used by `inspection-tracker build` and `npm run demo`.
 */
export async function buildTrackerFromRecords(
  host: WorkbookHost,
  sources: readonly RecordSource[]
): Promise<BuildResult> {
  const parseRecord = await loadRecordReader();
  const records = sources.map((s) => ({
    name: s.name,
    record: parseRecord(s.text, { format: s.format }),
  }));
  const kept = records.filter((r) => !isEmptyRecord(r.record));
  const result = await importDrafts(
    host,
    kept.map((r) => draftFromRecord(r.record))
  );
  return {
    ...result,
    records: records.map((r) => {
      const i = kept.indexOf(r);
      return { ...r, code: i >= 0 ? result.codes[i] : "", skipped: i < 0 };
    }),
  };
}
