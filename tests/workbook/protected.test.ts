/**
 * Which sheets a plan writes to, and the refusal when one is protected: one rule, used by the
 * planners on their snapshot and by both hosts on the workbook they find.
 */
import { refuseProtected, sheetsWritten, type PlanOp } from "../../src/workbook/plan";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { createExcelHost } from "../../src/hosts/excel";
import { createFakeExcel } from "../fakes/fake-excel";

const where: Record<string, string> = { tblTracker: "Tracker", tblStatuses: "Lists" };
const sheetOf = (t: string) => where[t];

describe("sheets a plan writes to", () => {
  it("counts each op's sheet and its table's sheet, not a sheet only shown or ensured", () => {
    const ops: PlanOp[] = [
      { op: "ensureSheet", sheet: "New" },
      { op: "activate", sheet: "Shown" },
      { op: "select", sheet: "Shown", range: { row: 0, col: 0, rows: 1, cols: 1 } },
      { op: "writeCells", sheet: "Summary", block: { row: 0, col: 0, values: [["x"]] } },
      { op: "appendRows", table: "tblTracker", rows: [["x"]] },
      {
        op: "listValidation",
        target: { table: "tblStatuses", column: "Status" },
        source: "=A1",
        prompt: "p",
        error: "e",
      },
      {
        op: "conditionalFormats",
        target: { sheet: "Report", range: { row: 0, col: 0, rows: 1, cols: 1 } },
        rules: [],
      },
      { op: "appendRows", table: "tblMissing", rows: [["x"]] },
    ];
    expect([...sheetsWritten(ops, sheetOf)].sort()).toEqual(["lists", "report", "summary", "tracker"]);
  });

  it("refuses, naming the protected sheets written to (any case), and lets a shown one be", () => {
    const sheets = [
      { name: "Tracker", protected: true },
      { name: "Shown", protected: true },
      { name: "Lists", protected: false },
    ];
    expect(() =>
      refuseProtected([{ op: "activate", sheet: "shown" }], sheets, sheetOf)
    ).not.toThrow();
    expect(() =>
      refuseProtected([{ op: "appendRows", table: "tblTracker", rows: [["x"]] }], sheets, sheetOf)
    ).toThrow("The sheet 'Tracker' is protected, so nothing was changed.");
  });

  it("both hosts refuse the same plan with the same message, and both show a protected sheet", async () => {
    const plan = { ops: [{ op: "writeCells", sheet: "Locked", block: { row: 0, col: 0, values: [["x"]] } }] as PlanOp[] };
    const show = { ops: [{ op: "activate", sheet: "Locked" }] as PlanOp[] };
    const message = "The sheet 'Locked' is protected, so nothing was changed.";

    const xlsx = await createXlsxHost();
    await xlsx.run("setup", (s) => s.apply({ ops: [{ op: "ensureSheet", sheet: "Locked" }, { op: "protectSheet", sheet: "Locked", unlocked: [] }] }));
    await expect(xlsx.run("write", (s) => s.apply(plan))).rejects.toThrow(message);
    await expect(xlsx.run("show", (s) => s.apply(show))).resolves.toBeUndefined();

    const fake = createFakeExcel();
    fake.addSheet("Locked");
    fake.protect("Locked");
    const excel = createExcelHost({ excel: fake.Excel });
    await expect(
      excel.run("write", async (s) => {
        await s.read({});
        await s.apply(plan);
      })
    ).rejects.toThrow(message);
    await expect(
      excel.run("show", async (s) => {
        await s.read({});
        await s.apply(show);
      })
    ).resolves.toBeUndefined();
  });
});
