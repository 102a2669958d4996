/**
 * The add-in rebuilds only the sheets it created, as its metadata records them. An analyst's
 * own sheet called Summary or Adoption report is never deleted or rebuilt (the add-in uses
 * 'Summary (tracker)' and says so), and an analyst's tracker kept on a sheet called Summary can
 * be adopted. Through the plans, the xlsx host (headless), the Excel host (the pane's engine
 * path, on the in-memory Excel) and the command line.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { SHEETS, TABLES } from "../../src/domain/columns";
import { main } from "../../src/cli/main";
import { adoptSheet } from "../../src/engine/adopt";
import { describeState } from "../../src/engine/setup";
import { buildSummary, summaryOf } from "../../src/engine/summary";
import { createExcelHost } from "../../src/hosts/excel";
import { createXlsxHost, hostFromRows } from "../../src/hosts/xlsx";
import type { WorkbookHost, WorkbookSnapshot } from "../../src/workbook/host";
import { ownSheets, rebuiltSheet } from "../../src/workbook/owned";
import type { CellValue, PlanOp } from "../../src/workbook/plan";
import { planSummary } from "../../src/workbook/summary";
import { buildSampleTracker, SAMPLE_AS_AT } from "../../bench/summary.bench";
import { MESSY_ROWS, gridValues } from "../adopt/messy";
import { createFakeExcel } from "../fakes/fake-excel";
import { AS_AT, snapshotOf } from "./helpers";
import { toExcelSerial } from "../../src/domain/dates";

const TMP = resolve(__dirname, "..", ".tmp");
const today = toExcelSerial({ y: 2026, m: 3, d: 31 });

/** The analyst's own board notes, on a sheet they called Summary. */
const THEIR_SUMMARY: CellValue[][] = [
  ["Board notes (Wessex OPCC)", "Q4 2025/26"],
  ["Chair's question", "Why is custody still Amber?"],
  ["=not a formula", 42],
];

function sheetsTouched(ops: PlanOp[]): string[] {
  return ops.flatMap((o) => ("sheet" in o && typeof o.sheet === "string" ? [o.sheet] : []));
}

async function addTheirSheet(host: WorkbookHost, name: string, values = THEIR_SUMMARY) {
  // Written through a plan, as any sheet the analyst makes: the metadata does not record it.
  await host.run("The analyst's own sheet", (s) =>
    s.apply({
      ops: [
        { op: "ensureSheet", sheet: name },
        { op: "writeCells", sheet: name, block: { row: 0, col: 0, values } },
      ],
    })
  );
}

async function readSheet(host: WorkbookHost, name: string) {
  return host.run("read", async (s) => {
    const snap = await s.read({ sheets: [name] });
    return { values: snap.sheetValues[name]?.values ?? null, meta: snap.meta, sheets: snap.sheets };
  });
}

describe("which sheets the add-in may rebuild (plans)", () => {
  const rows = [{ ref: "W-1", status: "Red", recommendation: "Wessex Police should act." }];

  test("an unrecorded sheet called Summary is the analyst's: the plan never names it", () => {
    const snap = snapshotOf(rows);
    snap.sheets.push({ name: "Summary", visibility: "visible", protected: false });
    const { plan, layout } = planSummary(summaryOf(snap, AS_AT, AS_AT, null), snap);
    expect(layout.sheet).toBe("Summary (tracker)");
    expect(layout.clash).toBe("Summary");
    expect(sheetsTouched(plan.ops)).not.toContain("Summary");
    // The metadata records the sheet it created, so the next build rebuilds that one.
    const metaWrite = plan.ops.find((o) => o.op === "writeCells" && o.sheet === SHEETS.meta);
    expect(metaWrite && metaWrite.op === "writeCells" && metaWrite.block.values).toContainEqual([
      "role:summary",
      "Summary (tracker)",
    ]);
  });

  test("a Summary the metadata records is rebuilt; a protected analyst's Summary does not block", () => {
    const ours = snapshotOf(rows);
    ours.sheets.push({ name: "summary", visibility: "visible", protected: false });
    ours.meta = { app: "Inspection Tracker", "role:summary": "Summary" };
    const { plan, layout } = planSummary(summaryOf(ours, AS_AT, AS_AT, null), ours);
    expect(layout).toMatchObject({ sheet: "summary", clash: null });
    expect(plan.ops.some((o) => o.op === "writeCells" && o.sheet === SHEETS.meta)).toBe(false);

    const theirs = snapshotOf(rows);
    theirs.sheets.push({ name: "Summary", visibility: "visible", protected: true });
    theirs.sheets.push({ name: "Summary (tracker)", visibility: "visible", protected: false });
    // A workbook set up by an earlier version: metadata, but no record of a Summary.
    theirs.meta = { app: "Inspection Tracker", "role:tracker": "Tracker" };
    expect(rebuiltSheet(theirs, "summary")).toMatchObject({
      sheet: "Summary (tracker 2)",
      clash: "Summary",
    });
    expect(ownSheets(theirs).has("summary")).toBe(false);
  });

  test("the pane's state counts only recorded sheets as the add-in's own", () => {
    const snap: WorkbookSnapshot = { ...snapshotOf(rows), activeSheet: "Summary" };
    snap.sheets.push({ name: "Summary", visibility: "visible", protected: false });
    expect(describeState(snap).activeIsOurs).toBe(false);
    snap.meta = { "role:summary": "Summary" };
    expect(describeState(snap).activeIsOurs).toBe(true);
  });
});

describe.each([
  ["the xlsx host (headless)", async (): Promise<WorkbookHost> => createXlsxHost()],
  [
    "the Excel host (the pane's engine path)",
    async (): Promise<WorkbookHost> => createExcelHost({ excel: createFakeExcel().Excel }),
  ],
])("Build summary beside the analyst's own Summary, through %s", (_name, make) => {
  test("their sheet is untouched; the Summary goes to 'Summary (tracker)', said so, and is rebuilt there", async () => {
    const host = await make();
    await buildSampleTracker(host, { rows: 12, positions: 2 });
    await addTheirSheet(host, "Summary");
    const first = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(first.kind).toBe("built");
    expect(first.kind === "built" && first.message).toMatch(
      /'Summary' is a sheet of yours, so it was not touched: the Summary is on 'Summary \(tracker\)'/
    );
    const theirs = await readSheet(host, "Summary");
    expect(theirs.values).toEqual(THEIR_SUMMARY);
    const built = await readSheet(host, "Summary (tracker)");
    expect(built.values!.flat()).toContain("Inspection recommendations: position as at 31/03/2026");
    expect(built.meta?.["role:summary"]).toBe("Summary (tracker)");

    // Building again rebuilds the add-in's sheet; no third sheet, theirs still as it was.
    const second = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(second.kind === "built" && second.message).not.toMatch(/sheet of yours/);
    const after = await readSheet(host, "Summary");
    expect(after.values).toEqual(THEIR_SUMMARY);
    // The add-in's Summary sits just after the Tracker; the analyst's stays where it was.
    expect(after.sheets.filter((s) => /^summary/i.test(s.name)).map((s) => s.name)).toEqual([
      "Summary (tracker)",
      "Summary",
    ]);
    expect((await readSheet(host, "Summary (tracker)")).values).toEqual(built.values);
  });
});

describe("adopting beside the analyst's own sheets", () => {
  test("a tracker kept on a sheet called Summary is adoptable; their Adoption report is left alone", async () => {
    const host = await hostFromRows("Summary", gridValues(MESSY_ROWS));
    await addTheirSheet(host, "Adoption report");
    const source = (await readSheet(host, "Summary")).values;
    const result = await adoptSheet(host, { sheet: "Summary", today });
    expect(result.changed).toBe(true);
    expect(result.reportSheet).toBe("Adoption report (tracker)");
    expect(result.message).toMatch(/Adopted 12 rows from 'Summary'/);
    expect(result.message).toMatch(/'Adoption report' is a sheet of yours, so it was not touched/);
    expect((await readSheet(host, "Adoption report")).values).toEqual(THEIR_SUMMARY);
    expect((await readSheet(host, "Adoption report (tracker)")).values!.flat()).toContain(
      "Adoption report"
    );

    // The summary of the adopted tracker never touches the sheet it was adopted from.
    const built = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(built.kind === "built" && built.layout.sheet).toBe("Summary (tracker)");
    expect((await readSheet(host, "Summary")).values).toEqual(source);
    const tracker = await host.run("r", (s) => s.read({ tables: [TABLES.tracker] }));
    expect(tracker.tables[TABLES.tracker].rows).toHaveLength(12);
  });
});

describe("the command line", () => {
  test("summary and adopt leave the analyst's Summary and say where theirs went", async () => {
    mkdirSync(TMP, { recursive: true });
    const dir = mkdtempSync(join(TMP, "own-sheets-"));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };

    const host = await createXlsxHost();
    await buildSampleTracker(host, { rows: 8, positions: 1 });
    await addTheirSheet(host, "Summary");
    const tracker = join(dir, "tracker.xlsx");
    await host.save(tracker);
    const copy = join(dir, "with-summary.xlsx");
    expect(await main(["summary", tracker, "--as-at", "2026-03-31", "--out", copy], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out.join("\n")).toMatch(/'Summary' is a sheet of yours, so it was not touched/);
    const written = await createXlsxHost({ file: copy });
    expect((await readSheet(written, "Summary")).values).toEqual(THEIR_SUMMARY);
    expect((await readSheet(written, "Summary (tracker)")).values!.flat()).toContain(
      "Inspection recommendations: position as at 31/03/2026"
    );

    const old = await hostFromRows("Summary", gridValues(MESSY_ROWS));
    const oldFile = join(dir, "old-tracker.xlsx");
    await old.save(oldFile);
    const adopted = join(dir, "adopted.xlsx");
    out.length = 0;
    expect(await main(["adopt", oldFile, "--sheet", "Summary", "--out", adopted], io)).toBe(0);
    expect(err).toEqual([]);
    const result = await createXlsxHost({ file: adopted });
    const snap = await result.run("r", (s) => s.read({ tables: [TABLES.tracker] }));
    expect(snap.tables[TABLES.tracker].rows).toHaveLength(12);
    expect(snap.meta?.adoptedFrom).toBe("Summary");
  });
});
