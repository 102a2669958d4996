/**
 * Printed pages: page 1 is the dashboard; no chart is cut across two pages; no page is left
 * mostly empty.
 */
import { SHEETS } from "../../src/domain/columns";
import { buildSummary } from "../../src/engine/summary";
import { createExcelHost } from "../../src/hosts/excel";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { pageBreaks, pageHeight } from "../../src/workbook/summary";

/** A plain row's printed height (the workbook's default row height). */
const ROW_PT = 15;
import { buildSampleTracker, SAMPLE_AS_AT } from "../../bench/summary.bench";
import { createFakeExcel } from "../fakes/fake-excel";

describe("pageBreaks", () => {
  // Narrow columns: printed at full size, so a page holds pageHeight(narrow) / 15 plain rows.
  const narrow = [10, 10];
  const pageRows = Math.floor(pageHeight(narrow) / ROW_PT);
  const at = (...starts: number[]) => starts.map((start) => ({ start, splits: [] }));

  it("breaks before a section that would not fit on what is left of a half-full page", () => {
    // Sections start at rows 0 (title), 20 and 30; the last runs to pageRows + 5.
    expect(pageBreaks({ sections: at(0, 10, 20), rows: pageRows + 5, widths: narrow })).toEqual([
      20,
    ]);
  });

  it("adds no break when everything fits on one page", () => {
    expect(pageBreaks({ sections: at(0, 10, 20), rows: pageRows, widths: narrow })).toEqual([]);
  });

  it("never leaves a page mostly empty: a section on a page less than half full flows on, breaking at one of its split rows", () => {
    const sections = [
      { start: 0, splits: [] },
      // A table (rows 5-14) with its chart under it from row 15.
      { start: 5, splits: [15] },
    ];
    const rows = pageRows + 10;
    expect(pageBreaks({ sections, rows, widths: narrow })).toEqual([15]);
    // Half full: the section (which fits a page) starts the next page whole.
    const later = [
      { start: 0, splits: [] },
      { start: pageRows - 12, splits: [pageRows - 2] },
    ];
    expect(pageBreaks({ sections: later, rows: 2 * pageRows - 20, widths: narrow })).toEqual([
      pageRows - 12,
    ]);
  });

  it("a list starts at the foot of a half-full page and goes on over the next, between items", () => {
    const items = Array.from({ length: 15 }, (_, i) => pageRows - 8 + 3 + i);
    const sections = [
      { start: 0, splits: [] },
      { start: pageRows - 8, splits: items, flows: true },
    ];
    const breaks = pageBreaks({ sections, rows: pageRows + 10, widths: narrow });
    expect(breaks).toHaveLength(1);
    expect(items).toContain(breaks[0]);
    expect(breaks[0]).toBeGreaterThan(pageRows - 8 + 3);
  });

  it("page 1 is the dashboard: the next page starts where it ends", () => {
    expect(
      pageBreaks({ sections: at(0, 3, 12, 20), rows: 40, widths: narrow, firstPageEnd: 12 })
    ).toEqual([12]);
  });

  it("measures wrapped rows by their height, and fits more rows on a page scaled to one page wide", () => {
    const heights = new Map([[2, 10 * ROW_PT]]);
    const rows = pageRows - 5;
    expect(pageBreaks({ sections: at(0, 4), rows, widths: narrow })).toEqual([]);
    expect(pageBreaks({ sections: at(0, 4), rows, widths: narrow, heights })).toEqual([4]);
    const wide = new Array(20).fill(20); // about 1,100 pt wide: printed smaller
    expect(pageBreaks({ sections: at(0, 4), rows, widths: wide, heights })).toEqual([]);
  });
});

describe("the Summary's page breaks in both hosts", () => {
  it("the Excel host adds them, at section starts, on the rebuilt sheet", async () => {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await buildSampleTracker(host, { rows: 60, positions: 2 });
    const r = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(r.kind).toBe("built");
    const breaks = fake.sheet(SHEETS.summary)!.pageBreakRows;
    expect(breaks.length).toBeGreaterThan(0);
    expect(r.kind === "built" && r.layout.breaks).toEqual(breaks);
    // Page 1 is the dashboard: page 2 starts where it ends.
    expect(r.kind === "built" && breaks[0]).toBe(r.kind === "built" && r.layout.firstPageEnd);
    // Building again rebuilds the sheet: the same breaks, not twice as many.
    await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(fake.sheet(SHEETS.summary)!.pageBreakRows).toEqual(breaks);
  });

  it("the xlsx host writes them as row breaks that survive a reopen", async () => {
    const host = await createXlsxHost();
    await buildSampleTracker(host, { rows: 60, positions: 2 });
    const r = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(r.kind).toBe("built");
    const reopened = await createXlsxHost({ buffer: await host.toBuffer() });
    const ws = (await reopened.load()).getWorksheet(SHEETS.summary)!;
    const ids = (ws.rowBreaks ?? []).map((b: { id: number }) => b.id);
    expect(ids.length).toBeGreaterThan(0);
  });
});
