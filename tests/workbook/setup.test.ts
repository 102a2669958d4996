import { SHEETS, TABLES, TRACKER_COLUMNS } from "../../src/domain/columns";
import { DEFAULT_STATUSES } from "../../src/domain/status";
import type { TableSnapshot, WorkbookSnapshot } from "../../src/workbook/host";
import type { CellValue, PlanOp } from "../../src/workbook/plan";
import { LAYOUT_KEY, planSetup, statusListSource } from "../../src/workbook/setup";

function empty(extra: Partial<WorkbookSnapshot> = {}): WorkbookSnapshot {
  return { sheets: [{ name: "Sheet1", visibility: "visible", protected: false }], activeSheet: "Sheet1", meta: null, tables: {}, sheetValues: {}, ...extra };
}

function table(name: string, sheet: string, headers: string[], rows: CellValue[][] = [], extra: Partial<TableSnapshot> = {}): TableSnapshot {
  return { name, sheet, row: 0, col: 0, headers, rows, ...extra };
}

/** The snapshot a workbook would give after set-up applied its plan (what a host would read). */
function afterSetup(trackerRows: (string | number | null)[][] = []): WorkbookSnapshot {
  const plan = planSetup(empty()).plan;
  const tables: Record<string, TableSnapshot> = {};
  for (const op of plan.ops) {
    if (op.op === "createTable") tables[op.table.name] = table(op.table.name, op.sheet, op.table.headers, op.table.rows, { col: op.table.col });
  }
  const meta: Record<string, string> = {};
  for (const op of plan.ops) {
    if (op.op === "writeCells" && op.sheet === SHEETS.meta) op.block.values.slice(1).forEach(([k, v]) => (meta[String(k)] = String(v)));
  }
  const source = statusListSource({ ...empty(), tables }, DEFAULT_STATUSES);
  tables[TABLES.tracker] = { ...tables[TABLES.tracker], rows: trackerRows, statusValidation: source, statusFormats: DEFAULT_STATUSES.length };
  const sheets = [...new Set(["Sheet1", ...plan.ops.filter((o): o is Extract<PlanOp, { op: "ensureSheet" }> => o.op === "ensureSheet").map((o) => o.sheet)])];
  return { ...empty(), sheets: sheets.map((name) => ({ name, visibility: "visible", protected: false })), tables, meta };
}

describe("planSetup", () => {
  it("on an empty workbook creates the tracker, lists, inspections, history and metadata", () => {
    const { plan, created } = planSetup(empty());
    const tables = plan.ops.filter((o): o is Extract<PlanOp, { op: "createTable" }> => o.op === "createTable");
    expect(tables.map((t) => t.table.name).sort()).toEqual(Object.values(TABLES).sort());
    const tracker = tables.find((t) => t.table.name === TABLES.tracker)!;
    expect(tracker.sheet).toBe(SHEETS.tracker);
    expect(tracker.table.headers).toEqual(TRACKER_COLUMNS.map((c) => c.header));
    const fmt = (h: string) => tracker.table.columnFormats[tracker.table.headers.indexOf(h)];
    expect(fmt("Target date")).toBe("dd/mm/yyyy");
    expect(fmt("Closed date")).toBe("dd/mm/yyyy");
    expect(fmt("Recommendation")).toBe("@");
    expect(fmt("Status")).toBe("@");
    const dv = plan.ops.find((o) => o.op === "listValidation");
    expect(dv).toMatchObject({ target: { table: TABLES.tracker, column: "Status" }, source: "=Lists!$A$2:$A$6" });
    const cf = plan.ops.find((o) => o.op === "conditionalFormats");
    expect(cf && cf.op === "conditionalFormats" && cf.rules).toEqual(
      DEFAULT_STATUSES.map((s) => ({ kind: "equals", text: s.name, fill: s.colour, fontColour: s.fontColour }))
    );
    // The header row and the Ref column stay in view.
    expect(plan.ops).toContainEqual({ op: "freeze", sheet: SHEETS.tracker, rows: 1, cols: 1 });
    expect(plan.ops).toContainEqual(expect.objectContaining({ op: "ensureSheet", sheet: SHEETS.meta, visibility: "veryHidden" }));
    expect(created).toContain("Tracker");
  });

  it("a second run on a set-up workbook plans nothing", () => {
    const outcome = planSetup(afterSetup([["W-R1", "PEEL", "Recommendation", 1, "Text", "Force", null, null, null, "Red", null, null, null, null, null]]));
    expect(outcome.plan.ops).toEqual([]);
    expect(outcome.rows).toBe(1);
  });

  it("repairs a deleted Lists sheet and a removed dropdown without writing to tracker rows", () => {
    const snap = afterSetup([["W-R1", "PEEL", "Recommendation", 1, "Text", "Force", null, null, null, "Red", null, null, null, null, null]]);
    delete snap.tables[TABLES.statuses];
    delete snap.tables[TABLES.themes];
    delete snap.tables[TABLES.owners];
    delete snap.tables[TABLES.settings];
    snap.sheets = snap.sheets.filter((s) => s.name !== SHEETS.lists);
    snap.tables[TABLES.tracker].statusValidation = null;
    const { plan, repaired } = planSetup(snap);
    expect(repaired).toEqual(expect.arrayContaining(["Lists: statuses", "Status dropdown"]));
    const rowWrites = plan.ops.filter((o) => (o.op === "appendRows" || o.op === "writeTableCells" || o.op === "deleteRows") && o.table === TABLES.tracker);
    expect(rowWrites).toEqual([]);
    expect(plan.ops.some((o) => o.op === "createTable" && o.table.name === TABLES.tracker)).toBe(false);
  });

  it("adds a missing contract column at the table's end, keeping the analyst's columns", () => {
    const snap = afterSetup();
    const t = snap.tables[TABLES.tracker];
    t.headers = t.headers.filter((h) => h !== "Evidence").concat(["My notes"]);
    const { plan } = planSetup(snap);
    expect(plan.ops).toContainEqual(expect.objectContaining({ op: "addTableColumn", table: TABLES.tracker, header: "Evidence" }));
  });

  it("refuses to overwrite a Tracker sheet it did not make", () => {
    const snap = empty({ sheets: [{ name: "Tracker", visibility: "visible", protected: false }] });
    expect(() => planSetup(snap)).toThrow(/did not make. Nothing was changed/);
    try {
      planSetup(snap);
    } catch (e) {
      expect((e as { code: string }).code).toBe("not-ours");
    }
  });

  it("refuses to write its lists over a Lists sheet of the analyst's own", () => {
    const snap = empty({ sheets: [{ name: "Lists", visibility: "visible", protected: false }] });
    expect(() => planSetup(snap)).toThrow(/sheet called 'Lists' without Inspection Tracker's lists on it. Nothing was changed/);
  });

  it("recreates one deleted list table on the sheet where the other lists live", () => {
    const snap = afterSetup();
    delete snap.tables[TABLES.owners];
    const { plan } = planSetup(snap);
    const created = plan.ops.filter((o) => o.op === "createTable");
    expect(created).toEqual([expect.objectContaining({ sheet: SHEETS.lists, table: expect.objectContaining({ name: TABLES.owners }) })]);
    expect(plan.ops.some((o) => o.op === "ensureSheet" && o.sheet === SHEETS.lists)).toBe(false);
  });

  it("refuses, before writing anything, when a sheet it must repair is protected", () => {
    const snap = afterSetup();
    snap.tables[TABLES.tracker].statusValidation = null;
    snap.sheets = snap.sheets.map((s) => (s.name === SHEETS.tracker ? { ...s, protected: true } : s));
    expect(() => planSetup(snap)).toThrow(/'Tracker' is protected/);
  });

  it("finds the tracker by table name after the analyst renames its sheet", () => {
    const snap = afterSetup();
    snap.tables[TABLES.tracker].sheet = "Recommendations 2025";
    snap.sheets = snap.sheets.map((s) => (s.name === SHEETS.tracker ? { ...s, name: "Recommendations 2025" } : s));
    const { plan } = planSetup(snap);
    // Only the metadata changes: it now records where the tracker lives.
    expect(plan.ops.map((o) => o.op)).toEqual(["ensureSheet", "writeCells"]);
    const write = plan.ops[1];
    expect(write.op === "writeCells" && write.block.values).toContainEqual(["role:tracker", "Recommendations 2025"]);
  });

  it("creates the sheets in the order Tracker, Inspections, Lists, Status history, each after the one before", () => {
    const { plan } = planSetup(empty());
    const sheets = plan.ops.filter((o): o is Extract<PlanOp, { op: "ensureSheet" }> => o.op === "ensureSheet" && o.visibility !== "veryHidden");
    expect(sheets.map((o) => [o.sheet, o.after])).toEqual([
      [SHEETS.tracker, undefined],
      [SHEETS.inspections, SHEETS.tracker],
      [SHEETS.lists, SHEETS.inspections],
      [SHEETS.history, SHEETS.lists],
    ]);
  });

  it("puts a missing Inspections sheet after the Summary the add-in made, so the Summary stays second", () => {
    const snap = afterSetup();
    delete snap.tables[TABLES.inspections];
    snap.sheets = snap.sheets.filter((s) => s.name !== SHEETS.inspections).concat([{ name: "Summary", visibility: "visible", protected: false }]);
    snap.meta = { ...snap.meta, "role:summary": "Summary" };
    const { plan } = planSetup(snap);
    expect(plan.ops).toContainEqual(expect.objectContaining({ op: "ensureSheet", sheet: SHEETS.inspections, after: "Summary" }));
  });

  it("gives Theme, Owner and Addressed to lenient dropdowns from Lists that grow with their tables", () => {
    const { plan } = planSetup(empty());
    const dv = plan.ops.filter((o): o is Extract<PlanOp, { op: "listValidation" }> => o.op === "listValidation");
    expect(dv.map((o) => [o.target.column, o.source, o.strict ?? true])).toEqual([
      ["Status", "=Lists!$A$2:$A$6", true],
      ["Theme", "=OFFSET(Lists!$F$2,0,0,MAX(1,COUNTA(Lists!$F:$F)-1),1)", false],
      ["Owner", "=OFFSET(Lists!$H$2,0,0,MAX(1,COUNTA(Lists!$H:$H)-1),1)", false],
      ["Addressed to", "=OFFSET(Lists!$N$2,0,0,MAX(1,COUNTA(Lists!$N:$N)-1),1)", false],
    ]);
    const addressees = plan.ops.find((o) => o.op === "createTable" && o.table.name === TABLES.addressees);
    expect(addressees && addressees.op === "createTable" && addressees.table.rows.map((r) => r[0])).toEqual([
      "Force",
      "NPCC",
      "College of Policing",
      "Home Office",
      "Ministry of Justice",
      "HM Prison and Probation Service",
      "National Crime Agency",
      "Crown Prosecution Service",
      "APCC",
      "National (body not named)",
      "Not stated",
    ]);
  });

  it("prints the Tracker A4 landscape, one page wide, its header row on every page, gridlines left alone", () => {
    const { plan } = planSetup(empty());
    expect(plan.ops).toContainEqual({
      op: "pageSetup",
      sheet: SHEETS.tracker,
      setup: {
        orientation: "landscape",
        paper: "A4",
        fitToPagesWide: 1,
        fitToPagesTall: 0,
        printTitleRows: { first: 0, last: 0 },
        centerHorizontally: false,
      },
    });
    expect(plan.ops.some((o) => o.op === "gridlines")).toBe(false);
  });

  it("fills Lists' Owners from the rows, once, without case or spacing twins", () => {
    const row = (owner: string | null) => ["W-R1", "PEEL", "Recommendation", 1, "Text", "Force", null, owner, null, "Red", null, null, null, null, null];
    const snap = afterSetup([row("Supt A. Example"), row("supt a.  example"), row("DCI B. Sample"), row(null)]);
    snap.tables[TABLES.owners].rows = [["DCI B. Sample"]];
    const { plan, repaired } = planSetup(snap);
    expect(plan.ops).toEqual([{ op: "appendRows", table: TABLES.owners, rows: [["Supt A. Example"]] }]);
    expect(repaired).toEqual(["Lists: 1 owner from the rows"]);
    snap.tables[TABLES.owners].rows.push(["Supt A. Example"]);
    expect(planSetup(snap).plan.ops).toEqual([]);
  });

  it("cuts an owner the rows name that is longer than a cell holds, and says where", () => {
    const long = "Supt A. Example ".repeat(2500) + "QPM"; // 40,003 characters, from a file Excel did not write
    const row = ["W-R1", "PEEL", "Recommendation", 1, "Text", "Force", null, long, null, "Red", null, null, null, null, null];
    const snap = afterSetup([row]);
    const { plan, cut } = planSetup(snap);
    const owners = plan.ops.find((o): o is Extract<PlanOp, { op: "appendRows" }> => o.op === "appendRows" && o.table === TABLES.owners)!;
    expect(String(owners.rows[0][0])).toHaveLength(32_767);
    expect(/\[… cut: 40,003 characters, over Excel's 32,767 a cell\]$/.test(String(owners.rows[0][0]))).toBe(true);
    expect(cut).toEqual([expect.objectContaining({ length: 40_003, message: expect.stringMatching(/over Excel's limit of 32,767/) })]);
    expect(planSetup(afterSetup()).cut).toEqual([]);
  });

  it("gives a tracker set up before the dropdowns them once, with the print set-up and frozen Ref column", () => {
    const snap = afterSetup();
    delete snap.meta![LAYOUT_KEY];
    const first = planSetup(snap);
    expect(first.repaired).toEqual([
      "Theme dropdown",
      "Owner dropdown",
      "Addressed to dropdown",
      "Tracker print set-up and frozen Ref column",
      "Tracker metadata",
    ]);
    expect(first.plan.ops).toContainEqual({ op: "freeze", sheet: SHEETS.tracker, rows: 1, cols: 1 });
    snap.meta![LAYOUT_KEY] = "2";
    expect(planSetup(snap).plan.ops).toEqual([]);
  });
});
