/**
 * The Excel host (Office.js): applies plans and reads snapshots in a constant number of syncs.
 * The facade: everything outside this folder imports from here.
 *
 *   host.ts       createExcelHost: run (counted syncs, plain errors), stats, events
 *   session.ts    one operation's read / apply / select
 *   read/         the read strategies: at once (one sync), careful, row blocks
 *   write/        apply: the op switch and one file per kind of op
 *   geometry.ts   where the session's tables and sheets are (the one place)
 *   batch.ts      syncs only when a request would pass the limit
 *   limits.ts     Excel's size limits; validate.ts checks a plan before writing
 *   events.ts     table changes without the add-in's own writes
 *   errors.ts     Office error codes to plain messages
 */
import type { WorkbookHost } from "../../workbook/host";
export { createExcelHost } from "./host";
export type { ExcelHost, ExcelHostOptions, ExcelHostStats, OperationStats } from "./host";
export {
  MAX_REQUEST_BYTES,
  MAX_DESKTOP_REQUEST_BYTES,
  MAX_RESPONSE_BYTES,
  requestLimitFor,
} from "./limits";
export { cellInput } from "./values";
export { NO_NEW_WORKBOOKS, canCreateWorkbooks, toBase64 } from "./new-workbook";
export type { WorkbookFiles } from "./new-workbook";
export { validatePlan } from "./validate";
export { charsToPoints } from "../../workbook/plan";
export { OFFICE_ERRORS, REQUIREMENT_MESSAGE, officeErrorCode, toTrackerError } from "./errors";
export { requirementProblem } from "./client";
export type { WorkbookHost };
