/**
 * The workbook as the analyst meets it, through both hosts: the sheets in the order Tracker,
 * Summary, Inspections, Lists, Status history; the Tracker's header row and Ref column frozen;
 * its print set-up (A4 landscape, one page wide, the header row on every page, no print area,
 * gridlines as they were); Theme, Owner and Addressed to with dropdowns from Lists.
 */
import { SHEETS, TABLES } from "../../src/domain/columns";
import { importDrafts } from "../../src/engine/import";
import { setupTracker } from "../../src/engine/setup";
import { buildSummary } from "../../src/engine/summary";
import { createExcelHost } from "../../src/hosts/excel";
import { createXlsxHost, type XlsxHost } from "../../src/hosts/xlsx";
import { parseRecord } from "../../src/domain/record";
import { draftFromRecord } from "../../src/workbook/import";
import { createFakeExcel } from "../fakes/fake-excel";
import { wessexRecord } from "../import/records";

const ORDER = [SHEETS.tracker, SHEETS.summary, SHEETS.inspections, SHEETS.lists, SHEETS.history];
const TODAY = 46112; // 31/03/2026

async function fill(host: Parameters<typeof setupTracker>[0]) {
  await setupTracker(host);
  await importDrafts(host, [draftFromRecord(parseRecord(wessexRecord({ items: 3 })))]);
  const built = await buildSummary(host, { today: TODAY });
  expect(built.kind).toBe("built");
}

describe("the workbook's sheets and the Tracker's layout", () => {
  test("Excel: sheet order, frozen panes, print set-up and dropdowns", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"] });
    const host = createExcelHost({ excel: fake.Excel });
    await fill(host);
    // The analyst's own first sheet stays where it was; the add-in's follow in reading order.
    expect(fake.sheetNames().filter((n) => n !== SHEETS.meta)).toEqual(["Sheet1", ...ORDER]);
    const tracker = fake.sheet(SHEETS.tracker)!;
    expect([tracker.freezeRows, tracker.freezeCols]).toEqual([1, 1]);
    expect(tracker.pageLayout).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      // "As many pages tall as needed" goes to Excel as null (PageLayout zoom refuses 0).
      zoom: { horizontalFitToPages: 1, verticalFitToPages: null },
      printArea: null,
      printTitleRows: "$1:$1",
    });
    expect(tracker.showGridlines).toBe(true);
    const t = fake.table(TABLES.tracker)!;
    const col = (h: string) => String.fromCharCode(65 + t.headers.indexOf(h));
    for (const h of ["Theme", "Owner", "Addressed to"]) {
      const [dv] = fake.validationsOn(SHEETS.tracker, `${col(h)}2:${col(h)}2`);
      expect(dv.rule.list.source).toMatch(/^=OFFSET\(Lists!\$[A-Z]\$2,0,0,MAX\(1,COUNTA/);
      expect(dv.errorAlert.style).toBe("Information");
    }
    const [status] = fake.validationsOn(SHEETS.tracker, `${col("Status")}2:${col("Status")}2`);
    expect(status.errorAlert.style).toBe("Stop");
  });

  test("xlsx: the same order, panes and print set-up after a save", async () => {
    const host = await createXlsxHost();
    await fill(host);
    const back: XlsxHost = await createXlsxHost({ buffer: await host.toBuffer() });
    const names = back.workbook.worksheets.map((s) => s.name).filter((n) => n !== SHEETS.meta);
    expect(names).toEqual(ORDER);
    const ws = back.workbook.getWorksheet(SHEETS.tracker)!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });
    expect(ws.pageSetup).toMatchObject({
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
    });
    expect(ws.pageSetup.printArea).toBeUndefined();
  });
});
