/**
 * session.apply through the Excel host: each PlanOp's effect, one sync per apply, text safety,
 * splitting under the request limit, validation before writing, table-change events.
 */
import { createFakeExcel, type FakeExcel } from "../../fakes/fake-excel";
import {
  cellInput,
  charsToPoints,
  createExcelHost,
  type ExcelHost,
} from "../../../src/hosts/excel";
import type { PlanOp } from "../../../src/workbook/plan";
import { isTrackerError } from "../../../src/domain/errors";

const TABLE = "tblWessex";
const HEADERS = ["Ref", "Recommendation", "Target date", "Status"];
const FORMATS = ["@", "@", "dd/mm/yyyy", "@"];

function setup(
  opts: {
    tableRows?: (string | number)[][];
    maxRequestBytes?: number;
    requestLimitBytes?: number;
  } = {}
) {
  const fake = createFakeExcel({ sheets: ["Sheet1"], requestLimitBytes: opts.requestLimitBytes });
  const host = createExcelHost({
    excel: fake.Excel,
    office: fake.Office,
    maxRequestBytes: opts.maxRequestBytes,
  });
  if (opts.tableRows)
    fake.seedTable("Tracker", TABLE, 0, 0, HEADERS, opts.tableRows, { numberFormats: FORMATS });
  return { fake, host };
}

async function apply(host: ExcelHost, ops: PlanOp[], read = true): Promise<void> {
  await host.run("Apply", async (s) => {
    if (read) await s.read({ tables: [TABLE] });
    await s.apply({ ops });
  });
}

const writes = (fake: FakeExcel, from = 0) =>
  fake.syncLog.slice(from).filter((s) => s.writes > 0).length;

describe("cellInput", () => {
  test("escapes text Excel would take as a formula, and a leading apostrophe", () => {
    expect(cellInput("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(cellInput("+44 1234")).toBe("'+44 1234");
    expect(cellInput("-ve trend")).toBe("'-ve trend");
    expect(cellInput("@risk")).toBe("'@risk");
    expect(cellInput("'Tis done")).toBe("''Tis done");
    expect(cellInput("Wessex")).toBe("Wessex");
    expect(cellInput(46112)).toBe(46112);
    expect(cellInput(null)).toBeNull();
  });
  test("column widths: characters to points", () => {
    expect(charsToPoints(8.43)).toBe(48);
    expect(charsToPoints(14)).toBe(77.25);
  });
});

describe("appendRows", () => {
  test("into an empty table: fills its blank row, grows below it, formats and dropdown follow", async () => {
    const { fake, host } = setup({ tableRows: [] });
    await fake.Excel.run(async (ctx: any) => {
      ctx.workbook.tables
        .getItem(TABLE)
        .columns.getItem("Status")
        .getDataBodyRange().dataValidation.rule = {
        list: { inCellDropDown: true, source: "=Lists!$A$2:$A$6" },
      };
      await ctx.sync();
    });
    const from = fake.syncLog.length;
    await apply(host, [
      {
        op: "appendRows",
        table: TABLE,
        rows: [
          ["W-1", "Improve triage", 46112, "Red"],
          ["W-2", "Train staff", null, "Green"],
        ],
      },
    ]);
    expect(writes(fake, from)).toBe(1);
    const t = fake.table(TABLE)!;
    expect(t.address).toBe("A1:D3");
    expect(t.body).toEqual([
      ["W-1", "Improve triage", 46112, "Red"],
      ["W-2", "Train staff", "", "Green"],
    ]);
    expect(fake.numberFormats("Tracker", "A3:D3")).toEqual([FORMATS]);
    expect(fake.validationsOn("Tracker", "D2:D3")[0]).toMatchObject({ r: 1, rows: 2 });
  });

  test("into a table with rows: added at the end, existing rows untouched", async () => {
    const { fake, host } = setup({ tableRows: [["W-1", "Existing", 46000, "Amber"]] });
    await apply(host, [{ op: "appendRows", table: TABLE, rows: [["W-2", "New", 46100, "Green"]] }]);
    expect(fake.table(TABLE)!.body).toEqual([
      ["W-1", "Existing", 46000, "Amber"],
      ["W-2", "New", 46100, "Green"],
    ]);
    expect(fake.numberFormats("Tracker", "A3:D3")).toEqual([FORMATS]);
  });

  test("with the analyst's notes below the table: rows are inserted, the notes move down, nothing is overwritten", async () => {
    const { fake, host } = setup({ tableRows: [["W-1", "Existing", 46000, "Amber"]] });
    fake.seed("Tracker", "A4:B4", [["Note:", "figures to 31/03"]]);
    await apply(host, [
      {
        op: "appendRows",
        table: TABLE,
        rows: [
          ["W-2", "New", 46100, "Green"],
          ["W-3", "=Newer", null, "Red"],
        ],
      },
    ]);
    expect(fake.table(TABLE)!.body).toEqual([
      ["W-1", "Existing", 46000, "Amber"],
      ["W-2", "New", 46100, "Green"],
      ["W-3", "=Newer", "", "Red"],
    ]);
    expect(fake.values("Tracker", "A6:B6")).toEqual([["Note:", "figures to 31/03"]]);
    expect(fake.numberFormats("Tracker", "A4:D4")).toEqual([FORMATS]);
    expect(fake.cell("Tracker", "B4")!.f).toBeUndefined();
  });

  test("text starting with = + - @ or an apostrophe round-trips as text, never a formula", async () => {
    const { fake, host } = setup({ tableRows: [] });
    const tricky = [
      '=HYPERLINK("http://x")',
      "+1 FTE",
      "-ve trend",
      "@Wessex",
      "'Tis done",
      "00123",
    ];
    const rows = tricky.map((t, i) => [`W-${i}`, t, null, "Red"]);
    await apply(host, [{ op: "appendRows", table: TABLE, rows }]);
    const snap = await host.run("Read", (s) => s.read({ tables: [TABLE], formulasOf: [TABLE] }));
    expect(snap.tables[TABLE].rows.map((r) => r[1])).toEqual(tricky);
    expect(snap.tables[TABLE].formulas!.map((r) => r[1])).toEqual(tricky);
    tricky.forEach((_, i) => expect(fake.cell("Tracker", `B${i + 2}`)!.f).toBeUndefined());
  });

  test("without a read first, one extra sync learns the table's size", async () => {
    const { fake, host } = setup({ tableRows: [] });
    await apply(
      host,
      [{ op: "appendRows", table: TABLE, rows: [["W-1", "x", null, "Red"]] }],
      false
    );
    expect(host.stats.last!.syncs).toBe(2);
    expect(fake.table(TABLE)!.body).toEqual([["W-1", "x", "", "Red"]]);
  });
});

describe("other table ops", () => {
  test("writeTableCells, addTableColumn and deleteRows (from the bottom up)", async () => {
    const rows = [1, 2, 3, 4].map((i) => [`W-${i}`, `Rec ${i}`, 46000 + i, "Green"]);
    const { fake, host } = setup({ tableRows: rows });
    await apply(host, [
      { op: "writeTableCells", table: TABLE, row: 1, col: 3, values: [["Red"], ["=Amber"]] },
      {
        op: "addTableColumn",
        table: TABLE,
        header: "Check",
        values: ["ok", "-late", "ok", "ok"],
        numberFormat: "@",
      },
      { op: "deleteRows", table: TABLE, rows: [0, 3] },
    ]);
    expect(host.stats.last!.syncs).toBe(2); // read (1) + apply (1)
    const t = fake.table(TABLE)!;
    expect(t.headers).toEqual([...HEADERS, "Check"]);
    expect(t.body).toEqual([
      ["W-2", "Rec 2", 46002, "Red", "-late"],
      ["W-3", "Rec 3", 46003, "=Amber", "ok"],
    ]);
    expect(fake.numberFormats("Tracker", "E2:E3")).toEqual([["@"], ["@"]]);
  });

  test("addTableColumn next to the analyst's own cells moves them right, never over them", async () => {
    const { fake, host } = setup({ tableRows: [["W-1", "x", 1, "Red"]] });
    fake.seed("Tracker", "E1:E2", [["My notes"], ["keep me"]]);
    await apply(host, [{ op: "addTableColumn", table: TABLE, header: "Check", values: ["ok"] }]);
    expect(fake.table(TABLE)!.headers).toEqual([...HEADERS, "Check"]);
    expect(fake.values("Tracker", "E2:F2")).toEqual([["ok", "keep me"]]);
  });

  test("columnFormat, listValidation and conditional formats on a table column", async () => {
    const { fake, host } = setup({
      tableRows: [
        ["W-1", "x", 1, "Red"],
        ["W-2", "y", 2, "Green"],
      ],
    });
    await apply(host, [
      {
        op: "columnFormat",
        target: { table: TABLE, column: "Recommendation" },
        numberFormat: "@",
        wrap: true,
      },
      {
        op: "listValidation",
        target: { table: TABLE, column: "Status" },
        source: "=Lists!$A$2:$A$6",
        prompt: "Pick one",
        error: "Not a status",
      },
      {
        op: "listValidation",
        target: { table: TABLE, column: "Status" },
        source: "=Lists!$A$2:$A$7",
        prompt: "Pick one",
        error: "Not a status",
      },
      {
        op: "conditionalFormats",
        target: { table: TABLE, column: "Status" },
        rules: [{ kind: "equals", text: 'Say "hi"', fill: "#C00000", fontColour: "#FFFFFF" }],
      },
      {
        op: "conditionalFormats",
        target: { sheet: "Tracker", range: { row: 1, col: 0, rows: 2, cols: 1 } },
        rules: [{ kind: "formula", formula: '=$D2="Red"', bold: true }],
      },
    ]);
    expect(fake.cell("Tracker", "B3")!.fmt?.wrap).toBe(true);
    const dv = fake.validationsOn("Tracker", "D2:D3");
    expect(dv).toHaveLength(1);
    expect(dv[0].rule.list.source).toBe("=Lists!$A$2:$A$7");
    expect(dv[0].prompt).toMatchObject({ showPrompt: true, message: "Pick one" });
    const cf = fake.conditionalFormatsOn("Tracker", "D2:D3");
    expect(cf).toHaveLength(1);
    expect(cf[0].rule).toEqual({ formula1: '="Say ""hi"""', operator: "EqualTo" });
    const custom = fake.conditionalFormatsOn("Tracker", "A2:A3");
    expect(custom[0]).toMatchObject({
      type: "Custom",
      rule: { formula: '=$D2="Red"' },
      format: { bold: true },
    });
  });
});

describe("sheet ops", () => {
  test("a sheet goes just after the one named (else last); a lenient dropdown; print titles without a print area", async () => {
    const { fake, host } = setup({ tableRows: [["W-1", "x", 1, "Red"]] });
    await apply(host, [
      { op: "ensureSheet", sheet: "Lists" },
      { op: "ensureSheet", sheet: "Summary", after: "Tracker" },
      { op: "clearSheet", sheet: "Report", after: "Summary" },
      { op: "ensureSheet", sheet: "Last", after: "Nope" },
      {
        op: "listValidation",
        target: { table: TABLE, column: "Recommendation" },
        source: "=Lists!$A$2:$A$6",
        prompt: "Pick or type",
        error: "Not on the list yet",
        strict: false,
      },
      {
        op: "pageSetup",
        sheet: "Tracker",
        setup: {
          orientation: "landscape",
          paper: "A4",
          fitToPagesWide: 1,
          fitToPagesTall: 0,
          printTitleRows: { first: 0, last: 0 },
          header: "",
          footer: "",
          centerHorizontally: false,
        },
      },
    ]);
    expect(fake.sheetNames()).toEqual(["Sheet1", "Tracker", "Summary", "Report", "Lists", "Last"]);
    const dv = fake.validationsOn("Tracker", "B2:B2");
    expect(dv[0].errorAlert).toMatchObject({ style: "Information", title: "Recommendation" });
    const layout = fake.sheet("Tracker")!.pageLayout;
    expect(layout.printTitleRows).toBe("$1:$1");
    expect(layout.printArea).toBeNull();
  });

  test("writeCells with formulas, column formats and style; chart; page set-up; gridlines; freeze; select", async () => {
    const { fake, host } = setup();
    await apply(
      host,
      [
        { op: "ensureSheet", sheet: "Summary", tabColour: "#0070C0" },
        {
          op: "writeCells",
          sheet: "Summary",
          block: {
            row: 0,
            col: 0,
            values: [
              ["Status", "Count"],
              ["Red", null],
              ["=not a formula", 2],
            ],
            formulas: [
              [null, null],
              [null, '=COUNTIF(tblTracker[Status],"Red")'],
              [null, null],
            ],
            columnFormats: ["@", "0"],
            style: { bold: true, fill: "#DDEBF7", border: "grid", hAlign: "center" },
          },
        },
        {
          op: "chart",
          sheet: "Summary",
          chart: {
            name: "RAG",
            type: "doughnut",
            title: "Status",
            data: { row: 0, col: 0, rows: 3, cols: 2 },
            colours: ["#C00000", "#00B050"],
            anchor: { row: 5, col: 1 },
            widthPt: 220,
            heightPt: 200,
            dataLabels: true,
            legend: "bottom",
            labelNumberFormat: "0;;;",
            fontName: "Arial",
          },
        },
        {
          op: "chart",
          sheet: "Summary",
          chart: {
            name: "Bars",
            type: "barStacked",
            title: "By theme",
            data: { row: 0, col: 0, rows: 3, cols: 2 },
            colours: ["#FFC000"],
            anchor: { row: 20, col: 0 },
            widthPt: 450,
            heightPt: 270,
            dataLabels: false,
            legend: "none",
          },
        },
        {
          op: "pageSetup",
          sheet: "Summary",
          setup: {
            orientation: "landscape",
            paper: "A4",
            fitToPagesWide: 1,
            fitToPagesTall: 0,
            printArea: { row: 0, col: 0, rows: 40, cols: 12 },
            header: "OFFICIAL & SENSITIVE",
            footer: "Wessex PCC",
            centerHorizontally: true,
          },
        },
        { op: "gridlines", sheet: "Summary", show: false },
        { op: "freeze", sheet: "Summary", rows: 1, cols: 1 },
        { op: "select", sheet: "Summary", range: { row: 1, col: 1, rows: 1, cols: 1 } },
      ],
      false
    );
    expect(writes(fake)).toBe(1);
    expect(fake.formulas("Summary", "A1:B3")).toEqual([
      ["Status", "Count"],
      ["Red", '=COUNTIF(tblTracker[Status],"Red")'],
      ["=not a formula", "2"],
    ]);
    expect(fake.cell("Summary", "A3")!.f).toBeUndefined();
    expect(fake.numberFormats("Summary", "A2:B2")).toEqual([["@", "0"]]);
    expect(fake.cell("Summary", "B2")!.fmt).toMatchObject({
      bold: true,
      fill: "#DDEBF7",
      hAlign: "Center",
    });
    expect(Object.keys(fake.cell("Summary", "B2")!.fmt!.borders!)).toEqual(
      expect.arrayContaining(["EdgeTop", "InsideHorizontal"])
    );
    const [rag, bars] = fake.charts("Summary");
    expect(rag).toMatchObject({
      name: "RAG",
      type: "Doughnut",
      seriesBy: "Columns",
      title: "Status",
      legend: { position: "Bottom", visible: true },
      pointColours: { 0: "#C00000", 1: "#00B050" },
      width: 220,
      height: 200,
      top: 75,
      left: 48,
    });
    expect(rag.dataLabels).toMatchObject({ showValue: true, numberFormat: "0;;;" });
    expect(rag.fontName).toBe("Arial");
    expect(bars.fontName).toBeUndefined();
    expect(bars.dataLabels.numberFormat).toBeUndefined();
    expect(bars).toMatchObject({
      type: "BarStacked",
      legend: { visible: false },
      seriesColours: { 0: "#FFC000" },
    });
    const layout = fake.sheet("Summary")!.pageLayout;
    expect(layout).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: null },
      printArea: "A1:L40",
      centerHeader: "OFFICIAL && SENSITIVE",
      centerFooter: "Wessex PCC",
      centerHorizontally: true,
    });
    expect(fake.sheet("Summary")!).toMatchObject({
      showGridlines: false,
      freezeRows: 1,
      freezeCols: 1,
      tabColor: "#0070C0",
    });
    expect(fake.selection()).toEqual({ sheet: "Summary", address: "B2" });
  });

  test("ensureSheet never touches an existing sheet; clearSheet empties a sheet in place", async () => {
    const { fake, host } = setup();
    fake.addSheet("Summary");
    fake.addSheet("Notes");
    fake.seed("Summary", "A1", [["old"]]);
    const id = fake.sheet("Summary")!.id;
    await apply(host, [
      { op: "ensureSheet", sheet: "Notes", visibility: "hidden" },
      { op: "clearSheet", sheet: "Summary", tabColour: "#00B050" },
      { op: "writeCells", sheet: "Summary", block: { row: 0, col: 1, values: [["new"]] } },
    ]);
    expect(fake.sheetNames()).toEqual(["Sheet1", "Summary", "Notes"]);
    expect(fake.sheet("Summary")!.id).toBe(id);
    expect(fake.sheet("Notes")!.visibility).toBe("Visible");
    expect(fake.values("Summary", "A1:B1")).toEqual([["", "new"]]);
    expect(fake.sheet("Summary")!.tabColor).toBe("#00B050");
    expect(writes(fake)).toBe(1);
  });

  test("clearSheet keeps the sheet, so formulas elsewhere that refer to it still work; its charts, formats, rules and breaks go", async () => {
    const { fake, host } = setup();
    const summary: PlanOp[] = [
      { op: "clearSheet", sheet: "Summary" },
      {
        op: "writeCells",
        sheet: "Summary",
        block: { row: 0, col: 0, values: [["Open", 3]], style: { bold: true } },
      },
      {
        op: "conditionalFormats",
        target: { sheet: "Summary", range: { row: 0, col: 1, rows: 1, cols: 1 } },
        rules: [{ kind: "formula", formula: "=B1>2", fill: "#FF0000" }],
      },
      { op: "columnWidths", sheet: "Summary", widths: [{ col: 0, width: 30 }] },
      { op: "pageBreaks", sheet: "Summary", rows: [5] },
      { op: "freeze", sheet: "Summary", rows: 1 },
      {
        op: "chart",
        sheet: "Summary",
        chart: {
          name: "Open by status",
          type: "doughnut",
          title: "Open",
          data: { row: 0, col: 0, rows: 1, cols: 2 },
          colours: [],
          anchor: { row: 3, col: 0 },
          widthPt: 200,
          heightPt: 150,
          dataLabels: false,
          legend: "none",
        },
      },
    ];
    await apply(host, summary, false);
    // The analyst's own sheet refers to a figure on Summary.
    await fake.Excel.run(async (ctx: any) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").formulas = [["=Summary!B1"]];
      await ctx.sync();
    });
    const id = fake.sheet("Summary")!.id;
    // Rebuilt from a read that names the sheet: no more syncs than a first build.
    const from = fake.syncCount;
    await host.run("Build summary", async (s) => {
      await s.read({ clearing: ["Summary"] });
      await s.apply({ ops: summary.filter((o) => o.op !== "conditionalFormats") });
    });
    expect(fake.syncCount - from).toBe(2);
    expect(fake.sheet("Summary")!.id).toBe(id);
    expect(fake.formulas("Sheet1", "A1")).toEqual([["=Summary!B1"]]);
    expect(fake.charts("Summary").map((c) => c.name)).toEqual(["Open by status"]);
    expect(fake.conditionalFormatsOn("Summary", "A1:Z99")).toEqual([]);
    expect(fake.sheet("Summary")!.pageBreakRows).toEqual([5]);
    // Without the read naming it, its old charts are found in the same batch and removed after.
    await host.run("Build summary", (s) => s.apply({ ops: [summary[0]] }));
    expect(fake.charts("Summary")).toEqual([]);
    expect(fake.values("Summary", "A1:B1")).toEqual([["", ""]]);
    expect(fake.cell("Summary", "A1")?.fmt).toBeUndefined();
    expect(fake.sheet("Summary")!.colWidths.size).toBe(0);
    expect(fake.sheet("Summary")!.pageBreakRows).toEqual([]);
    expect(fake.sheet("Summary")!.freezeRows).toBe(0);
  });

  test("select: activates the sheet and selects the range in one sync", async () => {
    const { fake, host } = setup({ tableRows: [["W-1", "x", 1, "Red"]] });
    await host.run("Go to cell", (s) => s.select("Tracker", { row: 1, col: 3, rows: 1, cols: 1 }));
    expect(host.stats.last!.syncs).toBe(1);
    expect(fake.selection()).toEqual({ sheet: "Tracker", address: "D2" });
  });
});

describe("number formats by column, not by cell", () => {
  test("a 5,000-row table, new rows and a column format: every cell gets its column's format for a few KB of request", async () => {
    const { fake, host } = setup();
    const headers = ["Ref", "No.", "Target date", "Status", "Notes"];
    const formats = ["@", "General", "dd/mm/yyyy", "@", "@"];
    const rows = Array.from({ length: 5000 }, (_, i) => [`W-${i}`, i, 46000 + i, "Red", "00123"]);
    const from = fake.syncLog.length;
    await apply(
      host,
      [
        { op: "ensureSheet", sheet: "Data" },
        {
          op: "createTable",
          sheet: "Data",
          table: {
            name: "tblBig",
            row: 0,
            col: 0,
            headers,
            rows,
            columnFormats: formats,
            style: "TableStyleMedium2",
          },
        },
        { op: "appendRows", table: "tblBig", rows: [["W-new", 1, 46500, "Green", "007"]] },
        { op: "columnFormat", target: { table: "tblBig", column: "No." }, numberFormat: "0" },
      ],
      false
    );
    const log = fake.syncLog.slice(from).filter((x) => x.writes > 0);
    expect(log).toHaveLength(1);
    const formatBytes = log[0].ops.reduce(
      (n, op, i) => n + (op.startsWith("Range.numberFormat") ? log[0].opBytes![i] : 0),
      0
    );
    expect(formatBytes).toBeLessThan(5_000);
    const all = fake.numberFormats("Data", "A2:E5002");
    expect(all.every((r) => r.join() === ["@", "0", "dd/mm/yyyy", "@", "@"].join())).toBe(true);
    // Text columns were Text before their values: "00123" stays text.
    expect(fake.values("Data", "E2:E2")).toEqual([["00123"]]);
    expect(fake.values("Data", "E5002:E5002")).toEqual([["007"]]);
  });
});

describe("size and safety", () => {
  test("one sync however many rows; split only above the request limit, each request under it", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [
      `W-${i}`,
      `Recommendation text number ${i} for Wessex Police`,
      46000 + (i % 300),
      "Green",
    ]);
    const small = setup({ tableRows: [] });
    await apply(small.host, [{ op: "appendRows", table: TABLE, rows }]);
    expect(writes(small.fake)).toBe(1);
    expect(small.fake.table(TABLE)!.body).toHaveLength(3000);

    const split = setup({ tableRows: [], maxRequestBytes: 60_000, requestLimitBytes: 100_000 });
    await apply(split.host, [{ op: "appendRows", table: TABLE, rows }]);
    expect(writes(split.fake)).toBeGreaterThan(2);
    expect(split.fake.syncLog.every((s) => !s.failed)).toBe(true);
    expect(split.fake.table(TABLE)!.body).toEqual(rows);
    expect(split.fake.table(TABLE)!.address).toBe("A1:D3001");
  });

  test("a request Excel refuses as too large gives the plain message", async () => {
    const { fake, host } = setup({ tableRows: [], requestLimitBytes: 5_000 });
    const rows = Array.from({ length: 200 }, (_, i) => [`W-${i}`, "x".repeat(50), null, "Red"]);
    const before = fake.dump();
    const e = await apply(host, [{ op: "appendRows", table: TABLE, rows }]).catch(
      (x: unknown) => x
    );
    expect(isTrackerError(e)).toBe(true);
    expect((e as { code: string }).code).toBe("too-large");
    expect((e as Error).message).toMatch(/5 MB/);
    expect(fake.dump()).toBe(before);
  });

  test("a plan that writes to a protected sheet is refused before anything is written", async () => {
    const { fake, host } = setup({ tableRows: [["W-1", "x", 1, "Red"]] });
    fake.protect("Tracker");
    const before = fake.dump();
    const e = await apply(host, [
      { op: "ensureSheet", sheet: "Summary" },
      { op: "writeCells", sheet: "Summary", block: { row: 0, col: 0, values: [["x"]] } },
      { op: "writeTableCells", table: TABLE, row: 0, col: 3, values: [["Green"]] },
    ]).catch((x: unknown) => x);
    expect((e as { code: string }).code).toBe("protected");
    expect((e as Error).message).toMatch(/'Tracker' is protected, so nothing was changed/);
    expect(writes(fake)).toBe(0);
    expect(fake.dump()).toBe(before);
  });

  test("a value Excel cannot hold is refused before anything is written", async () => {
    const { fake, host } = setup({ tableRows: [] });
    const before = fake.dump();
    const e = await apply(host, [
      { op: "ensureSheet", sheet: "Other" },
      { op: "appendRows", table: TABLE, rows: [["W-1", "x".repeat(40000), null, "Red"]] },
    ]).catch((x: unknown) => x);
    expect((e as { code: string }).code).toBe("invalid-input");
    expect((e as Error).message).toMatch(
      /New rows for table 'tblWessex', row 1, column 2 holds 40,000 characters/
    );
    expect(writes(fake)).toBe(0);
    expect(fake.dump()).toBe(before);
  });
});

describe("onTableChanged", () => {
  test("fires for the analyst's edits, not for the add-in's own writes; unsubscribes", async () => {
    const { fake, host } = setup({ tableRows: [["W-1", "x", 1, "Red"]] });
    let calls = 0;
    const stop = await host.onTableChanged(TABLE, () => calls++);
    expect(fake.handlerCount()).toBe(1);
    await apply(host, [
      { op: "writeTableCells", table: TABLE, row: 0, col: 3, values: [["Green"]] },
    ]);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(0);
    fake.userEdit("Tracker", "D2", [["Amber"]]);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(1);
    await stop();
    expect(fake.handlerCount()).toBe(0);
    fake.userEdit("Tracker", "D2", [["Red"]]);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(1);
  });

  test("a client without ExcelApi 1.14 (no triggerSource): the add-in's own writes are not seen, the analyst's are, even straight after", async () => {
    const fake = createFakeExcel({ client: { api: 13 } });
    fake.seedTable("Tracker", TABLE, 0, 0, HEADERS, [["W-1", "x", 1, "Red"]], {
      numberFormats: FORMATS,
    });
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    let calls = 0;
    await host.onTableChanged(TABLE, () => calls++);
    fake.userEdit("Tracker", "D2", [["Amber"]]);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(1);
    await apply(host, [
      { op: "writeTableCells", table: TABLE, row: 0, col: 3, values: [["Green"]] },
    ]);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(1);
    expect(fake.eventsEnabled()).toBe(true);
    fake.userEdit("Tracker", "D2", [["Red"]]);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(2);
  });

  test("a missing table gives the plain message", async () => {
    const { host } = setup();
    const e = await host.onTableChanged("tblNope", () => undefined).catch((x: unknown) => x);
    expect((e as { code: string }).code).toBe("sheet-missing");
  });
});
