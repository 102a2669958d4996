/**
 * The xlsx host: the same WorkbookHost contract as the Excel host, over an .xlsx file in Node
 * (@cj-tech-master/excelts). Open a file or a Buffer, or start empty; run operations; then save.
 * Saving is atomic (a temporary file in the same folder, then rename), and a workbook whose
 * operation failed part-way through cannot be saved, so a failed command never leaves a
 * half-written file.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Readable } from "node:stream";
import { Workbook, type Worksheet } from "@cj-tech-master/excelts";
import { SHEETS } from "../../domain/columns";
import { TrackerError, isTrackerError } from "../../domain/errors";
import {
  tablesWanted,
  type CreatedWorkbook,
  type ReadRequest,
  type SheetInfo,
  type WorkbookHost,
  type WorkbookSession,
  type WorkbookSnapshot,
} from "../../workbook/host";
import {
  sheetsWritten,
  tableWritten,
  type CellValue,
  type RangeRef,
  type WorkbookPlan,
} from "../../workbook/plan";
import { applyOps, preflight, selectRange, setValue } from "./apply";
import { ensureChartSupport } from "./chart";
import { carryCustomProperties, lostParts, zipEntryNames } from "./parts";
import { NotLean, LeanWorkbook, type LeanSheet } from "./lean";
import { leanSheetValues, leanSnapshot } from "./lean-read";
import { XlsxPackage } from "./package";
import { keepControlEscapes, loadPartial, loadSheetsInto, movable } from "./partial";
import { spliceSave, type PartialWorkbook } from "./splice";
import { findTable } from "./tables";
import { readSnapshot } from "./read";
import { createWorkbookBytes, openWorkbookBytes } from "./memory";
import { checkPackage } from "./zip";
import { writeWorkbook } from "./save";
import { ownStyles, shareStyleParts } from "./write";
import { sheetNotFound } from "../../domain/messages";

const listOf = (items: string[]) =>
  items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

export interface XlsxHostOptions {
  /** Open this .xlsx file. */
  file?: string;
  /** Or open this workbook's bytes. */
  buffer?: Buffer | Uint8Array;
  /** The file the bytes came from, for messages (default: the file, or "The workbook"). */
  name?: string;
  /**
   * Or an excelts Workbook already in memory. After a save its cells share style objects until
   * the next change, so change it through the host (or `host.workbook`), not a reference of
   * your own.
   */
  workbook?: Workbook;
  /**
   * Run excelts's OOXML self-check on every write; it reports problems with console.warn (slow
   * on large workbooks, so off by default; tests turn it on).
   */
  validate?: boolean;
  /**
   * Read the file lean: snapshots straight from the package, without loading the workbook into
   * excelts until a change needs it, and a file never changed is saved as it was (the command
   * line opens files so). Then `workbook` needs `load()` first. Default: load it at once.
   */
  lean?: boolean;
  /**
   * With `lean`, read the used ranges of the sheets a read names lean too (a returned update
   * workbook's two sheets). Default: through excelts, which gives a merged range's value in each
   * of its cells, as adoption reads an old tracker's merged title rows.
   */
  leanSheets?: boolean;
}

export interface XlsxHost extends WorkbookHost {
  /** The excelts workbook (after load() for a file read lean). */
  readonly workbook: Workbook;
  /** Load the whole workbook into excelts (a file is otherwise read lean) and return it. */
  load(): Promise<Workbook>;
  /** Number of reads and applies so far (the xlsx counterpart of the Excel host's syncs). */
  readonly calls: { reads: number; applies: number };
  /** Write the workbook to a file atomically. */
  save(path: string): Promise<void>;
  toBuffer(): Promise<Buffer>;
  /** A new workbook holding a plan, as bytes for the caller to save (owner update workbooks). */
  createWorkbook(name: string, plan: WorkbookPlan): Promise<CreatedWorkbook>;
  /** A host over another workbook's bytes, read in memory as the pane reads it. */
  openWorkbook(name: string, bytes: Uint8Array): Promise<WorkbookHost>;
}

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
interface Source {
  bytes: Buffer;
  where: string;
  /** Null when the workbook is not one the lean reader reads (it is then loaded at once). */
  lean: LeanWorkbook | null;
  /** Used ranges read lean too (XlsxHostOptions.leanSheets). */
  leanSheets: boolean;
}

/**
 * Load a whole workbook into excelts. The decompression-bomb guard has seen every part
 * (createXlsxHost): a bomb, or a zip that shows excelts other parts than its directory lists,
 * is refused before excelts inflates anything (it would trust the sizes it is told).
 */
async function loadWorkbook(bytes: Buffer, where: string): Promise<Workbook> {
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

/** Open (or start) a workbook and return a host over it. */
export async function createXlsxHost(options: XlsxHostOptions = {}): Promise<XlsxHost> {
  if (options.workbook) return hostOver(options.workbook, options.validate === true, null);
  if (!options.buffer && !options.file) {
    const wb = new Workbook();
    wb.creator = "Inspection Tracker";
    return hostOver(wb, options.validate === true, null);
  }
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
  const source: Source = { bytes, where, lean, leanSheets: options.leanSheets === true };
  if (!lean) return hostOver(await loadWorkbook(bytes, where), options.validate === true, source);
  return hostOver(null, options.validate === true, source);
}

function hostOver(
  loaded: Workbook | null,
  validate = false,
  source: Source | null = null
): XlsxHost {
  const original = source ? source.bytes : null;
  const originalParts = original ? zipEntryNames(original) : null;
  let broken: string | null = null;
  const calls = { reads: 0, applies: 0 };
  /** The excelts workbook, once loaded: null while the file is read lean. */
  let wb: Workbook | null = loaded;
  /** The workbook loaded in part (only the sheets changes needed), while the file is lean. */
  let partial: PartialWorkbook | null = null;
  /** Whether anything was applied (a workbook read lean and never changed saves as it was). */
  let changed = false;
  /** Protection of each sheet read lean, as it is found. */
  const protection = new Map<string, boolean>();

  /** The whole workbook in excelts: loaded from the file, or from what was changed in part. */
  const full = async (): Promise<Workbook> => {
    if (partial) {
      const bytes = await spliceSave(partial);
      partial = null;
      wb = await loadWorkbook(bytes, source!.where);
    }
    if (!wb) wb = await loadWorkbook(source!.bytes, source!.where);
    return wb;
  };

  const leanProtected = (lean: LeanWorkbook, sheet: LeanSheet): boolean => {
    let p = protection.get(sheet.part);
    if (p === undefined) {
      p = /<sheetProtection[\s/>]/.test(lean.pkg.textSync(sheet.part) ?? "");
      protection.set(sheet.part, p);
    }
    return p;
  };

  /** A sheet's info; its protection, read from the file, only when asked for. */
  const leanInfo = (lean: LeanWorkbook, sheet: LeanSheet, name: string, state: string) => {
    const visibility = state === "veryHidden" || state === "hidden" ? state : "visible";
    const info = { name, visibility } as SheetInfo;
    Object.defineProperty(info, "protected", {
      enumerable: true,
      get: () => leanProtected(lean, sheet),
    });
    return info;
  };
  const leanSheets = (lean: LeanWorkbook): SheetInfo[] =>
    lean.sheets.map((sheet) => leanInfo(lean, sheet, sheet.name, sheet.state));

  /**
   * Apply a plan to the workbook loaded in part: the sheets it writes are loaded (or moved in)
   * first, except a sheet it empties first (clearSheet), which needs nothing of the file's.
   * Returns false when it cannot (excelts could not load the part it needs): then the whole
   * workbook is loaded instead.
   */
  const applyInPart = async (lean: LeanWorkbook, plan: WorkbookPlan): Promise<boolean> => {
    const tables = await lean.tables();
    const current = partial;
    const stubByName = new Map<string, LeanSheet>();
    if (current)
      for (const [ws, sheet] of current.stubs) stubByName.set(ws.name.toLowerCase(), sheet);
    else for (const sheet of lean.sheets) stubByName.set(sheet.name.toLowerCase(), sheet);
    const sheetOfTable = (t: string) =>
      (current && findTable(current.wb, t)?.sheet.name) ??
      tables.find((x) => x.name.toLowerCase() === t.toLowerCase())?.sheet.name;
    const written = sheetsWritten(plan.ops, sheetOfTable);
    const needed = new Set<LeanSheet>();
    for (const name of written) {
      const sheet = stubByName.get(name);
      if (sheet && firstWrite(plan, name, sheetOfTable) !== "clearSheet") needed.add(sheet);
    }
    try {
      if (!current) {
        const loadedInPart = await loadPartial(lean, needed);
        const stubs = new Map<Worksheet, LeanSheet>();
        for (const ws of loadedInPart.worksheets) {
          const sheet = lean.sheet(ws.name);
          if (sheet && !needed.has(sheet)) stubs.set(ws, sheet);
        }
        partial = { lw: lean, wb: loadedInPart, stubs, activated: false };
      } else if (needed.size > 0) {
        for (const sheet of needed) if (!(await movable(lean, sheet))) return false;
        await loadSheetsInto(current.wb, lean, needed);
        for (const [ws, sheet] of current.stubs) {
          if (!needed.has(sheet)) continue;
          current.stubs.delete(ws);
          if (current.activated) {
            const view = ws.views?.[0] as { tabSelected?: boolean } | undefined;
            if (view)
              view.tabSelected =
                current.wb.worksheets[current.wb.views?.[0]?.activeTab ?? 0] === ws;
          }
        }
      }
    } catch (e) {
      if (isTrackerError(e)) throw e;
      partial = current;
      return false;
    }
    const p = partial as PartialWorkbook;
    // A sheet emptied in place keeps the file's protection (the plan is refused if it has one).
    for (const [ws, sheet] of p.stubs) {
      if (written.has(ws.name.toLowerCase()) && leanProtected(lean, sheet))
        (ws as unknown as { sheetProtection: unknown }).sheetProtection = { sheet: true };
    }
    // A new table may not take the name of a table on a sheet that is copied.
    const copied = new Set(p.stubs.values());
    for (const op of plan.ops) {
      if (op.op !== "createTable") continue;
      const clash = tables.find(
        (t) => copied.has(t.sheet) && t.name.toLowerCase() === op.table.name.toLowerCase()
      );
      if (clash)
        throw new TrackerError(
          "not-ours",
          `A table named '${op.table.name}' already exists in this workbook.`
        );
    }
    // A refusal here changes nothing, so the workbook stays usable.
    preflight(p.wb, plan);
    ownStyles(p.wb);
    changed = true;
    try {
      applyOps(p.wb, plan);
    } catch (e) {
      broken = isTrackerError(e) ? e.message : String(e);
      throw e;
    }
    for (const op of plan.ops) {
      if (op.op !== "clearSheet") continue;
      const ws = p.wb.getWorksheet(op.sheet);
      if (ws) p.stubs.delete(ws);
    }
    if (plan.ops.some((op) => op.op === "activate" || op.op === "select")) p.activated = true;
    return true;
  };

  /** A read while the workbook is loaded in part: copied sheets read lean, the rest in excelts. */
  const readInPart = async (
    lean: LeanWorkbook,
    p: PartialWorkbook,
    request: ReadRequest
  ): Promise<WorkbookSnapshot> => {
    const copied = new Set([...p.stubs.values()].map((s) => s.name.toLowerCase()));
    const inFile = new Set<string>();
    for (const name of [...tablesWanted(request), ...(request.formulasOf ?? [])]) {
      if (findTable(p.wb, name)) continue;
      const t = await lean.table(name);
      if (t && copied.has(t.sheet.name.toLowerCase())) inFile.add(name.toLowerCase());
    }
    const pick = (keep: (name: string) => boolean): ReadRequest => ({
      tables: (request.tables ?? []).filter(keep),
      formulasOf: (request.formulasOf ?? []).filter(keep),
      columnsOf: Object.fromEntries(
        Object.entries(request.columnsOf ?? {}).filter(([name]) => keep(name))
      ),
    });
    const excel = readSnapshot(p.wb, {
      ...request,
      ...pick((name) => !inFile.has(name.toLowerCase())),
    });
    const metaWs = p.wb.getWorksheet(SHEETS.meta);
    const metaCopied = metaWs ? p.stubs.has(metaWs) : false;
    const fromFile =
      inFile.size > 0 || metaCopied
        ? await leanSnapshot(
            lean,
            pick((name) => inFile.has(name.toLowerCase())),
            []
          )
        : null;
    const stubOf = new Map([...p.stubs].map(([ws, sheet]) => [ws.name.toLowerCase(), sheet]));
    return {
      ...excel,
      sheets: excel.sheets.map((info) => {
        const sheet = stubOf.get(info.name.toLowerCase());
        return sheet ? leanInfo(lean, sheet, info.name, info.visibility) : info;
      }),
      meta: metaCopied ? (fromFile?.meta ?? null) : excel.meta,
      tables: { ...excel.tables, ...(fromFile?.tables ?? {}) },
    };
  };

  const session: WorkbookSession = {
    async read(request: ReadRequest): Promise<WorkbookSnapshot> {
      calls.reads++;
      const lean = source?.lean;
      const usedRanges = (request.sheets?.length ?? 0) > 0 || request.activeSheet === true;
      if (
        !wb &&
        lean &&
        (!usedRanges || (source?.leanSheets === true && request.activeSheet !== true))
      ) {
        try {
          if (partial) {
            if (!usedRanges) return await readInPart(lean, partial, request);
          } else {
            const snapshot = await leanSnapshot(lean, request, leanSheets(lean));
            // Used ranges of named sheets (a returned update workbook's two sheets) read lean too.
            for (const name of request.sheets ?? []) {
              const values = await leanSheetValues(lean, name);
              if (values && !snapshot.sheetValues[values.name])
                snapshot.sheetValues[values.name] = values;
            }
            return snapshot;
          }
        } catch (e) {
          if (!(e instanceof NotLean)) throw e;
        }
      }
      return readSnapshot(await full(), request);
    },
    async apply(plan: WorkbookPlan): Promise<void> {
      calls.applies++;
      if (plan.ops.length === 0) return;
      const lean = source?.lean;
      if (!wb && lean && (await applyInPart(lean, plan))) return;
      const book = await full();
      // A refusal here changes nothing, so the workbook stays usable.
      preflight(book, plan);
      // After a save, cells share style objects: give them their own before changing any.
      ownStyles(book);
      changed = true;
      try {
        applyOps(book, plan);
      } catch (e) {
        broken = isTrackerError(e) ? e.message : String(e);
        throw e;
      }
    },
    async select(sheet: string, range: RangeRef): Promise<void> {
      const book = await full();
      const ws = book.getWorksheet(sheet);
      if (!ws) throw new TrackerError("sheet-missing", sheetNotFound(sheet));
      changed = true;
      selectRange(book, ws, range);
    },
  };

  const host: XlsxHost = {
    // Whoever takes the workbook may change it: its cells get their own styles first.
    get workbook() {
      if (!wb) throw new Error("host.workbook: call host.load() first for a workbook read lean");
      changed = true;
      ownStyles(wb);
      return wb;
    },
    // Whoever takes the workbook may change it: it is written, not copied, when saved.
    async load(): Promise<Workbook> {
      const book = await full();
      changed = true;
      ownStyles(book);
      return book;
    },
    calls,
    async run<T>(label: string, operation: (s: WorkbookSession) => Promise<T>): Promise<T> {
      if (broken) {
        throw new TrackerError(
          "unexpected",
          `${label}: an earlier step failed part-way (${broken}); reopen the file and try again.`
        );
      }
      try {
        return await operation(session);
      } catch (e) {
        if (isTrackerError(e)) throw e;
        const message = e instanceof Error ? e.message : String(e);
        throw new TrackerError("unexpected", `${label} failed: ${message}`, { cause: e });
      }
    },
    async toBuffer(): Promise<Buffer> {
      if (broken) {
        throw new TrackerError(
          "unexpected",
          `The workbook was not saved because an operation failed part-way: ${broken}`
        );
      }
      // Opened from a file and never changed: the file as it was, byte for byte.
      if (original && source?.lean && !changed) return original;
      // Changed in part: what changed, written, and every other sheet copied from the file.
      let out = partial ? await spliceSave(partial) : await writeWorkbook(wb as Workbook, validate);
      // A sensitivity label lives in custom document properties, which excelts drops: put them back.
      if (original && !partial) out = carryCustomProperties(original, out);
      if (originalParts) {
        const lost = lostParts(originalParts, zipEntryNames(out));
        if (lost.length > 0) {
          throw new TrackerError(
            "unsupported",
            `Nothing was written: this workbook holds ${listOf(lost)}, which would be lost if the command line ` +
              `saved it. Make the change in Excel with the Inspection Tracker add-in instead.`
          );
        }
      }
      return out;
    },
    async save(path: string): Promise<void> {
      const bytes = await host.toBuffer();
      writeFileAtomic(path, bytes);
    },
    // A new workbook's bytes, for the caller to save (owner update workbooks).
    createWorkbook: createWorkbookBytes,
    openWorkbook: openWorkbookBytes,
  };
  return host;
}

/** Write to a temporary file beside the target, then rename over it. */
export function writeFileAtomic(path: string, bytes: Buffer): void {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    if (existsSync(tmp)) {
      try {
        unlinkSync(tmp);
      } catch {
        /* best effort */
      }
    }
    const err = e as NodeJS.ErrnoException;
    throw new TrackerError(
      "invalid-input",
      `Could not write ${path}: ${err.code ?? err.message}.`,
      { cause: e }
    );
  }
}

/**
 * A host over a one-sheet workbook holding rows (for example a CSV file's cells), all written
 * as text. Handy for reading a CSV through the same snapshot code as a sheet.
 */
export async function hostFromRows(sheet: string, rows: CellValue[][]): Promise<XlsxHost> {
  const wb = new Workbook();
  const ws = wb.addWorksheet(sheet);
  rows.forEach((vals, i) => {
    const row = ws.getRow(i + 1);
    vals.forEach((v, j) => setValue(row.getCell(j + 1), v));
  });
  return hostOver(wb);
}

/**
 * How a plan first writes to a sheet (its first op there), or null: a sheet emptied first
 * (clearSheet) needs nothing of the file's.
 */
function firstWrite(
  plan: WorkbookPlan,
  sheet: string,
  sheetOfTable: (table: string) => string | null | undefined
): string | null {
  for (const op of plan.ops) {
    if (op.op === "activate" || op.op === "select" || op.op === "ensureSheet") continue;
    const named = "sheet" in op ? op.sheet : null;
    const target = op.op === "conditionalFormats" && "sheet" in op.target ? op.target.sheet : null;
    const table = tableWritten(op);
    const onTable = table ? sheetOfTable(table) : null;
    if ([named, target, onTable].some((s) => s && s.toLowerCase() === sheet)) return op.op;
  }
  return null;
}
