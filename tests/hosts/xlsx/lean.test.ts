/**
 * The lean reader (src/hosts/xlsx/lean.ts) gives the same snapshot as excelts does, on varied
 * workbooks: the project's own (build, adopt, the demo), one saved by LibreOffice, and one whose
 * sheet XML holds what other writers write: shared and inline strings, rich text, phonetic runs,
 * _xHHHH_ escapes, dates in built-in and custom formats, t="d" dates, formulas with cached
 * values of every type (and none), shared formulas, empty and styled-empty cells, hyperlinks,
 * booleans, errors, on both date systems; tables empty, of one row and with a totals row;
 * validation and conditional formats; a protected sheet; the add-in's metadata.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { main } from "../../../src/cli/main";
import { createXlsxHost } from "../../../src/hosts/xlsx";
import { readZip, writeZip } from "../../../src/hosts/xlsx/zip";
import type { ReadRequest, WorkbookSnapshot } from "../../../src/workbook/host";
import { ALL_TABLES } from "../../../src/workbook/read";
import { convertTo, describeIfSoffice } from "../../helpers/libreoffice";
import { tmpDir } from "./fixtures";
import { HEADERS, variedWorkbook } from "./varied";

const EXAMPLES = resolve(__dirname, "..", "..", "..", "examples");

async function cli(args: string[]): Promise<void> {
  const err: string[] = [];
  const code = await main(args, { out: () => undefined, err: (t) => void err.push(t) });
  if (code !== 0) throw new Error(`${args.join(" ")}: ${err.join("\n")}`);
}

async function snapshots(
  bytes: Buffer,
  request: ReadRequest
): Promise<{ lean: WorkbookSnapshot; full: WorkbookSnapshot; leanCalls: number }> {
  const leanHost = await createXlsxHost({ buffer: bytes, lean: true });
  const fullHost = await createXlsxHost({ buffer: bytes, lean: false });
  const lean = await leanHost.run("read", (s) => s.read(request));
  const full = await fullHost.run("read", (s) => s.read(request));
  return { lean, full, leanCalls: leanHost.calls.reads };
}

/** JSON copies, so protection read lazily is compared as a value. */
const plain = (s: WorkbookSnapshot) => JSON.parse(JSON.stringify(s)) as WorkbookSnapshot;

const REQUESTS: [string, ReadRequest][] = [
  ["every table, formulas of every table", { tables: ALL_TABLES, formulasOf: ALL_TABLES }],
  ["tables only", { tables: ALL_TABLES }],
  [
    "some columns (as the summary reads)",
    {
      columnsOf: {
        tblTracker: ["Status", "Owner", "Target date", "Ref"],
        tblHistory: ["Date", "Status"],
      },
      tables: ["tblStatuses", "tblSettings"],
      formulasOf: ["tblTracker"],
    },
  ],
];

async function expectSame(bytes: Buffer, requests: [string, ReadRequest][] = REQUESTS) {
  for (const [what, request] of requests) {
    const { lean, full } = await snapshots(bytes, request);
    expect({ what, snapshot: plain(lean) }).toEqual({ what, snapshot: plain(full) });
  }
}

describe("the lean reader gives the snapshot excelts gives", () => {
  test("a workbook of what other writers write (1900 date system)", async () => {
    const bytes = await variedWorkbook(false);
    await expectSame(bytes);
    // The cases are really there (read lean).
    const { lean } = await snapshots(bytes, { tables: ["tblTracker"], formulasOf: ["tblTracker"] });
    const t = lean.tables.tblTracker;
    const col = (h: string) => HEADERS.indexOf(h);
    expect(t.rows[1][col("Text")]).toBe("inline A text");
    expect(t.rows[3][col("Text")]).toBe("Rich shared\r text _x0041_");
    expect(t.rows[4][col("Text")]).toBe("漢字");
    expect(t.rows[3 + 2][col("Text")]).toBe("literal _x0041_ and A and a control\u0001char");
    expect(t.rows[2][col("Number")]).toBe(1501);
    expect(t.formulas![3][col("Number")]).toBe("=C3+1");
    expect(t.formulas![4][col("Number")]).toBe("=C4+1");
    expect(t.rows[0][col("Date")]).toBe(46112);
    expect(t.rows[3][col("Date")]).toBe(46112);
    expect(t.rows[0][col("Status")]).toBe("Amber & <rising>");
    expect(t.rows[1][col("Link")]).toBe("42");
    expect(t.statusValidation).toBe('="Red,Amber,Green"');
    expect(t.statusFormats).toBe(2);
    expect(lean.sheets.find((x) => x.name === "Locked")!.protected).toBe(true);
    expect(lean.sheets.find((x) => x.name === "Data")!.protected).toBe(false);
    expect(lean.meta).toEqual({ schemaVersion: "2", "role:tracker": "Data" });
  });

  test("the same workbook on the 1904 date system", async () => {
    const bytes = await variedWorkbook(true);
    await expectSame(bytes);
    const { lean } = await snapshots(bytes, { tables: ["tblTracker"] });
    // 46112 in 1904 serials is 1462 days later in the 1900 serials plans use.
    expect(lean.tables.tblTracker.rows[0][HEADERS.indexOf("Date")]).toBe(46112 + 1462);
  });

  test("the project's own files: build, adopt, the demo (with history and a summary)", async () => {
    const dir = tmpDir("lean-");
    const build = join(dir, "build.xlsx");
    await cli(["build", EXAMPLES, "--out", build]);
    const adopt = join(dir, "adopt.xlsx");
    await cli(["adopt", join(EXAMPLES, "wessex-old-tracker.csv"), "--out", adopt]);
    const demo = join(dir, "demo.xlsx");
    await cli(["demo", "--out", demo]);
    for (const file of [build, adopt, demo]) await expectSame(readFileSync(file));
  });

  test("reading lean does not load the workbook, and a file not changed saves as it was", async () => {
    const dir = tmpDir("lean-");
    const file = join(dir, "build.xlsx");
    await cli(["build", EXAMPLES, "--out", file]);
    const host = await createXlsxHost({ file, lean: true });
    await host.run("read", (s) => s.read({ tables: ALL_TABLES, formulasOf: ALL_TABLES }));
    expect(() => host.workbook).toThrow(/load\(\)/);
    expect((await host.toBuffer()).equals(readFileSync(file))).toBe(true);
  });

  test("a workbook the lean reader does not know (a prefixed namespace) is read by excelts", async () => {
    const dir = tmpDir("lean-");
    const file = join(dir, "build.xlsx");
    await cli(["build", EXAMPLES, "--out", file]);
    const pkg = readZip(readFileSync(file));
    const name = "xl/workbook.xml";
    const xml = pkg.get(name)!.toString("utf8");
    // The same workbook part with its main namespace under a prefix: excelts still reads it.
    const prefixed = xml
      .replace(/<(\/?)(?!\?)([a-zA-Z]+)(?=[\s>/])/g, (m, slash: string, tag: string) =>
        tag === "xml" ? m : `<${slash}x:${tag}`
      )
      .replace(
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
      );
    pkg.set(name, Buffer.from(prefixed));
    const bytes = writeZip(pkg);
    const host = await createXlsxHost({ buffer: bytes, lean: true });
    const full = await createXlsxHost({ buffer: bytes, lean: false });
    const request = { tables: ALL_TABLES };
    expect(plain(await host.run("r", (s) => s.read(request)))).toEqual(
      plain(await full.run("r", (s) => s.read(request)))
    );
  });
});

describeIfSoffice("the lean reader on a workbook LibreOffice saved", () => {
  test("gives the snapshot excelts gives", async () => {
    const dir = tmpDir("lean-lo-");
    const demo = join(dir, "demo.xlsx");
    await cli(["demo", "--out", demo]);
    const copy = join(dir, "copy.xlsx");
    copyFileSync(demo, copy);
    const out = join(dir, "lo");
    const saved = convertTo(copy, "xlsx", out);
    const bytes = readFileSync(saved);
    writeFileSync(join(dir, "saved.xlsx"), bytes);
    await expectSame(bytes);
  });
});
