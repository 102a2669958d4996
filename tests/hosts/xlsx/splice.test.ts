/**
 * A workbook changed in part (partial.ts, splice.ts) saves to the workbook excelts would save:
 * the same operation on the same file, through a host that reads lean and one that loads the
 * whole workbook, gives two files that read back alike (every sheet's values, tables with
 * formulas, metadata, sheets, selected tabs, defined names). The sheets the operation did not
 * change are copied byte for byte, compressed data and all. Merging styles is tested on its own.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Workbook as ExcelWorkbook, type Workbook } from "@cj-tech-master/excelts";
import { main } from "../../../src/cli/main";
import { calendarDateOf, toExcelSerial } from "../../../src/domain/dates";
import { zipEntries } from "../../../src/domain/files/zip";
import { checkTracker } from "../../../src/engine/check";
import { recordPosition } from "../../../src/engine/history";
import { buildTrackerFromRecords, type RecordSource } from "../../../src/engine/import";
import { setupTracker } from "../../../src/engine/setup";
import { buildSummary, checkCount } from "../../../src/engine/summary";
import { createXlsxHost, type XlsxHost } from "../../../src/hosts/xlsx";
import { relsOf, resolveTarget } from "../../../src/hosts/xlsx/package";
import { mergeStyles, remapStyles } from "../../../src/hosts/xlsx/styles-merge";
import { readZip } from "../../../src/hosts/xlsx/zip";
import { ALL_TABLES } from "../../../src/workbook/read";
import { convertTo, csvOfSheet, describeIfSoffice } from "../../helpers/libreoffice";
import { tmpDir } from "./fixtures";
import { variedWorkbook } from "./varied";

const EXAMPLES = resolve(__dirname, "..", "..", "..", "examples");
const AS_AT = toExcelSerial({ y: 2025, m: 9, d: 30 });
const TODAY = toExcelSerial(calendarDateOf(new Date()));

async function cli(args: string[]): Promise<void> {
  const err: string[] = [];
  const code = await main(args, { out: () => undefined, err: (t) => void err.push(t) });
  if (code !== 0) throw new Error(`${args.join(" ")}: ${err.join("\n")}`);
}

const RECORD: RecordSource = {
  name: "late.txt",
  format: "auto",
  text: [
    "Inspection response record",
    "Title of inspection: Wessex custody follow-up",
    "Recommendations",
    "Recommendation 1: By June 2026, the force should review custody staffing & rotas.",
    "Recommendation 2: The force should publish its custody data each quarter.",
  ].join("\n"),
};

type Operation = (host: XlsxHost) => Promise<unknown>;
const OPERATIONS: [string, Operation][] = [
  [
    "a position recorded, then the summary built",
    async (host) => {
      await recordPosition(host, { date: AS_AT, replace: true });
      const r = await buildSummary(host, {
        today: AS_AT,
        asAt: AS_AT,
        check: checkCount(AS_AT, AS_AT),
        force: true,
      });
      expect(r.kind).toBe("built");
    },
  ],
  ["set-up (or repair)", (host) => setupTracker(host)],
  ["records imported", (host) => buildTrackerFromRecords(host, [RECORD])],
  ["check with fixes", (host) => checkTracker(host, { today: TODAY, fixes: "all" })],
];

/** Everything a full host reads back from a file. */
async function readBack(bytes: Buffer) {
  const host = await createXlsxHost({ buffer: bytes });
  const wb: Workbook = await host.load();
  const names = wb.worksheets.map((w) => w.name);
  const snapshot = await host.run("read", (s) =>
    s.read({ tables: ALL_TABLES, formulasOf: ALL_TABLES, sheets: names })
  );
  return {
    snapshot: JSON.parse(JSON.stringify(snapshot)),
    views: wb.worksheets.map((w) => ({
      name: w.name,
      state: w.state,
      tabSelected: Boolean((w.views?.[0] as { tabSelected?: boolean } | undefined)?.tabSelected),
      printArea: (w.pageSetup as { printArea?: string } | undefined)?.printArea ?? null,
    })),
    activeTab: wb.views?.[0]?.activeTab ?? 0,
  };
}

async function bothWays(bytes: Buffer, op: Operation): Promise<{ lean: Buffer; full: Buffer }> {
  const lean = await createXlsxHost({ buffer: bytes, lean: true });
  await op(lean);
  const full = await createXlsxHost({ buffer: bytes });
  await op(full);
  return { lean: await lean.toBuffer(), full: await full.toBuffer() };
}

/** Each worksheet's part, and its data as stored (compressed), by sheet name. */
function storedSheets(bytes: Buffer): Map<string, Buffer> {
  const pkg = readZip(bytes);
  const entries = new Map(zipEntries(bytes, "test").map((e) => [e.name, e]));
  const workbook = pkg.get("xl/workbook.xml")!.toString("utf8");
  const rels = pkg.get(relsOf("xl/workbook.xml"))!.toString("utf8");
  const out = new Map<string, Buffer>();
  for (const m of workbook.matchAll(/<sheet\s[^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)) {
    const target = new RegExp(
      `Id="${m[2]}"[^>]*Target="([^"]*)"|Target="([^"]*)"[^>]*Id="${m[2]}"`
    ).exec(rels);
    const part = resolveTarget("xl/workbook.xml", target![1] ?? target![2]);
    const e = entries.get(part)!;
    out.set(m[1], bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize));
  }
  return out;
}

describe("a workbook changed in part saves as excelts would save it", () => {
  const inputs: [string, Buffer][] = [];

  beforeAll(async () => {
    const dir = tmpDir("splice-");
    const build = join(dir, "build.xlsx");
    await cli(["build", EXAMPLES, "--out", build]);
    inputs.push(["a built tracker", readFileSync(build)]);
    const adopted = join(dir, "adopted.xlsx");
    await cli(["adopt", join(EXAMPLES, "wessex-old-tracker.csv"), "--out", adopted]);
    inputs.push(["an adopted tracker (source sheet and report)", readFileSync(adopted)]);
    const demo = join(dir, "demo.xlsx");
    await cli(["demo", "--out", demo]);
    inputs.push(["the demo (history, a summary with charts)", readFileSync(demo)]);
  });

  for (const [what, op] of OPERATIONS) {
    test(`${what}: the same workbook either way`, async () => {
      for (const [input, bytes] of inputs) {
        const { lean, full } = await bothWays(bytes, op);
        const [a, b] = [await readBack(lean), await readBack(full)];
        expect({ input, ...a }).toEqual({ input, ...b });
      }
    });
  }

  test("a workbook of what other writers write, set up: the same either way, on both date systems", async () => {
    for (const date1904 of [false, true]) {
      const { lean, full } = await bothWays(await variedWorkbook(date1904), (h) => setupTracker(h));
      expect(await readBack(lean)).toEqual(await readBack(full));
    }
  });

  test("sheets the summary does not change are copied byte for byte", async () => {
    const [, adopted] = inputs[1];
    const { lean } = await bothWays(adopted, OPERATIONS[0][1]);
    const before = storedSheets(adopted);
    const after = storedSheets(lean);
    // The analyst's sheet and the Adoption report are untouched by a summary: the same bytes.
    for (const name of ["wessex-old-tracker", "Adoption report", "Inspections", "Lists"]) {
      expect({ name, same: after.get(name)?.equals(before.get(name)!) }).toEqual({
        name,
        same: true,
      });
    }
    // Written: the new position's history rows and the Summary; the shared strings are the file's.
    expect(after.get("Status history")!.equals(before.get("Status history")!)).toBe(false);
    const sst = (b: Buffer) => readZip(b).get("xl/sharedStrings.xml")!;
    expect(sst(lean).equals(sst(adopted))).toBe(true);
  });

  test("set up in place: the analyst's sheet keeps its note, picture and link (its parts copied)", async () => {
    const wb = new ExcelWorkbook();
    const ws = wb.addWorksheet("Notes");
    ws.getCell("A1").value = "Our own notes";
    ws.getCell("A1").note = "A note the analyst left";
    ws.getCell("A2").value = { text: "Inspection page", hyperlink: "https://example.invalid/a" };
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64"
    );
    ws.addImage(wb.addImage({ buffer: png as never, extension: "png" }), "C3:D5");
    const file = join(tmpDir("splice-own-"), "own.xlsx");
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const before = readFileSync(file);
    await cli(["init", "--out", file]);
    const after = readFileSync(file);
    // The sheet and every part it brings, byte for byte.
    expect(storedSheets(after).get("Notes")!.equals(storedSheets(before).get("Notes")!)).toBe(true);
    const kinds = (b: Buffer) =>
      [...readZip(b).keys()]
        .filter((n) => /comments|vmlDrawing|drawings\/drawing|media\//.test(n))
        .map((n) => n.replace(/\d+/g, "N"))
        .sort();
    expect(kinds(after)).toEqual(kinds(before));
    expect(kinds(after).length).toBeGreaterThanOrEqual(4);
    const media = (b: Buffer) => [...readZip(b)].find(([n]) => /^xl\/media\//.test(n))![1];
    expect(media(after).equals(png)).toBe(true);
    // excelts reads the note and the link back from the saved file.
    const back = new ExcelWorkbook();
    await back.xlsx.load(after);
    const notes = back.getWorksheet("Notes")!;
    expect(JSON.stringify(notes.getCell("A1").note)).toContain("A note the analyst left");
    expect(notes.getCell("A2").value).toMatchObject({ hyperlink: "https://example.invalid/a" });
    expect(back.getWorksheet("Tracker")).toBeDefined();
  });

  test("a file never changed is saved as it was", async () => {
    const [, bytes] = inputs[0];
    const host = await createXlsxHost({ buffer: bytes, lean: true });
    await host.run("read", (s) => s.read({ tables: ALL_TABLES }));
    expect((await host.toBuffer()).equals(bytes)).toBe(true);
  });
});

describeIfSoffice("LibreOffice reads a workbook changed in part as the one excelts saves", () => {
  test("the Summary and the tracker, as LibreOffice computes and shows them", async () => {
    const dir = tmpDir("splice-lo-");
    const file = join(dir, "tracker.xlsx");
    await cli(["adopt", join(EXAMPLES, "wessex-old-tracker.csv"), "--out", file]);
    const { lean, full } = await bothWays(readFileSync(file), OPERATIONS[0][1]);
    const leanFile = join(dir, "lean.xlsx");
    const fullFile = join(dir, "full.xlsx");
    require("node:fs").writeFileSync(leanFile, lean);
    require("node:fs").writeFileSync(fullFile, full);
    const sheets = (await readBack(lean)).views.map((v) => v.name);
    for (const name of ["Summary", "Tracker", "Adoption report"]) {
      const n = sheets.indexOf(name) + 1;
      expect({ name, csv: csvOfSheet(leanFile, n) }).toEqual({
        name,
        csv: csvOfSheet(fullFile, n),
      });
    }
    expect(convertTo(leanFile, "pdf", join(dir, "pdf"))).toMatch(/\.pdf$/);
  });
});

describe("merging styles", () => {
  const STYLES = (fonts: string, xfs: string, extra = "") =>
    `<?xml version="1.0"?><styleSheet xmlns="x">${extra}<fonts count="9">${fonts}</fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="9">${xfs}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

  test("keeps the file's styles at their numbers, uses equal ones again and adds the rest", () => {
    const original = STYLES(
      '<font><sz val="11"/><name val="Aptos"/></font><font><b/><sz val="11"/></font>',
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    );
    const written = STYLES(
      '<font><b/><sz val="11"/></font><font><i/><sz val="12"/></font>',
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
        '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
    );
    const merged = mergeStyles(original, written);
    // The file's own come first, unchanged.
    expect(merged.xml).toContain(
      '<font><sz val="11"/><name val="Aptos"/></font><font><b/><sz val="11"/></font><font><i/><sz val="12"/></font>'
    );
    expect(merged.xml).toContain(
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
    );
    // excelts's 0 is new (its font 0 is the file's bold font 1); its 1 equals the file's 1.
    expect(merged.xf).toEqual([2, 1, 3]);
    expect(merged.xml).toMatch(/<cellXfs count="4">/);
    expect(merged.xml).toContain(
      '<xf numFmtId="164" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    );
    expect(
      remapStyles(
        '<worksheet><sheetData><row r="1" s="2"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="2"/></row></sheetData><cols><col min="1" max="1" style="0"/></cols></worksheet>',
        merged
      )
    ).toBe(
      '<worksheet><sheetData><row r="1" s="3"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="3"/></row></sheetData><cols><col min="1" max="1" style="2"/></cols></worksheet>'
    );
  });

  test("a number format the file has under another number is used at its number; dxfs are added", () => {
    const original = STYLES(
      "<font/>",
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
      '<numFmts count="1"><numFmt numFmtId="170" formatCode="0.0%"/></numFmts>'
    ).replace("</styleSheet>", '<dxfs count="0"/></styleSheet>');
    const written = STYLES(
      "<font/>",
      '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0"/>',
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
    ).replace(
      "</styleSheet>",
      '<dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FFFF0000"/></patternFill></fill></dxf></dxfs></styleSheet>'
    );
    const merged = mergeStyles(original, written);
    expect(merged.xf).toEqual([1]);
    expect(merged.xml).toContain(
      '<xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    );
    expect(merged.dxf).toEqual([0]);
    expect(merged.xml).toContain('<dxfs count="1"><dxf>');
    expect(
      remapStyles(
        '<worksheet><conditionalFormatting sqref="A1"><cfRule type="expression" dxfId="0" priority="1"/></conditionalFormatting></worksheet>',
        { ...merged, dxf: [4] }
      )
    ).toContain('dxfId="4"');
  });
});
