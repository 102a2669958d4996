/**
 * The xlsx host's files in a real engine: LibreOffice headless opens what init writes and sees
 * the table (database range), the Status validation list from the Lists sheet and the status
 * colours; text that looks like a formula comes back as text; charts are native charts with the
 * planned colours. Skips (saying so) where soffice is absent, fails then under REQUIRE_SOFFICE=1.
 */
import { join } from "node:path";
import { SHEETS, TABLES, TRACKER_COLUMNS } from "../../../src/domain/columns";
import { DEFAULT_STATUSES } from "../../../src/domain/status";
import { createXlsxHost } from "../../../src/hosts/xlsx";
import type { CellValue, PlanOp } from "../../../src/workbook/plan";
import {
  charts,
  conditionalFormats,
  contentValidations,
  databaseRanges,
  validationAt,
} from "../../helpers/fods";
import { csvOfSheet, describeIfSoffice, fodsOf, pdfTextOf } from "../../helpers/libreoffice";
import { applyToFile, newTracker, reopen, snapshotOf, tmpDir } from "./fixtures";

/** Text Excel would take as a formula or mangle, with line breaks and quotes. */
const TRICKY = [
  "=SUM(A1:A3)",
  "+44 1632 960000",
  "-5 days against plan",
  "@Head of PSD",
  'The force said "it is done"\nsecond line\n\nfourth line, after a blank one',
  '=HYPERLINK("http://example.invalid","x")',
];

const trackerRow = (ref: string, text: string, status: string): CellValue[] =>
  TRACKER_COLUMNS.map((c) =>
    c.key === "ref"
      ? ref
      : c.key === "recommendation"
        ? text
        : c.key === "status"
          ? status
          : c.key === "targetDate"
            ? 46112
            : null
  );

describeIfSoffice("LibreOffice opens the xlsx host's files", () => {
  let dir: string;
  let pristine: string;
  let populated: string;
  const statusCol = TRACKER_COLUMNS.findIndex((c) => c.key === "status");
  const statusLetter = String.fromCharCode(65 + statusCol);

  beforeAll(async () => {
    dir = tmpDir("lo-");
    pristine = await newTracker(dir, "pristine.xlsx");
    populated = await newTracker(dir, "populated.xlsx");
    const ops: PlanOp[] = [
      {
        op: "appendRows",
        table: TABLES.tracker,
        rows: TRICKY.map((t, i) => trackerRow(`WES-${i + 1}`, t, DEFAULT_STATUSES[i % 3].name)),
      },
      { op: "ensureSheet", sheet: "Notes" },
      {
        op: "writeCells",
        sheet: "Notes",
        block: { row: 0, col: 0, values: TRICKY.map((t) => [t]) },
      },
      { op: "ensureSheet", sheet: "Figures" },
      {
        op: "writeCells",
        sheet: "Figures",
        block: {
          row: 0,
          col: 0,
          values: [
            ["Red (table)", null],
            ["Red (A1)", null],
            ["Text", "=COUNTIF(x)"],
          ],
          formulas: [
            [null, `=COUNTIFS(${TABLES.tracker}[Status],"Red")`],
            [null, `=COUNTIF(${SHEETS.tracker}!$${statusLetter}$2:$${statusLetter}$100,"Red")`],
            [null, null],
          ],
        },
      },
      { op: "ensureSheet", sheet: "Charts" },
      {
        op: "writeCells",
        sheet: "Charts",
        block: {
          row: 0,
          col: 0,
          values: [
            ["Status", "Wessex", "Avon"],
            ["Red", 3, 1],
            ["Amber", 2, 2],
            ["Green", 4, 5],
          ],
        },
      },
      {
        op: "chart",
        sheet: "Charts",
        chart: {
          name: "Open by status",
          type: "doughnut",
          title: "Open by status",
          data: { row: 0, col: 0, rows: 4, cols: 2 },
          colours: ["#C00000", "#FFC000", "#00B050"],
          anchor: { row: 5, col: 0 },
          widthPt: 360,
          heightPt: 216,
          dataLabels: true,
          legend: "bottom",
        },
      },
      {
        op: "chart",
        sheet: "Charts",
        chart: {
          name: "By force",
          type: "barStacked",
          title: "By force",
          data: { row: 0, col: 0, rows: 4, cols: 3 },
          colours: ["#1F4E79", "#9DC3E6"],
          anchor: { row: 5, col: 7 },
          widthPt: 360,
          heightPt: 216,
          dataLabels: false,
          legend: "bottom",
        },
      },
      {
        op: "chart",
        sheet: "Charts",
        chart: {
          name: "Columns",
          type: "columnStacked",
          title: "Columns",
          data: { row: 0, col: 0, rows: 4, cols: 3 },
          colours: ["#305496", "#F4B084"],
          anchor: { row: 20, col: 0 },
          widthPt: 300,
          heightPt: 200,
          dataLabels: false,
          legend: "none",
        },
      },
      {
        op: "chart",
        sheet: "Charts",
        chart: {
          name: "Trend",
          type: "line",
          title: "Trend",
          data: { row: 0, col: 0, rows: 4, cols: 3 },
          colours: ["#C00000", "#00B050"],
          anchor: { row: 20, col: 7 },
          widthPt: 300,
          heightPt: 200,
          dataLabels: false,
          legend: "bottom",
        },
      },
      {
        op: "pageSetup",
        sheet: "Charts",
        setup: {
          orientation: "landscape",
          paper: "A4",
          fitToPagesWide: 1,
          fitToPagesTall: 1,
          printArea: { row: 0, col: 0, rows: 36, cols: 14 },
          header: "OFFICIAL",
          footer: "Wessex PCC test footer",
          centerHorizontally: true,
        },
      },
    ];
    await applyToFile(populated, { ops });
  });

  test("init's output: LibreOffice sees the table tblTracker on Tracker", () => {
    const xml = fodsOf(pristine);
    const ranges = databaseRanges(xml);
    expect(ranges).toContainEqual({
      name: TABLES.tracker,
      range: `${SHEETS.tracker}.A1:${SHEETS.tracker}.O2`,
    });
    for (const t of Object.values(TABLES)) expect(ranges.map((r) => r.name)).toContain(t);

    // The Status cell carries the list validation (LibreOffice's base-cell address for it is not
    // reliable: it sometimes names another sheet, so the cell is looked up instead).
    const status = validationAt(xml, SHEETS.tracker, 1, statusCol);
    expect(status).not.toBeNull();
    expect(validationAt(xml, SHEETS.tracker, 1, statusCol - 1)).toBeNull();
    expect(status!.condition).toBe(
      `of:cell-content-is-in-list([$${SHEETS.lists}.$A$2:.$A$${1 + DEFAULT_STATUSES.length}])`
    );
    // Theme, Owner and Addressed to list whatever their Lists table holds (OFFSET over its
    // filled cells), which LibreOffice reads as a formula it evaluates.
    expect(contentValidations(xml)).toHaveLength(4);
    const col = (h: string) => TRACKER_COLUMNS.findIndex((c) => c.header === h);
    for (const [header, letter] of [
      ["Theme", "F"],
      ["Owner", "H"],
      ["Addressed to", "N"],
    ] as const) {
      expect(validationAt(xml, SHEETS.tracker, 1, col(header))!.condition).toBe(
        `of:cell-content-is-in-list(OFFSET([$${SHEETS.lists}.$${letter}$2];0;0;MAX(1;COUNTA([$${SHEETS.lists}.$${letter}:.$${letter}])-1);1))`
      );
    }

    const conds = conditionalFormats(xml);
    expect(conds).toHaveLength(DEFAULT_STATUSES.length);
    for (const s of DEFAULT_STATUSES) {
      expect(conds).toContainEqual({
        range: `${SHEETS.tracker}.${statusLetter}2:${SHEETS.tracker}.${statusLetter}2`,
        value: `="${s.name}"`,
        fill: s.colour.toUpperCase(),
        font: s.fontColour.toUpperCase(),
      });
    }
  });

  test("after rows are appended the table, validation and colours cover them; charts are native", () => {
    const xml = fodsOf(populated);
    const last = 1 + TRICKY.length;
    expect(databaseRanges(xml)).toContainEqual({
      name: TABLES.tracker,
      range: `${SHEETS.tracker}.A1:${SHEETS.tracker}.O${last}`,
    });
    const conds = conditionalFormats(xml).filter((c) => c.range.startsWith(`${SHEETS.tracker}.`));
    expect(new Set(conds.map((c) => c.range))).toEqual(
      new Set([`${SHEETS.tracker}.${statusLetter}2:${SHEETS.tracker}.${statusLetter}${last}`])
    );
    // The validation applies to the last appended row too, and not below it.
    expect(validationAt(xml, SHEETS.tracker, last - 1, statusCol)?.condition).toMatch(
      /cell-content-is-in-list/
    );
    expect(validationAt(xml, SHEETS.tracker, last, statusCol)).toBeNull();

    const found = charts(xml);
    const ring = found.find((c) => c.kind === "chart:ring");
    expect(ring).toBeDefined();
    expect(ring!.title).toBe("Open by status");
    expect(ring!.pointColours[0]).toEqual(["#C00000", "#FFC000", "#00B050"]);
    expect(ring!.widthCm).toBeCloseTo((360 / 72) * 2.54, 2);

    const bars = found.filter((c) => c.kind === "chart:bar");
    expect(bars).toHaveLength(2);
    const horizontal = bars.find((c) => c.horizontal)!;
    expect(horizontal.stacked).toBe(true);
    expect(horizontal.seriesColours).toEqual(["#1F4E79", "#9DC3E6"]);
    const columns = bars.find((c) => !c.horizontal)!;
    expect(columns.stacked).toBe(true);
    expect(columns.seriesColours).toEqual(["#305496", "#F4B084"]);

    const line = found.find((c) => c.kind === "chart:line");
    expect(line).toBeDefined();
    expect(line!.seriesColours).toEqual(["#C00000", "#00B050"]);
  });

  test("printed to PDF: the page header and footer and the chart titles", () => {
    const text = pdfTextOf(populated);
    if (text === null) return; // pdftotext (poppler-utils) not installed
    expect(text).toContain("OFFICIAL");
    expect(text).toContain("Wessex PCC test footer");
    expect(text).toContain("Open by status");
    expect(text).toContain("By force");
  });

  test("text starting with = + - @, with quotes and line breaks, is text in LibreOffice's CSV", async () => {
    const wb = await reopen(populated);
    const order = wb.worksheets.map((s) => s.name);
    const notes = csvOfSheet(populated, order.indexOf("Notes") + 1);
    expect(notes.map((r) => r[0])).toEqual(TRICKY);

    const tracker = csvOfSheet(populated, order.indexOf(SHEETS.tracker) + 1);
    const rec = TRACKER_COLUMNS.findIndex((c) => c.key === "recommendation");
    const target = TRACKER_COLUMNS.findIndex((c) => c.key === "targetDate");
    expect(tracker[0]).toEqual(TRACKER_COLUMNS.map((c) => c.header));
    expect(tracker.slice(1).map((r) => r[rec])).toEqual(TRICKY);
    expect(tracker[1][target]).toBe("31/03/2026");
  });

  test("formulas the host writes are calculated by LibreOffice; text that looks like one is not", async () => {
    const wb = await reopen(populated);
    const order = wb.worksheets.map((s) => s.name);
    const reds = TRICKY.filter((_, i) => DEFAULT_STATUSES[i % 3].name === "Red").length;
    expect(csvOfSheet(populated, order.indexOf("Figures") + 1)).toEqual([
      ["Red (table)", String(reds)],
      ["Red (A1)", String(reds)],
      ["Text", "=COUNTIF(x)"],
    ]);
  });

  test("and through a reopen with the xlsx host, byte for byte", async () => {
    const host = await createXlsxHost({ file: populated });
    const snap = await snapshotOf(host, {
      tables: [TABLES.tracker],
      formulasOf: [TABLES.tracker],
      sheets: ["Notes"],
    });
    const rec = TRACKER_COLUMNS.findIndex((c) => c.key === "recommendation");
    expect(snap.tables[TABLES.tracker].rows.map((r) => r[rec])).toEqual(TRICKY);
    // No cell became a formula.
    expect(snap.tables[TABLES.tracker].formulas!.map((r) => r[rec])).toEqual(TRICKY);
    expect(snap.sheetValues["Notes"].values.map((r) => r[0])).toEqual(TRICKY);
    const raw = await reopen(join(dir, "populated.xlsx"));
    raw.getWorksheet("Notes")!.eachRow((row) => expect(typeof row.getCell(1).value).toBe("string"));
  });
});
