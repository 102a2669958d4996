/**
 * `inspection-tracker build RECORD... --out FILE.xlsx | --into EXISTING.xlsx`: set up a tracker
 * (or open one) and import each response record into it, idempotently. Records are .txt, .html
 * or .docx files (.docx converted with mammoth).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { TrackerError } from "../../domain/errors";
import { encodingNote } from "../../domain/files/encoding";
import {
  MAX_RECORD_FILE_BYTES,
  RECORD_EXTENSIONS,
  readRecordBytes,
  refuseRecordKind,
  type RecordFile,
} from "../../domain/files/record";
import { parseRecord, recordJson } from "../../domain/record/parse";
import { suggestThemes } from "../../domain/record/themes";
import type { ParsedRecord } from "../../domain/record/types";
import {
  RECORD_EXPECTED,
  buildTrackerFromRecords,
  isEmptyRecord,
  type BuildResult,
} from "../../engine/import";
import { createXlsxHost, zlibInflater } from "../../hosts/xlsx";
import { claimExisting, claimOutput, readInput, withTarget } from "../files";
import { itemRef } from "../../workbook/import";
import { UsageError, parseArguments, type Command } from "../io";

/**
 * Read a record file (domain/files/record says how): a .docx converted by mammoth, loaded only
 * when one is read, after the guard has inflated its parts with zlib.
 */
export async function readRecordFile(path: string): Promise<RecordFile> {
  const name = basename(path);
  refuseRecordKind(name);
  const bytes = readInput(path, MAX_RECORD_FILE_BYTES, "response record");
  return readRecordBytes(name, bytes, {
    inflate: zlibInflater,
    docxToHtml: async (docx) => {
      const mammoth = await import("mammoth");
      return (await mammoth.convertToHtml({ buffer: Buffer.from(docx) })).value;
    },
  });
}

/** The record files in a folder (.txt, .html, .docx), sorted by name. */
export function listRecordFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => RECORD_EXTENSIONS.includes(extname(f).toLowerCase()) && !f.startsWith("."))
    .sort()
    .map((f) => join(dir, f));
}

/** Expand folders given on the command line into their record files. */
export function expandRecordPaths(paths: readonly string[]): string[] {
  return paths.flatMap((p) =>
    existsSync(p) && statSync(p).isDirectory() ? listRecordFiles(p) : [p]
  );
}

export interface BuildOptions {
  /** Write a new tracker here. */
  out?: string;
  /** Add to this existing tracker (saved in place unless out is given). */
  into?: string;
  /** Replace an existing file at out. */
  force?: boolean;
}

/** Build or extend a tracker workbook from record files; returns what happened. */
export async function buildFromFiles(
  files: readonly string[],
  options: BuildOptions
): Promise<BuildResult & { file: string; notes: string[] }> {
  const target = options.out ?? options.into;
  if (!target)
    throw new UsageError(
      "say where the tracker goes: --out FILE.xlsx (new) or --into EXISTING.xlsx"
    );
  if (!/\.xlsx$/i.test(target))
    throw new UsageError(`${target}: the tracker must be an .xlsx file`);
  if (options.into && options.out && resolve(options.into) === resolve(options.out))
    return buildFromFiles(files, { into: options.into });
  if (options.into && options.out && !existsSync(options.into)) {
    throw new TrackerError(
      "invalid-input",
      `${options.into} does not exist. Use --out ${options.out} alone to make a new tracker.`
    );
  }
  // Claimed first: an existing --out, a read-only or locked tracker is refused before any work.
  const claimed = options.out
    ? claimOutput(options.out, {
        force: options.force,
        hint: options.into
          ? undefined
          : `Use --into ${options.out} to add these records to it, or --force to replace it.`,
      })
    : claimExisting(target, `Use --out ${target} to make a new tracker.`);
  return withTarget(claimed, async (t) => {
    // Read and convert every record before touching any workbook.
    const sources: RecordFile[] = [];
    const notes: string[] = [];
    const paths = expandRecordPaths(files);
    if (paths.length === 0)
      throw new TrackerError(
        "invalid-input",
        `No record files (.txt, .html, .docx) were found in ${files.join(", ")}. Nothing was written.`
      );
    for (const f of paths) sources.push(await readRecordFile(f));
    notes.push(
      ...sources.flatMap((s) => {
        const n = s.decoded ? encodingNote(s.name, s.decoded) : null;
        return n ? [n] : [];
      })
    );
    if (sources.every((s) => s.text.trim() === "")) {
      throw new TrackerError(
        "invalid-input",
        `${paths.map((p) => basename(p)).join(", ")}: empty, so there is nothing to import. Nothing was written.`
      );
    }
    // A file named on the command line that is not a response record is refused, with nothing
    // written (a folder's other files are skipped and said); so is a folder with no record.
    const named = new Set(
      files.filter((p) => !(existsSync(p) && statSync(p).isDirectory())).map((p) => resolve(p))
    );
    const notRecords = sources.filter((s) =>
      isEmptyRecord(parseRecord(s.text, { format: s.format }))
    );
    const refused = notRecords.filter((s) => named.has(resolve(paths[sources.indexOf(s)])));
    if (refused.length > 0 || (notRecords.length === sources.length && sources.length > 0)) {
      const which = refused.length > 0 ? refused : notRecords;
      throw new TrackerError(
        "invalid-input",
        `${which.map((s) => s.name).join(", ")}: ${which.length === 1 ? "this does" : "these do"} not look like an inspection response record, so nothing was written. ${RECORD_EXPECTED}`
      );
    }
    const into = options.into;
    const host = await createXlsxHost(
      !into
        ? {}
        : t.original
          ? { buffer: t.original, name: into, lean: true }
          : { file: into, lean: true }
    );
    const result = await buildTrackerFromRecords(host, sources);
    t.commit(await host.toBuffer());
    return { ...result, file: target, notes };
  });
}

/**
 * The assurance area suggested for each item (written into its Theme when the item is added),
 * with the words behind it, so the analyst can see what to correct.
 */
export function suggestionLines(code: string, record: ParsedRecord): string[] {
  if (record.areas.length === 0 || record.items.length === 0) return [];
  const suggested = suggestThemes(
    record.items.map((i) => i.text),
    record.areas
  );
  const n = suggested.filter((s) => s.theme !== null).length;
  return [
    `  assurance areas suggested for ${n} of ${record.items.length} ${record.items.length === 1 ? "item" : "items"} (the Theme column; change any that are wrong):`,
    ...record.items.map((it, k) => {
      const s = suggested[k];
      const ref = itemRef(code, it.kind, it.number);
      const words = s.matched.map((m) => m.word).join(", ");
      return s.theme
        ? `    ${ref}: ${s.theme} (score ${s.score.toFixed(1)}: ${words})`
        : `    ${ref}: none. ${s.reason ?? ""}`.trimEnd();
    }),
  ];
}

const USAGE = `Usage: inspection-tracker build RECORD|FOLDER... (--out FILE.xlsx | --into EXISTING.xlsx)
                                [--force] [--json]

Set up a tracker and import each inspection response record into it (.txt, .html or .docx;
a folder means every such file in it). Each item's assurance area is suggested from its words
and written into Theme; the suggestions are listed. A file named that is not a response record
is refused and nothing is written.

Options:
  --out FILE.xlsx        Write a new tracker (refuses to replace an existing file without --force)
  --into EXISTING.xlsx   Add the records to an existing tracker; items already tracked are not
                         added again
  --force                With --out: replace an existing file (never a read-only one)
  --json                 Print what was done as JSON
  -h, --help             This text`;

export const buildCommand: Command = {
  name: "build",
  summary: "Build a tracker from inspection response records (.txt, .html, .docx)",
  usage: USAGE,
  run: async (args, io) => {
    const parsed = parseArguments({
      args,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        into: { type: "string" },
        force: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
    const files = parsed.positionals;
    if (files.length === 0) throw new UsageError("give at least one record file");
    const result = await buildFromFiles(files, {
      out: parsed.values.out,
      into: parsed.values.into,
      force: parsed.values.force,
    });
    if (parsed.values.json) {
      io.out(
        JSON.stringify(
          {
            file: result.file,
            notes: result.notes,
            cut: result.cut.map((c) => ({ where: c.where, length: c.length })),
            added: result.added,
            alreadyTracked: result.alreadyTracked,
            changed: result.changed,
            duplicates: result.duplicates,
            inspectionsAdded: result.inspectionsAdded,
            themesAdded: result.themesAdded,
            setUp: result.setUp,
            records: result.records.map((r) => ({
              name: r.name,
              code: r.code,
              skipped: r.skipped,
              ...recordJson(r.record),
            })),
          },
          null,
          2
        )
      );
      for (const c of result.cut) io.err(`error: ${c.message}`);
      return result.cut.length > 0 ? 1 : 0;
    }
    for (const n of result.notes) io.out(n);
    for (const r of result.records) {
      if (r.skipped) {
        io.out(
          `${r.name}: skipped, not a response record (${r.record.warnings.map((w) => w.message).join(" ")})`
        );
        continue;
      }
      io.out(
        `${r.name}: ${r.code}, ${r.record.items.length} ${r.record.items.length === 1 ? "item" : "items"}${r.record.inspection.title ? ` (${r.record.inspection.title})` : ""}`
      );
      for (const w of r.record.warnings) io.out(`  warning: ${w.message}`);
      for (const line of suggestionLines(r.code, r.record)) io.out(line);
    }
    for (const c of result.changed) {
      io.out(
        `  ${c.ref} (row ${c.sheetRow}) reads differently in the record; the tracked text was kept.`
      );
    }
    io.out(`${result.file}: ${result.message}`);
    for (const c of result.cut) io.err(`error: ${c.message}`);
    return result.cut.length > 0 ? 1 : 0;
  },
};
