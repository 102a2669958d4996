/// <reference types="office-js" />
/**
 * Workbooks apart from the one the add-in runs in: an owner's update workbook opens in a new
 * Excel window (Excel.createWorkbook, ExcelApi 1.8: "the new workbook is immediately opened and
 * displayed in a new instance of Excel; your add-in remains open and running with the previous
 * workbook", learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks). The method
 * takes an .xlsx file as base64, so the bytes are made by the pane's workbook files (the xlsx
 * host's in-memory piece, loaded only when needed), which also read the returned workbooks.
 */
import { TrackerError } from "../../domain/errors";
import type { CreatedWorkbook, WorkbookHost } from "../../workbook/host";
import type { WorkbookPlan } from "../../workbook/plan";
import { toTrackerError } from "./errors";

/** What the pane gives the host to make and read workbook files (hosts/xlsx/memory). */
export interface WorkbookFiles {
  workbookBytes(plan: WorkbookPlan): Promise<Uint8Array>;
  openWorkbookBytes(name: string, bytes: Uint8Array): Promise<WorkbookHost>;
}

export interface OfficeLike {
  context?: { requirements?: { isSetSupported?: (name: string, version?: string) => boolean } };
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Bytes as base64 (no btoa: it needs a binary string, and large ones overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk +=
      B64[(n >> 18) & 63] +
      B64[(n >> 12) & 63] +
      (i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=") +
      (i + 2 < bytes.length ? B64[n & 63] : "=");
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = "";
    }
  }
  out.push(chunk);
  return out.join("");
}

/** Whether the client has ExcelApi 1.8 (Excel.createWorkbook). */
export function canCreateWorkbooks(excel: unknown, office: OfficeLike | undefined): boolean {
  const supported = office?.context?.requirements?.isSetSupported?.("ExcelApi", "1.8") ?? false;
  return supported && typeof (excel as { createWorkbook?: unknown }).createWorkbook === "function";
}

/**
 * Docs "Excel JavaScript API requirement sets": Excel.createWorkbook is ExcelApi 1.8, which
 * volume-licensed Office 2019 does not have (it stops at 1.7), so "Excel 2019 or later" would
 * send an analyst with that version looking for a setting that is not there.
 */
export const NO_NEW_WORKBOOKS =
  "This version of Excel cannot open a new workbook from an add-in (that needs Microsoft 365, " +
  "Office 2021 or later, or Excel on the web; Office 2019 bought with a volume licence cannot). " +
  "Nothing was made. Make the owners' workbooks with " +
  "the command line instead: inspection-tracker updates request TRACKER.xlsx --out FOLDER.";

/** Open a new workbook holding the plan in a new Excel window. */
export async function createWorkbookIn(
  excel: unknown,
  office: OfficeLike | undefined,
  files: (() => Promise<WorkbookFiles>) | undefined,
  name: string,
  plan: WorkbookPlan
): Promise<CreatedWorkbook> {
  if (!canCreateWorkbooks(excel, office)) throw new TrackerError("unsupported", NO_NEW_WORKBOOKS);
  if (!files) {
    throw new TrackerError(
      "unsupported",
      "Making workbooks is not available in this pane. Nothing was made."
    );
  }
  const bytes = await (await files()).workbookBytes(plan);
  try {
    await (excel as typeof Excel).createWorkbook(toBase64(bytes));
  } catch (e) {
    throw toTrackerError(e, `Open ${name}`);
  }
  return { name };
}
