import { CHECK_HEADER, TABLES } from "../../src/domain/columns";
import { isTrackerError } from "../../src/domain/errors";
import { checkTracker, selectCell } from "../../src/engine/check";
import type { ReadRequest, WorkbookHost, WorkbookSnapshot } from "../../src/workbook/host";
import { CHECK_READ, checkSnapshot, errorRowFormula, planCheck } from "../../src/workbook/check";
import type { PlanOp, RangeRef, WorkbookPlan } from "../../src/workbook/plan";
import { AS_AT, HEADERS, cells, goodValues, inspectionsTable, serial, settingsTable, snapshotWith, trackerTable } from "./helpers";

const STATUS = HEADERS.indexOf("Status");

function threeRows() {
  return trackerTable([
    cells(goodValues({ ref: "WP-1" })),
    cells(goodValues({ ref: "WP-2", status: "grn", owner: "" })),
    cells(goodValues({ ref: "WP-3", status: "r" })),
  ]);
}

/** The Lists sheet's owners and themes tables, as set-up makes them. */
function listsTables(owners: string[], themes: string[]) {
  return {
    [TABLES.owners]: { name: TABLES.owners, sheet: "Lists", row: 0, col: 7, headers: ["Owner"], rows: owners.map((o) => [o]) },
    [TABLES.themes]: { name: TABLES.themes, sheet: "Lists", row: 0, col: 5, headers: ["Theme"], rows: themes.map((t) => [t]) },
  };
}

describe("Add to Lists", () => {
  const rows = () =>
    trackerTable([
      cells(goodValues({ ref: "WP-1", owner: "Insp C. New" })),
      cells(goodValues({ ref: "WP-2", owner: "Insp C. New", theme: "risk and safeguarding" })),
    ]);

  it("reads the Lists tables with the tracker, in the same single read", () => {
    expect(CHECK_READ.tables).toEqual(expect.arrayContaining([TABLES.themes, TABLES.owners, TABLES.addressees]));
  });

  it("flags an owner the Lists sheet lacks on every row, and one click puts it there once", () => {
    const snap = snapshotWith(rows(), listsTables(["Supt A. Example"], ["Risk and safeguarding"]));
    const first = planCheck(snap, { today: AS_AT });
    const owners = first.report.findings.filter((f) => f.rule === "owner-not-listed");
    expect(owners.map((f) => [f.row, f.listFix])).toEqual([
      [2, { list: "owners", value: "Insp C. New" }],
      [3, { list: "owners", value: "Insp C. New" }],
    ]);
    // 'Fix all' leaves the lists alone: adding is the analyst's call, one click per value.
    expect(planCheck(snap, { today: AS_AT }, "all").plan.ops.filter((o) => o.op === "appendRows")).toEqual([]);
    const f = owners[0];
    const { plan, report, fixed } = planCheck(snap, { today: AS_AT }, [
      { id: f.id, value: "Insp C. New", from: "", addTo: "owners" },
    ]);
    expect(plan.ops.filter((o) => o.op === "appendRows")).toEqual([
      { op: "appendRows", table: TABLES.owners, rows: [["Insp C. New"]] },
    ]);
    expect(fixed.map((x) => x.id)).toEqual([f.id]);
    // Both rows are clear now; the theme spelt differently is still offered its certain fix.
    expect(report.findings.map((x) => x.rule)).toEqual(["theme-not-listed"]);
    expect(report.findings[0].fix).toEqual({ value: "Risk and safeguarding", from: "risk and safeguarding" });
    // No tracker cell is written for it.
    expect(plan.ops.filter((o) => o.op === "writeTableCells" && o.col !== HEADERS.length)).toEqual([]);
  });

  it("skips an add whose finding no longer asks for that value, and refuses a protected Lists sheet", () => {
    const snap = snapshotWith(rows(), listsTables([], []));
    const f = checkSnapshot(snap, { today: AS_AT }).findings.find((x) => x.rule === "owner-not-listed")!;
    const stale = planCheck(snap, { today: AS_AT }, [{ id: f.id, value: "Someone else", from: "", addTo: "owners" }]);
    expect(stale.skipped).toEqual([f.id]);
    expect(stale.plan.ops.filter((o) => o.op === "appendRows")).toEqual([]);
    const locked = snapshotWith(rows(), listsTables([], []), ["Lists"]);
    expect(() => planCheck(locked, { today: AS_AT }, [{ id: f.id, value: "Insp C. New", from: "", addTo: "owners" }])).toThrow(/'Lists' is protected/);
  });
});

describe("planCheck", () => {
  it("adds the Check column at the table's end with one text per row, and marks error rows", () => {
    const { plan, report } = planCheck(snapshotWith(threeRows()), { today: AS_AT });
    const add = plan.ops.find((o) => o.op === "addTableColumn") as Extract<PlanOp, { op: "addTableColumn" }>;
    expect(add).toMatchObject({ table: TABLES.tracker, header: CHECK_HEADER, numberFormat: "@" });
    expect(add.values).toEqual(["OK", "2 errors: status 'grn'; owner missing", "1 error: status 'r'"]);
    expect(report.rowsWithErrors).toBe(2);
    const cfs = plan.ops.filter((o) => o.op === "conditionalFormats") as Extract<PlanOp, { op: "conditionalFormats" }>[];
    // The body left and right of Status: Status keeps its RAG colours.
    const checkLetter = String.fromCharCode(65 + HEADERS.length); // P
    expect(cfs.map((c) => (c.target as { range: RangeRef }).range)).toEqual([
      { row: 1, col: 0, rows: 3, cols: STATUS },
      { row: 1, col: STATUS + 1, rows: 3, cols: HEADERS.length - STATUS },
    ]);
    expect(cfs[0].rules).toEqual([expect.objectContaining({ kind: "formula", formula: errorRowFormula(checkLetter, 2) })]);
    // Nothing the analyst typed is written.
    expect(plan.ops.filter((o) => o.op === "writeTableCells")).toEqual([]);
  });

  it("rewrites an existing Check column in place, wherever it sits", () => {
    const t = threeRows();
    t.headers.push("Analyst notes", CHECK_HEADER);
    t.rows.forEach((r) => r.push("keep me", "stale text"));
    const { plan } = planCheck(snapshotWith(t), { today: AS_AT });
    expect(plan.ops.filter((o) => o.op === "addTableColumn")).toEqual([]);
    // The analyst's own column (between Closed date and Check) keeps its formats: not in the ranges.
    const ranges = (plan.ops.filter((o) => o.op === "conditionalFormats") as Extract<PlanOp, { op: "conditionalFormats" }>[])
      .map((c) => (c.target as { range: RangeRef }).range);
    expect(ranges.map((r) => [r.col, r.cols])).toEqual([[0, STATUS], [STATUS + 1, HEADERS.length - STATUS - 1], [HEADERS.length + 1, 1]]);
    const writes = plan.ops.filter((o) => o.op === "writeTableCells") as Extract<PlanOp, { op: "writeTableCells" }>[];
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ col: HEADERS.length + 1, row: 0 });
    expect(writes[0].values).toEqual([["OK"], ["2 errors: status 'grn'; owner missing"], ["1 error: status 'r'"]]);
  });

  it("puts every certain fix and the Check column in one plan, and the Check text reflects the fixes", () => {
    const { plan, fixed, report } = planCheck(snapshotWith(threeRows()), { today: AS_AT }, "all");
    const writes = plan.ops.filter((o) => o.op === "writeTableCells");
    expect(writes).toEqual([
      { op: "writeTableCells", table: TABLES.tracker, row: 1, col: STATUS, values: [["Green"]] },
      { op: "writeTableCells", table: TABLES.tracker, row: 2, col: STATUS, values: [["Red"]] },
    ]);
    expect(fixed).toHaveLength(2);
    const add = plan.ops.find((o) => o.op === "addTableColumn") as Extract<PlanOp, { op: "addTableColumn" }>;
    expect(add.values).toEqual(["OK", "1 error: owner missing", "OK"]);
    expect(report.counts.error).toBe(1);
  });

  it("fixes only the finding asked for, and skips it when the cell changed since", () => {
    const snap = snapshotWith(threeRows());
    const before = checkSnapshot(snap, { today: AS_AT });
    const grn = before.findings.find((f) => f.fix?.from === "grn")!;
    const one = planCheck(snap, { today: AS_AT }, [{ id: grn.id, ...grn.fix! }]);
    expect(one.plan.ops.filter((o) => o.op === "writeTableCells")).toHaveLength(1);
    expect(one.fixed.map((f) => f.ref)).toEqual(["WP-2"]);
    const stale = planCheck(snap, { today: AS_AT }, [{ id: grn.id, value: "Green", from: "gren" }]);
    expect(stale.fixed).toEqual([]);
    expect(stale.skipped).toEqual([grn.id]);
    expect(stale.plan.ops.filter((o) => o.op === "writeTableCells")).toEqual([]);
  });

  it("refuses before planning anything when the Tracker sheet is protected", () => {
    let err: unknown;
    try {
      planCheck(snapshotWith(threeRows(), {}, ["Tracker"]), { today: AS_AT });
    } catch (e) {
      err = e;
    }
    expect(isTrackerError(err) && err.code).toBe("protected");
    expect((err as Error).message).toMatch(/'Tracker' is protected/);
  });

  it("says what to do when there is no tracker", () => {
    expect(() => planCheck(snapshotWith(null), { today: AS_AT })).toThrow(/no tracker table/);
  });

  it("takes thresholds and the as-at date from the Lists sheet, the command line's as-at above all", () => {
    const t = trackerTable([cells(goodValues({ lastUpdated: serial("2026-10-01"), targetDate: serial("2027-06-30") }))]);
    const settings = settingsTable({ "As-at date": "31/12/2026", "Stale after (days)": 60, "Due soon (days)": "200" });
    const snap = snapshotWith(t, { [TABLES.settings]: settings });
    const r = checkSnapshot(snap, { today: AS_AT });
    expect(r.asAt).toBe("2026-12-31");
    expect(r.findings.map((f) => f.rule).sort()).toEqual(["due-soon", "stale"]);
    expect(checkSnapshot(snap, { today: AS_AT, asAt: serial("2026-11-15") }).asAt).toBe("2026-11-15");
    expect(checkSnapshot(snapshotWith(t), { today: AS_AT }).findings).toEqual([]);
  });

  it("reads the response deadline off the Inspections table", () => {
    const ins = inspectionsTable([["WP-PEEL25", "PEEL 2025", "HMICFRS", "Wessex Police", serial("2026-09-01"), "Good", null, null, ""]]);
    const r = checkSnapshot(snapshotWith(trackerTable([]), { [TABLES.inspections]: ins }), { today: AS_AT });
    expect(r.findings).toEqual([expect.objectContaining({ rule: "response-overdue", row: 2, col: 7, ref: "WP-PEEL25" })]);
  });

  it("marks nothing but still adds the column on an empty table", () => {
    const { plan } = planCheck(snapshotWith(trackerTable([])), { today: AS_AT });
    expect(plan.ops.map((o) => o.op)).toEqual(["addTableColumn", "columnWidths"]);
  });
});

/** A host that returns a snapshot and records reads, plans and selections. */
function createStubHost(snapshot: WorkbookSnapshot) {
  const log = { reads: [] as ReadRequest[], plans: [] as WorkbookPlan[], selects: [] as [string, RangeRef][] };
  const host: WorkbookHost = {
    run: async (_label, op) =>
      op({
        read: async (req) => (log.reads.push(req), snapshot),
        apply: async (plan) => void log.plans.push(plan),
        select: async (sheet, range) => void log.selects.push([sheet, range]),
      }),
  };
  return { host, log };
}

describe("checkTracker (engine)", () => {
  it("reads once and applies once, with fixes and Check column in the same plan", async () => {
    const { host, log } = createStubHost(snapshotWith(threeRows()));
    const out = await checkTracker(host, { today: AS_AT, fixes: "all" });
    expect(log.reads).toEqual([CHECK_READ]);
    expect(log.plans).toHaveLength(1);
    const ops = log.plans[0].ops.map((o) => o.op);
    expect(ops.filter((o) => o === "writeTableCells")).toHaveLength(2);
    expect(ops).toContain("addTableColumn");
    expect(out.fixed).toBe(2);
    expect(out.message).toBe("Fixed 2 statuses. 1 error and 0 warnings in 3 rows; 1 row with errors.");
    expect(out.findings[0].cell).toEqual({ sheet: "Tracker", row: 2, col: HEADERS.indexOf("Owner") });
  });

  it("only reads when asked not to write", async () => {
    const { host, log } = createStubHost(snapshotWith(threeRows()));
    const out = await checkTracker(host, { today: AS_AT, write: false });
    expect(log.plans).toEqual([]);
    expect(out.report.counts.error).toBe(3);
  });

  it("selects a finding's cell", async () => {
    const { host, log } = createStubHost(snapshotWith(threeRows()));
    await selectCell(host, { sheet: "Tracker", row: 3, col: STATUS });
    expect(log.selects).toEqual([["Tracker", { row: 3, col: STATUS, rows: 1, cols: 1 }]]);
  });
});
