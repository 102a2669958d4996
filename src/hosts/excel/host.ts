/// <reference types="office-js" />
/**
 * The Excel host: applies WorkbookPlans and reads WorkbookSnapshots with Office.js, in a constant
 * number of context.sync() calls whatever the row count:
 *
 * - run(): one Excel.run with delayForCellEdit (a batch waits while the analyst is typing in a
 *   cell), every sync counted (`stats`), every Office error mapped to a plain-English TrackerError.
 * - read() (read/): ONE sync. Sheets (name, visibility, protection), the active sheet, the metadata
 *   sheet, requested sheets' used ranges, and each requested table's name, sheet, header row,
 *   data body (or only the columns asked for, each by name), last-row number formats, and the
 *   Status column's list validation and conditional-format count, all through getItemOrNullObject
 *   chains (absent ones give null objects). Only a response over Excel's limit (5 MB on the web)
 *   costs more: one sync for the sizes, then the bodies in as few row blocks as fit. A client
 *   that refuses loads through null objects gets 3 syncs that never go through one.
 * - apply() (write/): every op queued in one batch and ONE sync; the batch is cut into several
 *   syncs only when its estimated request size passes the request limit (limits.ts: Excel on the
 *   web refuses requests over 5 MB; on Windows and Mac only a far larger cap applies). When an op
 *   needs a table's size and this session has not read it, one extra sync reads it first
 *   (geometry.ts).
 *
 * Only this folder uses Office.js.
 */
import { TrackerError } from "../../domain/errors";
import type { DiagnosticsReport, WorkbookHost, WorkbookSession } from "../../workbook/host";
import { toTrackerError } from "./errors";
import { clientOf } from "./client";
import { runDiagnostics } from "./diagnostics";
import { watchTable } from "./events";
import { MAX_FORMULA_ROWS, MAX_RESPONSE_BYTES, requestLimitFor } from "./limits";
import { createWorkbookIn, type OfficeLike, type WorkbookFiles } from "./new-workbook";
import { Session, type Runner } from "./session";
import type { HostMemory } from "./state";
import { shouldMerge } from "./undo";

type ExcelApi = typeof Excel;

export interface ExcelHostOptions {
  /** The Excel namespace (default: the global `Excel` that office.js defines). Tests pass a fake. */
  excel?: unknown;
  /**
   * Split an apply into several syncs above this estimated request size (bytes). Default: from
   * `platform` (see requestLimitFor).
   */
  maxRequestBytes?: number;
  /** The client Office.onReady reported (info.platform); unknown means Excel on the web's limit. */
  platform?: string | null;
  /** The response size Excel accepts (bytes; Excel on the web: 5 MB); sizes the block re-read. */
  maxResponseBytes?: number;
  /**
   * The Office namespace (default: the global `Office`): its requirements say which ExcelApi
   * sets the client supports, its diagnostics which platform. Tests pass the fake's.
   */
  office?: unknown;
  /**
   * Making and reading workbook files (the pane passes the xlsx host's in-memory piece, loaded
   * lazily): owner update workbooks are made as .xlsx bytes and opened with Excel.createWorkbook,
   * and returned ones read. Without it, createWorkbook and openWorkbook say they are unavailable.
   */
  workbookFiles?: () => Promise<WorkbookFiles>;
}

export interface OperationStats {
  runs: number;
  /** Syncs of the most recent run. */
  syncs: number;
  /** The most syncs any run of this operation took. */
  maxSyncs: number;
  ms: number;
}

export interface ExcelHostStats {
  byLabel: Record<string, OperationStats>;
  last: { label: string; syncs: number; ms: number; ok: boolean } | null;
  totalSyncs: number;
}

export interface ExcelHost extends WorkbookHost {
  readonly stats: ExcelHostStats;
  /** What the host knows of the client and has learnt this session (diagnostics fill probes). */
  readonly memory: HostMemory;
  resetStats(): void;
  onTableChanged(table: string, handler: () => void): Promise<() => Promise<void>>;
  diagnose(): Promise<DiagnosticsReport>;
}

export function createExcelHost(options: ExcelHostOptions = {}): ExcelHost {
  const client = clientOf(
    options.office ?? (globalThis as { Office?: unknown }).Office,
    options.platform
  );
  const memory: HostMemory = {
    maxRequestBytes: options.maxRequestBytes ?? requestLimitFor(client.platform),
    maxResponseBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    carefulReads: false,
    largeTables: new Set<string>(),
    client,
    undoRefused: false,
    watchers: 0,
  };
  const stats: ExcelHostStats = { byLabel: {}, last: null, totalSyncs: 0 };

  function excelApi(): ExcelApi {
    const api = (options.excel ?? (globalThis as { Excel?: unknown }).Excel) as
      ExcelApi | undefined;
    if (!api || typeof api.run !== "function") {
      throw new TrackerError(
        "unsupported",
        "Excel is not available here: open Inspection Tracker from Excel's Home tab."
      );
    }
    return api;
  }

  async function run<T>(
    label: string,
    operation: (session: WorkbookSession) => Promise<T>
  ): Promise<T> {
    const started = Date.now();
    let syncs = 0;
    let ok = false;
    try {
      const api = excelApi();
      const counted = (context: Excel.RequestContext) => async () => {
        syncs++;
        await context.sync();
      };
      // delayForCellEdit: wait while the analyst is typing in a cell instead of failing.
      // mergeUndoGroup (ExcelApi 1.20): one Ctrl+Z undoes the whole operation (Fix all, an
      // import) even when it took several syncs; only where it can work (undo.ts).
      const merged = shouldMerge(memory);
      const runOptions: Excel.RunOptions = merged
        ? { delayForCellEdit: true, mergeUndoGroup: true }
        : { delayForCellEdit: true };
      const runner: Runner = {
        unmerged: (work) =>
          api.run({ delayForCellEdit: true }, (context) => work(context, counted(context))),
      };
      const result = await api.run(runOptions, async (context) =>
        operation(new Session(context, counted(context), memory, merged, runner))
      );
      ok = true;
      return result as T;
    } catch (e) {
      throw toTrackerError(e, label);
    } finally {
      const ms = Date.now() - started;
      const s = (stats.byLabel[label] ??= { runs: 0, syncs: 0, maxSyncs: 0, ms: 0 });
      s.runs++;
      s.syncs = syncs;
      s.maxSyncs = Math.max(s.maxSyncs, syncs);
      s.ms = ms;
      stats.last = { label, syncs, ms, ok };
      stats.totalSyncs += syncs;
    }
  }

  return {
    stats,
    resetStats() {
      stats.byLabel = {};
      stats.last = null;
      stats.totalSyncs = 0;
    },
    run,
    maxFormulaRows: MAX_FORMULA_ROWS,
    onTableChanged: (table, handler) => watchTable(excelApi(), memory, table, handler),
    diagnose: () =>
      runDiagnostics(
        excelApi(),
        options.office ?? (globalThis as { Office?: unknown }).Office,
        memory
      ),
    createWorkbook: (name, plan) =>
      createWorkbookIn(
        excelApi(),
        (options.office ?? (globalThis as { Office?: unknown }).Office) as OfficeLike | undefined,
        options.workbookFiles,
        name,
        plan
      ),
    async openWorkbook(name, bytes) {
      if (!options.workbookFiles) {
        throw new TrackerError(
          "unsupported",
          "Reading other workbooks is not available in this pane. Nothing was read."
        );
      }
      return (await options.workbookFiles()).openWorkbookBytes(name, bytes);
    },
    memory,
  };
}
