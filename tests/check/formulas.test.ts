/**
 * Whether the check reads the tracker's formulas is the host's limit, applied by the engine to
 * the row count the caller knows: Excel (5 MB responses on the web) reads them up to 2,000 rows,
 * a host with no limit (the xlsx files) always.
 */
import { TABLES } from "../../src/domain/columns";
import { checkTracker, readsFormulas } from "../../src/engine/check";
import { buildSummary, checkCount } from "../../src/engine/summary";
import { createExcelHost } from "../../src/hosts/excel";
import { createFakeExcel } from "../fakes/fake-excel";
import { cells, goodValues, snapshotWith, trackerTable } from "./helpers";
import { createStubHost } from "../helpers/stub-host";

const AS_AT = 46000;

describe("reading formulas", () => {
  it("the Excel host reads formulas of tables up to 2,000 rows; a host without a limit, always", () => {
    const excel = createExcelHost({ excel: createFakeExcel().Excel });
    expect(excel.maxFormulaRows).toBe(2000);
    expect(readsFormulas(excel, 2000)).toBe(true);
    expect(readsFormulas(excel, 2001)).toBe(false);
    expect(readsFormulas(excel, undefined)).toBe(true);
    expect(readsFormulas(excel, null)).toBe(true);
    const files = createStubHost(snapshotWith(null));
    expect(readsFormulas(files, 1_000_000)).toBe(true);
  });

  it("checkTracker and buildSummary ask for formulas unless the rows are over the host's limit", async () => {
    const host = { ...createStubHost(snapshotWith(trackerTable([cells(goodValues())]))), maxFormulaRows: 10 };
    const formulasAsked = () => host.reads.map((r) => (r.formulasOf ?? []).includes(TABLES.tracker));
    await checkTracker(host, { today: AS_AT, rows: 10, write: false });
    await checkTracker(host, { today: AS_AT, rows: 11, write: false });
    await checkTracker(host, { today: AS_AT, write: false });
    await buildSummary(host, { today: AS_AT, check: checkCount(AS_AT), force: true, rows: 11 });
    await buildSummary(host, { today: AS_AT, check: checkCount(AS_AT), force: true, rows: 3 });
    expect(formulasAsked()).toEqual([true, false, true, false, true]);
  });
});
