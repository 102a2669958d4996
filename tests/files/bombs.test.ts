/**
 * Decompression bombs and crafted zips (.xlsx, .docx): refused with a plain message naming the
 * file and the part, in the guard itself (fflate and zlib alike), the xlsx host, the command
 * line and the pane's file reader; real packages pass. Every hostile file is made here, in
 * memory or under tests/.tmp, and never committed.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { main } from "../../src/cli/main";
import { isTrackerError } from "../../src/domain/errors";
import {
  DOCX_LIMITS,
  XLSX_LIMITS,
  checkZip,
  fflateInflater,
  readZipParts,
  zipEntries,
  type Inflater,
  type ZipLimits,
} from "../../src/domain/files/zip";
import { setupTracker } from "../../src/engine/setup";
import { createXlsxHost, zlibInflater } from "../../src/hosts/xlsx";
import { readZip } from "../../src/hosts/xlsx/zip";
import { readRecordFile } from "../../src/taskpane/sections/import/readFile";
import { deflatedRun, partsOf, zipOf, type RawPart } from "../helpers/bombs";

const ROOT = join(__dirname, "..", "..");
const DOCX = readFileSync(join(ROOT, "examples", "wessex-peel-2022.docx"));
const TMP = join(ROOT, "tests", ".tmp", "bombs");
const MiB = 1024 * 1024;

let tracker: Buffer;
beforeAll(async () => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const host = await createXlsxHost({});
  await setupTracker(host);
  tracker = await host.toBuffer();
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** The error a promise rejects with (fails the test when it resolves). */
async function refusal(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error("expected a refusal");
}

/** A real workbook with one part replaced (or added) by a bomb. */
function workbookWith(part: string, bomb: RawPart): Buffer {
  const parts = partsOf(readZip(tracker)).filter((p) => p.name !== part);
  return zipOf([...parts, { ...bomb, name: part }]);
}

/** A 1 GiB sheet in about 1 MB that says it is 1 KB: the sizes lie. */
const lyingSheet = (): RawPart => ({
  name: "xl/worksheets/sheet1.xml",
  deflated: deflatedRun(1024),
  declaredSize: 1024,
});

const INFLATERS: [string, Inflater][] = [
  ["fflate (the pane)", fflateInflater],
  ["zlib (Node)", zlibInflater],
];

describe.each(INFLATERS)("the guard with %s", (_label, inflate) => {
  it("passes real packages and counts their real bytes", async () => {
    for (const [bytes, limits] of [
      [tracker, XLSX_LIMITS],
      [DOCX, DOCX_LIMITS],
    ] as const) {
      const report = await checkZip(bytes, "real", { limits, inflate });
      const real = report.entries
        .map((e) => bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize))
        .map((raw, i) => (report.entries[i].method === 0 ? raw.length : inflateRawSync(raw).length))
        .reduce((a, b) => a + b, 0);
      expect(report.totalBytes).toBe(real);
      expect(report.entries.length).toBeGreaterThan(5);
    }
    const parts = await readZipParts(DOCX, "real", { limits: DOCX_LIMITS, inflate });
    expect(Buffer.from(parts.get("word/document.xml")!).toString("utf8")).toContain("Wessex");
  });

  it("refuses a part whose declared size lies, counting what really inflates", async () => {
    const e = await refusal(
      checkZip(workbookWith("xl/worksheets/sheet1.xml", lyingSheet()), "bomb.xlsx", { inflate })
    );
    expect(isTrackerError(e)).toBe(true);
    expect(e.code).toBe("too-large");
    expect(e.message).toMatch(
      /^bomb\.xlsx was not opened: its part 'xl\/worksheets\/sheet1\.xml' expands more than 100 times/
    );
    expect(e.message).toMatch(/Nothing was read\.$/);
  });

  it("refuses a part over the size limit even when it expands within the ratio", async () => {
    const limits: ZipLimits = { ...XLSX_LIMITS, maxPartBytes: 8 * MiB, maxRatio: 10_000 };
    const bomb = zipOf([{ name: "a.xml", deflated: deflatedRun(32), declaredSize: 5 }]);
    const e = await refusal(checkZip(bomb, "a.xlsx", { limits, inflate }));
    expect(e.message).toMatch(
      /its part 'a\.xml' expands to more than 8 MB, the limit for one part/
    );
  });

  it("refuses parts that are each within limits but too large together", async () => {
    const limits: ZipLimits = { ...XLSX_LIMITS, maxTotalBytes: 10 * MiB, maxRatio: 10_000 };
    const parts = [1, 2, 3].map((n) => ({
      name: `p${n}.xml`,
      deflated: deflatedRun(4),
      declaredSize: 4 * MiB,
    }));
    const e = await refusal(checkZip(zipOf(parts), "many.xlsx", { limits, inflate }));
    expect(e.message).toMatch(/its parts expand to more than 10 MB together/);
    // Within the limits, the same parts pass.
    await expect(
      checkZip(zipOf(parts), "many.xlsx", {
        limits: { ...limits, maxTotalBytes: 12 * MiB },
        inflate,
      })
    ).resolves.toMatchObject({ totalBytes: 12 * MiB });
  });

  it("refuses an honest bomb from its directory alone, before inflating anything", async () => {
    const bomb = zipOf([
      { name: "xl/worksheets/sheet1.xml", deflated: Buffer.from([3, 0]), declaredSize: 0xfffffff0 },
    ]);
    const e = await refusal(checkZip(bomb, "honest.xlsx", { inflate }));
    expect(e.message).toMatch(/says it expands to 4096 MB, over the limit of 256 MB for one part/);
  });

  it("refuses a size that lies the other way, or a stream cut short", async () => {
    const text = Buffer.from("<x>".repeat(1000));
    const under = zipOf([{ name: "a.xml", data: text, declaredSize: 10 }]);
    expect((await refusal(checkZip(under, "u.xlsx", { inflate }))).message).toMatch(
      /u\.xlsx could not be opened: it is damaged or not a genuine Office file \(part 'a\.xml' says it holds 10 bytes but holds 3000\)/
    );
    const deflated = Buffer.from(require("node:zlib").deflateRawSync(text));
    const cut = zipOf([{ name: "a.xml", deflated: deflated.subarray(0, 5), declaredSize: 3000 }]);
    expect((await refusal(checkZip(cut, "c.xlsx", { inflate }))).message).toMatch(
      /c\.xlsx could not be opened: it is damaged/
    );
  });
});

describe("the directory", () => {
  const ok = (): RawPart[] => [
    { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
    { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
  ];
  const msg = (bytes: Buffer, where = "x.xlsx") => {
    try {
      zipEntries(bytes, where);
    } catch (e) {
      return (e as Error).message;
    }
    return "accepted";
  };

  it("reads data descriptors and ZIP64 sizes as Excel and streaming writers write them", async () => {
    const parts = ok().map((p, i) => ({ ...p, descriptor: i === 0, zip64: i === 1 }));
    const entries = zipEntries(zipOf(parts), "x.xlsx");
    expect(entries.map((e) => [e.name, e.declaredSize])).toEqual([
      ["[Content_Types].xml", 8],
      ["xl/workbook.xml", 11],
    ]);
    await expect(checkZip(zipOf(parts), "x.xlsx")).resolves.toMatchObject({ totalBytes: 19 });
  });

  it("refuses a part hidden from the directory that a streaming reader would see", () => {
    const a = zipOf([ok()[0]]);
    const hidden = zipOf([
      { name: "xl/worksheets/sheet9.xml", deflated: deflatedRun(4), declaredSize: 5 },
    ]);
    const whole = zipOf(ok());
    // The hidden part's local header and data, slipped in front of the second part.
    const firstLen = a.length - 22 - (46 + ok()[0].name.length);
    const hiddenLocal = hidden.subarray(0, hidden.length - 22 - (46 + 24));
    const crafted = Buffer.concat([
      whole.subarray(0, firstLen),
      hiddenLocal,
      whole.subarray(firstLen),
    ]);
    // Shift the directory's offsets to match.
    const end = crafted.length - 22;
    crafted.writeUInt32LE(crafted.readUInt32LE(end + 16) + hiddenLocal.length, end + 16);
    const cd = crafted.readUInt32LE(end + 16);
    const second = cd + 46 + ok()[0].name.length;
    crafted.writeUInt32LE(crafted.readUInt32LE(second + 42) + hiddenLocal.length, second + 42);
    expect(msg(crafted)).toMatch(
      /it holds data outside its directory, before part 'xl\/workbook\.xml'/
    );
  });

  it("refuses data before the first part or after the last", () => {
    const whole = zipOf(ok());
    expect(msg(Buffer.concat([Buffer.from("MZ junk"), whole]))).toMatch(/not an Excel workbook/);
    const end = whole.length - 22;
    const cd = whole.readUInt32LE(end + 16);
    const padded = Buffer.concat([whole.subarray(0, cd), Buffer.alloc(100), whole.subarray(cd)]);
    padded.writeUInt32LE(cd + 100, padded.length - 22 + 16);
    expect(msg(padded)).toMatch(/outside its directory, after the last part/);
  });

  it.each<[string, RawPart[], RegExp]>([
    [
      "a local header that names another part",
      [{ name: "a.xml", localName: "b.xml", data: Buffer.from("x") }],
      /part 'a\.xml' is described two different ways/,
    ],
    [
      "two parts of one name",
      [
        { name: "a.xml", data: Buffer.from("x") },
        { name: "a.xml", data: Buffer.from("y") },
      ],
      /it holds two parts named 'a\.xml'/,
    ],
    [
      "an encrypted part",
      [{ name: "a.xml", data: Buffer.from("x"), flags: 1 }],
      /its part 'a\.xml' is encrypted/,
    ],
    [
      "another compression method",
      [{ name: "a.xml", data: Buffer.from("x"), method: 12 }],
      /uses compression method 12/,
    ],
  ])("refuses %s", (_what, parts, message) => {
    expect(msg(zipOf(parts))).toMatch(message);
  });

  it("refuses too many parts, a truncated file, and says what a password-protected file is", () => {
    const many = zipOf(
      Array.from({ length: 12 }, (_, i) => ({ name: `p${i}`, data: Buffer.from("x") }))
    );
    expect(() => zipEntries(many, "m.xlsx", { ...XLSX_LIMITS, maxEntries: 10 })).toThrow(
      /m\.xlsx was not opened: it holds 12 parts/
    );
    const whole = zipOf(ok());
    expect(msg(whole.subarray(0, whole.length - 30))).toMatch(
      /x\.xlsx could not be opened: it is damaged/
    );
    const ole = Buffer.alloc(512);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    expect(msg(ole, "locked.xlsx")).toMatch(
      /^locked\.xlsx is not a zip package: it is either password-protected or in the old binary format/
    );
  });
});

describe("the xlsx host and the command line refuse bombs", () => {
  it("createXlsxHost refuses a 1 GiB sheet that says it is 1 KB, and a 1 GiB custom.xml", async () => {
    for (const [part, label] of [
      ["xl/worksheets/sheet1.xml", "sheet"],
      ["docProps/custom.xml", "custom properties"],
    ]) {
      const bytes = workbookWith(part, { ...lyingSheet(), name: part });
      expect(bytes.length).toBeLessThan(2 * MiB);
      const e = await refusal(createXlsxHost({ buffer: bytes }));
      expect(`${label}: ${e.message}`).toMatch(
        new RegExp(
          `^${label}: The workbook was not opened: its part '${part.replace(/\./g, "\\.")}' expands more than 100 times`
        )
      );
    }
  });

  it("check, adopt and build --into: exit 1, the file named, nothing written", async () => {
    const file = join(TMP, "bomb.xlsx");
    writeFileSync(file, workbookWith("xl/worksheets/sheet1.xml", lyingSheet()));
    const before = readFileSync(file);
    const record = join(TMP, "r.txt");
    writeFileSync(record, "Recommendations\n1. Do something.\n");
    for (const args of [
      ["check", file],
      ["adopt", file],
      ["adopt", file, "--out", join(TMP, "adopted.xlsx")],
      ["build", record, "--into", file],
    ]) {
      const err: string[] = [];
      const code = await main(args, { out: () => undefined, err: (t) => void err.push(t) });
      expect([args[0], code]).toEqual([args[0], 1]);
      expect(err.join("\n")).toMatch(
        new RegExp(
          `^inspection-tracker ${args[0]}: ${file.replace(/[.\\/]/g, "\\$&")} was not opened: its part 'xl/worksheets/sheet1\\.xml' expands more than 100 times`
        )
      );
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(join(TMP, "adopted.xlsx"))).toBe(false);
  });

  it("parse and build refuse a .docx bomb; nothing is written", async () => {
    const parts = partsOf(readZip(DOCX, "d", DOCX_LIMITS)).filter(
      (p) => p.name !== "word/document.xml"
    );
    const file = join(TMP, "bomb.docx");
    writeFileSync(
      file,
      zipOf([
        ...parts,
        { name: "word/document.xml", deflated: deflatedRun(256), declaredSize: 2000 },
      ])
    );
    expect(statSync(file).size).toBeLessThan(MiB);
    const out = join(TMP, "from-bomb.xlsx");
    for (const args of [
      ["parse", file],
      ["build", file, "--out", out],
    ]) {
      const err: string[] = [];
      const code = await main(args, { out: () => undefined, err: (t) => void err.push(t) });
      expect(code).toBe(1);
      expect(err.join("\n")).toMatch(
        new RegExp(
          `^inspection-tracker ${args[0]}: bomb\\.docx was not opened: its part 'word/document\\.xml' expands more than 100 times`
        )
      );
    }
    expect(existsSync(out)).toBe(false);
  });
});

describe("the pane's file reader", () => {
  const picked = (name: string, bytes: Buffer) => ({
    name,
    size: bytes.length,
    arrayBuffer: async () =>
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
  });

  it("refuses a .docx bomb before mammoth sees it", async () => {
    const parts = partsOf(readZip(DOCX, "d", DOCX_LIMITS)).filter(
      (p) => p.name !== "word/document.xml"
    );
    const bomb = zipOf([
      ...parts,
      { name: "word/document.xml", deflated: deflatedRun(256), declaredSize: 2000 },
    ]);
    const e = await refusal(readRecordFile(picked("bomb.docx", bomb)));
    expect(e.message).toMatch(
      /^bomb\.docx was not opened: its part 'word\/document\.xml' expands more than 100 times/
    );
  });

  it("still reads a real .docx", async () => {
    const r = await readRecordFile(picked("wessex-peel-2022.docx", DOCX));
    expect(r.format).toBe("html");
    expect(r.text).toContain("Wessex");
  });
});
