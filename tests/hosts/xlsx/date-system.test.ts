/**
 * A workbook on the 1904 date system (an option of old Mac workbooks) keeps its dates: what the
 * xlsx host writes from a plan (1900-system serials) lands on the same day, in excelts, in the
 * host's own reading, and in LibreOffice.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Workbook } from "@cj-tech-master/excelts";
import { TABLES, TRACKER_COLUMNS } from "../../../src/domain/columns";
import { toExcelSerial } from "../../../src/domain/dates";
import { adoptSheet } from "../../../src/engine/adopt";
import { createXlsxHost } from "../../../src/hosts/xlsx";
import { csvOfSheet, describeIfSoffice } from "../../helpers/libreoffice";
import { tmpDir } from "./fixtures";

const TODAY = { y: 2026, m: 1, d: 20 };
const TARGET = { y: 2026, m: 3, d: 31 };
const targetCol = TRACKER_COLUMNS.findIndex((c) => c.key === "targetDate");

/** An analyst's old sheet, one row with a real date and one with a date typed as text. */
async function oldSheet(date1904: boolean): Promise<Buffer> {
  const wb = new Workbook();
  if (date1904) (wb.properties as { date1904?: boolean }).date1904 = true;
  const ws = wb.addWorksheet("Old");
  ws.addRow(["Ref", "Recommendation", "Owner", "Target date", "RAG"]);
  ws.addRow(["W1", "Improve crime recording", "DCI R. Hale", new Date(Date.UTC(2026, 2, 31)), "G"]);
  ws.addRow(["W2", "Update victims on time", "Supt A. Brook", "30/06/2026", "Amber"]);
  ws.getCell("D2").numFmt = "dd/mm/yyyy";
  // A number excelts does not read as a date (no lower-case date code), beside the table.
  ws.getCell("H1").value = 2026;
  ws.getCell("H1").numFmt = "YYYY";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function adoptAndSave(date1904: boolean, dir: string): Promise<string> {
  const source = join(dir, `old-${date1904 ? 1904 : 1900}.xlsx`);
  writeFileSync(source, await oldSheet(date1904));
  const host = await createXlsxHost({ file: source });
  await adoptSheet(host, { sheet: "Old", today: toExcelSerial(TODAY) });
  const out = join(dir, `adopted-${date1904 ? 1904 : 1900}.xlsx`);
  await host.save(out);
  return out;
}

/** The Target date cells of the tracker, as excelts reads the file (Dates, in its system). */
async function targetDates(file: string): Promise<unknown[]> {
  const wb = new Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Tracker")!;
  return [2, 3].map((r) => ws.getRow(r).getCell(targetCol + 1).value);
}

describe("the 1904 date system", () => {
  let dir: string;
  beforeAll(() => {
    dir = tmpDir("date1904-");
  });

  it("dates written from a plan fall on the same day in a 1904 workbook", async () => {
    const out = await adoptAndSave(true, dir);
    const wb = new Workbook();
    await wb.xlsx.readFile(out);
    expect((wb.properties as { date1904?: boolean }).date1904).toBe(true);
    // Without the shift, 31/03/2026 would read as 01/04/2030.
    expect(await targetDates(out)).toEqual([
      new Date(Date.UTC(2026, 2, 31)),
      new Date(Date.UTC(2026, 5, 30)),
    ]);
    // A number the old sheet held, in a format excelts does not read as a date, is kept.
    expect(wb.getWorksheet("Old")!.getCell("H1").value).toBe(2026);
    // Read back through the host, a date is the 1900-system serial the domain works in.
    const host = await createXlsxHost({ file: out });
    const snap = await host.run("Read", (s) => s.read({ tables: [TABLES.tracker] }));
    const rows = snap.tables[TABLES.tracker]!.rows;
    expect(rows.map((r) => r[targetCol])).toEqual([
      toExcelSerial(TARGET),
      toExcelSerial({ y: 2026, m: 6, d: 30 }),
    ]);
  });

  it("leaves a 1900 workbook's serials as they are", async () => {
    const out = await adoptAndSave(false, dir);
    expect(await targetDates(out)).toEqual([
      new Date(Date.UTC(2026, 2, 31)),
      new Date(Date.UTC(2026, 5, 30)),
    ]);
  });
});

describeIfSoffice("LibreOffice shows a 1904 workbook's adopted dates", () => {
  it("on the day the old sheet gave", async () => {
    const dir = tmpDir("date1904-lo-");
    const out = await adoptAndSave(true, dir);
    const wb = new Workbook();
    await wb.xlsx.readFile(out);
    const sheetNumber = wb.worksheets.findIndex((w) => w.name === "Tracker") + 1;
    const shown = csvOfSheet(out, sheetNumber, true);
    expect(shown[1][targetCol]).toBe("31/03/2026");
    expect(shown[2][targetCol]).toBe("30/06/2026");
  });
});
