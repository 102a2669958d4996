/**
 * Excel's _xHHHH_ escapes (a line break pasted from Word is stored as _x000B_) round-trip
 * exactly through an in-place init and build --into, on the tool's sheets and on sheets it does
 * not touch; text that literally reads "_x0041_" stays literal.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../helpers/cli";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { decodeXString, encodeXString } from "../../src/hosts/xlsx/cells";
import { readZip, writeZip } from "../../src/hosts/xlsx/zip";
import { wessexRecord } from "../import/records";

const TMP = join(__dirname, "..", ".tmp", "escapes");
beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** A workbook whose own sheet 'Notes' holds strings as Excel stores them, escapes and all. */
async function excelWorkbook(file: string, stored: string[]): Promise<void> {
  const host = await createXlsxHost({});
  const ws = host.workbook.addWorksheet("Notes");
  stored.forEach((_s, i) => (ws.getCell(`A${i + 1}`).value = `PLACEHOLDER${i}`));
  const pkg = readZip(await host.toBuffer());
  let sst = pkg.get("xl/sharedStrings.xml")!.toString("utf8");
  stored.forEach((s, i) => (sst = sst.replace(`PLACEHOLDER${i}<`, `${s}<`)));
  pkg.set("xl/sharedStrings.xml", Buffer.from(sst));
  writeFileSync(file, writeZip(pkg));
}

const STORED = [
  "Pasted from Word:_x000B_second line",
  "Bell_x0007_ and form feed_x000C_",
  "Typed literally: _x005F_x0041_",
  "Tab\tand new line\nkept",
];

async function notes(file: string) {
  const host = await createXlsxHost({ file });
  const snap = await host.run("read", (s) => s.read({ sheets: ["Notes"] }));
  return snap.sheetValues.Notes.values.map((r) => r[0]);
}

describe("Excel's _xHHHH_ escapes", () => {
  it.each([
    ["init in place", (f: string) => ["init", "--out", f]],
    ["build --into", (f: string) => ["build", join(TMP, "r.txt"), "--into", f]],
  ])(
    "%s writes every escape back as Excel stored it, on a sheet the tool does not touch",
    async (_what, args) => {
      writeFileSync(join(TMP, "r.txt"), wessexRecord());
      const file = join(TMP, `${_what.replace(/\W+/g, "-")}.xlsx`);
      await excelWorkbook(file, STORED);
      expect(await notes(file)).toEqual([
        "Pasted from Word:\u000bsecond line",
        "Bell\u0007 and form feed\u000c",
        "Typed literally: _x0041_",
        "Tab\tand new line\nkept",
      ]);
      const r = await run(...args(file));
      expect([r.code, r.err]).toEqual([0, ""]);
      const sst = readZip(readFileSync(file)).get("xl/sharedStrings.xml")!.toString("utf8");
      expect(sst).toContain("<t>Pasted from Word:_x000B_second line</t>");
      expect(sst).toContain("Bell_x0007_ and form feed_x000C_");
      expect(sst).not.toContain("_x005F_x000B_second");
      // Literal text stays literal. (Known gap: text that literally reads "_x000B_", a control
      // character's escape, is stored as _x005F_x000B_, which excelts reads the same as _x000B_.)
      expect(sst).toContain("Typed literally: _x005F_x0041_");
      expect((await notes(file)).slice(0, 2)).toEqual([
        "Pasted from Word:\u000bsecond line",
        "Bell\u0007 and form feed\u000c",
      ]);
    }
  );

  it("text written by the tool with a control character is stored as Excel stores it", async () => {
    const host = await createXlsxHost({});
    const ws = host.workbook.addWorksheet("S");
    ws.getCell("A1").value = encodeXString("one\u000btwo\r\nthree _x0041_");
    const sst = readZip(await host.toBuffer())
      .get("xl/sharedStrings.xml")!
      .toString("utf8");
    expect(sst).toContain("one_x000B_two\nthree _x005F_x0041_");
    expect(decodeXString(encodeXString("a\u0001b_x0041_"))).toBe("a\u0001b_x0041_");
  });
});
