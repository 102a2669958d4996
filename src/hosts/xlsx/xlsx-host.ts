/**
 * The xlsx host: the same WorkbookHost contract as the Excel host, over an .xlsx file in Node
 * (@cj-tech-master/excelts). Open a file or a Buffer, or start empty; run operations; then save.
 * Saving is atomic (a temporary file in the same folder, then rename), and a workbook whose
 * operation failed part-way through cannot be saved, so a failed command never leaves a
 * half-written file.
 *
 * This file holds the contract's shape over one open workbook; each job has its file:
 * host-load (open, check, load into excelts, the state kept), host-read, host-apply, host-save.
 */
import { Workbook } from "@cj-tech-master/excelts";
import { TrackerError, isTrackerError } from "../../domain/errors";
import type { CreatedWorkbook, WorkbookHost, WorkbookSession } from "../../workbook/host";
import type { CellValue, WorkbookPlan } from "../../workbook/plan";
import { setValue } from "./apply";
import { applyToWorkbook, selectIn } from "./host-apply";
import { fullWorkbook, hostState, loadWorkbook, openSource, type Source } from "./host-load";
import { readWorkbook } from "./host-read";
import { workbookBytes, writeFileAtomic } from "./host-save";
import { createWorkbookBytes, openWorkbookBytes } from "./memory";
import { ownStyles } from "./write";

export { writeFileAtomic };

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

/** Open (or start) a workbook and return a host over it. */
export async function createXlsxHost(options: XlsxHostOptions = {}): Promise<XlsxHost> {
  if (options.workbook) return hostOver(options.workbook, options.validate === true, null);
  if (!options.buffer && !options.file) {
    const wb = new Workbook();
    wb.creator = "Inspection Tracker";
    return hostOver(wb, options.validate === true, null);
  }
  const source = await openSource(options);
  if (!source.lean)
    return hostOver(
      await loadWorkbook(source.bytes, source.where),
      options.validate === true,
      source
    );
  return hostOver(null, options.validate === true, source);
}

function hostOver(
  loaded: Workbook | null,
  validate = false,
  source: Source | null = null
): XlsxHost {
  const st = hostState(loaded, validate, source);
  const session: WorkbookSession = {
    read: (request) => readWorkbook(st, request),
    apply: (plan) => applyToWorkbook(st, plan),
    select: (sheet, range) => selectIn(st, sheet, range),
  };

  const host: XlsxHost = {
    // Whoever takes the workbook may change it: its cells get their own styles first.
    get workbook() {
      if (!st.wb) throw new Error("host.workbook: call host.load() first for a workbook read lean");
      st.changed = true;
      ownStyles(st.wb);
      return st.wb;
    },
    // Whoever takes the workbook may change it: it is written, not copied, when saved.
    async load(): Promise<Workbook> {
      const book = await fullWorkbook(st);
      st.changed = true;
      ownStyles(book);
      return book;
    },
    calls: st.calls,
    async run<T>(label: string, operation: (s: WorkbookSession) => Promise<T>): Promise<T> {
      if (st.broken) {
        throw new TrackerError(
          "unexpected",
          `${label}: an earlier step failed part-way (${st.broken}); reopen the file and try again.`
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
    toBuffer: () => workbookBytes(st),
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
