/**
 * A tracker built from the example records, opened in a real engine (LibreOffice headless):
 * every item row is there, dates show as dd/mm/yyyy (response due = published + 56 days), and
 * item text that looks like a formula stays text. Skips where soffice is absent.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { SHEETS } from "../../src/domain/columns";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { csvOfSheet, describeIfSoffice, tmpDir } from "../helpers/libreoffice";
import { wessexRecord } from "./records";

const EXAMPLES = join(__dirname, "..", "..", "examples");

describeIfSoffice("LibreOffice opens a tracker built from records", () => {
  let file: string;
  let sheetNumber: (name: string) => number;

  beforeAll(async () => {
    const dir = tmpDir("import-lo-");
    file = join(dir, "built.xlsx");
    const tricky = join(dir, "tricky.txt");
    writeFileSync(
      tricky,
      wessexRecord({
        items: 2,
        title: "Formula-looking text",
        wording: (n) =>
          n === 1 ? "=SUM(A1:A3) is what the report says" : "+44 is a prefix, not a sum",
      })
    );
    const silent = { out: () => undefined, err: () => undefined };
    expect(await main(["build", EXAMPLES, tricky, "--out", file], silent)).toBe(0);
    const host = await createXlsxHost({ file });
    const names = await host.run("read", async (s) => (await s.read({})).sheets.map((x) => x.name));
    sheetNumber = (name) => names.indexOf(name) + 1;
  });

  test("the Tracker sheet holds every item, refs and text as written", () => {
    const rows = csvOfSheet(file, sheetNumber(SHEETS.tracker));
    const header = rows[0];
    expect(header.slice(0, 5)).toEqual(["Ref", "Inspection", "Kind", "No.", "Recommendation"]);
    const body = rows.slice(1).filter((r) => r.some((c) => c !== ""));
    expect(body).toHaveLength(32);
    const byRef = new Map(body.map((r) => [r[0], r]));
    expect(byRef.get("PEEL25-AFI6")?.[4]).toBe(
      "The force should make sure that its neighbourhood teams use problem-solving plans and evaluate what works."
    );
    expect(byRef.get("SPOT25-R2")?.[4]).toBe(
      "Chief constables should make sure that detainees are told of their rights & entitlements in a way they understand, using interpreters where needed."
    );
    expect(byRef.get("FLT25-R1")?.[4]).toBe("=SUM(A1:A3) is what the report says");
    expect(byRef.get("FLT25-R2")?.[4]).toBe("+44 is a prefix, not a sum");
  });

  test("the Inspections sheet shows UK dates, response due 56 days after publication", () => {
    const rows = csvOfSheet(file, sheetNumber(SHEETS.inspections));
    const h = rows[0];
    const peel = rows.find((r) => r[h.indexOf("Code")] === "PEEL25")!;
    expect(peel[h.indexOf("Published")]).toBe("14/03/2025");
    expect(peel[h.indexOf("Response due")]).toBe("09/05/2025");
    const vawg = rows.find((r) => r[h.indexOf("Code")] === "TVAWG24")!;
    expect(vawg[h.indexOf("Published")]).toBe("02/10/2024");
    expect(vawg[h.indexOf("Response due")]).toBe("27/11/2024");
    expect(vawg[h.indexOf("Grade")]).toBe("Not graded");
  });
});
