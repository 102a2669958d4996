/**
 * The Excel host (Office.js): applies plans and reads snapshots in a constant number of syncs.
 */
import type { WorkbookHost } from "../../workbook/host";
export {
  createExcelHost,
  cellInput,
  charsToPoints,
  validatePlan,
  MAX_REQUEST_BYTES,
  MAX_DESKTOP_REQUEST_BYTES,
  requestLimitFor,
} from "./excel-host";
export type { ExcelHost, ExcelHostOptions, ExcelHostStats, OperationStats } from "./excel-host";
export { OFFICE_ERRORS, officeErrorCode, toTrackerError } from "./errors";
export type { WorkbookHost };
