/**
 * The plan steps the printed Summary needs, in both hosts: row heights (wrapped text printed
 * whole: LibreOffice does not grow a row to its text on opening), "Page N of M" at the right of
 * the footer beside the marking, and bar charts that list their categories from the top, in
 * the table's order, with the value axis at the bottom.
 */
import { createExcelHost } from "../../src/hosts/excel";
import { createXlsxHost } from "../../src/hosts/xlsx";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { readZip } from "../../src/hosts/xlsx/zip";
import { createFakeExcel } from "../fakes/fake-excel";

const plan: WorkbookPlan = {
  ops: [
    { op: "ensureSheet", sheet: "Board" },
    {
      op: "writeCells",
      sheet: "Board",
      block: {
        row: 0,
        col: 0,
        values: [
          ["Theme", "Red", "Green"],
          ["Victim care", 1, 2],
          ["Partnership working", 3, 0],
        ],
      },
    },
    {
      op: "rowHeights",
      sheet: "Board",
      rows: [
        { row: 1, height: 40 },
        { row: 2, height: 40 },
        { row: 5, height: 12.75 },
      ],
    },
    {
      op: "chart",
      sheet: "Board",
      chart: {
        name: "ByTheme",
        type: "barStacked",
        title: "Recommendations by theme and status",
        data: { row: 0, col: 0, rows: 3, cols: 3 },
        colours: ["#C00000", "#00B050"],
        anchor: { row: 5, col: 0 },
        widthPt: 450,
        heightPt: 200,
        dataLabels: true,
        legend: "bottom",
        topDown: true,
      },
    },
    {
      op: "pageSetup",
      sheet: "Board",
      setup: {
        orientation: "landscape",
        paper: "A4",
        fitToPagesWide: 1,
        fitToPagesTall: 0,
        printArea: { row: 0, col: 0, rows: 20, cols: 3 },
        header: "OFFICIAL",
        footer: "OFFICIAL & SENSITIVE",
        pageNumbers: true,
        centerHorizontally: true,
      },
    },
  ],
};

describe("row heights, page numbers and top-down bar charts", () => {
  test("the xlsx host writes them, and they survive a reopen", async () => {
    const host = await createXlsxHost();
    await host.run("plan", (s) => s.apply(plan));
    const reopened = await createXlsxHost({ buffer: await host.toBuffer() });
    const ws = reopened.workbook.getWorksheet("Board")!;
    expect([2, 3, 6].map((r) => ws.getRow(r).height)).toEqual([40, 40, 12.75]);
    // The marking in the centre ("&" doubled), "Page &P of &N" at the right.
    expect(ws.headerFooter.oddFooter).toBe("&COFFICIAL && SENSITIVE&RPage &P of &N");
    const files = readZip(await host.toBuffer());
    const chart = [...files]
      .find(([name]) => /xl\/charts\/chart\d+\.xml$/.test(name))![1]
      .toString("utf8");
    // Categories reversed (first row at the top), the value axis crossing at the last category.
    expect(chart).toMatch(/<c:catAx>.*<c:orientation val="maxMin"\/>.*<\/c:catAx>/s);
    expect(chart).toMatch(/<c:valAx>.*<c:crosses val="max"\/>.*<\/c:valAx>/s);
  });

  test("the Excel host sets them (on the in-memory Excel)", async () => {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel });
    await host.run("plan", (s) => s.apply(plan));
    const sheet = fake.sheet("Board")!;
    expect([...sheet.rowHeights.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [1, 40],
      [2, 40],
      [5, 12.75],
    ]);
    expect(sheet.pageLayout.centerFooter).toBe("OFFICIAL && SENSITIVE");
    expect(sheet.pageLayout.rightFooter).toBe("Page &P of &N");
    const [chart] = fake.charts("Board");
    expect(chart.categoryAxis).toEqual({ reversePlotOrder: true, position: "Maximum" });
  });
});
