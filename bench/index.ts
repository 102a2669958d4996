/**
 * The benchmark registry: one entry per capability, each in its own file.
 */
import { checkBench } from "./check.bench";
import { adoptBench } from "./adopt.bench";
import { summaryBench } from "./summary.bench";
import { importBench } from "./import.bench";
import { xlsxInitBench } from "./xlsx-init.bench";
import { excelSetupBench } from "./excel-setup.bench";
import { updatesBench } from "./updates.bench";
import { leanBench } from "./lean.bench";
import { paneBench } from "./pane.bench";

export type Bench = () => Promise<Record<string, unknown>>;

export const benches: Record<string, Bench> = {
  check: checkBench,
  adopt: adoptBench,
  summary: summaryBench,
  import: importBench,
  xlsxInit: xlsxInitBench,
  excelSetup: excelSetupBench,
  updates: updatesBench,
  lean: leanBench,
  pane: paneBench,
};
