/**
 * The xlsx host's loading (xlsx-host.ts): a workbook file's bytes read and checked, its package
 * opened lean when it can be, and the whole workbook loaded into excelts when it is needed. Also
 * the state one open workbook keeps, which the host's read, apply and save share.
 * Node only (hosts/xlsx).
 */
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { Workbook } from "@cj-tech-master/excelts";
import { TrackerError, isTrackerError } from "../../domain/errors";
import { ensureChartSupport } from "./chart";
import { LeanWorkbook } from "./lean";
import { XlsxPackage } from "./package";
import { keepControlEscapes } from "./partial";
import { zipEntryNames } from "./parts";
import { spliceSave, type PartialWorkbook } from "./splice";
import { shareStyleParts } from "./write";
import { checkPackage } from "./zip";

/** A workbook file's bytes, with a plain message for a folder, a missing or unreadable file. */
function readWorkbookFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw e; // the command line says "file not found: ..."
    throw new TrackerError(
      "invalid-input",
      code === "EISDIR"
        ? `${file} is a folder, not an Excel workbook (.xlsx).`
        : code === "EACCES" || code === "EPERM"
          ? `${file} cannot be read: permission denied.`
          : `${file} cannot be read (${code ?? String(e)}).`,
      { cause: e }
    );
  }
}

function notAWorkbook(where: string, cause: unknown): TrackerError {
  return new TrackerError(
    "invalid-input",
    `${where} is not an Excel workbook that can be opened (.xlsx expected).`,
    { cause }
  );
}

/** A workbook file as opened: its bytes, and the package read lean when it can be. */
export interface Source {
  bytes: Buffer;
  where: string;
  /** Null when the workbook is not one the lean reader reads (it is then loaded at once). */
  lean: LeanWorkbook | null;
  /** Used ranges read lean too (XlsxHostOptions.leanSheets). */
  leanSheets: boolean;
}

/** Where a workbook comes from, and how it is read (a part of XlsxHostOptions). */
export interface SourceOptions {
  file?: string;
  buffer?: Buffer | Uint8Array;
  name?: string;
  lean?: boolean;
  leanSheets?: boolean;
}

/**
 * A workbook file or its bytes, opened: the decompression-bomb guard sees every part first,
 * and with `lean` the package is read lean when the lean reader knows it.
 */
export async function openSource(options: SourceOptions): Promise<Source> {
  const where = options.name ?? options.file ?? "The workbook";
  const bytes = options.buffer
    ? Buffer.from(options.buffer)
    : readWorkbookFile(options.file as string);
  // The decompression-bomb guard sees every part first, whichever way the workbook is read:
  // its directory, and each part inflated (in steps, and thrown away) with its bytes counted.
  const checked = await checkPackage(bytes, where);
  // A zip of other things (excelts opens it as an empty workbook, or fails on 'date1904').
  if (!checked.entries.some((e) => /(^|\/)workbook\.xml$/i.test(e.name)))
    throw notAWorkbook(where, null);
  let lean: LeanWorkbook | null = null;
  if (options.lean === true) {
    try {
      lean = await LeanWorkbook.open(new XlsxPackage(bytes, where));
    } catch (e) {
      if (isTrackerError(e)) throw e;
      lean = null; // Not a workbook the lean reader knows: excelts reads it (or says why not).
    }
  }
  return { bytes, where, lean, leanSheets: options.leanSheets === true };
}

/**
 * Load a whole workbook into excelts. The decompression-bomb guard has seen every part
 * (openSource): a bomb, or a zip that shows excelts other parts than its directory lists,
 * is refused before excelts inflates anything (it would trust the sizes it is told).
 */
export async function loadWorkbook(bytes: Buffer, where: string): Promise<Workbook> {
  ensureChartSupport();
  const wb = new Workbook();
  try {
    // Read as a stream of zip entries rather than unzipping every part first: the same
    // workbook, with a lower peak of memory on large files.
    await wb.xlsx.read(Readable.from([bytes]) as never);
  } catch (e) {
    throw notAWorkbook(where, e);
  }
  shareStyleParts(wb);
  keepControlEscapes(wb.worksheets);
  return wb;
}

/** What one open workbook keeps between operations; the host's read, apply and save share it. */
export interface HostState {
  readonly source: Source | null;
  readonly validate: boolean;
  /** The file's bytes and its zip entries, when it was opened from a file or bytes. */
  readonly original: Buffer | null;
  readonly originalParts: string[] | null;
  /** Number of reads and applies so far. */
  readonly calls: { reads: number; applies: number };
  /** Why an operation failed part-way (the workbook can then not be saved), or null. */
  broken: string | null;
  /** The excelts workbook, once loaded: null while the file is read lean. */
  wb: Workbook | null;
  /** The workbook loaded in part (only the sheets changes needed), while the file is lean. */
  partial: PartialWorkbook | null;
  /** Whether anything was applied (a workbook read lean and never changed saves as it was). */
  changed: boolean;
  /** Protection of each sheet read lean, as it is found. */
  readonly protection: Map<string, boolean>;
}

export function hostState(
  loaded: Workbook | null,
  validate: boolean,
  source: Source | null
): HostState {
  const original = source ? source.bytes : null;
  return {
    source,
    validate,
    original,
    originalParts: original ? zipEntryNames(original) : null,
    calls: { reads: 0, applies: 0 },
    broken: null,
    wb: loaded,
    partial: null,
    changed: false,
    protection: new Map<string, boolean>(),
  };
}

/** The whole workbook in excelts: loaded from the file, or from what was changed in part. */
export async function fullWorkbook(st: HostState): Promise<Workbook> {
  if (st.partial) {
    const bytes = await spliceSave(st.partial);
    st.partial = null;
    st.wb = await loadWorkbook(bytes, st.source!.where);
  }
  if (!st.wb) st.wb = await loadWorkbook(st.source!.bytes, st.source!.where);
  return st.wb;
}
