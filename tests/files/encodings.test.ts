/**
 * Windows encodings: a CSV saved by Excel as "CSV (Comma delimited)" (Windows-1252) or
 * "Unicode Text" (UTF-16, tab-separated), Word's web page (windows-1252 with a meta charset),
 * read exactly, the encoding said, and "Nothing lost" never printed when a character was.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../helpers/cli";
import { decodeText } from "../../src/domain/files/encoding";
import { readRecordFile } from "../../src/taskpane/sections/import/readFile";
import { cp1252, utf16 } from "../helpers/encodings";

const TMP = join(__dirname, "..", ".tmp", "encodings");
beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const WINDOWS =
  "Ref,Recommendation,Lead,RAG,Target date\r\nR1,“Victims’ code” – £5k budget for café outreach,Chief Superintendent Ní Bhriain,Amber,31/03/2026\r\n";
const CELL = "“Victims’ code” – £5k budget for café outreach";

describe("decodeText", () => {
  it.each<[string, Buffer, string, string]>([
    ["UTF-8 with a byte-order mark", Buffer.from("\ufeff" + CELL), "utf-8", "byte-order mark"],
    ["UTF-8", Buffer.from(CELL), "utf-8", "valid UTF-8"],
    ["UTF-16LE with a byte-order mark", utf16(CELL, "le"), "utf-16le", "byte-order mark"],
    ["UTF-16BE with a byte-order mark", utf16(CELL, "be"), "utf-16be", "byte-order mark"],
    ["UTF-16LE without one", utf16(CELL, "le", false), "utf-16le", "UTF-16 pattern"],
    ["Windows-1252", cp1252(CELL), "windows-1252", "not UTF-8"],
  ])("%s", (_what, bytes, encoding, how) => {
    expect(decodeText(bytes)).toEqual({ text: CELL, encoding, how, replaced: 0 });
  });

  it("an HTML page's meta charset decides (Word's 'Web Page' saves windows-1252)", () => {
    const page = `<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252"></head><body><p>${CELL}</p></body></html>`;
    const d = decodeText(cp1252(page), { html: true });
    expect([d.encoding, d.how, d.replaced]).toEqual(["windows-1252", "declared", 0]);
    expect(d.text).toBe(page);
  });

  it("counts the characters it could not decode", () => {
    // A lone surrogate in UTF-16 cannot be decoded.
    const broken = Buffer.concat([
      utf16("ab", "le"),
      Buffer.from([0x00, 0xd8]),
      Buffer.from("c\0", "latin1"),
    ]);
    const d = decodeText(broken);
    expect([d.encoding, d.replaced]).toEqual(["utf-16le", 1]);
    expect(d.text).toBe("ab\ufffdc");
  });
});

describe("the command line", () => {
  it("adopt reads Excel's 'CSV (Comma delimited)' as Windows-1252, says so, loses nothing", async () => {
    const csv = join(TMP, "windows.csv");
    writeFileSync(csv, cp1252(WINDOWS));
    const r = await run("adopt", csv, "--header-row", "1");
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `${csv}: read as Windows-1252 (Western European), since it is not UTF-8`
    );
    expect(r.out).toMatch(/Nothing lost: 10 non-empty cells/);
    expect(r.out).not.toContain("\ufffd");
    const json = JSON.parse((await run("adopt", csv, "--header-row", "1", "--json")).out);
    expect(json.rows[0].values.Recommendation).toBe(CELL);
    expect(json.rows[0].values.Lead).toBe("Chief Superintendent Ní Bhriain");
  });

  it("adopt reads 'Unicode Text' (UTF-16, tab-separated), once called binary", async () => {
    const txt = join(TMP, "unicode.csv");
    writeFileSync(txt, utf16(WINDOWS.replace(/,/g, "\t"), "le"));
    const r = await run("adopt", txt, "--header-row", "1", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rows[0].values.Recommendation).toBe(CELL);
  });

  it("a CSV with characters that cannot be decoded is refused: no 'Nothing lost', nothing written", async () => {
    const csv = join(TMP, "broken.csv");
    writeFileSync(
      csv,
      Buffer.concat([
        utf16("Ref\tStatus\r\nR1\t", "le"),
        Buffer.from([0x00, 0xd8]),
        utf16("Red\r\n", "le", false),
      ])
    );
    const out = join(TMP, "broken.xlsx");
    const r = await run("adopt", csv, "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /broken\.csv: read as UTF-16 \(little-endian\), but 1 character could not be decoded and became '\ufffd'\. Save the file as UTF-8 .* Nothing was adopted or written\./
    );
    expect(r.out).not.toMatch(/Nothing lost/);
    const checked = await run("check", csv);
    expect(checked.err).toMatch(/1 character could not be decoded/);
  });

  it("check says how a Windows-1252 CSV was read", async () => {
    const csv = join(TMP, "check.csv");
    writeFileSync(
      csv,
      cp1252("Ref,Recommendation,Owner,Status\r\nR1,Café £5 – “x”,Ní Bhriain,Red\r\n")
    );
    const r = await run("check", csv);
    expect(r.out).toMatch(/check\.csv: read as Windows-1252/);
  });

  it("parse reads Word's windows-1252 web page by its meta charset, and UTF-16 text", async () => {
    const html = join(TMP, "word.html");
    writeFileSync(
      html,
      cp1252(
        `<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252"></head><body>` +
          `<p>Force: Wessex Police</p><p>Title of inspection: Café outreach – “2025”</p><p>Recommendations</p><ol><li>Spend £5k on victims’ care.</li></ol></body></html>`
      )
    );
    const r = await run("parse", html);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "word.html: read as Windows-1252 (Western European), since the page declares it."
    );
    expect(r.out).toContain("Title:         Café outreach – “2025”");
    expect(r.out).toContain("Spend £5k on victims’ care.");
    const txt = join(TMP, "unicode.txt");
    writeFileSync(
      txt,
      utf16(
        "Force: Wessex Police\r\nTitle of inspection: Café\r\nRecommendations\r\n1. Spend £5k.\r\n",
        "le"
      )
    );
    const u = await run("parse", txt, "--json");
    expect(JSON.parse(u.out).inspection.title).toBe("Café");
    expect(u.err).toContain("unicode.txt: read as UTF-16 (little-endian)");
  });
});

describe("the pane's file reader", () => {
  const picked = (name: string, bytes: Buffer) => ({
    name,
    size: bytes.length,
    arrayBuffer: async () =>
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
  });

  it("reads Windows-1252 text and says so", async () => {
    const r = await readRecordFile(picked("ansi.txt", cp1252(CELL)));
    expect(r).toEqual({
      name: "ansi.txt",
      text: CELL,
      format: "auto",
      encoding: "Windows-1252 (Western European)",
    });
  });

  it("refuses text it cannot decode rather than importing '\ufffd'", async () => {
    const bytes = Buffer.concat([utf16("ab", "le"), Buffer.from([0x00, 0xd8])]);
    await expect(readRecordFile(picked("odd.txt", bytes))).rejects.toThrow(
      /odd\.txt: read as UTF-16 .* 1 character could not be decoded/
    );
  });
});
