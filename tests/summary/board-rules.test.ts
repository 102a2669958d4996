/**
 * Board figures that cannot mislead: each rule of the Summary, on small fictional trackers of the
 * Wessex force (incomplete rows, mixed kinds, statuses not in the list, unstated addressees, two
 * and three recorded positions), through the figures (domain) and the sheet's plan.
 */
import { TABLES } from "../../src/domain/columns";
import type { TrackerKey } from "../../src/domain/columns";
import type { Value } from "../../src/domain/model";
import { summaryJson, summarise, reconcile, type Summary } from "../../src/domain/summary";
import { builtMessage, summaryOf } from "../../src/engine/summary";
import type { WorkbookSnapshot } from "../../src/workbook/host";
import type { CellValue, ChartPlan, PlanOp } from "../../src/workbook/plan";
import { planSummary } from "../../src/workbook/summary";
import { AS_AT, SETTINGS, row, snapshotOf, table } from "./helpers";

type Values = Partial<Record<TrackerKey, Value>>;
const base = { settings: SETTINGS, asAt: AS_AT, defaultPeriod: "Q4 2025/26" };
const rowsOf = (values: Values[]) => values.map((v, i) => row(v, i));

/** Every cell value the plan writes to the Summary sheet, as text. */
function cells(ops: PlanOp[]): string[] {
  return ops.flatMap((o) =>
    o.op === "writeCells" && o.sheet === "Summary"
      ? o.block.values.flat().map((v) => String(v ?? ""))
      : []
  );
}

/** The headline rows: label → value as the sheet holds it (one cell each). */
function headline(summary: Summary, snap: WorkbookSnapshot): Map<string, CellValue> {
  const { plan, layout } = planSummary(summary, snap);
  const at = layout.tables.headline;
  const out = new Map<string, CellValue>();
  for (const o of plan.ops)
    if (o.op === "writeCells" && o.block.row === at.row && o.block.col === at.col)
      for (const r of o.block.values) out.set(String(r[0]), r[1]);
  return out;
}

function charts(ops: PlanOp[]): ChartPlan[] {
  return ops.flatMap((o) => (o.op === "chart" ? [o.chart] : []));
}

const complete: Values = {
  ref: "W-1",
  kind: "Recommendation",
  inspection: "PEEL 2025: Wessex Police",
  recommendation: "Wessex Police should review how it records crime.",
  addressedTo: "Force",
  owner: "ACC Crime",
  targetDate: AS_AT + 60,
  status: "Green",
};

describe("unknown is its own answer", () => {
  test("an addressee not stated is 'Not stated', never the force; national bodies each itemised and adding up", () => {
    const rows = rowsOf([
      { ...complete, ref: "W-1", addressedTo: "Force" },
      { ...complete, ref: "W-2", addressedTo: "" },
      { ...complete, ref: "W-3", addressedTo: "Unknown" },
      { ...complete, ref: "W-4", addressedTo: "Not stated" },
      { ...complete, ref: "W-5", addressedTo: "NPCC" },
      { ...complete, ref: "W-6", addressedTo: "College of Policing" },
      { ...complete, ref: "W-7", addressedTo: "Home Office" },
      { ...complete, ref: "W-8", addressedTo: "HM Prison and Probation Service" },
      { ...complete, ref: "W-9", addressedTo: "National (body not named)" },
    ]);
    const s = summarise({ ...base, rows });
    expect(s.headline.addressees.force.items).toBe(1);
    expect(s.headline.addressees.notStated.items).toBe(3);
    expect(s.headline.addressees.national.items).toBe(5);
    expect(s.headline.addressees.national.bodies.map((b) => b.name).sort()).toEqual([
      "College of Policing",
      "HM Prison and Probation Service",
      "Home Office",
      "NPCC",
      "National (body not named)",
    ]);
    expect(reconcile(s, rows)).toEqual([]);
    const snap = snapshotOf(rows.map((r) => r.values));
    const h = headline(summaryOf(snap, AS_AT, AS_AT, null), snap);
    expect(h.get("Addressee not stated")).toBe("3 (3 open)");
    expect(h.get("Addressed to the force")).toBe("1 (1 open)");
    // Every body has its own "of which" row: they add up to the national total.
    const ofWhich = [...h].filter(
      ([label]) => label.startsWith("   of which ") && !/recomm/.test(label)
    );
    expect(ofWhich).toHaveLength(5);
    expect(ofWhich.reduce((sum, [, v]) => sum + Number(v), 0)).toBe(5);
    expect(summaryJson(s, 0).addressedTo).toEqual({ force: 1, national: 5, "not stated": 3 });
  });

  test("a 56-day deadline with no published date cannot be worked out: never '0 of 1'", () => {
    const rows = rowsOf([complete]);
    const snap = snapshotOf([complete], [], {
      tables: {
        ...snapshotOf([complete]).tables,
        [TABLES.inspections]: table(
          TABLES.inspections,
          "Inspections",
          ["Code", "Title", "Published", "Response due", "Response published"],
          [["PEEL25", "PEEL 2025: Wessex Police", null, null, null]]
        ),
      },
    });
    const s = summaryOf(snap, AS_AT, AS_AT, null);
    expect(s.headline.responses).toMatchObject({ inspections: 1, known: 0, unknown: 1 });
    const h = headline(s, snap);
    expect(h.get("Inspection responses past the 56-day deadline, not published")).toBe("unknown");
    expect(h.get("   deadline cannot be worked out (no published date)")).toBe("1 of 1");
    expect(builtMessage(s, 3)).toMatch(
      /1 response deadline cannot be worked out \(no published date\)/
    );
    expect(rows).toHaveLength(1);
  });
});

describe("incomplete data is an exception", () => {
  const rows: Values[] = [
    { ...complete, ref: "W-1" },
    { ...complete, ref: "W-2", status: null },
    { ...complete, ref: "W-3", owner: "" },
    { ...complete, ref: "W-4", targetDate: null },
    { ...complete, ref: "W-5", targetDate: "soon" },
    // Closed items need nothing more.
    { ...complete, ref: "W-6", status: "Complete", owner: null, targetDate: null },
  ];

  test("an open item with no status, owner or target date needs information and counts as an exception", () => {
    const s = summarise({ ...base, rows: rowsOf(rows) });
    expect(s.needsInformation.map((n) => [n.ref, n.missing])).toEqual([
      ["W-2", ["no status"]],
      ["W-3", ["no owner"]],
      ["W-4", ["no target date"]],
      ["W-5", ["target date 'soon' is not a date"]],
    ]);
    expect(s.exceptions).toHaveLength(0);
    expect(s.headline).toMatchObject({ needsInformation: 4, exceptions: 4, openWithoutTarget: 2 });
    expect(summaryJson(s, 0)).toMatchObject({ needsInformation: 4, exceptions: 4 });
    expect(builtMessage(s, 3)).toMatch(/4 exceptions \(4 needing information\)/);
  });

  test("the sheet never says 'None' or '0 exceptions' while such items exist; counts that cannot see them say so", () => {
    const snap = snapshotOf(rows);
    const s = summaryOf(snap, AS_AT, AS_AT, null);
    const { plan } = planSummary(s, snap);
    const text = cells(plan.ops);
    expect(text.some((t) => t.startsWith("None"))).toBe(false);
    expect(text).toContain(
      "No item is Red and no open item is past its target date; but 4 open items need information (below), so these figures may not be complete."
    );
    expect(text).toContain(
      "Needs information: open items without a status, a valid status, an owner or a target date (4)"
    );
    const h = headline(s, snap);
    expect(h.get("Exceptions: Red, overdue or needing information")).toBe(4);
    expect(h.get("   Overdue (open and past the target date)")).toBe("0 (2 with no target date)");
    expect(h.get("   Red")).toBe("0 (1 with no valid status)");
    // With every open item complete, the sheet may say None.
    const tidy = snapshotOf([complete]);
    expect(cells(planSummary(summaryOf(tidy, AS_AT, AS_AT, null), tidy).plan.ops)).toContain(
      "None: no item is Red, no open item is past its target date, and every open item has a status, an owner and a target date."
    );
  });
});

describe("not valid is not Green", () => {
  const history = [
    [AS_AT - 91, "W-1", "Amber", "", null],
    [AS_AT - 91, "W-2", "Amber", "", null],
    [AS_AT, "W-1", "grn", "", null],
    [AS_AT, "W-2", "Green", "", null],
  ];
  const values: Values[] = [
    { ...complete, ref: "W-1", status: "grn" },
    { ...complete, ref: "W-2", status: "Green" },
    { ...complete, ref: "W-3", status: "green" },
  ];

  test("a status outside the list counts as Not valid in every table and chart, and is listed", () => {
    const snap = snapshotOf(values, history);
    const s = summaryOf(snap, AS_AT, AS_AT, null);
    const counts = Object.fromEntries(s.headline.byStatus.map((b) => [b.status, b.count]));
    expect(counts).toMatchObject({ Green: 1, "Not valid": 2 });
    const notValid = s.statuses.findIndex((c) => c.name === "Not valid");
    for (const t of [s.byKind, s.byAddressee, s.byInspection, s.byTheme, s.byOwner])
      expect(t.totals[notValid]).toBe(2);
    expect(s.trend[1].counts[notValid]).toBe(1);
    const { plan } = planSummary(s, snap);
    for (const c of charts(plan.ops)) expect(c.colours).toContain("#7030A0");
    expect(s.needsInformation.map((n) => n.missing[0])).toEqual([
      "status 'grn' is not in the list (reads as Green: Check can fix it)",
      "status 'green' is not in the list (reads as Green: Check can fix it)",
    ]);
    expect(summaryJson(s, 2).byStatus).toMatchObject({ Green: 1, "Not valid": 2, "No status": 0 });
  });

  test("it takes no part in movement: 'Amber → grn' is not compared, never improved", () => {
    const snap = snapshotOf(values, history);
    const s = summaryOf(snap, AS_AT, AS_AT, null);
    expect(s.movement!.counts).toMatchObject({ improved: 1, notCompared: 1 });
    expect(s.moved.map((m) => [m.ref, m.movement])).toEqual([
      ["W-2", "improved"],
      ["W-1", "notCompared"],
    ]);
    const moved = planSummary(s, snap)
      .plan.ops.flatMap((o) => (o.op === "writeCells" ? o.block.values : []))
      .filter((r) => r.length === 7 && typeof r[0] === "string" && r[0].startsWith("W-"));
    expect(moved.map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ["W-2", "Amber", "Green", "▲ Improved"],
      ["W-1", "Amber", "grn", "? Not compared (no valid status at one of the positions)"],
    ]);
  });
});

describe("kinds apart", () => {
  test("recommendations and areas for improvement are counted apart, and titles name what they count", () => {
    const values: Values[] = [
      { ...complete, ref: "W-R1" },
      { ...complete, ref: "W-R2" },
      { ...complete, ref: "W-AFI1", kind: "Area for improvement" },
    ];
    const snap = snapshotOf(values);
    const s = summaryOf(snap, AS_AT, AS_AT, null);
    expect(summaryJson(s, 0).byKind).toEqual({
      recommendation: 2,
      "area-for-improvement": 1,
      "cause-of-concern": 0,
    });
    expect(s.byKind.rows.map((r) => [r.label, r.total])).toEqual([
      ["Recommendations", 2],
      ["Areas for improvement", 1],
    ]);
    const { plan } = planSummary(s, snap);
    const text = cells(plan.ops);
    expect(text).toContain(
      "Inspection recommendations and areas for improvement: position as at 31/03/2026"
    );
    expect(text).toContain("Recommendations and areas for improvement by kind");
    expect(text).toContain("Recommendations and areas for improvement by inspection");
    expect(text.some((t) => /^Recommendations by/.test(t))).toBe(false);
    expect(charts(plan.ops).map((c) => c.title)).toContain(
      "Recommendations and AFIs by inspection and status"
    );
    const h = headline(s, snap);
    expect(h.get("   of which recommendations")).toBe("2 (2 open)");
    expect(h.get("   of which areas for improvement")).toBe("1 (1 open)");
  });

  test("causes of concern and items with no kind: 'findings', each kind its own row", () => {
    const values: Values[] = [
      { ...complete, ref: "W-R1" },
      { ...complete, ref: "W-C1", kind: "Cause of concern" },
      { ...complete, ref: "W-X1", kind: "" },
    ];
    const s = summarise({ ...base, rows: rowsOf(values) });
    expect(s.noun).toBe("findings");
    expect(s.byKind.rows.map((r) => r.label)).toEqual([
      "Recommendations",
      "Causes of concern",
      "Kind not stated",
    ]);
    expect(summaryJson(s, 0).byKind).toEqual({
      recommendation: 1,
      "area-for-improvement": 0,
      "cause-of-concern": 1,
      "not stated": 1,
    });
  });
});

describe("movement in plain words, over two and three positions", () => {
  const P1 = AS_AT - 182;
  const P2 = AS_AT - 91;
  const history = [
    [P1, "W-1", "Red", "", AS_AT - 30],
    [P1, "W-2", "Green", "", null],
    [P2, "W-1", "Amber", "", AS_AT - 30],
    [P2, "W-2", "Green", "", null],
    [P2, "W-3", "Amber", "", null],
    [P2, "W-4", "Red", "", null],
    [AS_AT, "W-1", "Red", "", AS_AT + 30],
    [AS_AT, "W-2", "Complete", "", null],
    [AS_AT, "W-4", "Red", "", null],
    [AS_AT, "W-5", "Green", "", null],
  ];
  const values: Values[] = [
    {
      ...complete,
      ref: "W-1",
      status: "Red",
      targetDate: AS_AT - 10,
      progress:
        "Q4 2025/26: the custody audit found gaps in the risk assessments at shift handover; a second audit is booked for April and the Chief Inspector Custody reports weekly to the ACC until it is complete. " +
        "Training for all custody sergeants is scheduled across May and June.",
      lastUpdated: AS_AT - 2,
      nextSteps: "Second audit in April; recovery plan to the May performance board.",
    },
    { ...complete, ref: "W-2", status: "Complete" },
    { ...complete, ref: "W-4", status: "Red" },
    { ...complete, ref: "W-5", status: "Green" },
  ];

  test("the latest two of three positions: completed, removed, deteriorated, unchanged, new", () => {
    const snap = snapshotOf(values, history);
    const s = summaryOf(snap, AS_AT, AS_AT, null);
    expect(s.trend).toHaveLength(3);
    expect(s.movement!.from).toBe(P2);
    expect(s.movement!.counts).toMatchObject({
      completed: 1,
      removed: 1,
      deteriorated: 1,
      unchanged: 1,
      new: 1,
      improved: 0,
    });
    const text = cells(planSummary(s, snap).plan.ops);
    for (const label of [
      "Completed since last position",
      "Removed from the tracker",
      "Improved",
      "Deteriorated",
      "Unchanged",
      "New since last position",
    ])
      expect(text).toContain(label);
    expect(text).not.toContain("Closed since last");
    expect(summaryJson(s, 3)).toMatchObject({
      movement: { completed: 1, removed: 1, deteriorated: 1, unchanged: 1, new: 1, improved: 0 },
      positions: 3,
      movementBetween: ["2025-12-30", "2026-03-31"],
    });
    // Two positions: the trend chart appears; one: it cannot be worked out, and says so.
    const one = snapshotOf(
      values,
      history.filter((h) => h[0] === AS_AT)
    );
    expect(cells(planSummary(summaryOf(one, AS_AT, AS_AT, null), one).plan.ops)).toContain(
      "One position recorded (31/03/2026): what moved cannot be worked out until another is recorded."
    );
  });

  test("exceptions carry the whole latest update, the original and revised target dates and next steps", () => {
    const snap = snapshotOf(values, history);
    const s = summaryOf(snap, AS_AT, AS_AT, null);
    const w1 = s.exceptions.find((e) => e.ref === "W-1")!;
    expect(w1).toMatchObject({
      originalTarget: AS_AT - 30,
      targetDate: AS_AT - 10,
      daysOverdue: 10,
    });
    const { plan } = planSummary(s, snap);
    const row = plan.ops
      .flatMap((o) => (o.op === "writeCells" ? o.block.values : []))
      .find((r) => r[0] === "W-1" && r.length === 8)!;
    expect(row[3]).toBe(AS_AT - 30);
    expect(row[4]).toBe(AS_AT - 10);
    const text = String(row[1]);
    expect(text).toContain(String(values[0].progress));
    expect(text).toContain("Latest update (29/03/2026): Q4 2025/26: the custody audit");
    expect(text).toContain(
      "Next steps: Second audit in April; recovery plan to the May performance board."
    );
    // Wrapped, with a row tall enough for it.
    const wrapped = plan.ops.find(
      (o) =>
        o.op === "writeCells" && o.block.style?.wrap && o.block.values.some((v) => v[0] === text)
    );
    expect(wrapped).toBeDefined();
    const heights = plan.ops.find((o) => o.op === "rowHeights");
    expect(
      heights && heights.op === "rowHeights" && heights.rows.some((r) => r.height >= 5 * 12)
    ).toBe(true);
  });
});

describe("settings and the board paper", () => {
  const values: Values[] = [
    { ...complete, ref: "W-1", targetDate: AS_AT + 10 },
    { ...complete, ref: "W-2", targetDate: AS_AT + 20 },
    { ...complete, ref: "W-3", targetDate: AS_AT + 45, status: "Red" },
  ];
  const withLists = (dueSoon: string, meaning: string) => {
    const snap = snapshotOf(values);
    snap.tables[TABLES.settings] = table(
      TABLES.settings,
      "Lists",
      ["Setting", "Value", "Note"],
      [["Due soon (days)", dueSoon, ""]]
    );
    snap.tables[TABLES.statuses] = table(
      TABLES.statuses,
      "Lists",
      ["Status", "Meaning", "Colour", "Closed"],
      [
        ["Red", meaning, "#C00000", "No"],
        ["Amber", "At risk", "#FFC000", "No"],
        ["Green", "On track", "#00B050", "No"],
        ["Complete", "Delivered, evidence held", "#0070C0", "Yes"],
      ]
    );
    return snap;
  };

  test("'Due soon' uses the Lists setting, not a fixed 90 days", () => {
    const snap = withLists("14", "Off track");
    const s = summaryOf(snap, AS_AT, AS_AT, null);
    expect(s.headline).toMatchObject({ dueSoon: 1, dueSoonDays: 14 });
    expect(headline(s, snap).get("Due in the next 14 days (Lists: Due soon)")).toBe(1);
    const wider = withLists("60", "Off track");
    expect(summaryOf(wider, AS_AT, AS_AT, null).headline.dueSoon).toBe(3);
  });

  test("the RAG legend gives each status's meaning from Lists; page 1 is a dashboard; 'Page N of M' in the footer", () => {
    const snap = withLists("30", "Off track: the Wessex board must intervene");
    const s = summaryOf(snap, AS_AT, AS_AT, null);
    const { plan, layout } = planSummary(s, snap);
    const text = cells(plan.ops);
    expect(text).toContain("What it means (from the Lists sheet)");
    expect(text).toContain("Off track: the Wessex board must intervene");
    // Page 1: headline with the exceptions count, status table, legend and the doughnut; the
    // exceptions list starts page 2.
    const dough = charts(plan.ops).find((c) => c.type === "doughnut")!;
    for (const t of [layout.tables.headline, layout.tables.status, layout.tables.legend])
      expect(t.row + t.rows).toBeLessThanOrEqual(layout.firstPageEnd);
    expect(dough.anchor.row + Math.ceil(dough.heightPt / 12.75)).toBeLessThanOrEqual(
      layout.firstPageEnd
    );
    expect(layout.breaks[0]).toBe(layout.firstPageEnd);
    expect(layout.tables.exceptions.row).toBeGreaterThan(layout.firstPageEnd);
    expect(plan.ops.find((o) => o.op === "pageSetup")).toMatchObject({
      setup: { footer: "OFFICIAL", pageNumbers: true },
    });
  });

  test("charts list inspections and themes in their tables' order; values and qualifiers share one cell", () => {
    const snap = snapshotOf([
      { ...complete, ref: "W-1", inspection: "Custody in Wessex", theme: "Risk" },
      { ...complete, ref: "W-2", inspection: "Custody in Wessex", theme: "Data" },
      { ...complete, ref: "W-3", inspection: "PEEL 2025: Wessex Police", theme: "Data" },
    ]);
    const s = summaryOf(snap, AS_AT, AS_AT, null);
    const { plan, layout } = planSummary(s, snap);
    for (const [name, key] of [
      ["ByInspection", "inspection"],
      ["ByTheme", "theme"],
    ] as const) {
      const c = charts(plan.ops).find((x) => x.name === name)!;
      expect(c.topDown).toBe(true);
      // The chart plots the table itself (header and body rows), so its order is the table's.
      expect(c.data.row).toBe(layout.tables[key].row);
      expect(c.data.rows).toBe(layout.tables[key].rows - 1);
    }
    const h = headline(s, snap);
    expect(h.get("Addressed to the force")).toBe("3 (3 open)");
    expect([...h.values()].every((v) => typeof v === "number" || !/^\d+$/.test(String(v)))).toBe(
      true
    );
  });
});
