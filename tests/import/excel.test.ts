/**
 * Importing through the Excel host over the in-memory fake Excel: a constant number of syncs
 * for 16 and 1,000 items, set-up in the same operation, idempotent, wording changes reported and
 * never written, formula-like text kept as text, refusals leave the workbook unchanged.
 */
import { TABLES } from "../../src/domain/columns";
import { parseRecord } from "../../src/domain/record";
import { buildTrackerFromRecords, importDrafts } from "../../src/engine/import";
import { setupTracker } from "../../src/engine/setup";
import { createExcelHost } from "../../src/hosts/excel";
import { draftFromRecord } from "../../src/workbook/import";
import { createFakeExcel } from "../fakes/fake-excel";
import { wessexRecord } from "./records";

async function importInFake(items: number) {
  const fake = createFakeExcel();
  const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
  const before = fake.syncCount;
  const result = await buildTrackerFromRecords(host, [
    { name: "wessex.txt", text: wessexRecord({ items }) },
  ]);
  return { fake, host, result, syncs: fake.syncCount - before };
}

describe("import through the Excel host (fake Excel)", () => {
  test("16 and 1,000 items into a new workbook: set up and imported in the same, constant number of syncs (at most 3)", async () => {
    const small = await importInFake(16);
    const large = await importInFake(1_000);
    expect(small.result.added).toHaveLength(16);
    expect(large.result.added).toHaveLength(1_000);
    expect(small.result.setUp).toBe(true);
    expect(small.syncs).toBeLessThanOrEqual(3);
    expect(large.syncs).toBe(small.syncs);
    expect(small.host.stats.byLabel["Import response record"].syncs).toBe(small.syncs);
    const t = large.fake.table(TABLES.tracker)!;
    expect(t.body).toHaveLength(1_000);
    expect(t.body[999][t.headers.indexOf("Ref")]).toBe("PEEL25-R1000");
    const i = large.fake.table(TABLES.inspections)!;
    expect(i.body).toHaveLength(1);
    expect(i.body[0][i.headers.indexOf("Response due")]).toBe(45784);
    expect(large.fake.table(TABLES.themes)!.body.map((r) => r[0])).toEqual([
      "Victim care",
      "Partnership working",
    ]);
  });

  test("into an existing tracker: the same constant syncs; importing again writes nothing and says 16 already tracked", async () => {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await setupTracker(host);
    const draft = () => draftFromRecord(parseRecord(wessexRecord()));
    let before = fake.syncCount;
    const first = await importDrafts(host, [draft()]);
    const firstSyncs = fake.syncCount - before;
    expect(first.message).toBe(
      "16 added, 0 already tracked; 2 themes added to Lists; the office's name set from the record: 'Office of the Wessex Police and Crime Commissioner' (Lists, Settings)."
    );
    expect(firstSyncs).toBeLessThanOrEqual(3);
    const dump = fake.dump();
    before = fake.syncCount;
    const again = await importDrafts(host, [draft()]);
    expect(again.message).toBe("0 added, 16 already tracked.");
    expect(again.wrote).toBe(false);
    expect(fake.dump()).toBe(dump);
    expect(fake.syncCount - before).toBeLessThanOrEqual(firstSyncs);
  });

  test("changed wording is reported and the analyst's text is kept; their own columns are untouched", async () => {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await importDrafts(host, [draftFromRecord(parseRecord(wessexRecord({ items: 3 })))]);
    const t = fake.table(TABLES.tracker)!;
    const recCol = String.fromCharCode(65 + t.headers.indexOf("Recommendation"));
    fake.userEdit("Tracker", `${recCol}3`, [["My own wording for recommendation 2"]]);
    const reworded = wessexRecord({
      items: 4,
      wording: (n) =>
        n === 3
          ? "A new wording for three."
          : `The force should improve practice area ${n} and report progress to the Commissioner.`,
    });
    const r = await importDrafts(host, [draftFromRecord(parseRecord(reworded))]);
    expect(r.added).toEqual(["PEEL25-R4"]);
    expect(r.alreadyTracked).toEqual(["PEEL25-R1", "PEEL25-R2", "PEEL25-R3"]);
    expect(r.changed.map((c) => [c.ref, c.sheetRow, c.tracked])).toEqual([
      ["PEEL25-R2", 3, "My own wording for recommendation 2"],
      [
        "PEEL25-R3",
        4,
        "The force should improve practice area 3 and report progress to the Commissioner.",
      ],
    ]);
    const after = fake.table(TABLES.tracker)!;
    expect(after.body[1][after.headers.indexOf("Recommendation")]).toBe(
      "My own wording for recommendation 2"
    );
    expect(after.body[2][after.headers.indexOf("Recommendation")]).toMatch(/practice area 3/);
  });

  test("text that looks like a formula is written as text", async () => {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await importDrafts(host, [
      draftFromRecord(
        parseRecord(
          wessexRecord({
            items: 2,
            wording: (n) => (n === 1 ? '=HYPERLINK("x") is not a formula' : "-minus first"),
          })
        )
      ),
    ]);
    const t = fake.table(TABLES.tracker)!;
    const col = t.headers.indexOf("Recommendation");
    expect(t.body[0][col]).toBe('=HYPERLINK("x") is not a formula');
    expect(t.body[1][col]).toBe("-minus first");
    const cell = fake.cell(t.sheet, `${String.fromCharCode(65 + col)}2`)!;
    expect(cell.f).toBeUndefined();
  });

  test("a protected Tracker sheet: a clear refusal and the workbook unchanged", async () => {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await setupTracker(host);
    fake.protect("Tracker", true);
    const dump = fake.dump();
    await expect(
      importDrafts(host, [draftFromRecord(parseRecord(wessexRecord()))])
    ).rejects.toThrow(/'Tracker' is protected, so nothing was changed/);
    expect(fake.dump()).toBe(dump);
  });
});
