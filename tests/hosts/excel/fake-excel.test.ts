/**
 * The in-memory Excel behaves like Excel where the add-in depends on it.
 */
import { createFakeExcel } from "../../fakes/fake-excel";

describe("fake Excel", () => {
  test("properties must be loaded and synced before they are read", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (ctx: any) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      range.values = [["Wessex", 3]];
      expect(() => range.values).toThrow(/not available/);
      range.load("values,address");
      expect(() => range.values).toThrow(/not available/);
      await ctx.sync();
      expect(range.values).toEqual([["Wessex", 3]]);
      expect(range.address).toBe("Sheet1!A1:B1");
    });
    expect(fake.syncCount).toBe(1);
  });

  test("a single number format ([[format]]) applies to every cell of the range; values keep the range's shape", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (ctx: any) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B3").numberFormat = [["dd/mm/yyyy"]];
      ws.getRange("B2:B3").numberFormat = [["@"], [null]];
      await ctx.sync();
    });
    expect(fake.numberFormats("Sheet1", "A1:B3")).toEqual([
      ["dd/mm/yyyy", "dd/mm/yyyy"],
      ["dd/mm/yyyy", "@"],
      ["dd/mm/yyyy", "dd/mm/yyyy"],
    ]);
    await expect(
      fake.Excel.run(async (ctx: any) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B3").values = [["Wessex"]];
        await ctx.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("null objects are settled at sync", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (ctx: any) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Lists");
      const present = ctx.workbook.worksheets.getItemOrNullObject("sheet1");
      expect(() => missing.isNullObject).toThrow();
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
    });
  });

  test("a table made from a header row gets one empty data row, and grows when rows are written below it", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (ctx: any) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.getRange("A1:B1").values = [["Ref", "Status"]];
      const t = ws.tables.add("A1:B1", true);
      t.name = "tblTest";
      t.columns.getItem("Status").getDataBodyRange().dataValidation.rule = {
        list: { inCellDropDown: true, source: "Red,Green" },
      };
      await ctx.sync();
    });
    expect(fake.table("tblTest")!.address).toBe("A1:B2");
    await fake.Excel.run(async (ctx: any) => {
      const t = ctx.workbook.tables.getItem("tblTest");
      t.getDataBodyRange().getRowsBelow(2).values = [
        ["W1", "Red"],
        ["W2", "Green"],
      ];
      await ctx.sync();
    });
    expect(fake.table("tblTest")!.address).toBe("A1:B4");
    expect(fake.validationsOn("Sheet1", "B2:B4")[0]).toMatchObject({ r: 1, rows: 3 });
  });

  test("text is coerced like typed input; an apostrophe keeps it text", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (ctx: any) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:E1").values = [
        ["=1+1", "'=1+1", "-ve trend", "00123", "'+44"],
      ];
      await ctx.sync();
    });
    expect(fake.formulas("Sheet1", "A1:B1")).toEqual([["=1+1", "=1+1"]]);
    expect(fake.cell("Sheet1", "A1")!.f).toBe("=1+1");
    expect(fake.cell("Sheet1", "B1")!.f).toBeUndefined();
    expect(fake.values("Sheet1", "B1:E1")).toEqual([["=1+1", "#NAME?", 123, "+44"]]);
  });

  test("writes to a protected sheet are refused; statements before the failure stay applied", async () => {
    const fake = createFakeExcel();
    fake.addSheet("Locked", { protected: true });
    await expect(
      fake.Excel.run(async (ctx: any) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["first"]];
        ctx.workbook.worksheets.getItem("Locked").getRange("A1").values = [["second"]];
        await ctx.sync();
      })
    ).rejects.toMatchObject({ code: "AccessDenied" });
    expect(fake.values("Sheet1", "A1")).toEqual([["first"]]);
    expect(fake.values("Locked", "A1")).toEqual([[""]]);
  });

  test("an injected failure applies nothing of its batch", async () => {
    const fake = createFakeExcel();
    fake.failNextSync("InvalidOperationInCellEditMode");
    const before = fake.dump();
    await expect(
      fake.Excel.run(async (ctx: any) => {
        ctx.workbook.worksheets.add("Tracker");
        await ctx.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    expect(fake.dump()).toBe(before);
    expect(fake.syncLog[0].failed).toBe("InvalidOperationInCellEditMode");
  });

  test("requests over the payload limit are refused whole", async () => {
    const fake = createFakeExcel({ requestLimitBytes: 1000 });
    await expect(
      fake.Excel.run(async (ctx: any) => {
        const rows = Array.from({ length: 100 }, (_, i) => [`row ${i}`]);
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A100").values = rows;
        await ctx.sync();
      })
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(fake.usedRange("Sheet1")).toBeNull();
  });

  test("cell edit mode: a delayed run waits for the edit to end", async () => {
    const fake = createFakeExcel();
    fake.setCellEditMode(true);
    let done = false;
    const p = fake.Excel.run({ delayForCellEdit: true }, async (ctx: any) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x"]];
      await ctx.sync();
      done = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    fake.setCellEditMode(false);
    await p;
    expect(done).toBe(true);
    expect(fake.values("Sheet1", "A1")).toEqual([["x"]]);
  });

  test("a range is fixed when first used: a table range taken before the table grows keeps its size", async () => {
    const fake = createFakeExcel();
    fake.seedTable("Sheet1", "tblT", 0, 0, ["A"], [["x"]]);
    await fake.Excel.run(async (ctx: any) => {
      const t = ctx.workbook.tables.getItem("tblT");
      const before = t.getDataBodyRange();
      before.load("address");
      t.getDataBodyRange().getRowsBelow(1).values = [["y"]];
      const after = t.getDataBodyRange();
      after.load("address");
      before.load("rowCount");
      await ctx.sync();
      expect(before.address).toBe("Sheet1!A2");
      expect(before.rowCount).toBe(1);
      expect(after.address).toBe("Sheet1!A2:A3");
    });
  });

  test("strict mode: loading through a null object fails the sync", async () => {
    const fake = createFakeExcel({ nullChildren: "error" });
    await expect(
      fake.Excel.run(async (ctx: any) => {
        ctx.workbook.tables.getItemOrNullObject("tblNope").getHeaderRowRange().load("values");
        await ctx.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidObjectPath" });
    const lenient = createFakeExcel();
    await lenient.Excel.run(async (ctx: any) => {
      const header = ctx.workbook.tables.getItemOrNullObject("tblNope").getHeaderRowRange();
      header.load("values");
      await ctx.sync();
      expect(header.isNullObject).toBe(true);
      expect(header.values).toBeUndefined();
    });
  });

  test("the null chain reaches derived ranges, a column's validation and its conditional-format count", async () => {
    const fake = createFakeExcel();
    fake.seedTable("Data", "tblNotes", 0, 0, ["Ref", "Note"], [["A", "x"]]);
    await fake.Excel.run(async (ctx: any) => {
      const absent = ctx.workbook.tables.getItemOrNullObject("tblNope");
      const last = absent.getDataBodyRange().getLastRow();
      last.load("numberFormat,rowIndex");
      const status = ctx.workbook.tables
        .getItemOrNullObject("tblNotes")
        .columns.getItemOrNullObject("Status")
        .getDataBodyRange();
      status.load("columnIndex");
      const dv = status.dataValidation;
      dv.load("type,rule");
      const count = status.conditionalFormats.getCount();
      const note = ctx.workbook.tables
        .getItemOrNullObject("tblNotes")
        .columns.getItemOrNullObject("note")
        .getDataBodyRange();
      note.dataValidation.load("type");
      await ctx.sync();
      expect(last.isNullObject).toBe(true);
      expect(last.numberFormat).toBeUndefined();
      expect(status.isNullObject).toBe(true);
      expect(dv.type).toBeUndefined();
      expect(count.value).toBeNull();
      expect(note.dataValidation.type).toBe("None");
    });
    const strict = createFakeExcel({ nullChildren: "error" });
    strict.seedTable("Data", "tblNotes", 0, 0, ["Ref", "Note"], [["A", "x"]]);
    await expect(
      strict.Excel.run(async (ctx: any) => {
        const t = ctx.workbook.tables.getItemOrNullObject("tblNotes");
        t.columns.getItemOrNullObject("Status").getDataBodyRange().dataValidation.load("type");
        await ctx.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidObjectPath" });
  });

  test("a bare load() loads the scalar properties", async () => {
    const fake = createFakeExcel();
    await fake.Excel.run(async (ctx: any) => {
      const ws = ctx.workbook.worksheets.getItem("Sheet1");
      ws.load();
      await ctx.sync();
      expect(ws.name).toBe("Sheet1");
      expect(ws.visibility).toBe("Visible");
    });
  });

  test("deleting a sheet turns formulas elsewhere that refer to it into #REF!", async () => {
    const fake = createFakeExcel({ sheets: ["Notes", "Summary", "My figures"] });
    await fake.Excel.run(async (ctx: any) => {
      const notes = ctx.workbook.worksheets.getItem("Notes");
      notes.getRange("A1:C1").formulas = [["=Summary!B2", "='My figures'!A1:A3", "=Notes2!A1"]];
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Summary").delete();
      ctx.workbook.worksheets.getItem("My figures").delete();
      await ctx.sync();
    });
    expect(fake.formulas("Notes", "A1:C1")).toEqual([["=#REF!", "=#REF!", "=Notes2!A1"]]);
    expect(fake.values("Notes", "A1:B1")).toEqual([["#REF!", "#REF!"]]);
  });
});
