/**
 * session.read through the Excel host: every path in ONE sync, except a response over Excel's
 * limit (read again in row blocks) and clients that refuse loads through null objects.
 */
import { createFakeExcel } from "../../fakes/fake-excel";
import { createExcelHost } from "../../../src/hosts/excel";
import { readState, setupTracker } from "../../../src/engine/setup";
import { SHEETS, TABLES } from "../../../src/domain/columns";

function setup() {
  const fake = createFakeExcel({ sheets: ["Sheet1"] });
  const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
  return { fake, host };
}

describe("read", () => {
  test("no tables: requested tables are absent, meta is null, one sync", async () => {
    const { host } = setup();
    const snap = await host.run("Read", (s) =>
      s.read({ tables: [TABLES.tracker, TABLES.statuses] })
    );
    expect(snap.tables).toEqual({});
    expect(snap.meta).toBeNull();
    expect(snap.sheets).toEqual([{ name: "Sheet1", visibility: "visible", protected: false }]);
    expect(snap.activeSheet).toBe("Sheet1");
    expect(snap.sheetValues).toEqual({});
    expect(host.stats.last!.syncs).toBe(1);
  });

  test("an Excel table whose only data row is empty reads as zero rows", async () => {
    const { fake, host } = setup();
    fake.seedTable("Tracker", TABLES.tracker, 0, 0, ["Ref", "Status"], []);
    expect(fake.table(TABLES.tracker)!.address).toBe("A1:B2");
    const snap = await host.run("Read", (s) => s.read({ tables: [TABLES.tracker] }));
    expect(snap.tables[TABLES.tracker]).toMatchObject({
      name: TABLES.tracker,
      sheet: "Tracker",
      row: 0,
      col: 0,
      headers: ["Ref", "Status"],
      rows: [],
    });
    expect(host.stats.last!.syncs).toBe(1);
  });

  test("a table with rows: position, headers, rows (dates as serials), status validation and formats, formulas", async () => {
    const { fake, host } = setup();
    fake.seedTable(
      "Data",
      TABLES.tracker,
      2,
      1,
      ["Ref", "Target date", "Status", "Analyst notes"],
      [
        ["WX-1", 46112, "Red", "=cmd"],
        ["WX-2", "", "Green", ""],
      ]
    );
    await fake.Excel.run(async (ctx: any) => {
      const body = ctx.workbook.tables
        .getItem(TABLES.tracker)
        .columns.getItem("Status")
        .getDataBodyRange();
      body.dataValidation.rule = { list: { inCellDropDown: true, source: "=Lists!$A$2:$A$6" } };
      const cf = body.conditionalFormats.add("CellValue");
      cf.cellValue.rule = { formula1: '="Red"', operator: "EqualTo" };
      ctx.workbook.worksheets.getItem("Data").getRange("E5").formulas = [["=42"]];
      await ctx.sync();
    });
    const snap = await host.run("Read", (s) =>
      s.read({ tables: [TABLES.tracker], formulasOf: [TABLES.tracker] })
    );
    const t = snap.tables[TABLES.tracker];
    expect(t).toMatchObject({
      sheet: "Data",
      row: 2,
      col: 1,
      headers: ["Ref", "Target date", "Status", "Analyst notes"],
    });
    expect(t.rows).toEqual([
      ["WX-1", 46112, "Red", "=cmd"],
      ["WX-2", "", "Green", 42],
    ]);
    expect(t.formulas).toEqual([
      ["WX-1", "46112", "Red", "=cmd"],
      ["WX-2", "", "Green", "=42"],
    ]);
    expect(t.statusValidation).toBe("=Lists!$A$2:$A$6");
    expect(t.statusFormats).toBe(1);
    expect(host.stats.last!.syncs).toBe(1);
  });

  test("a body Excel refuses to return at once (over 5 MB on the web) is read in row blocks", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"], responseLimitBytes: 20_000 });
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    const rows = Array.from({ length: 400 }, (_, i) => [
      `WX-${i}`,
      `Progress update for Wessex Police item ${i}`,
      "Green",
    ]);
    fake.seedTable("Tracker", TABLES.tracker, 0, 0, ["Ref", "Progress update", "Status"], rows);
    const snap = await host.run("Read", (s) =>
      s.read({ tables: [TABLES.tracker], formulasOf: [TABLES.tracker] })
    );
    expect(snap.tables[TABLES.tracker].rows).toEqual(rows);
    expect(snap.tables[TABLES.tracker].formulas).toEqual(rows);
    expect(
      fake.syncLog.filter((x) => x.failed === "ResponsePayloadSizeLimitExceeded").length
    ).toBeGreaterThan(0);
    expect(fake.syncLog[fake.syncLog.length - 1].failed).toBeUndefined();
    expect(host.stats.last!.syncs).toBeGreaterThan(2);
    // The blocks are sized from what is known, not found by halving from the whole table:
    // the refused read, one for the sizes, then a few blocks.
    expect(host.stats.last!.syncs).toBeLessThanOrEqual(8);
  });

  test("Excel on the web refusing a large response as GeneralException (office-js #1314) is read in blocks too", async () => {
    const fake = createFakeExcel({
      sheets: ["Sheet1"],
      client: { name: "web", payloadError: "GeneralException" },
      responseLimitBytes: 20_000,
    });
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    const rows = Array.from({ length: 1200 }, (_, i) => [`WX-${i}`, `Progress ${i}`, "Green"]);
    fake.seedTable("Tracker", TABLES.tracker, 0, 0, ["Ref", "Progress update", "Status"], rows);
    const snap = await host.run("Read", (s) => s.read({ tables: [TABLES.tracker] }));
    expect(snap.tables[TABLES.tracker].rows).toEqual(rows);
    expect(fake.syncLog.some((x) => x.failed === "GeneralException")).toBe(true);
    expect(fake.syncLog[fake.syncLog.length - 1].failed).toBeUndefined();
  });

  test("on Windows and Mac (no 5 MB limit) GeneralException is Excel being busy, said plainly at once", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"], client: "windows" });
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    fake.seedTable("Tracker", TABLES.tracker, 0, 0, ["Ref"], [["WX-1"]]);
    fake.failNextSync("GeneralException");
    await expect(
      host.run("Read", (s) => s.read({ tables: [TABLES.tracker] }))
    ).rejects.toMatchObject({
      code: "busy",
    });
    expect(fake.syncCount).toBe(1);
  });

  test("blocks: several tables share the block syncs; long rows after short ones still read whole", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"], responseLimitBytes: 30_000 });
    const host = createExcelHost({
      excel: fake.Excel,
      office: fake.Office,
      maxResponseBytes: 30_000,
    });
    const long = "Wessex Police will review every safeguarding referral. ".repeat(4);
    const rows = Array.from({ length: 300 }, (_, i) => [
      `WX-${i}`,
      i > 5 && i < 290 ? long : "short",
      "Amber",
    ]);
    const small = [
      ["PEEL 2025", 46000],
      ["Vetting", 46100],
    ];
    fake.seedTable("Tracker", TABLES.tracker, 0, 0, ["Ref", "Progress update", "Status"], rows);
    fake.seedTable("Inspections", TABLES.inspections, 0, 0, ["Title", "Published"], small);
    const snap = await host.run("Read", (s) =>
      s.read({ tables: [TABLES.tracker, TABLES.inspections, "tblAbsent"] })
    );
    expect(snap.tables[TABLES.tracker].rows).toEqual(rows);
    expect(snap.tables[TABLES.inspections].rows).toEqual(small);
    expect(snap.tables["tblAbsent"]).toBeUndefined();
    const log = fake.syncLog;
    expect(log[log.length - 1].failed).toBeUndefined();
    // ~70 KB of values through a 30 KB limit: the refused read, the sizes, 3 to 6 blocks.
    expect(host.stats.last!.syncs).toBeLessThanOrEqual(8);
  });

  test("a table Excel refused at once is read by size and blocks next time, without the refusal", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"], responseLimitBytes: 30_000 });
    const host = createExcelHost({
      excel: fake.Excel,
      office: fake.Office,
      maxResponseBytes: 30_000,
    });
    const text = "Wessex Police will audit its crime recording every quarter. ".repeat(2);
    const rows = Array.from({ length: 250 }, (_, i) => [`WX-${i}`, text, "Red"]);
    fake.seedTable("Tracker", TABLES.tracker, 0, 0, ["Ref", "Progress update", "Status"], rows);
    const refused = () =>
      fake.syncLog.filter((x) => x.failed === "ResponsePayloadSizeLimitExceeded").length;
    await host.run("Read", (s) => s.read({ tables: [TABLES.tracker] }));
    expect(refused()).toBe(1);
    const first = host.stats.last!.syncs;
    const snap = await host.run("Read", (s) => s.read({ tables: [TABLES.tracker] }));
    expect(snap.tables[TABLES.tracker].rows).toEqual(rows);
    expect(refused()).toBe(1);
    expect(host.stats.last!.syncs).toBe(first - 1);

    // Once the table is small again, one sync again (after one read that finds it out).
    await fake.Excel.run(async (ctx: any) => {
      const t = ctx.workbook.tables.getItem(TABLES.tracker);
      for (let i = 249; i >= 3; i--) t.rows.getItemAt(i).delete();
      await ctx.sync();
    });
    const small = await host.run("Read", (s) => s.read({ tables: [TABLES.tracker] }));
    expect(small.tables[TABLES.tracker].rows).toEqual(rows.slice(0, 3));
    await host.run("Read", (s) => s.read({ tables: [TABLES.tracker] }));
    expect(host.stats.last!.syncs).toBe(1);
  });

  test("one sync whatever is absent: a missing table, a table without a Status column", async () => {
    const { fake, host } = setup();
    fake.seedTable("Data", "tblNotes", 0, 0, ["Ref", "Note"], [["A", "x"]]);
    const snap = await host.run("Read", (s) =>
      s.read({ tables: ["tblNotes", TABLES.tracker], sheets: ["Nope"], activeSheet: true })
    );
    expect(Object.keys(snap.tables)).toEqual(["tblNotes"]);
    expect(snap.tables["tblNotes"]).toMatchObject({
      rows: [["A", "x"]],
      statusValidation: null,
      statusFormats: 0,
    });
    expect(host.stats.last!.syncs).toBe(1);
    expect(fake.syncLog.every((x) => !x.failed)).toBe(true);
  });

  test("a Status column without validation reads null and 0", async () => {
    const { fake, host } = setup();
    fake.seedTable("Tracker", TABLES.tracker, 0, 0, ["Ref", "Status"], [["A", "Red"]]);
    const snap = await host.run("Read", (s) => s.read({ tables: [TABLES.tracker] }));
    expect(snap.tables[TABLES.tracker].statusValidation).toBeNull();
    expect(snap.tables[TABLES.tracker].statusFormats).toBe(0);
  });

  test("sheets: visibility and protection; metadata from the very hidden sheet", async () => {
    const { fake, host } = setup();
    fake.addSheet("Locked", { protected: true });
    fake.addSheet(SHEETS.meta, { visibility: "VeryHidden" });
    fake.seed(SHEETS.meta, "A1:B3", [
      ["Key", "Value"],
      ["schemaVersion", "1"],
      ["role:tracker", "Tracker"],
    ]);
    const snap = await host.run("Read", (s) => s.read({}));
    expect(snap.sheets).toEqual([
      { name: "Sheet1", visibility: "visible", protected: false },
      { name: "Locked", visibility: "visible", protected: true },
      { name: SHEETS.meta, visibility: "veryHidden", protected: false },
    ]);
    expect(snap.meta).toEqual({ schemaVersion: "1", "role:tracker": "Tracker" });
    expect(host.stats.last!.syncs).toBe(1);
  });

  test("requested sheets and the active sheet: used range values, text, number formats", async () => {
    const { fake, host } = setup();
    fake.seed("Old tracker", "B3:C4", [
      ["Rec", "Due"],
      ["Improve triage", 45747],
    ]);
    fake.seed("Old tracker", "C4", [[45747]], "dd/mm/yyyy");
    fake.seed("Sheet1", "A1", [["hello"]]);
    const snap = await host.run("Read", (s) =>
      s.read({ sheets: ["Old tracker", "Missing"], activeSheet: true })
    );
    expect(snap.sheetValues["Old tracker"]).toEqual({
      name: "Old tracker",
      row: 2,
      col: 1,
      values: [
        ["Rec", "Due"],
        ["Improve triage", 45747],
      ],
      text: [
        ["Rec", "Due"],
        ["Improve triage", "31/03/2025"],
      ],
      numberFormats: [
        ["General", "General"],
        ["General", "dd/mm/yyyy"],
      ],
    });
    expect(snap.sheetValues["Missing"]).toBeUndefined();
    expect(snap.sheetValues["Sheet1"].values).toEqual([["hello"]]);
    expect(host.stats.last!.syncs).toBe(1);
  });

  test("sheetParts: only the parts asked for are read", async () => {
    const { fake, host } = setup();
    fake.seed("Old tracker", "A1:B1", [["Rec", 45747]], "dd/mm/yyyy");
    const snap = await host.run("Read", (s) =>
      s.read({ sheets: ["Old tracker"], sheetParts: ["numberFormats"] })
    );
    expect(snap.sheetValues["Old tracker"]).toMatchObject({
      values: [["Rec", 45747]],
      text: [],
      numberFormats: [["dd/mm/yyyy", "dd/mm/yyyy"]],
    });
    const load = fake.syncLog[fake.syncLog.length - 1].ops.find((o) => o.includes("rowIndex"))!;
    expect(load).not.toMatch(/\btext\b/);
  });

  test("an empty requested sheet reads as an empty block", async () => {
    const { fake, host } = setup();
    fake.addSheet("Blank");
    const snap = await host.run("Read", (s) => s.read({ sheets: ["Blank"] }));
    expect(snap.sheetValues["Blank"]).toEqual({
      name: "Blank",
      row: 0,
      col: 0,
      values: [],
      text: [],
      numberFormats: [],
    });
  });

  test("readState: the pane's line about the workbook", async () => {
    const { fake, host } = setup();
    expect((await readState(host)).message).toBe("No tracker yet");
    fake.seedTable(
      "Tracker",
      TABLES.tracker,
      0,
      0,
      ["Ref", "Status"],
      [
        ["A", "Red"],
        ["B", "Green"],
      ]
    );
    const state = await readState(host);
    expect(state).toMatchObject({ kind: "ready", rows: 2 });
    expect(host.stats.byLabel["Read workbook"].maxSyncs).toBeLessThanOrEqual(2);
  });
});

describe("columnsOf: only some columns of a table", () => {
  const HEADERS = ["Ref", "Kind", "Progress update", "Next steps", "Status"];
  const rowsOf = (n: number) =>
    Array.from({ length: n }, (_, i) => [
      `WX-${i}`,
      "Recommendation",
      `Wessex Police has audited item ${i} and agreed an action plan with partners.`,
      "Board in May",
      i % 3 ? "Green" : "Red",
    ]);
  const pick = (rows: string[][], cols: number[]) => rows.map((r) => cols.map((j) => r[j]));

  test("one sync: only the columns asked for (any case), in the table's order, with their places", async () => {
    const { fake, host } = setup();
    const rows = rowsOf(30);
    fake.seedTable("Tracker", TABLES.tracker, 1, 2, HEADERS, rows);
    const snap = await host.run("Read", (s) =>
      s.read({
        tables: [TABLES.statuses],
        columnsOf: { [TABLES.tracker]: ["status", "Ref", "Not there"], tblAbsent: ["Ref"] },
      })
    );
    const t = snap.tables[TABLES.tracker];
    expect(t).toMatchObject({ sheet: "Tracker", row: 1, col: 2, headers: ["Ref", "Status"] });
    expect(t.columns).toEqual([0, 4]);
    expect(t.rows).toEqual(pick(rows, [0, 4]));
    expect(Object.keys(snap.tables)).toEqual([TABLES.tracker]);
    expect(host.stats.last!.syncs).toBe(1);
    // The response carries those two columns, not the whole body.
    const partial = fake.syncLog[fake.syncLog.length - 1].responseBytes!;
    await host.run("Read", (s) => s.read({ tables: [TABLES.tracker] }));
    expect(partial).toBeLessThan(fake.syncLog[fake.syncLog.length - 1].responseBytes! / 2);
  });

  test("a one-row table whose columns read are blank is a row, not an empty table", async () => {
    const { fake, host } = setup();
    fake.seedTable("Tracker", TABLES.tracker, 0, 0, HEADERS, [["WX-1", "", "", "", ""]]);
    fake.seedTable("Other", "tblBlank", 0, 0, ["A", "B"], []);
    const snap = await host.run("Read", (s) =>
      s.read({ columnsOf: { [TABLES.tracker]: ["Status"], tblBlank: ["B"] } })
    );
    expect(snap.tables[TABLES.tracker].rows).toEqual([[""]]);
    expect(snap.tables["tblBlank"].rows).toEqual([]);
    expect(snap.tables["tblBlank"].headers).toEqual(["B"]);
  });

  test("a header Excel does not find by name (other spaces) is read by its place afterwards", async () => {
    const { fake, host } = setup();
    const rows = rowsOf(12);
    fake.seedTable(
      "Tracker",
      TABLES.tracker,
      0,
      0,
      HEADERS.map((h) => (h === "Progress update" ? " Progress update " : h)),
      rows
    );
    const snap = await host.run("Read", (s) =>
      s.read({ columnsOf: { [TABLES.tracker]: ["Ref", "Progress update", "Status"] } })
    );
    const t = snap.tables[TABLES.tracker];
    expect(t.headers).toEqual(["Ref", " Progress update ", "Status"]);
    expect(t.rows).toEqual(pick(rows, [0, 2, 4]));
    expect(fake.syncLog.every((x) => !x.failed)).toBe(true);
  });

  test("a response still over the limit is read in row blocks of those columns only", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"], responseLimitBytes: 20_000 });
    const host = createExcelHost({
      excel: fake.Excel,
      office: fake.Office,
      maxResponseBytes: 20_000,
    });
    const rows = rowsOf(400);
    fake.seedTable("Tracker", TABLES.tracker, 0, 0, HEADERS, rows);
    const request = {
      columnsOf: { [TABLES.tracker]: ["Ref", "Progress update", "Status"] },
      formulasOf: [TABLES.tracker],
    };
    const snap = await host.run("Read", (s) => s.read(request));
    expect(snap.tables[TABLES.tracker].rows).toEqual(pick(rows, [0, 2, 4]));
    expect(snap.tables[TABLES.tracker].formulas).toEqual(pick(rows, [0, 2, 4]));
    expect(fake.syncLog.some((x) => x.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    expect(fake.syncLog[fake.syncLog.length - 1].failed).toBeUndefined();
    const first = host.stats.last!.syncs;
    // Next time straight to the sizes: no refusal.
    const refused = fake.syncLog.filter((x) => x.failed).length;
    const again = await host.run("Read", (s) => s.read(request));
    expect(again.tables[TABLES.tracker].rows).toEqual(pick(rows, [0, 2, 4]));
    expect(fake.syncLog.filter((x) => x.failed).length).toBe(refused);
    expect(host.stats.last!.syncs).toBe(first - 1);
  });

  test("a client that refuses null objects reads the same columns by their places", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"], nullChildren: "error" });
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    const rows = rowsOf(20);
    fake.seedTable("Tracker", TABLES.tracker, 0, 0, HEADERS, rows);
    const read = () =>
      host.run("Read", (s) =>
        s.read({ columnsOf: { [TABLES.tracker]: ["Next steps", "Ref", "Kind"] } })
      );
    const first = await read();
    const snap = await read();
    for (const t of [first.tables[TABLES.tracker], snap.tables[TABLES.tracker]]) {
      expect(t.headers).toEqual(["Ref", "Kind", "Next steps"]);
      expect(t.columns).toEqual([0, 1, 3]);
      expect(t.rows).toEqual(pick(rows, [0, 1, 3]));
    }
  });
});

describe("a client that refuses loads through null objects", () => {
  test("the host falls back to reads that never go through one, and stays with them", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"], nullChildren: "error" });
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    const first = await host.run("Read", (s) =>
      s.read({ tables: [TABLES.tracker], sheets: ["Nope"], activeSheet: true })
    );
    expect(first.tables).toEqual({});
    expect(first.meta).toBeNull();
    expect(first.sheetValues).toEqual({
      Sheet1: { name: "Sheet1", row: 0, col: 0, values: [], text: [], numberFormats: [] },
    });
    expect(fake.syncLog[0].failed).toBe("InvalidObjectPath");

    const result = await setupTracker(host);
    expect(result.created).toContain("Tracker");
    const again = await setupTracker(host);
    expect(again.changed).toBe(false);
    expect(host.stats.last!.syncs).toBe(3);
    expect(fake.syncLog.filter((x) => x.failed).length).toBe(1);

    fake.addSheet("Old tracker");
    fake.seed("Old tracker", "A1:B2", [
      ["Rec", "RAG"],
      ["Improve triage", "R"],
    ]);
    const snap = await host.run("Read", (s) =>
      s.read({ tables: [TABLES.tracker, "tblMissing"], sheets: ["Old tracker"] })
    );
    expect(Object.keys(snap.tables)).toEqual([TABLES.tracker]);
    expect(snap.meta).toMatchObject({ app: "Inspection Tracker", schemaVersion: "1" });
    expect(snap.sheetValues["Old tracker"].values).toEqual([
      ["Rec", "RAG"],
      ["Improve triage", "R"],
    ]);
  });
});
