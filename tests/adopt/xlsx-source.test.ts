/**
 * Adopting a messy tracker kept as an .xlsx workbook (generated here with excelts): merged title
 * and section rows, real date cells in several formats, numbers, a formula, rich text, a cover
 * sheet before it. Through the command line, as the analyst would run it, and checked in
 * LibreOffice.
 */
import { writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Workbook } from "@cj-tech-master/excelts";
import { main } from "../../src/cli/main";
import { TABLES } from "../../src/domain/columns";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { csvOfSheet, describeIfSoffice, tmpDir } from "../helpers/libreoffice";

const SHEET = "Recs 2025-26";

async function messyWorkbook(file: string): Promise<void> {
  const wb = new Workbook();
  wb.addWorksheet("Cover").getCell("A1").value = "Wessex OPCC – read me first";
  const ws = wb.addWorksheet(SHEET);
  ws.getCell("B2").value = "Wessex Police and Crime Commissioner – inspection tracker";
  ws.mergeCells("B2:H2");
  const headers = ["Rec No.", "Action", "Owner", "Due", "RAG status", "Commentary", "Budget (£)"];
  headers.forEach((h, k) => (ws.getRow(4).getCell(2 + k).value = h));
  ws.getCell("B5").value = "PEEL 2025: Wessex Police";
  ws.mergeCells("B5:H5");
  const data: unknown[][] = [
    [
      "W-1",
      "Improve crime recording.",
      "Supt A. Brook",
      new Date(Date.UTC(2026, 2, 31)),
      "g",
      "=not a formula",
      1250.5,
    ],
    [
      "W-2",
      { richText: [{ text: "Review " }, { font: { bold: true }, text: "vetting" }] },
      "DCC",
      "Q3 2026/27",
      "Amber",
      'Line 1\nLine "2"',
      { formula: "1+1", result: 2 },
    ],
    [3, "Publish data monthly.", "ACC", new Date(Date.UTC(2026, 5, 30)), "Blue", "-done", null],
  ];
  data.forEach((row, i) =>
    row.forEach((v, k) => (ws.getRow(6 + i).getCell(2 + k).value = v as never))
  );
  ws.getCell("E6").numFmt = "dd/mm/yyyy";
  ws.getCell("E8").numFmt = "d-mmm-yy";
  ws.getCell("B10").value = "Key: G = on track, A = at risk, B = complete";
  wb.views = [{ activeTab: 0 } as never];
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("adopting an .xlsx tracker", () => {
  test("--sheet with --json: header row, sections, dates from date cells, text exactly as shown", async () => {
    const dir = tmpDir("adopt-xlsx-");
    const file = join(dir, "wessex.xlsx");
    await messyWorkbook(file);
    const r = await run(["adopt", file, "--sheet", SHEET, "--json"]);
    expect(r.err).toBe("");
    const j = JSON.parse(r.out);
    expect(j.headerRow).toBe(4);
    expect(j.mapping).toEqual({
      "Rec No.": "Ref",
      Action: "Recommendation",
      Owner: "Owner",
      Due: "Target date",
      "RAG status": "Status",
      Commentary: "Progress update",
      "Budget (£)": null,
    });
    expect(
      j.skipped.map((s: { sourceRow: number; kind: string }) => [s.sourceRow, s.kind])
    ).toEqual([
      [2, "title"],
      [3, "blank"],
      [5, "section"],
      [9, "blank"],
      [10, "legend"],
    ]);
    expect(j.rows.map((x: { sourceRow: number }) => x.sourceRow)).toEqual([6, 7, 8]);
    expect(j.rows[0]).toMatchObject({
      ref: "W-1",
      inspection: "PEEL 2025: Wessex Police",
      status: "Green",
      statusAsWritten: "g",
      targetDate: "2026-03-31",
      targetDateApproximate: false,
    });
    expect(j.rows[0].values).toMatchObject({
      Due: "31/03/2026",
      "Budget (£)": "1250.5",
      Commentary: "=not a formula",
    });
    expect(j.rows[1]).toMatchObject({ targetDate: "2026-12-31", targetDateApproximate: true });
    expect(j.rows[1].values).toMatchObject({
      Action: "Review vetting",
      Commentary: 'Line 1\nLine "2"',
      "Budget (£)": "2",
    });
    expect(j.rows[2]).toMatchObject({ ref: "3", status: "Complete", targetDate: "2026-06-30" });
    expect(j.rows[2].values.Due).toBe("30/06/2026");
    expect(j.accounting).toMatchObject({ lost: 0 });
  });

  test("the active sheet is adopted without --sheet; a sheet that does not exist is named in the error", async () => {
    const dir = tmpDir("adopt-xlsx-");
    const file = join(dir, "wessex.xlsx");
    await messyWorkbook(file);
    const cover = await run(["adopt", file, "--json"]);
    expect(cover.code).toBe(1);
    expect(cover.err).toMatch(/Sheet 'Cover' has no header row/);
    const missing = await run(["adopt", file, "--sheet", "Nope"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no sheet called 'Nope'.*'Cover', 'Recs 2025-26'/);
  });

  test("--out keeps the workbook's sheets as they were and adds the tracker and the report", async () => {
    const dir = tmpDir("adopt-xlsx-");
    const file = join(dir, "wessex.xlsx");
    const out = join(dir, "adopted.xlsx");
    await messyWorkbook(file);
    const before = readFileSync(file);
    const r = await run(["adopt", file, "--sheet", SHEET, "--out", out]);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/Adopted 3 rows from 'Recs 2025-26' into 'Tracker'/);
    expect(readFileSync(file).equals(before)).toBe(true);
    const original = await createXlsxHost({ file });
    const adopted = await createXlsxHost({ file: out });
    const read = (h: typeof original) =>
      h.run("read", (s) => s.read({ sheets: ["Cover", SHEET], tables: [TABLES.tracker] }));
    const a = await read(original);
    const b = await read(adopted);
    expect(b.sheetValues).toEqual(a.sheetValues);
    const t = b.tables[TABLES.tracker];
    expect(t.headers[t.headers.length - 1]).toBe("Budget (£)");
    expect(t.rows.map((row) => row[t.headers.indexOf("Budget (£)")])).toEqual([1250.5, 2, null]);
    expect(t.rows[0][t.headers.indexOf("Target date")]).toBe(46112);
    // Adopting the written workbook's tracker sheet again changes nothing.
    const again = await run([
      "adopt",
      out,
      "--sheet",
      SHEET,
      "--out",
      join(dir, "again.xlsx"),
      "--json",
    ]);
    expect(JSON.parse(again.out).rows).toHaveLength(3);
  });
});

describeIfSoffice("an adopted .xlsx opened in LibreOffice", () => {
  test("the tracker holds the literal text and the dates as LibreOffice reads them", async () => {
    const dir = tmpDir("adopt-xlsx-lo-");
    const file = join(dir, "wessex.xlsx");
    const out = join(dir, "adopted.xlsx");
    await messyWorkbook(file);
    expect((await run(["adopt", file, "--sheet", SHEET, "--out", out])).code).toBe(0);
    const host = await createXlsxHost({ file: out });
    const names = (await host.load()).worksheets.map((w) => w.name);
    const rows = csvOfSheet(out, names.indexOf("Tracker") + 1, true);
    const col = (h: string) => rows[0].indexOf(h);
    expect(rows[1][col("Progress update")]).toBe("=not a formula");
    expect(rows[2][col("Progress update")]).toBe('Line 1\nLine "2"');
    expect(rows[3][col("Progress update")]).toBe("-done");
    expect(rows[1][col("Target date")]).toBe("31/03/2026");
    expect(rows[1][col("Inspection")]).toBe("PEEL 2025: Wessex Police");
    expect(rows[2][col("Recommendation")]).toBe("Review vetting");
  });
});
