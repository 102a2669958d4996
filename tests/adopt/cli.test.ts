import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { parseCsvText } from "../../src/cli/read-csv";
import { TABLES } from "../../src/domain/columns";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { tmpDir } from "../helpers/libreoffice";
import { MESSY_ROWS, toCsv } from "./messy";

// The messy tracker users try `adopt` on (README), kept equal to MESSY_ROWS by the first test.
const FIXTURE = join(__dirname, "..", "..", "examples", "wessex-old-tracker.csv");

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("the CSV fixture", () => {
  test("is the messy tracker as Excel writes it: BOM, CRLF, quoted line breaks and doubled quotes", () => {
    const expected = toCsv(MESSY_ROWS, { bom: true });
    if (process.env.UPDATE_FIXTURES === "1") writeFileSync(FIXTURE, expected);
    const bytes = readFileSync(FIXTURE, "utf8");
    expect(bytes).toBe(expected);
    expect(bytes.charCodeAt(0)).toBe(0xfeff);
    expect(bytes).toContain('""gold""');
    expect(bytes).toContain("\r\n");
    expect(parseCsvText(bytes)).toEqual(MESSY_ROWS);
  });
});

describe("inspection-tracker adopt", () => {
  test("--json prints the documented shape on stdout alone, and writes nothing", async () => {
    const r = await run(["adopt", FIXTURE, "--json"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const j = JSON.parse(r.out);
    expect(j.headerRow).toBe(3);
    expect(j.mapping).toEqual({
      Ref: "Ref",
      Recommendation: "Recommendation",
      Lead: "Owner",
      "Target date": "Target date",
      RAG: "Status",
      "Update (Q3)": "Progress update",
      Evidence: "Evidence",
      Notes: null,
      Directorate: null,
    });
    expect(j.rows).toHaveLength(12);
    expect(j.rows[0]).toEqual({
      sourceRow: 5,
      ref: "P1",
      inspection: "PEEL 2023/25: Wessex Police",
      status: "Green",
      statusAsWritten: "G",
      targetDate: "2025-03-31",
      targetDateApproximate: false,
      values: Object.fromEntries(MESSY_ROWS[2].map((h, k) => [h, MESSY_ROWS[4][k]])),
    });
    expect(j.rows[1].values["Update (Q3)"]).toBe("=SUM(A1:A2) was in the old sheet");
    expect(j.skipped).toContainEqual(
      expect.objectContaining({ sourceRow: 20, reason: expect.stringMatching(/Legend/) })
    );
    expect(j.changes).toContainEqual(
      expect.objectContaining({
        sourceRow: 6,
        column: "Status",
        asWritten: "green ",
        asAdopted: "Green",
      })
    );
    expect(j.findings).toContainEqual(
      expect.objectContaining({ sourceRow: 8, rule: "duplicate-ref", severity: "error" })
    );
    expect(j.findings).toContainEqual(
      expect.objectContaining({ sourceRow: 9, rule: "date-ambiguous", severity: "warning" })
    );
    expect(j.accounting.lost).toBe(0);
  });

  test("text output summarises and says nothing was written", async () => {
    const r = await run(["adopt", FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/header row 3; 12 rows to adopt, 13 skipped/);
    expect(r.out).toMatch(/Nothing was written/);
  });

  test("CSV without a BOM and with LF line ends reads the same", async () => {
    const dir = tmpDir("adopt-cli-");
    const lf = join(dir, "plain.csv");
    writeFileSync(lf, toCsv(MESSY_ROWS, { bom: false, eol: "\n" }));
    const a = JSON.parse((await run(["adopt", lf, "--json"])).out);
    const b = JSON.parse((await run(["adopt", FIXTURE, "--json"])).out);
    expect(a.rows).toEqual(b.rows);
  });

  test("--out writes a tracker workbook with the CSV copied as its own sheet; FILE untouched", async () => {
    const dir = tmpDir("adopt-cli-");
    const out = join(dir, "tracker.xlsx");
    const before = readFileSync(FIXTURE);
    const r = await run(["adopt", FIXTURE, "--out", out, "--map", "Notes=Next steps", "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      out,
      trackerSheet: "Tracker",
      mapping: { Notes: "Next steps" },
    });
    expect(readFileSync(FIXTURE).equals(before)).toBe(true);
    const host = await createXlsxHost({ file: out });
    const snap = await host.run("read", (s) =>
      s.read({ tables: [TABLES.tracker], sheets: ["wessex-old-tracker", "Adoption report"] })
    );
    const t = snap.tables[TABLES.tracker];
    expect(t.rows).toHaveLength(12);
    expect(t.rows[0][t.headers.indexOf("Next steps")]).toBe("-see Q2 board minutes");
    expect(snap.sheetValues["wessex-old-tracker"].values[4][5]).toBe(MESSY_ROWS[4][5]);
    expect(snap.sheetValues["Adoption report"]).toBeDefined();
  });

  test("bad arguments and bad files: usage exit 2, clear error exit 1", async () => {
    expect((await run(["adopt"])).code).toBe(2);
    expect((await run(["adopt", "x.txt"])).err).toMatch(/\.csv file or an \.xlsx workbook/);
    expect((await run(["adopt", FIXTURE, "--out", FIXTURE])).code).toBe(2);
    expect((await run(["adopt", FIXTURE, "--map", "Nope=Ref"])).err).toMatch(/'Nope'/);
    const missing = await run(["adopt", "/no/such/file.csv"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/file not found/);
    const dir = tmpDir("adopt-cli-");
    const fake = join(dir, "fake.xlsx");
    writeFileSync(fake, "not a workbook");
    const r = await run(["adopt", fake]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not an Excel workbook/);
    expect(existsSync(join(dir, "out.xlsx"))).toBe(false);
  });
});
