import fc from "fast-check";
import { SHEETS, TABLES } from "../../src/domain/columns";
import type { TrackerKey } from "../../src/domain/columns";
import type { Value } from "../../src/domain/model";
import {
  isNationalBody,
  NOT_VALID,
  NO_STATUS,
  reconcile,
  summarise,
} from "../../src/domain/summary";
import { summaryOf } from "../../src/engine/summary";
import type { ChartPlan, PlanOp } from "../../src/workbook/plan";
import { CHART_WIDTH_PT, planSummary } from "../../src/workbook/summary";
import { AS_AT, SETTINGS, row, snapshotOf } from "./helpers";

const base = { settings: SETTINGS, asAt: AS_AT, defaultPeriod: "Q4 2025/26" };

const STATUS_TEXT = [
  "Red",
  "Amber",
  "Green",
  "Complete",
  "Superseded",
  "red",
  "G",
  "Completed",
  "",
  "TBC",
  "A/G",
];
const rowArb = fc.record({
  ref: fc.constantFrom("W-1", "W-2", "W-3", "W-4", ""),
  inspection: fc.constantFrom(
    "PEEL 2025: Wessex Police",
    "Custody in Wessex",
    "",
    "custody in wessex"
  ),
  theme: fc.constantFrom("Risk and safeguarding", "Governance and data", ""),
  owner: fc.constantFrom("ACC Crime", "Head of People", ""),
  addressedTo: fc.constantFrom(
    "Force",
    "NPCC",
    "College of Policing",
    "Force and NPCC",
    "Unknown",
    ""
  ),
  status: fc.constantFrom(...STATUS_TEXT),
  targetDate: fc.oneof(
    fc.integer({ min: AS_AT - 400, max: AS_AT + 400 }),
    fc.constantFrom("", "31/03/2026", "Q1 2026/27", "soon")
  ),
});

describe("summary figures", () => {
  test("reconcile on generated trackers: totals equal the row count, status counts equal the rows", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), (values) => {
        const rows = values.map((v, i) => row(v as Partial<Record<TrackerKey, Value>>, i));
        const s = summarise({ ...base, rows });
        expect(reconcile(s, rows)).toEqual([]);
        // Independent recount of overdue: open (a status not exactly Complete or Superseded),
        // a date, before the as-at date.
        const closed = new Set(["Complete", "Superseded"]);
        const targetOf = (v: (typeof values)[number]) =>
          typeof v.targetDate === "number"
            ? v.targetDate
            : v.targetDate === "31/03/2026"
              ? AS_AT
              : v.targetDate === "Q1 2026/27"
                ? AS_AT + 91
                : null;
        const overdue = values.filter((v) => {
          const t = targetOf(v);
          return !closed.has(v.status) && t !== null && t < AS_AT;
        }).length;
        expect(s.headline.overdue).toBe(overdue);
        // Red is exactly "Red": "red" is not valid, never counted as Red.
        expect(s.headline.red).toBe(values.filter((v) => v.status === "Red").length);
        expect(s.exceptions.length).toBe(
          values.filter((v) => {
            const t = targetOf(v);
            return v.status === "Red" || (!closed.has(v.status) && t !== null && t < AS_AT);
          }).length
        );
        // Every open item without a valid status, an owner or a target date needs information,
        // and is an exception.
        const needs = values.filter(
          (v) =>
            !closed.has(v.status) &&
            (!["Red", "Amber", "Green"].includes(v.status) ||
              v.owner === "" ||
              targetOf(v) === null)
        ).length;
        expect(s.headline.needsInformation).toBe(needs);
        expect(s.headline.exceptions).toBeGreaterThanOrEqual(Math.max(needs, s.exceptions.length));
      }),
      { numRuns: 150 }
    );
  });

  test("a wrong figure is caught by reconcile", () => {
    const rows = [row({ status: "Red" }), row({ status: "Green" }, 1)];
    const s = summarise({ ...base, rows });
    s.headline.byStatus[0].count = 2;
    expect(reconcile(s, rows).join("; ")).toMatch(/Red: 2 ≠ 1 rows/);
  });

  test("headline: overdue, due soon, addressees apart, shares", () => {
    const rows = [
      row({ ref: "W-1", status: "Red", targetDate: AS_AT - 1, addressedTo: "Force" }, 0),
      row({ ref: "W-2", status: "Complete", targetDate: AS_AT - 100, addressedTo: "NPCC" }, 1),
      row(
        { ref: "W-3", status: "Green", targetDate: AS_AT + 30, addressedTo: "College of Policing" },
        2
      ),
      row(
        { ref: "W-4", status: "Amber", targetDate: AS_AT + 31, addressedTo: "Force and NPCC" },
        3
      ),
    ];
    const s = summarise({ ...base, rows });
    expect(s.headline).toMatchObject({
      itemsTracked: 4,
      open: 3,
      overdue: 1,
      dueSoon: 1,
      dueSoonDays: 30,
    });
    expect(s.headline.addressees).toEqual({
      force: { items: 2, open: 2 },
      national: {
        items: 2,
        open: 1,
        bodies: [
          { name: "College of Policing", count: 1 },
          { name: "NPCC", count: 1 },
        ],
      },
      notStated: { items: 0, open: 0 },
    });
    expect(s.headline.byStatus.map((b) => [b.status, b.count, b.share])).toEqual([
      ["Red", 1, 0.25],
      ["Amber", 1, 0.25],
      ["Green", 1, 0.25],
      ["Complete", 1, 0.25],
      ["Superseded", 0, 0],
    ]);
    expect(s.exceptions.map((e) => [e.ref, e.daysOverdue])).toEqual([["W-1", 1]]);
    expect(isNationalBody("Home Office")).toBe(true);
    expect(isNationalBody("Unknown")).toBe(false);
  });

  test("responses past the 56-day deadline: worked out only from a published or due date", () => {
    const s = summarise({
      ...base,
      rows: [row({ status: "Red" })],
      inspections: [
        { Code: "A", Published: AS_AT - 60, "Response due": null, "Response published": null },
        { Code: "B", Published: AS_AT - 50, "Response due": null, "Response published": null },
        {
          Code: "C",
          Published: AS_AT - 100,
          "Response due": AS_AT - 44,
          "Response published": AS_AT - 30,
        },
        {
          Code: "D",
          Published: AS_AT - 100,
          "Response due": AS_AT - 44,
          "Response published": AS_AT - 50,
        },
        { Code: "E", Published: null, "Response due": null, "Response published": null },
      ],
    });
    expect(s.headline.responses).toEqual({
      inspections: 5,
      known: 4,
      overdue: 1,
      late: 1,
      unknown: 1,
    });
  });

  test("rows without a valid status get their own columns so the totals still reconcile", () => {
    const rows = [row({ status: "TBC" }), row({ status: "" }, 1), row({ status: "Green" }, 2)];
    const s = summarise({ ...base, rows });
    expect(s.statuses.map((c) => c.name)).toEqual([
      "Red",
      "Amber",
      "Green",
      "Complete",
      "Superseded",
      NO_STATUS,
      NOT_VALID,
    ]);
    expect(s.headline.byStatus.find((b) => b.status === NO_STATUS)!.count).toBe(1);
    expect(s.headline.byStatus.find((b) => b.status === NOT_VALID)!.count).toBe(1);
    expect(
      summarise({ ...base, rows: [row({ status: "Green" })] }).statuses.map((c) => c.name)
    ).not.toContain(NO_STATUS);
  });

  test("cross-tables fold case and spacing, blanks last, inspections in the Inspections order", () => {
    const rows = [
      row({ inspection: "Custody in Wessex", status: "Red" }),
      row({ inspection: "custody  in wessex", status: "Green" }, 1),
      row({ inspection: "", status: "Green" }, 2),
      row({ inspection: "PEEL 2025", status: "Green" }, 3),
    ];
    const s = summarise({
      ...base,
      rows,
      inspections: [
        { Code: "PEEL25", Title: "PEEL 2025" },
        { Code: "CUST", Title: "Custody in Wessex" },
      ],
    });
    expect(s.byInspection.rows.map((r) => [r.label, r.total])).toEqual([
      ["PEEL 2025", 1],
      ["Custody in Wessex", 2],
      ["(No inspection)", 1],
    ]);
  });
});

function charts(ops: PlanOp[]): ChartPlan[] {
  return ops.flatMap((o) => (o.op === "chart" ? [o.chart] : []));
}

function cellText(ops: PlanOp[]): string[] {
  return ops.flatMap((o) =>
    o.op === "writeCells" ? o.block.values.flat().map((v) => String(v ?? "")) : []
  );
}

describe("Summary sheet plan", () => {
  const history = [
    [AS_AT - 91, "W-1", "Red", "", null],
    [AS_AT - 91, "W-2", "Green", "", null],
    [AS_AT, "W-1", "Amber", "", null],
    [AS_AT, "W-2", "Red", "", null],
  ];
  const rowsValues = [
    {
      ref: "W-1",
      kind: "Recommendation",
      inspection: "PEEL 2025",
      theme: "Governance and data",
      owner: "ACC Crime",
      status: "Amber",
      targetDate: AS_AT + 10,
      recommendation: "=Wessex Police should review its data",
    },
    {
      ref: "W-2",
      kind: "Recommendation",
      inspection: "Custody in Wessex",
      theme: "Risk and safeguarding",
      owner: "Head of People",
      status: "Red",
      targetDate: AS_AT - 5,
      progress: "Audit booked",
      lastUpdated: AS_AT - 3,
    },
  ];
  const snap = snapshotOf(rowsValues, history);

  test("rebuilds the sheet whole, with title, as-at line, period, marking in header and footer", () => {
    const { plan } = planSummary(summaryOf(snap, AS_AT, AS_AT, null), snap);
    expect(plan.ops.find((o) => o.op === "clearSheet")).toEqual({
      op: "clearSheet",
      sheet: SHEETS.summary,
      tabColour: expect.any(String),
      // A new Summary goes just after the Tracker.
      after: "Tracker",
    });
    const text = cellText(plan.ops);
    expect(text).toContain("Office of the Police and Crime Commissioner");
    expect(text).toContain("Inspection recommendations: position as at 31/03/2026");
    expect(text).toContain("Reporting period: Q4 2025/26     Protective marking: OFFICIAL");
    const setup = plan.ops.find((o) => o.op === "pageSetup");
    expect(setup).toMatchObject({
      setup: {
        orientation: "landscape",
        paper: "A4",
        fitToPagesWide: 1,
        header: "OFFICIAL",
        footer: "OFFICIAL",
      },
    });
    expect(plan.ops).toContainEqual({ op: "gridlines", sheet: SHEETS.summary, show: false });
    const fonts = new Set(
      plan.ops.flatMap((o) =>
        o.op === "writeCells" && o.sheet === SHEETS.summary ? [o.block.style?.fontName] : []
      )
    );
    expect([...fonts]).toEqual(["Arial"]);
  });

  test("four native charts in the status colours, legend at the bottom, inside the print area; table charts at full text width, the doughnut beside the headline", () => {
    const { plan, layout } = planSummary(summaryOf(snap, AS_AT, AS_AT, null), snap);
    const cs = charts(plan.ops);
    expect(cs.map((c) => c.type)).toEqual([
      "doughnut",
      "columnStacked",
      "barStacked",
      "barStacked",
    ]);
    const colours = ["#C00000", "#FFC000", "#00B050", "#0070C0", "#7F7F7F"];
    for (const c of cs) {
      expect(c.colours).toEqual(colours);
      expect(c).toMatchObject({ legend: "bottom", dataLabels: true });
      if (c.type !== "doughnut") expect(c.widthPt).toBe(CHART_WIDTH_PT);
      else expect(c.widthPt).toBeGreaterThan(300);
      expect(c.title).not.toBe("");
      expect(c.anchor.row + Math.ceil(c.heightPt / 12.75)).toBeLessThanOrEqual(layout.rows);
    }
    // Charts never overlap each other.
    const spans = cs
      .map((c) => [c.anchor.row, c.anchor.row + Math.ceil(c.heightPt / 12.75)])
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThan(spans[i - 1][1]);
    const setup = plan.ops.find((o) => o.op === "pageSetup");
    expect(setup?.op === "pageSetup" && setup.setup.printArea).toEqual({
      row: 0,
      col: 0,
      rows: layout.rows,
      cols: layout.lastCol + 1,
    });
  });

  test("no trend chart with fewer than two positions; text that looks like a formula stays a value", () => {
    const one = snapshotOf(rowsValues, history.slice(0, 2));
    const { plan } = planSummary(summaryOf(one, AS_AT, AS_AT, null), one);
    expect(charts(plan.ops).map((c) => c.type)).toEqual(["doughnut", "barStacked", "barStacked"]);
    expect(plan.ops.some((o) => o.op === "writeCells" && o.block.formulas)).toBe(false);
  });

  test("exceptions list the Red and overdue item with its latest update; movement has ▲ and ▼", () => {
    const { plan } = planSummary(summaryOf(snap, AS_AT, AS_AT, null), snap);
    const text = cellText(plan.ops);
    expect(text).toContain("Exceptions: every Red and every overdue item (1)");
    expect(text.some((t) => t.includes("\nLatest update (28/03/2026): Audit booked\n"))).toBe(true);
    expect(text).toContain("▲ Improved");
    expect(text).toContain("▼ Deteriorated");
  });

  test("notes rows with errors at build time", () => {
    const { plan } = planSummary(summaryOf(snap, AS_AT, AS_AT, 3), snap);
    expect(cellText(plan.ops).some((t) => t.startsWith("3 rows had errors at build time"))).toBe(
      true
    );
    const { plan: clean } = planSummary(summaryOf(snap, AS_AT, AS_AT, 0), snap);
    expect(cellText(clean.ops).some((t) => t.includes("had errors"))).toBe(false);
  });

  test("0 rows: a clear 'nothing to summarise' sheet, no charts", () => {
    const empty = snapshotOf([]);
    const { plan } = planSummary(summaryOf(empty, AS_AT, AS_AT, null), empty);
    expect(charts(plan.ops)).toEqual([]);
    expect(cellText(plan.ops)).toContain("Nothing to summarise");
  });

  test("the same rows give the same plan (building twice gives the same sheet)", () => {
    const a = planSummary(summaryOf(snap, AS_AT, AS_AT, null), snap).plan;
    const b = planSummary(summaryOf(structuredClone(snap), AS_AT, AS_AT, null), snap).plan;
    expect(b).toEqual(a);
  });

  test("refuses before writing when the Summary sheet is protected or there is no tracker", () => {
    const locked = snapshotOf(rowsValues, history);
    locked.sheets.push({ name: "Summary", visibility: "visible", protected: true });
    locked.meta = { "role:summary": "Summary" };
    expect(() => planSummary(summaryOf(locked, AS_AT, AS_AT, null), locked)).toThrow(/protected/);
    const none = snapshotOf([]);
    delete none.tables[TABLES.tracker];
    expect(() => planSummary(summaryOf(none, AS_AT, AS_AT, null), none)).toThrow(/no tracker/);
  });

  test("the Lists settings give the office name, marking, period and as-at date", () => {
    const s = snapshotOf(rowsValues, history);
    s.tables[TABLES.settings] = {
      name: TABLES.settings,
      sheet: "Lists",
      row: 0,
      col: 9,
      headers: ["Setting", "Value", "Note"],
      rows: [
        ["Office name", "Office of the Wessex PCC", ""],
        ["Protective marking", "OFFICIAL-SENSITIVE", ""],
        ["Reporting period", "Q3 2025/26", ""],
        ["As-at date", "31/12/2025", ""],
      ],
    };
    const summary = summaryOf(s, undefined, AS_AT, null);
    const { plan } = planSummary(summary, s);
    const text = cellText(plan.ops);
    expect(text).toContain("Office of the Wessex PCC");
    expect(text).toContain("Inspection recommendations: position as at 31/12/2025");
    expect(text).toContain(
      "Reporting period: Q3 2025/26     Protective marking: OFFICIAL-SENSITIVE"
    );
    expect(plan.ops.find((o) => o.op === "pageSetup")).toMatchObject({
      setup: { header: "OFFICIAL-SENSITIVE" },
    });
  });
});
