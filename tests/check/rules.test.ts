import type { TrackerKey } from "../../src/domain/columns";
import { RULES, labelHasErrors, rowLabel, runChecks, type CheckInput, type RuleId } from "../../src/domain/check";
import type { Value } from "../../src/domain/model";
import { DEFAULT_STATUSES } from "../../src/domain/status";
import { AS_AT, columnsIndex, row, serial } from "./helpers";

type Over = Partial<Record<TrackerKey, Value>>;

function check(overs: Over[], extra: Partial<CheckInput> = {}) {
  return runChecks({ asAt: AS_AT, rows: overs.map((o, i) => row(i, { ref: `WP-R${i + 1}`, ...o })), columns: columnsIndex(), ...extra });
}
const rulesOf = (overs: Over[], extra: Partial<CheckInput> = {}) => check(overs, extra).findings.map((f) => f.rule);

describe("a good row", () => {
  it("passes every rule", () => {
    const r = check([{}]);
    expect(r.findings).toEqual([]);
    expect(r.counts).toEqual({ error: 0, warning: 0 });
    expect(r.rowLabels).toEqual(["OK"]);
    expect(r.asAt).toBe("2026-11-30");
  });
});

/** The Lists sheet's lists, as a tracker set up for the fictional force holds them. */
const LISTS = {
  themes: ["Risk and safeguarding", "Partnership working"],
  owners: ["Supt A. Example", "DCI B. Sample"],
  addressees: ["Force", "NPCC", "College of Policing", "HM Prison and Probation Service", "Not stated"],
};

// Each rule: a row that breaks it, and a row that nearly breaks it (and breaks nothing).
const cases: { rule: RuleId; breaks: Over | Over[]; nearly: Over | Over[]; column?: string; extra?: Partial<CheckInput> }[] = [
  { rule: "status-missing", breaks: { status: "  " }, nearly: { status: "Amber" }, column: "Status" },
  { rule: "status-unknown", breaks: { status: "grn" }, nearly: { status: "Green" }, column: "Status" },
  { rule: "status-unknown", breaks: { status: "A/G" }, nearly: { status: "Amber" } },
  { rule: "rag-without-update", breaks: { status: "Red", progress: "" }, nearly: { status: "Red" }, column: "Progress update" },
  { rule: "rag-without-update", breaks: { status: "Amber", nextSteps: " " }, nearly: { status: "Amber", nextSteps: "Review in January." }, column: "Next steps" },
  { rule: "rag-without-update", breaks: { status: "Amber", progress: null, nextSteps: null }, nearly: { status: "Green", progress: null, nextSteps: null } },
  { rule: "complete-without-evidence", breaks: { status: "Complete", closedDate: serial("2026-10-01") }, nearly: { status: "Complete", closedDate: serial("2026-10-01"), evidence: "Audit report, October 2026" }, column: "Evidence" },
  { rule: "complete-without-closed-date", breaks: { status: "Complete", evidence: "Audit report" }, nearly: { status: "Complete", evidence: "Audit report", closedDate: "01/10/2026" }, column: "Closed date" },
  { rule: "closed-date-on-open-row", breaks: { status: "Amber", closedDate: serial("2026-10-01") }, nearly: { status: "Superseded", closedDate: serial("2026-10-01") }, column: "Closed date" },
  { rule: "target-date-missing", breaks: { targetDate: "" }, nearly: { targetDate: "", status: "Superseded" }, column: "Target date" },
  { rule: "date-invalid", breaks: { targetDate: "next spring" }, nearly: { targetDate: "Q4 2026/27" }, column: "Target date" },
  { rule: "date-invalid", breaks: { lastUpdated: "soon" }, nearly: { lastUpdated: "01/11/2026" }, column: "Last updated" },
  { rule: "green-overdue", breaks: { targetDate: serial("2026-11-29") }, nearly: { targetDate: serial("2026-12-31") }, column: "Status" },
  { rule: "overdue", breaks: { status: "Red", targetDate: serial("2026-11-29") }, nearly: { status: "Complete", targetDate: serial("2026-11-29"), evidence: "Report", closedDate: serial("2026-11-20") }, column: "Target date" },
  { rule: "due-soon", breaks: { targetDate: serial("2026-12-30") }, nearly: { targetDate: serial("2026-12-31") }, column: "Target date" },
  { rule: "due-soon", breaks: { targetDate: AS_AT }, nearly: { targetDate: serial("2027-01-30") }, extra: { dueSoonDays: 60 } },
  { rule: "owner-missing", breaks: { owner: null }, nearly: { owner: null, status: "Superseded" }, column: "Owner" },
  { rule: "stale", breaks: { lastUpdated: AS_AT - 91 }, nearly: { lastUpdated: AS_AT - 90 }, column: "Last updated" },
  { rule: "stale", breaks: { lastUpdated: AS_AT - 31 }, nearly: { lastUpdated: AS_AT - 30 }, extra: { staleDays: 30 } },
  { rule: "ref-missing", breaks: { ref: " " }, nearly: { ref: "WP-1" }, column: "Ref" },
  { rule: "duplicate-ref", breaks: [{ ref: "WP-1" }, { ref: " wp-1 " }], nearly: [{ ref: "WP-1" }, { ref: "WP-11" }], column: "Ref" },
  { rule: "recommendation-missing", breaks: { recommendation: "" }, nearly: { recommendation: "x" }, column: "Recommendation" },
  { rule: "formula-in-text", breaks: { owner: "#NAME?" }, nearly: { owner: "#1 team" }, column: "Owner" },
  { rule: "theme-not-listed", breaks: { theme: "Risk & safeguarding" }, nearly: { theme: "Partnership working" }, column: "Theme", extra: { lists: LISTS } },
  { rule: "owner-not-listed", breaks: { owner: "Supt A Exmaple" }, nearly: { owner: "DCI B. Sample" }, column: "Owner", extra: { lists: LISTS } },
  { rule: "addressee-not-listed", breaks: { addressedTo: "Home Office" }, nearly: { addressedTo: "NPCC and College of Policing" }, column: "Addressed to", extra: { lists: LISTS } },
];

describe.each(cases)("rule $rule", ({ rule, breaks, nearly, column, extra }) => {
  const asList = (o: Over | Over[]) => (Array.isArray(o) ? o : [o]);
  it("flags a row that breaks it", () => {
    const r = check(asList(breaks), extra);
    const hits = r.findings.filter((f) => f.rule === rule);
    expect(hits.length).toBeGreaterThan(0);
    const def = RULES.find((d) => d.id === rule)!;
    for (const f of hits) {
      expect(f.severity).toBe(def.severity);
      expect(f.message.length).toBeGreaterThan(10);
      if (column) expect(f.column).toBe(column);
      expect(f.row).toBe(f.index + 2);
    }
  });
  it("passes a row that nearly breaks it", () => {
    expect(rulesOf(asList(nearly), extra)).toEqual([]);
  });
});

describe("themes, owners and addressees not on the Lists sheet", () => {
  it("offers 'Add to Lists' for a value the list lacks, and leaves the cell alone", () => {
    const [f] = check([{ owner: "Insp C. New" }], { lists: LISTS }).findings;
    expect(f).toMatchObject({
      rule: "owner-not-listed",
      severity: "warning",
      column: "Owner",
      message: "Owner 'Insp C. New' is not on the Lists sheet's owners: add it there, or choose one from the dropdown.",
      short: "owner not in Lists",
      fix: null,
      listFix: { list: "owners", value: "Insp C. New" },
    });
  });
  it("writes a value spelt differently from a listed one as the list spells it (a certain fix)", () => {
    const [f] = check([{ theme: "risk and  SAFEGUARDING" }], { lists: LISTS }).findings;
    expect(f).toMatchObject({
      rule: "theme-not-listed",
      message: "Theme 'risk and SAFEGUARDING' is written differently on the Lists sheet: 'Risk and safeguarding'.",
      fix: { value: "Risk and safeguarding", from: "risk and  SAFEGUARDING" },
      listFix: null,
    });
  });
  it("takes addressees joined with 'and' or commas when each is listed, even one with 'and' in its name", () => {
    const ok = ["HM Prison and Probation Service and NPCC", "NPCC, College of Policing and HM Prison and Probation Service", "Not stated"];
    expect(rulesOf(ok.map((addressedTo) => ({ addressedTo })), { lists: LISTS })).toEqual([]);
    expect(rulesOf([{ addressedTo: "NPCC and Ofsted" }], { lists: LISTS })).toEqual(["addressee-not-listed"]);
  });
  it("checks nothing against a list that was not read, and nothing in a blank cell", () => {
    expect(rulesOf([{ owner: "Insp C. New", theme: "Anything" }])).toEqual([]);
    expect(rulesOf([{ theme: null, addressedTo: " " }], { lists: LISTS })).toEqual([]);
  });
});

describe("status normalisation", () => {
  it("suggests and offers a certain fix for a known spelling", () => {
    const [f] = check([{ status: "grn" }]).findings;
    expect(f).toMatchObject({ rule: "status-unknown", suggestion: "Green", fix: { value: "Green", from: "grn" }, short: "status 'grn'" });
  });
  it("offers no suggestion where the status is ambiguous or unknown", () => {
    const r = check([{ status: "A/G" }, { status: "TBC" }]);
    expect(r.findings.map((f) => [f.rule, f.suggestion, f.fix])).toEqual([
      ["status-unknown", null, null],
      ["status-unknown", null, null],
    ]);
    expect(r.fixable).toBe(0);
  });
  it("uses the normalised status for the other rules", () => {
    // 'completed' reads as Complete: so evidence and closed date are required, target date is not.
    const rules = rulesOf([{ status: "completed", targetDate: null }]);
    expect(rules).toEqual(["status-unknown", "complete-without-evidence", "complete-without-closed-date"]);
  });
  it("follows the workbook's own vocabulary", () => {
    const vocabulary = [...DEFAULT_STATUSES, { name: "Paused", meaning: "", colour: "#7030A0", fontColour: "#FFFFFF", closed: false }];
    expect(rulesOf([{ status: "Paused" }], { vocabulary })).toEqual([]);
    expect(rulesOf([{ status: "Paused" }])).toEqual(["status-unknown"]);
  });
});

describe("formulas in text cells", () => {
  it("flags a formula read back from the sheet, but not text that starts with =", () => {
    const cols = columnsIndex();
    const formulas = [[] as string[], [] as string[]];
    formulas[0][cols.progress] = "=SUM(A1)";
    formulas[1][cols.progress] = "=Agreed with the chief constable";
    const r = runChecks({
      asAt: AS_AT, columns: cols, formulas,
      rows: [row(0, { progress: 0 }), row(1, { progress: "=Agreed with the chief constable", ref: "WP-2" })],
    });
    expect(r.findings.map((f) => [f.rule, f.index, f.column])).toEqual([["formula-in-text", 0, "Progress update"]]);
  });
});

describe("the response deadline", () => {
  const inspection = (published: Value, responsePublished: Value) => ({
    sheetRow: 2, index: 0,
    values: { code: "WP-PEEL25", title: "PEEL 2025", inspectorate: "HMICFRS", force: "Wessex Police", published, grade: "Good", responseDue: null, responsePublished, summary: "" },
  });
  it("flags an inspection published more than 56 days ago with no response date", () => {
    const r = runChecks({ asAt: AS_AT, rows: [], inspections: [inspection(AS_AT - 57, null)], inspectionColumns: { responsePublished: 7 } });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ rule: "response-overdue", severity: "error", table: "inspections", ref: "WP-PEEL25", column: "Response published", col: 7, row: 2 });
    expect(r.rowsWithErrors).toBe(0);
  });
  it("passes one published exactly 56 days ago, or with a response", () => {
    expect(runChecks({ asAt: AS_AT, rows: [], inspections: [inspection(AS_AT - 56, null)] }).findings).toEqual([]);
    expect(runChecks({ asAt: AS_AT, rows: [], inspections: [inspection(AS_AT - 200, "01/01/2026")] }).findings).toEqual([]);
  });
});

describe("the Check column text", () => {
  it("names errors first, then warnings", () => {
    const r = check([{ status: "grn", owner: "", targetDate: serial("2026-12-01") }]);
    expect(r.rowLabels[0]).toBe("2 errors, 1 warning: status 'grn'; owner missing; due soon");
    expect(labelHasErrors(r.rowLabels[0])).toBe(true);
    expect(r.rowsWithErrors).toBe(1);
  });
  it("says OK, or warnings only, without the word error", () => {
    expect(rowLabel([])).toBe("OK");
    const w = rowLabel([{ severity: "warning", short: "error-prone due soon" }]);
    expect(w).toBe("1 warning: error-prone due soon");
    expect(labelHasErrors(w)).toBe(false);
  });
  it("skips entirely blank rows", () => {
    const blank = Object.fromEntries(Object.keys(row(0).values).map((k) => [k, null])) as Over;
    const r = check([blank, {}]);
    expect(r.findings).toEqual([]);
    expect(r.rowLabels).toEqual(["", "OK"]);
    expect(r.rowsChecked).toBe(1);
    expect(r.rows).toBe(2);
  });
});

describe("counts", () => {
  it("counts by severity and rows with errors", () => {
    const r = check([{ owner: "" }, { ref: "WP-2", targetDate: serial("2026-12-10") }, { ref: "WP-3", status: "Red", targetDate: AS_AT - 1 }]);
    expect(r.counts).toEqual({ error: 1, warning: 2 });
    expect(r.rowsWithErrors).toBe(1);
    expect(r.rowsWithWarnings).toBe(2);
  });
});
