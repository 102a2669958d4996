/**
 * Printed pages: no section of the Summary (heading, table, chart) is cut across two pages.
 */
import { SHEETS } from "../../src/domain/columns";
import { buildSummary } from "../../src/engine/summary";
import { createExcelHost } from "../../src/hosts/excel";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { MIN_ROW_PT, PRINT_HEIGHT_PT, pageBreaks } from "../../src/workbook/summary";
import { buildSampleTracker, SAMPLE_AS_AT } from "../../bench/summary.bench";
import { createFakeExcel } from "../fakes/fake-excel";

describe("pageBreaks", () => {
  // Narrow columns: printed at full size, so a page holds PRINT_HEIGHT_PT / MIN_ROW_PT rows.
  const narrow = [10, 10];
  const pageRows = Math.floor(PRINT_HEIGHT_PT / MIN_ROW_PT);

  it("breaks before a section that would not fit on what is left of the page", () => {
    // Sections start at rows 0 (title), 20 and 30; the last runs to pageRows + 5.
    expect(pageBreaks([20, 30], pageRows + 5, narrow)).toEqual([30]);
  });

  it("adds no break when everything fits on one page", () => {
    expect(pageBreaks([10, 20], pageRows, narrow)).toEqual([]);
  });

  it("lets a section taller than a page flow on from where it starts, then breaks as needed", () => {
    const long = pageRows * 2 + 10;
    // A long section from row 5 flows over three pages; its last page has 10 rows on it.
    expect(pageBreaks([5, long], long + 20, narrow)).toEqual([]);
    // The next section fits on a page of its own but not beside those 10 rows.
    expect(pageBreaks([5, long], long + pageRows - 5, narrow)).toEqual([long]);
  });

  it("fits more rows on a page when the sheet is scaled down to one page wide", () => {
    const wide = new Array(20).fill(20); // about 1,100 pt wide: printed smaller
    const rows = pageRows + 20;
    expect(pageBreaks([pageRows - 10], rows, narrow)).toEqual([pageRows - 10]);
    expect(pageBreaks([pageRows - 10], rows, wide)).toEqual([]);
  });
});

describe("the Summary's page breaks in both hosts", () => {
  it("the Excel host adds them, at section starts, on the rebuilt sheet", async () => {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel });
    await buildSampleTracker(host, { rows: 60, positions: 2 });
    const r = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(r.kind).toBe("built");
    const breaks = fake.sheet(SHEETS.summary)!.pageBreakRows;
    expect(breaks.length).toBeGreaterThan(0);
    // Building again rebuilds the sheet: the same breaks, not twice as many.
    await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(fake.sheet(SHEETS.summary)!.pageBreakRows).toEqual(breaks);
    // Each break sits on a blank spacer row just above a section heading.
    for (const b of breaks) {
      expect(fake.values(SHEETS.summary, `A${b + 1}`)[0][0]).toBe("");
      expect(fake.values(SHEETS.summary, `A${b + 2}`)[0][0]).not.toBe("");
    }
  });

  it("the xlsx host writes them as row breaks that survive a reopen", async () => {
    const host = await createXlsxHost();
    await buildSampleTracker(host, { rows: 60, positions: 2 });
    const r = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(r.kind).toBe("built");
    const reopened = await createXlsxHost({ buffer: await host.toBuffer() });
    const ws = reopened.workbook.getWorksheet(SHEETS.summary)!;
    const ids = (ws.rowBreaks ?? []).map((b: { id: number }) => b.id);
    expect(ids.length).toBeGreaterThan(0);
  });
});
