/**
 * Plain messages naming the file, never a raw error: a zip that is not a workbook, a
 * folder given as a file, UTF-16 text (once "binary data"), and no stack overflow.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../helpers/cli";
import { zipOf } from "../helpers/bombs";
import { utf16 } from "../helpers/encodings";

const TMP = join(__dirname, "..", ".tmp", "plain");
beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("plain messages naming the file", () => {
  it("a zip that is not a workbook (once \"Cannot read properties of undefined (reading 'date1904')\")", async () => {
    const file = join(TMP, "notes.xlsx");
    writeFileSync(file, zipOf([{ name: "notes.txt", data: Buffer.from("just a zip") }]));
    for (const cmd of ["check", "adopt", "summary"]) {
      const r = await run(cmd, file, ...(cmd === "summary" ? ["--out", join(TMP, "o.xlsx")] : []));
      expect([cmd, r.code]).toEqual([cmd, 1]);
      expect(r.err).toBe(
        `inspection-tracker ${cmd}: ${file} is not an Excel workbook that can be opened (.xlsx expected).`
      );
    }
  });

  it("a folder given as the file to read", async () => {
    const dir = join(TMP, "folder.xlsx");
    mkdirSync(dir);
    const csvDir = join(TMP, "folder.csv");
    mkdirSync(csvDir);
    expect((await run("check", dir)).err).toBe(
      `inspection-tracker check: ${dir} is a folder, not an Excel workbook (.xlsx).`
    );
    expect((await run("check", csvDir)).err).toBe(
      `inspection-tracker check: ${csvDir} is a folder, not a CSV file.`
    );
    expect((await run("adopt", csvDir)).err).toBe(
      `inspection-tracker adopt: ${csvDir} is a folder, not a CSV file.`
    );
    expect((await run("build", join(TMP, "r.txt"), "--into", dir)).err).toMatch(
      /folder\.xlsx is a folder, not a file/
    );
    const recordDir = join(TMP, "record.txt");
    mkdirSync(recordDir);
    expect((await run("parse", recordDir)).err).toBe(
      `inspection-tracker parse: ${recordDir} is a folder, not a response record.`
    );
  });

  it("UTF-16 text is read, not called binary data", async () => {
    const file = join(TMP, "unicode.csv");
    writeFileSync(file, utf16("Ref\tStatus\tOwner\r\nR1\tRed\tAnn\r\n"));
    const r = await run("check", file);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/unicode\.csv: read as UTF-16 \(little-endian\)/);
    expect(r.out).toMatch(/1 row checked/);
  });
});
