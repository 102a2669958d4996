/**
 * Workbooks in memory, as bytes: make a new workbook from a plan, or open a workbook's bytes
 * and read it through the host contract. No Node APIs, so the task pane can load it too (lazily,
 * only for the quarterly update round): the pane builds each owner's workbook here and hands
 * the bytes to Excel.createWorkbook, and reads the returned workbooks the analyst chooses.
 * The command line uses the same code, so both make the same file.
 */
import { Workbook } from "@cj-tech-master/excelts";
import { TrackerError, isTrackerError } from "../../domain/errors";
import { XLSX_LIMITS, checkZip } from "../../domain/files/zip";
import type {
  CreatedWorkbook,
  ReadRequest,
  WorkbookHost,
  WorkbookSession,
  WorkbookSnapshot,
} from "../../workbook/host";
import type { WorkbookPlan } from "../../workbook/plan";
import { applyPlan } from "./apply";
import { readSnapshot } from "./read";
import { writeWorkbookBytes } from "./write";

/** The largest workbook read from bytes here (a returned update workbook is tens of KB). */
export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

/** A new workbook holding the plan, as .xlsx bytes. */
export async function workbookBytes(plan: WorkbookPlan): Promise<Uint8Array> {
  const wb = new Workbook();
  wb.creator = "Inspection Tracker";
  applyPlan(wb, plan);
  // Styles shared and zip entries buffered: a 250-row owner workbook saves several times faster
  // than through excelts's own writer. It has no drawings, so the hook's absence changes nothing.
  return (await writeWorkbookBytes(wb, false)).bytes;
}

/** Make a new workbook from a plan (the xlsx hosts' createWorkbook). */
export async function createWorkbookBytes(
  name: string,
  plan: WorkbookPlan
): Promise<CreatedWorkbook> {
  return { name, bytes: await workbookBytes(plan) };
}

/** Open a workbook's bytes and return a host over it (reads; applies change only the memory). */
export async function openWorkbookBytes(name: string, bytes: Uint8Array): Promise<WorkbookHost> {
  const notAWorkbook = (cause?: unknown) =>
    new TrackerError(
      "invalid-input",
      `${name} is not an Excel workbook that can be opened (.xlsx expected). Nothing was read.`,
      cause === undefined ? undefined : { cause }
    );
  if (bytes.length > MAX_WORKBOOK_BYTES) {
    throw new TrackerError(
      "too-large",
      `${name} is ${(bytes.length / 1048576).toFixed(1)} MB, too large for an update workbook. Nothing was read.`
    );
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw notAWorkbook();
  // The decompression-bomb guard the command line uses, before excelts inflates anything.
  await checkZip(bytes, name, { limits: XLSX_LIMITS, expected: ".xlsx" });
  const wb = new Workbook();
  try {
    await wb.xlsx.load(bytes as never);
  } catch (e) {
    throw notAWorkbook(e);
  }
  return hostOverMemory(wb, name);
}

function hostOverMemory(wb: Workbook, name: string): WorkbookHost {
  const session: WorkbookSession = {
    async read(request: ReadRequest): Promise<WorkbookSnapshot> {
      return readSnapshot(wb, request);
    },
    async apply(plan: WorkbookPlan): Promise<void> {
      applyPlan(wb, plan);
    },
    // A workbook in memory has no selection to show.
    async select(): Promise<void> {},
  };
  return {
    async run<T>(label: string, operation: (s: WorkbookSession) => Promise<T>): Promise<T> {
      try {
        return await operation(session);
      } catch (e) {
        if (isTrackerError(e)) throw e;
        const message = e instanceof Error ? e.message : String(e);
        throw new TrackerError("unexpected", `${label} (${name}) failed: ${message}`, { cause: e });
      }
    },
  };
}
