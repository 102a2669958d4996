/**
 * The xlsx host: WorkbookHost over .xlsx files in Node (@cj-tech-master/excelts).
 */
export {
  createXlsxHost,
  hostFromRows,
  writeFileAtomic,
  type XlsxHost,
  type XlsxHostOptions,
} from "./xlsx-host";
export { readSnapshot } from "./read";
export { applyPlan } from "./apply";
export { EMU_PER_POINT } from "./chart";
export { checkPackage, zlibInflater } from "./zip";
