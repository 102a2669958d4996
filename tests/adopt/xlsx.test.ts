import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { adoptSheet, previewAdoption } from "../../src/engine/adopt";
import { TABLES } from "../../src/domain/columns";
import { createXlsxHost, hostFromRows } from "../../src/hosts/xlsx";
import { csvOfSheet, describeIfSoffice, tmpDir } from "../helpers/libreoffice";
import { LITERAL_CELLS, MESSY_ROWS, gridValues } from "./messy";
import { toExcelSerial } from "../../src/domain/dates";

const today = toExcelSerial({ y: 2026, m: 1, d: 20 });

async function messyHost(sheet = "Tracker") {
  return hostFromRows(sheet, gridValues(MESSY_ROWS));
}

async function readAll(host: Awaited<ReturnType<typeof createXlsxHost>>, sheets: string[]) {
  return host.run("read", (s) => s.read({ tables: Object.values(TABLES), sheets }));
}

describe("adopting through the xlsx host", () => {
  test("one read and one apply; source sheet unchanged; rows, extras and report written", async () => {
    const host = await messyHost();
    const before = (await readAll(host, ["Tracker"])).sheetValues.Tracker;
    host.calls.reads = 0;
    host.calls.applies = 0;
    const result = await adoptSheet(host, { today });
    expect(host.calls).toEqual({ reads: 1, applies: 1 });
    expect(result.trackerSheet).toBe("Tracker (adopted)");
    expect(result.message).toMatch(/Adopted 12 rows from 'Tracker' into 'Tracker \(adopted\)'/);

    const snap = await readAll(host, ["Tracker", "Adoption report"]);
    expect(snap.sheetValues.Tracker).toEqual(before);
    // The adoption is dated the day the caller gives (not the machine's clock).
    expect(snap.meta?.adoptedOn).toBe("2026-01-20");
    const table = snap.tables[TABLES.tracker];
    expect(table.sheet).toBe("Tracker (adopted)");
    expect(table.rows).toHaveLength(12);
    expect(table.headers.slice(-2)).toEqual(["Notes", "Directorate"]);
    const col = (h: string) => table.headers.indexOf(h);
    expect(table.rows.map((r) => r[col("Status")])).toEqual([
      "Green",
      "Green",
      "Amber",
      "Complete",
      "Complete",
      "TBC",
      "A/G",
      "Superseded",
      null,
      "Red",
      "Amber",
      "Complete",
    ]);
    expect(table.rows[0][col("Notes")]).toBe(LITERAL_CELLS[0]);
    expect(table.rows[1][col("Progress update")]).toBe(LITERAL_CELLS[1]);
    expect(table.rows[1][col("Notes")]).toBe(LITERAL_CELLS[2]);
    expect(table.rows[2][col("Progress update")]).toBe(LITERAL_CELLS[3]);
    expect(table.rows[0][col("Progress update")]).toBe(LITERAL_CELLS[4]);
    expect(table.rows[0][col("Target date")]).toBe(45747);
    expect(table.rows[5][col("Target date")]).toBe("-");
    expect(table.statusValidation).toMatch(/Lists/);
    const report = snap.sheetValues["Adoption report"].values.flat();
    expect(report).toContain("Adoption report");
    expect(report).toContain("R = Red: off track");
    expect(snap.meta).toMatchObject({
      adoptedFrom: "Tracker",
      "role:tracker": "Tracker (adopted)",
    });
  });

  test("adopting again changes nothing", async () => {
    const host = await messyHost("Recs");
    await adoptSheet(host, { today });
    const bytes = (await host.toBuffer()).length;
    // The tracker is now the active sheet: adopting "this sheet" again does nothing.
    const again = await adoptSheet(host, { today });
    expect(again).toMatchObject({
      alreadyAdopted: true,
      changed: false,
      sourceSheet: "Recs",
      preview: null,
    });
    expect(again.message).toMatch(/'Recs' was already adopted into 'Tracker'/);
    // So does naming the source sheet.
    const named = await adoptSheet(host, { today, sheet: "Recs" });
    expect(named).toMatchObject({ alreadyAdopted: true, changed: false });
    expect((await host.toBuffer()).length).toBe(bytes);
    // Another sheet is refused: the workbook already has a tracker.
    (await host.load()).addWorksheet("Other").getCell("A1").value = "Ref";
    (await host.load()).getWorksheet("Other")!.getCell("B1").value = "Action";
    (await host.load()).getWorksheet("Other")!.getCell("A2").value = "X";
    await expect(adoptSheet(host, { today, sheet: "Other" })).rejects.toThrow(
      /already has a tracker/
    );
  });

  test("preview changes nothing and offers the sheet for re-analysis", async () => {
    const host = await messyHost("Recs");
    const p = await previewAdoption(host);
    expect(p.preview.headerRow).toBe(3);
    expect(p.grid.values.length).toBe(MESSY_ROWS.length);
    expect(p.hasTracker).toBe(false);
    expect(host.calls.applies).toBe(0);
  });

  test("a bad mapping is refused before anything is written", async () => {
    const host = await messyHost("Recs");
    await expect(
      adoptSheet(host, { today, mapping: { Lead: "Owner", Notes: "Owner" } })
    ).rejects.toThrow(/both mapped/);
    expect(host.calls.applies).toBe(0);
    const snap = await readAll(host, []);
    expect(snap.sheets.map((s) => s.name)).toEqual(["Recs"]);
  });

  test("an .xlsx source: date serials and numbers kept, a named sheet adopted", async () => {
    const host = await createXlsxHost();
    const wb = await host.load();
    wb.addWorksheet("Cover").getCell("A1").value = "Wessex OPCC";
    const ws = wb.addWorksheet("Recs 2025");
    ws.getCell("B2").value = "Rec No.";
    ws.getCell("C2").value = "Action";
    ws.getCell("D2").value = "Due";
    ws.getCell("E2").value = "Status";
    ws.getCell("F2").value = "Cost (£)";
    ws.getCell("B3").value = "W-1";
    ws.getCell("C3").value = "Publish the data";
    ws.getCell("D3").value = new Date(Date.UTC(2026, 2, 31));
    ws.getCell("D3").numFmt = "dd/mm/yyyy";
    ws.getCell("E3").value = "amber";
    ws.getCell("F3").value = 1250.5;
    const result = await adoptSheet(host, { sheet: "Recs 2025", today });
    const row = result.preview!.rows[0];
    expect(row.sourceRow).toBe(3);
    expect(row.targetDate).toBe("2026-03-31");
    expect(row.source).toMatchObject({ "Rec No.": "W-1", Due: "31/03/2026" });
    const snap = await readAll(host, []);
    const t = snap.tables[TABLES.tracker];
    expect(t.rows[0][t.headers.indexOf("Cost (£)")]).toBe(1250.5);
    expect(t.rows[0][t.headers.indexOf("Status")]).toBe("Amber");
  });
});

describeIfSoffice("adopted workbook opened in LibreOffice", () => {
  test("literal text, line breaks and quotes come back byte for byte", async () => {
    const host = await messyHost("Recs");
    await adoptSheet(host, { today });
    const dir = tmpDir("adopt-");
    const file = join(dir, "adopted.xlsx");
    writeFileSync(file, await host.toBuffer());
    const names = (await host.load()).worksheets.map((w) => w.name);
    const trackerIdx = names.indexOf("Tracker") + 1;
    const rows = csvOfSheet(file, trackerIdx, false);
    const header = rows[0];
    const col = (h: string) => header.indexOf(h);
    expect(rows[1][col("Notes")]).toBe(LITERAL_CELLS[0]);
    expect(rows[2][col("Progress update")]).toBe(LITERAL_CELLS[1]);
    expect(rows[2][col("Notes")]).toBe(LITERAL_CELLS[2]);
    expect(rows[3][col("Progress update")]).toBe(LITERAL_CELLS[3]);
    expect(rows[1][col("Progress update")]).toBe(LITERAL_CELLS[4]);
    expect(rows[1][col("Recommendation")]).toBe(MESSY_ROWS[4][1]);
    const shown = csvOfSheet(file, trackerIdx, true);
    expect(shown[1][col("Target date")]).toBe("31/03/2025");
    const report = csvOfSheet(file, names.indexOf("Adoption report") + 1, false).flat();
    expect(report).toContain("Key:");
    expect(report).toContain("* Dates marked Q are financial quarters unless stated");
  });
});
