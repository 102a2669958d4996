import type { WorkbookHost } from "../../workbook/host";
export function createExcelHost(): WorkbookHost {
  throw new Error("not implemented yet");
}
