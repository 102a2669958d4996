/**
 * Plan ops on the xlsx host, each checked through a save and reopen: tables grow and shrink
 * (with their validation and colours), columns are added, cells written as text unless a
 * formula is asked for, sheets recreated in place, page set-up, views; and snapshot reading
 * (dates as serials, errors, rich text, used ranges as shown).
 */
import { join } from "node:path";
import { Workbook } from "@cj-tech-master/excelts";
import { createXlsxHost, type XlsxHost } from "../../../src/hosts/xlsx";
import { decodeXString, encodeXString, plainValue } from "../../../src/hosts/xlsx/cells";
import { sheetNameProblem } from "../../../src/hosts/xlsx/apply";
import { zipEntryNames } from "../../../src/hosts/xlsx/parts";
import type { PlanOp } from "../../../src/workbook/plan";
import { applyTo, snapshotOf, tmpDir } from "./fixtures";

async function roundTrip(host: XlsxHost): Promise<XlsxHost> {
  const file = join(tmpDir("ops-"), "wb.xlsx");
  await host.save(file);
  return createXlsxHost({ file });
}

const TABLE: PlanOp = {
  op: "createTable",
  sheet: "Data",
  table: {
    name: "tblData",
    row: 2,
    col: 1,
    headers: ["Ref", "Status", "Due"],
    rows: [],
    columnFormats: ["@", "@", "dd/mm/yyyy"],
    style: "TableStyleMedium2",
  },
};

async function withTable(): Promise<XlsxHost> {
  const host = await createXlsxHost();
  await applyTo(host, {
    ops: [
      { op: "ensureSheet", sheet: "Lists" },
      {
        op: "writeCells",
        sheet: "Lists",
        block: { row: 0, col: 0, values: [["Status"], ["Red"], ["Green"]] },
      },
      { op: "ensureSheet", sheet: "Data", tabColour: "#0070C0" },
      TABLE,
      {
        op: "listValidation",
        target: { table: "tblData", column: "Status" },
        source: "=Lists!$A$2:$A$3",
        prompt: "Pick",
        error: "No",
      },
      {
        op: "conditionalFormats",
        target: { table: "tblData", column: "Status" },
        rules: [
          { kind: "equals", text: "Red", fill: "#C00000", fontColour: "#FFFFFF" },
          { kind: "equals", text: "Green", fill: "#00B050", fontColour: "#000000" },
        ],
      },
    ],
  });
  return host;
}

describe("tables", () => {
  test("an empty table reads as no rows; appending fills its blank row first, then grows", async () => {
    const host = await withTable();
    let snap = await snapshotOf(host, { tables: ["tblData"] });
    expect(snap.tables.tblData).toMatchObject({
      sheet: "Data",
      row: 2,
      col: 1,
      headers: ["Ref", "Status", "Due"],
      rows: [],
    });

    await applyTo(host, {
      ops: [{ op: "appendRows", table: "tblData", rows: [["W-1", "Red", 46000]] }],
    });
    await applyTo(host, {
      ops: [
        {
          op: "appendRows",
          table: "tblData",
          rows: [
            ["W-2", "Green", null],
            ["W-3", "Red", 46100],
          ],
        },
      ],
    });
    const back = await roundTrip(host);
    snap = await snapshotOf(back, { tables: ["tblData"] });
    expect(snap.tables.tblData.rows).toEqual([
      ["W-1", "Red", 46000],
      ["W-2", "Green", null],
      ["W-3", "Red", 46100],
    ]);
    // The validation and the colours grew with the table.
    expect(snap.tables.tblData.statusValidation).toBe("=Lists!$A$2:$A$3");
    const ws = (await back.load()).getWorksheet("Data")!;
    expect(ws.dataValidations.find("C6")).toMatchObject({ type: "list" });
    expect(ws.dataValidations.find("C7")).toBeUndefined();
    expect(ws.conditionalFormattings.map((c) => c.ref)).toEqual(["C4:C6"]);
    // New rows take the column formats.
    expect(ws.getCell("D6").numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell("B6").numFmt).toBe("@");
    const table = ws.getTables()[0] as unknown as { table: { tableRef: string } };
    expect(table.table.tableRef).toBe("B3:D6");
  });

  test("deleteRows removes body rows (last first), keeps one blank row when all go", async () => {
    const host = await withTable();
    await applyTo(host, {
      ops: [
        {
          op: "appendRows",
          table: "tblData",
          rows: [
            ["W-1", "Red", 1],
            ["W-2", "Red", 2],
            ["W-3", "Green", 3],
            ["W-4", "Red", 4],
          ],
        },
      ],
    });
    await applyTo(host, { ops: [{ op: "deleteRows", table: "tblData", rows: [1, 3] }] });
    let back = await roundTrip(host);
    let snap = await snapshotOf(back, { tables: ["tblData"] });
    expect(snap.tables.tblData.rows).toEqual([
      ["W-1", "Red", 1],
      ["W-3", "Green", 3],
    ]);
    expect((await back.load()).getWorksheet("Data")!.getCell("B6").value).toBeNull();

    // A note under the table moves up with it.
    await applyTo(back, {
      ops: [{ op: "writeCells", sheet: "Data", block: { row: 7, col: 2, values: [["note"]] } }],
    });
    await applyTo(back, { ops: [{ op: "deleteRows", table: "tblData", rows: [0, 1] }] });
    back = await roundTrip(back);
    snap = await snapshotOf(back, { tables: ["tblData"] });
    expect(snap.tables.tblData.rows).toEqual([]);
    const t = (await back.load()).getWorksheet("Data")!.getTables()[0] as unknown as {
      table: { tableRef: string };
    };
    expect(t.table.tableRef).toBe("B3:D4");
    const data = (await back.load()).getWorksheet("Data")!;
    expect(data.getCell("C7").value).toBe("note");
    expect(data.getCell("C8").value).toBeNull();
    expect(data.getCell("D4").numFmt).toBe("dd/mm/yyyy");
    // The Status validation and colours shrank with the table: the moved note is not under them.
    expect(data.dataValidations.find("C4")).toMatchObject({ type: "list" });
    expect(data.dataValidations.find("C5")).toBeUndefined();
    expect(data.conditionalFormattings.map((c) => c.ref)).toEqual(["C4"]);
  });

  test("addTableColumn and writeTableCells", async () => {
    const host = await withTable();
    await applyTo(host, {
      ops: [
        {
          op: "appendRows",
          table: "tblData",
          rows: [
            ["W-1", "Red", 1],
            ["W-2", "Green", 2],
          ],
        },
        {
          op: "addTableColumn",
          table: "tblData",
          header: "Check",
          values: ["Overdue", "=looks like a formula"],
          numberFormat: "@",
        },
        { op: "writeTableCells", table: "tblData", row: 1, col: 1, values: [["Red", 45000]] },
      ],
    });
    const back = await roundTrip(host);
    const snap = await snapshotOf(back, { tables: ["tblData"], formulasOf: ["tblData"] });
    expect(snap.tables.tblData.headers).toEqual(["Ref", "Status", "Due", "Check"]);
    expect(snap.tables.tblData.rows).toEqual([
      ["W-1", "Red", 1, "Overdue"],
      ["W-2", "Red", 45000, "=looks like a formula"],
    ]);
    expect(snap.tables.tblData.formulas).toEqual([
      ["W-1", "Red", "1", "Overdue"],
      ["W-2", "Red", "45000", "=looks like a formula"],
    ]);
  });

  test("the analyst's cells below and beside a table move, never overwritten (as Excel inserts)", async () => {
    const host = await withTable();
    await applyTo(host, {
      ops: [
        { op: "appendRows", table: "tblData", rows: [["W-1", "Red", 1]] },
        {
          op: "writeCells",
          sheet: "Data",
          block: { row: 4, col: 1, values: [["Note under the table"]] },
        },
        {
          op: "writeCells",
          sheet: "Data",
          block: { row: 3, col: 4, values: [["Note beside row 1"]] },
        },
        {
          op: "appendRows",
          table: "tblData",
          rows: [
            ["W-2", "Green", 2],
            ["W-3", "Red", 3],
          ],
        },
        { op: "addTableColumn", table: "tblData", header: "Check", values: ["a", "b", "c"] },
      ],
    });
    const back = await roundTrip(host);
    const snap = await snapshotOf(back, { tables: ["tblData"], sheets: ["Data"] });
    expect(snap.tables.tblData.rows).toEqual([
      ["W-1", "Red", 1, "a"],
      ["W-2", "Green", 2, "b"],
      ["W-3", "Red", 3, "c"],
    ]);
    const ws = (await back.load()).getWorksheet("Data")!;
    expect(ws.getCell("B7").value).toBe("Note under the table");
    expect(ws.getCell("F4").value).toBe("Note beside row 1");
  });

  test("a missing table or column is refused before anything is written", async () => {
    const host = await withTable();
    await expect(
      applyTo(host, {
        ops: [
          { op: "ensureSheet", sheet: "Other" },
          { op: "appendRows", table: "tblNope", rows: [["x"]] },
        ],
      })
    ).rejects.toMatchObject({ code: "not-a-tracker" });
    expect((await host.load()).getWorksheet("Other")).toBeUndefined();
    // A refusal changed nothing, so the workbook can still be used and saved.
    await applyTo(host, {
      ops: [{ op: "appendRows", table: "tblData", rows: [["W-9", "Red", 9]] }],
    });
    expect(
      (await snapshotOf(await roundTrip(host), { tables: ["tblData"] })).tables.tblData.rows
    ).toEqual([["W-9", "Red", 9]]);
  });
});

describe("cells and sheets", () => {
  test("text stays text, formulas only where asked, styles and formats kept", async () => {
    const host = await createXlsxHost();
    await applyTo(host, {
      ops: [
        { op: "ensureSheet", sheet: "Summary" },
        {
          op: "writeCells",
          sheet: "Summary",
          block: {
            row: 0,
            col: 0,
            values: [
              ["=1+1", "+1", 3],
              ["-2", "@x", 0.25],
            ],
            formulas: [
              [null, null, "=SUM(1,2)"],
              [null, null, null],
            ],
            columnFormats: ["@", "@", "0%"],
            style: {
              bold: true,
              fill: "#DDEBF7",
              fontColour: "#1F4E79",
              wrap: true,
              hAlign: "center",
              border: "grid",
            },
          },
        },
      ],
    });
    const back = await roundTrip(host);
    const ws = (await back.load()).getWorksheet("Summary")!;
    expect(ws.getCell("A1").value).toBe("=1+1");
    expect(ws.getCell("B1").value).toBe("+1");
    expect(ws.getCell("A2").value).toBe("-2");
    expect(ws.getCell("B2").value).toBe("@x");
    expect(ws.getCell("C1").value).toMatchObject({ formula: "SUM(1,2)" });
    // No cached result, so Excel is asked to calculate when it opens the file.
    expect((await back.load()).calcProperties.fullCalcOnLoad).toBe(true);
    expect(ws.getCell("C2").numFmt).toBe("0%");
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, color: { argb: "FF1F4E79" } });
    expect(ws.getCell("B2").fill).toMatchObject({ fgColor: { argb: "FFDDEBF7" } });
    expect(ws.getCell("B2").alignment).toMatchObject({ wrapText: true, horizontal: "center" });
    expect(ws.getCell("B2").border?.left?.style).toBe("thin");
    const snap = await snapshotOf(back, { sheets: ["Summary"] });
    // A formula written by the host carries no cached result until an engine calculates it.
    expect(snap.sheetValues.Summary.text).toEqual([
      ["=1+1", "+1", ""],
      ["-2", "@x", "25%"],
    ]);
  });

  test("clearSheet empties an add-in sheet in place: same tab position, same sheet, references kept", async () => {
    const host = await createXlsxHost();
    await applyTo(host, {
      ops: [
        { op: "ensureSheet", sheet: "A" },
        { op: "ensureSheet", sheet: "Summary" },
        { op: "ensureSheet", sheet: "B" },
        {
          op: "writeCells",
          sheet: "Summary",
          block: { row: 0, col: 0, values: [["old", 7]], style: { bold: true } },
        },
        {
          op: "writeCells",
          sheet: "A",
          block: { row: 0, col: 0, values: [[null]], formulas: [["=Summary!B2"]] },
        },
        { op: "freeze", sheet: "Summary", rows: 1 },
      ],
    });
    const before = (await host.load()).getWorksheet("Summary")!;
    await applyTo(host, {
      ops: [
        { op: "clearSheet", sheet: "Summary", tabColour: "#00B050" },
        { op: "writeCells", sheet: "Summary", block: { row: 1, col: 1, values: [["new"]] } },
      ],
    });
    // The same sheet (its id, which the workbook's other parts use), emptied.
    expect((await host.load()).getWorksheet("Summary")).toBe(before);
    const back = await roundTrip(host);
    expect((await back.load()).worksheets.map((s) => s.name)).toEqual(["A", "Summary", "B"]);
    const ws = (await back.load()).getWorksheet("Summary")!;
    expect(ws.id).toBe(before.id);
    expect(ws.getCell("A1").value).toBeNull();
    expect(ws.getCell("A1").font?.bold).toBeFalsy();
    expect(ws.getCell("B2").value).toBe("new");
    expect(ws.properties.tabColor).toEqual({ argb: "FF00B050" });
    expect(ws.views?.[0]?.state ?? "normal").toBe("normal");
    expect((await back.load()).getWorksheet("A")!.getCell("A1").formula).toBe("Summary!B2");
  });

  test("page set-up, gridlines, freeze, column widths, activate and select", async () => {
    const host = await createXlsxHost();
    await applyTo(host, {
      ops: [
        { op: "ensureSheet", sheet: "First" },
        { op: "ensureSheet", sheet: "Summary" },
        {
          op: "pageSetup",
          sheet: "Summary",
          setup: {
            orientation: "landscape",
            paper: "A4",
            fitToPagesWide: 1,
            fitToPagesTall: 0,
            printArea: { row: 0, col: 0, rows: 40, cols: 8 },
            header: "OFFICIAL",
            footer: "Wessex PCC & partners",
            centerHorizontally: true,
          },
        },
        { op: "gridlines", sheet: "Summary", show: false },
        {
          op: "columnWidths",
          sheet: "Summary",
          widths: [
            { col: 0, width: 30 },
            { col: 2, width: 12 },
          ],
        },
        { op: "activate", sheet: "First" },
        { op: "select", sheet: "Summary", range: { row: 4, col: 2, rows: 1, cols: 1 } },
      ],
    });
    const back = await roundTrip(host);
    const ws = (await back.load()).getWorksheet("Summary")!;
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    });
    expect(String(ws.pageSetup.printArea)).toMatch(/A1:H40/);
    expect(ws.headerFooter.oddHeader).toBe("&COFFICIAL");
    expect(ws.headerFooter.oddFooter).toBe("&CWessex PCC && partners");
    expect(ws.views[0].showGridLines).toBe(false);
    expect(ws.views[0].activeCell).toBe("C5");
    expect(ws.getColumn(1).width).toBe(30);
    const snap = await snapshotOf(back, {});
    expect(snap.activeSheet).toBe("Summary");
    // One selected tab only (two would be grouped sheets in Excel).
    const selected = (await back.load()).worksheets.filter(
      (s) => (s.views?.[0] as { tabSelected?: boolean } | undefined)?.tabSelected
    );
    expect(selected.map((s) => s.name)).toEqual(["Summary"]);
  });

  test("a sheet goes just after the one named (else last); a lenient dropdown; print titles without a print area", async () => {
    const host = await withTable();
    await applyTo(host, {
      ops: [
        { op: "ensureSheet", sheet: "Lists2", after: "Nope" },
        { op: "ensureSheet", sheet: "Summary", after: "Lists" },
        { op: "clearSheet", sheet: "Report", after: "Summary" },
        {
          op: "listValidation",
          target: { table: "tblData", column: "Due" },
          source: "=Lists!$A$2:$A$3",
          prompt: "Pick or type",
          error: "Not on the list yet",
          strict: false,
        },
        {
          op: "pageSetup",
          sheet: "Data",
          setup: {
            orientation: "landscape",
            paper: "A4",
            fitToPagesWide: 1,
            fitToPagesTall: 0,
            printTitleRows: { first: 2, last: 2 },
            header: "",
            footer: "",
            centerHorizontally: false,
          },
        },
      ],
    });
    const back = await roundTrip(host);
    expect((await back.load()).worksheets.map((s) => s.name)).toEqual([
      "Lists",
      "Summary",
      "Report",
      "Data",
      "Lists2",
    ]);
    const ws = (await back.load()).getWorksheet("Data")!;
    const dv = Object.entries(
      ws.dataValidations.model as unknown as Record<string, Record<string, unknown>>
    );
    const due = dv.find(([k]) => k.includes("D"))![1];
    expect(due).toMatchObject({ errorStyle: "information", promptTitle: "Due", errorTitle: "Due" });
    const status = dv.find(([k]) => k.includes("C"))![1];
    expect(status).toMatchObject({ errorStyle: "stop", promptTitle: "Status" });
    expect(ws.pageSetup.printTitlesRow).toBe("3:3");
    expect(ws.pageSetup.printArea).toBeUndefined();
  });

  test("sheet names Excel refuses are refused before anything is written", async () => {
    expect(sheetNameProblem("History")).toMatch(/reserves/);
    expect(sheetNameProblem("history")).toMatch(/reserves/);
    expect(sheetNameProblem("a".repeat(32))).toMatch(/31/);
    expect(sheetNameProblem("Q1/Q2")).toMatch(/character/);
    expect(sheetNameProblem("Status history")).toBeNull();
    const host = await createXlsxHost();
    await expect(
      applyTo(host, {
        ops: [
          { op: "ensureSheet", sheet: "Fine" },
          { op: "ensureSheet", sheet: "Bad:name" },
        ],
      })
    ).rejects.toMatchObject({ code: "invalid-input" });
    expect((await host.load()).worksheets).toHaveLength(0);
  });
});

describe("charts", () => {
  test("a workbook with charts keeps them when it is opened, changed and saved again", async () => {
    const host = await createXlsxHost();
    await applyTo(host, {
      ops: [
        { op: "ensureSheet", sheet: "Summary" },
        {
          op: "writeCells",
          sheet: "Summary",
          block: {
            row: 0,
            col: 0,
            values: [
              ["Status", "Open"],
              ["Red", 2],
              ["Green", 5],
            ],
          },
        },
        {
          op: "chart",
          sheet: "Summary",
          chart: {
            name: "c",
            type: "doughnut",
            title: "Open",
            data: { row: 0, col: 0, rows: 3, cols: 2 },
            colours: ["#C00000", "#00B050"],
            anchor: { row: 4, col: 0 },
            widthPt: 300,
            heightPt: 200,
            dataLabels: true,
            legend: "bottom",
          },
        },
      ],
    });
    const first = await roundTrip(host);
    const parts = (b: Buffer) =>
      zipEntryNames(b)
        .filter((n) => /^xl\/(charts|drawings)\//.test(n))
        .sort();
    const before = parts(await first.toBuffer());
    expect(before.some((n) => n.startsWith("xl/charts/chart"))).toBe(true);
    await applyTo(first, {
      ops: [{ op: "writeCells", sheet: "Summary", block: { row: 0, col: 3, values: [["note"]] } }],
    });
    const second = await roundTrip(first);
    expect(parts(await second.toBuffer())).toEqual(before);
  });
});

describe("reading values", () => {
  test("dates as serials, formula results, errors, rich text, hyperlinks", async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = new Date(Date.UTC(2026, 2, 31));
    ws.getCell("A1").numFmt = "dd/mm/yyyy";
    ws.getCell("B1").value = { formula: "1+1", result: 2 };
    ws.getCell("C1").value = { error: "#NAME?" } as never;
    ws.getCell("D1").value = {
      richText: [{ text: "Wessex " }, { font: { bold: true }, text: "Police" }],
    };
    ws.getCell("E1").value = { text: "link", hyperlink: "https://example.invalid" };
    ws.getCell("F1").value = { formula: "NOPE()", result: { error: "#NAME?" } } as never;
    const host = await roundTrip(await createXlsxHost({ workbook: wb }));
    const snap = await snapshotOf(host, { sheets: ["S"] });
    expect(snap.sheetValues.S.values).toEqual([
      [46112, 2, "#NAME?", "Wessex Police", "link", "#NAME?"],
    ]);
    expect(snap.sheetValues.S.text[0][0]).toBe("31/03/2026");
    expect(snap.sheetValues.S.numberFormats[0][0]).toBe("dd/mm/yyyy");
  });

  test("text escaping round-trips (control characters, literal _xHHHH_, CR LF as LF)", () => {
    for (const s of ["a_x000D_b", "tab\there", "bell\u0007", "_x005F_", "plain"]) {
      expect(decodeXString(encodeXString(s))).toBe(s);
    }
    expect(encodeXString("one\r\ntwo\rthree")).toBe("one\ntwo\nthree");
    // excelts decodes escapes of characters XML allows (_x000D_) itself: what is left in memory
    // is literal text; the escapes it leaves (control characters) are decoded here.
    expect(plainValue("x_x000D_y")).toBe("x_x000D_y");
    expect(plainValue("x_x000B_y")).toBe("x\u000by");
  });
});
