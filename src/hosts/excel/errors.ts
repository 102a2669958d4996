/**
 * Office error codes → plain-English TrackerErrors. Pure: no Office.js here, only the codes
 * (OfficeExtension.Error.code, not localised; the Office message is localised and technical, so
 * it is never shown, only kept as the cause).
 */
import { TrackerError, isTrackerError, type TrackerErrorCode } from "../../domain/errors";

export interface OfficeErrorInfo {
  code: TrackerErrorCode;
  /** What happened and what to do; `{op}` is replaced by the operation's name. */
  message: string;
}

const EDIT: OfficeErrorInfo = {
  code: "cell-edit",
  message: "A cell is being edited: press Enter or Esc in Excel, then try again.",
};
const PROTECTED: OfficeErrorInfo = {
  code: "protected",
  message:
    "Excel refused to change the workbook during {op}: a sheet is protected or the workbook is read-only. " +
    "Unprotect the sheet (Review > Unprotect Sheet) or open the workbook for editing, then try again.",
};
const MISSING: OfficeErrorInfo = {
  code: "sheet-missing",
  message:
    "A sheet or table that {op} uses was renamed or deleted while it was working. " +
    "Check the Tracker, Lists, Inspections and History sheets are there, then try again (Set up tracker repairs missing pieces).",
};
const TOO_LARGE: OfficeErrorInfo = {
  code: "too-large",
  message:
    "{op} asked Excel to move more data at once than it allows (Excel on the web takes at most 5 MB per request). " +
    "Try a smaller paste or fewer rows at a time.",
};
const BUSY: OfficeErrorInfo = {
  code: "busy",
  message: "Excel was busy and could not finish {op}. Wait a moment, then try again.",
};
const CONFLICT: OfficeErrorInfo = {
  code: "busy",
  message:
    "Someone else changed the workbook at the same time, so Excel could not finish {op}. " +
    "Wait for their changes to arrive, then try again.",
};
/**
 * Docs "Excel JavaScript API requirement sets": the add-in needs ExcelApi 1.9, which Microsoft 365
 * (Windows, Mac), Office 2021 and later and Excel on the web have; Office 2019 bought with a
 * volume licence stops at 1.7, so "Excel 2019 or later" would be wrong.
 */
export const REQUIREMENT_MESSAGE =
  "Inspection Tracker needs a newer Excel: Microsoft 365 (Windows or Mac), Office 2021 or later, or Excel on the web. " +
  "Office 2019 bought with a volume licence (and Office 2016) cannot run it.";
const UNSUPPORTED: OfficeErrorInfo = {
  code: "unsupported",
  message: `This version of Excel cannot do {op}. ${REQUIREMENT_MESSAGE}`,
};
const UNDO: OfficeErrorInfo = {
  code: "busy",
  message:
    "Excel could not make {op} a single undo step, and part of it may already be written. " +
    "Check the sheet, then try again: the add-in will not ask Excel for one undo step again this session.",
};
const EXISTS: OfficeErrorInfo = {
  code: "not-ours",
  message:
    "A sheet or table with a name Inspection Tracker needs was added while {op} was working. Try again; " +
    "if it keeps happening, rename that sheet or table.",
};
const MERGED: OfficeErrorInfo = {
  code: "invalid-input",
  message:
    "Merged cells, a filter or a PivotTable is in the way of {op}. Unmerge or clear it, then try again.",
};

/** The table. Codes from Excel.ErrorCodes and the Office error-handling article. */
export const OFFICE_ERRORS: Readonly<Record<string, OfficeErrorInfo>> = {
  InvalidOperationInCellEditMode: EDIT,
  AccessDenied: PROTECTED,
  ItemNotFound: MISSING,
  InvalidReference: MISSING,
  InvalidObjectPath: MISSING,
  RequestPayloadSizeLimitExceeded: TOO_LARGE,
  ResponsePayloadSizeLimitExceeded: TOO_LARGE,
  RangeExceedsLimit: TOO_LARGE,
  OperationCellsExceedLimit: TOO_LARGE,
  MemoryLimitReached: TOO_LARGE,
  GeneralException: BUSY,
  ActivityLimitReached: BUSY,
  ServiceNotAvailable: BUSY,
  RequestAborted: BUSY,
  InactiveWorkbook: BUSY,
  Timeout: BUSY,
  Conflict: CONFLICT,
  InsertDeleteConflict: CONFLICT,
  NotImplemented: UNSUPPORTED,
  ApiNotFound: UNSUPPORTED,
  UnsupportedOperation: UNSUPPORTED,
  UnsupportedFeature: UNSUPPORTED,
  UnsupportedSheet: UNSUPPORTED,
  ItemAlreadyExists: EXISTS,
  UndoNotSupported: UNDO,
  MergedRangeConflict: MERGED,
  FilteredRangeConflict: MERGED,
  PivotTableRangeConflict: MERGED,
};

/** The Office error code of a thrown value, or null when it is not an Office error. */
export function officeErrorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.length > 0 ? code : null;
}

/** Where Excel says it failed (debugInfo.errorLocation), for the technical detail. */
function errorLocation(error: unknown): string | null {
  const info = (error as { debugInfo?: { errorLocation?: unknown } } | null)?.debugInfo;
  return typeof info?.errorLocation === "string" && info.errorLocation ? info.errorLocation : null;
}

/**
 * Map anything thrown inside an Excel operation to a TrackerError. TrackerErrors pass through
 * unchanged; Office errors get the table's message; anything else is "unexpected".
 * @param operation the operation's name as the pane shows it ("Set up tracker").
 */
export function toTrackerError(error: unknown, operation: string): TrackerError {
  if (isTrackerError(error)) return error as TrackerError;
  const op = `'${operation}'`;
  const code = officeErrorCode(error);
  const info = code ? OFFICE_ERRORS[code] : undefined;
  if (info)
    return new TrackerError(info.code, info.message.replace(/\{op\}/g, op), { cause: error });
  const where = errorLocation(error);
  const detail = code ? ` (Excel error ${code}${where ? ` at ${where}` : ""})` : "";
  return new TrackerError(
    "unexpected",
    `Excel could not finish ${op}${detail}. Try again; if it keeps happening, save a copy of the workbook and report it.`,
    { cause: error }
  );
}

/** The code Excel (on the web) refuses a response over its size limit with. */
export const RESPONSE_TOO_LARGE = "ResponsePayloadSizeLimitExceeded";

/**
 * Whether a read failed as too large for one response. Excel on the web documents
 * ResponsePayloadSizeLimitExceeded, but large payloads there are reported failing as
 * GeneralException too (office-js #1314, #1012; office-js-docs-reference #354): on a client with
 * the 5 MB limit (the web, or one the host cannot name) that is taken as "too large" as well, and
 * the read goes on in smaller blocks, which fail again if Excel was really busy.
 */
export function responseTooLarge(error: unknown, desktop: boolean): boolean {
  const code = officeErrorCode(error);
  return code === RESPONSE_TOO_LARGE || (!desktop && code === "GeneralException");
}

/** Errors a client may give when a batch goes through a null object. */
export const CHAIN_ERRORS: ReadonlySet<string> = new Set([
  "InvalidObjectPath",
  "InvalidArgument",
  "ItemNotFound",
  "InvalidOperation",
]);
