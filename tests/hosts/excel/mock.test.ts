/**
 * The Excel host driven through office-addin-mock (Microsoft's mock of the Office.js object
 * model): going to a cell, the run options, sync counting and error mapping. The mock returns
 * sentinel strings for reads that were not loaded, so these tests assert on the values recorded.
 */
import { OfficeMockObject } from "office-addin-mock";
import { createExcelHost } from "../../../src/hosts/excel";

function mockExcel(fail?: { code: string }) {
  const data = {
    context: {
      workbook: {
        worksheets: {
          tracker: {
            activate: function (this: Record<string, unknown>) {
              this.wasActivated = "yes";
            },
            getRangeByIndexes: function (
              this: Record<string, unknown>,
              r: number,
              c: number,
              rows: number,
              cols: number
            ) {
              const sheet = this;
              return { select: () => void (sheet.selected = [r, c, rows, cols].join(",")) };
            },
          },
          getItem: function (this: Record<string, unknown>, name: string) {
            this.asked = name;
            return (this as { tracker: unknown }).tracker;
          },
        },
      },
    },
    run: async function (
      this: { context: unknown; options?: unknown },
      options: unknown,
      batch: (ctx: unknown) => Promise<unknown>
    ) {
      this.options = JSON.stringify(options);
      if (fail) throw Object.assign(new Error("Localised text"), fail);
      return batch(this.context);
    },
  };
  return new OfficeMockObject(data) as unknown as {
    options: string;
    context: {
      workbook: {
        worksheets: { asked: string; tracker: { wasActivated: string; selected: string } };
      };
    };
  };
}

describe("Excel host with office-addin-mock", () => {
  test("select activates the sheet, selects the cell, in one sync with delayForCellEdit and one undo group", async () => {
    const excel = mockExcel();
    // A client with ExcelApi 1.20 (RunOptions.mergeUndoGroup).
    const office = { context: { requirements: { isSetSupported: () => true } } };
    const host = createExcelHost({ excel, office });
    await host.run("Go to finding", (s) =>
      s.select("Tracker", { row: 4, col: 9, rows: 1, cols: 1 })
    );
    expect(excel.options).toBe(JSON.stringify({ delayForCellEdit: true, mergeUndoGroup: true }));
    expect(excel.context.workbook.worksheets.asked).toBe("Tracker");
    expect(excel.context.workbook.worksheets.tracker.wasActivated).toBe("yes");
    expect(excel.context.workbook.worksheets.tracker.selected).toBe("4,9,1,1");
    expect(host.stats.byLabel["Go to finding"]).toMatchObject({ runs: 1, syncs: 1 });
    expect(host.stats.last).toMatchObject({ label: "Go to finding", syncs: 1, ok: true });
  });

  test("a client that cannot say it has ExcelApi 1.20 is not asked for a merged undo group", async () => {
    const excel = mockExcel();
    const office = {
      context: {
        requirements: { isSetSupported: (_: string, v: string) => Number(v.split(".")[1]) <= 19 },
      },
    };
    await createExcelHost({ excel, office }).run("Go to finding", (s) =>
      s.select("Tracker", { row: 0, col: 0, rows: 1, cols: 1 })
    );
    expect(excel.options).toBe(JSON.stringify({ delayForCellEdit: true }));
  });

  test("an Office error from Excel.run reaches the pane as the plain message", async () => {
    const host = createExcelHost({ excel: mockExcel({ code: "InvalidOperationInCellEditMode" }) });
    await expect(host.run("Set up tracker", async () => undefined)).rejects.toMatchObject({
      name: "TrackerError",
      code: "cell-edit",
      message: "A cell is being edited: press Enter or Esc in Excel, then try again.",
    });
    expect(host.stats.last).toMatchObject({ label: "Set up tracker", syncs: 0, ok: false });
  });

  test("without Excel (a plain browser) the host says so instead of crashing", async () => {
    const host = createExcelHost({ excel: {} });
    await expect(host.run("Read workbook", async () => 1)).rejects.toMatchObject({
      code: "unsupported",
    });
  });
});
