/**
 * Appending and deleting table rows as real Excel behaves, on the in-memory Excel as each client:
 * totals rows, validation and the analyst's cells under a table, filtered tables, calculated
 * columns, auto-expansion switched off. Each test failed before the host handled the behaviour.
 */
import { createFakeExcel, type FakeExcelOptions } from "../../fakes/fake-excel";
import { createExcelHost, type ExcelHost } from "../../../src/hosts/excel";
import type { PlanOp } from "../../../src/workbook/plan";

const TABLE = "tblWessex";
const HEADERS = ["Ref", "Recommendation", "Target date", "Due"];
const FORMATS = ["@", "@", "dd/mm/yyyy", "dd/mm/yyyy"];

function setup(rows: (string | number)[][], opts: { client?: FakeExcelOptions["client"] } = {}) {
  const fake = createFakeExcel({ sheets: ["Sheet1"], client: opts.client });
  fake.seedTable("Tracker", TABLE, 0, 0, HEADERS, rows, { numberFormats: FORMATS });
  const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
  return { fake, host };
}

async function apply(host: ExcelHost, ops: PlanOp[]): Promise<void> {
  await host.run("Apply", async (s) => {
    await s.read({ tables: [TABLE] });
    await s.apply({ ops });
  });
}

const append = (rows: (string | number | null)[][]): PlanOp => ({
  op: "appendRows",
  table: TABLE,
  rows,
});

describe("appending rows", () => {
  test("a totals row is never written over: the rows go in above it and the totals move down", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"] });
    // A totals row whose cells are all blank: nothing under the data has a value.
    fake.seedTable("Tracker", TABLE, 0, 0, HEADERS, [["W-1", "Existing", 46000, 46001]], {
      numberFormats: FORMATS,
      totals: ["", "", "", ""],
    });
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await apply(host, [
      append([
        ["W-2", "New", 46100, null],
        ["W-3", "Newer", 46200, null],
      ]),
    ]);
    const t = fake.table(TABLE)!;
    expect(t.body).toEqual([
      ["W-1", "Existing", 46000, 46001],
      ["W-2", "New", 46100, ""],
      ["W-3", "Newer", 46200, ""],
    ]);
    expect(t.address).toBe("A1:D5");
    expect(t.showTotals).toBe(true);
  });

  test("a totals row with its figures moves down under the new rows", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"] });
    fake.seedTable("Tracker", TABLE, 0, 0, HEADERS, [["W-1", "Existing", 46000, 46001]], {
      numberFormats: FORMATS,
      totals: ["Total", "=SUBTOTAL(103,[Recommendation])", "", ""],
    });
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await apply(host, [append([["W-2", "New", 46100, 46101]])]);
    expect(fake.table(TABLE)!.body).toHaveLength(2);
    expect(fake.formulas("Tracker", "A4:B4")).toEqual([
      ["Total", "=SUBTOTAL(103,[Recommendation])"],
    ]);
  });

  test("data validation under the table (which the co-authoring guidance forbids) moves down; the new rows do not take it", async () => {
    const { fake, host } = setup([["W-1", "Existing", 46000, 46001]]);
    await fake.Excel.run(async (ctx: any) => {
      ctx.workbook.worksheets.getItem("Tracker").getRange("A3:D3").dataValidation.rule = {
        wholeNumber: { formula1: 0, operator: "GreaterThan" },
      };
      await ctx.sync();
    });
    await apply(host, [append([["W-2", "New", 46100, 46101]])]);
    expect(fake.table(TABLE)!.address).toBe("A1:D3");
    expect(fake.validationsOn("Tracker", "A3:D3")).toEqual([]);
    expect(fake.validationsOn("Tracker", "A4:D4")).toHaveLength(1);
  });

  test("with the analyst's notes below, a calculated column is filled by Excel, not blanked", async () => {
    const { fake, host } = setup([["W-1", "Existing", 46000, 0]]);
    fake.cell("Tracker", "D2")!.f = "=[@[Target date]]+56";
    fake.seed("Tracker", "A4", [["Note: figures to 31/03"]]);
    await apply(host, [append([["W-2", "New", 46100, null]])]);
    expect(fake.table(TABLE)!.address).toBe("A1:D3");
    expect(fake.cell("Tracker", "D3")!.f).toBe("=[@[Target date]]+56");
    expect(fake.values("Tracker", "A5")).toEqual([["Note: figures to 31/03"]]);
  });

  test("a filtered table with a totals row: its filter is lifted for the insert and put back", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"] });
    fake.seedTable("Tracker", TABLE, 0, 0, HEADERS, [["W-1", "Existing", 46000, 46001]], {
      numberFormats: FORMATS,
      totals: ["Total", "", "", ""],
    });
    fake.filterTable(TABLE, 0, ["W-1"]);
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await apply(host, [append([["W-2", "New", 46100, 46101]])]);
    expect(fake.table(TABLE)!.body).toHaveLength(2);
    expect(fake.values("Tracker", "A4")).toEqual([["Total"]]);
    expect(fake.state.tables[0].filter?.[0]).toEqual({ filterOn: "Values", values: ["W-1"] });
  });

  test("auto-expansion switched off: the table is resized to take the rows (ExcelApi 1.13), one more sync", async () => {
    const { fake, host } = setup([["W-1", "Existing", 46000, 46001]], {
      client: { autoExpand: false },
    });
    await apply(host, [append([["W-2", "New", 46100, 46101]])]);
    const t = fake.table(TABLE)!;
    expect(t.address).toBe("A1:D3");
    expect(t.body[1]).toEqual(["W-2", "New", 46100, 46101]);
    expect(host.stats.last!.syncs).toBe(3);
  });

  test("auto-expansion off on a client without Table.resize: the analyst is told which rows are outside", async () => {
    const { host } = setup([["W-1", "Existing", 46000, 46001]], {
      client: { autoExpand: false, api: 12 },
    });
    await expect(apply(host, [append([["W-2", "New", 46100, 46101]])])).rejects.toThrow(
      /rows 3 to 3.*did not take them into the table 'tblWessex'.*Resize Table/
    );
  });

  test("where the table grows, writing takes the one sync it always did", async () => {
    const { host } = setup([["W-1", "Existing", 46000, 46001]]);
    await apply(host, [append([["W-2", "New", 46100, 46101]])]);
    expect(host.stats.last!.syncs).toBe(2);
  });
});

describe("deleting rows", () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => [`W-${i + 1}`, `Item ${i + 1}`, 46000 + i, 46000 + i]);

  test("one statement per run of rows, not one per row; the rows below move up", async () => {
    const { fake, host } = setup(rows(6));
    const from = fake.syncLog.length;
    await apply(host, [{ op: "deleteRows", table: TABLE, rows: [1, 2, 3, 5] }]);
    expect(fake.table(TABLE)!.body.map((r) => r[0])).toEqual(["W-1", "W-5"]);
    const deletes = fake.syncLog
      .slice(from)
      .flatMap((x) => x.ops)
      .filter((o) => /delete/i.test(o));
    expect(deletes).toHaveLength(2);
  });

  test("a filtered table (which refuses deletes) loses the rows and keeps its filter", async () => {
    const { fake, host } = setup(rows(4));
    fake.filterTable(TABLE, 1, ["Item 1", "Item 4"]);
    await apply(host, [{ op: "deleteRows", table: TABLE, rows: [1, 2] }]);
    expect(fake.table(TABLE)!.body.map((r) => r[0])).toEqual(["W-1", "W-4"]);
    expect(fake.state.tables[0].filter?.[1]).toEqual({
      filterOn: "Values",
      values: ["Item 1", "Item 4"],
    });
  });

  test("every row: the table keeps one blank row, as Excel does", async () => {
    const { fake, host } = setup(rows(3));
    await apply(host, [{ op: "deleteRows", table: TABLE, rows: [0, 1, 2] }]);
    expect(fake.table(TABLE)!.body).toEqual([["", "", "", ""]]);
  });
});
