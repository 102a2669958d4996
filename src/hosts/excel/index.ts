/**
 * The Excel host (Office.js). Placeholder signature; implemented in excel-host.ts.
 */
import type { WorkbookHost } from "../../workbook/host";
export { createExcelHost } from "./excel-host";
export type { WorkbookHost };
