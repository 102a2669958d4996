import { SHEETS, TABLES } from "../../src/domain/columns";
import { recordPosition } from "../../src/engine/history";
import { buildSummary } from "../../src/engine/summary";
import { createExcelHost } from "../../src/hosts/excel";
import { createXlsxHost, type XlsxHost } from "../../src/hosts/xlsx";
import { buildSampleTracker, SAMPLE_AS_AT, SAMPLE_POSITIONS } from "../../bench/summary.bench";
import { createFakeExcel } from "../fakes/fake-excel";

async function sheetValues(host: XlsxHost, sheet: string) {
  return host.run(
    "read",
    async (s) => (await s.read({ sheets: [sheet] })).sheetValues[sheet]?.values ?? null
  );
}

async function charts(host: XlsxHost) {
  const ws = (await host.load()).getWorksheet(SHEETS.summary) as unknown as {
    getCharts?: () => unknown[];
  };
  return ws.getCharts ? ws.getCharts().length : -1;
}

describe("Build summary through the xlsx host", () => {
  test("builds the sheet with four charts; building twice gives the same sheet", async () => {
    const host = await createXlsxHost();
    await buildSampleTracker(host, { rows: 40, positions: 2 });
    const first = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(first.kind).toBe("built");
    const a = await sheetValues(host, SHEETS.summary);
    const calls = { ...host.calls };
    const second = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(host.calls.reads - calls.reads).toBe(1);
    expect(host.calls.applies - calls.applies).toBe(1);
    expect(await sheetValues(host, SHEETS.summary)).toEqual(a);
    if (second.kind === "built") expect(second.layout.charts).toHaveLength(4);
    expect(a!.flat()).toContain("Inspection recommendations: position as at 31/03/2026");
    const n = await charts(host);
    if (n >= 0) expect(n).toBe(4);
    // A saved copy opens again (charts and all) and rebuilds the same.
    const reopened = await createXlsxHost({ buffer: await host.toBuffer() });
    await buildSummary(reopened, { today: SAMPLE_AS_AT });
    expect(await sheetValues(reopened, SHEETS.summary)).toEqual(a);
  });

  test("0 rows gives a 'nothing to summarise' sheet, not an error", async () => {
    const host = await createXlsxHost();
    await buildSampleTracker(host, { rows: 0, positions: 0 });
    const r = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(r.kind === "built" && r.message).toMatch(/nothing to summarise/);
    expect((await sheetValues(host, SHEETS.summary))!.flat()).toContain("Nothing to summarise");
  });

  test("check errors block the build unless forced; forced, the sheet says how many rows", async () => {
    const host = await createXlsxHost();
    await buildSampleTracker(host, { rows: 5, positions: 1 });
    const check = () => ({ errors: 3, rowsWithErrors: 2 });
    const before = { ...host.calls };
    const blocked = await buildSummary(host, { today: SAMPLE_AS_AT, check });
    expect(blocked).toMatchObject({ kind: "blocked", errors: 3, rowsWithErrors: 2 });
    expect(host.calls.applies).toBe(before.applies);
    await buildSummary(host, { today: SAMPLE_AS_AT, check, force: true });
    expect((await sheetValues(host, SHEETS.summary))!.flat()).toContain(
      "2 rows had errors at build time: see the Check column on the Tracker sheet."
    );
  });

  test("Record position: the same date asks first, then replaces that day's rows", async () => {
    const host = await createXlsxHost();
    await buildSampleTracker(host, { rows: 12, positions: 2 });
    const rowsOf = () =>
      host.run(
        "r",
        async (s) => (await s.read({ tables: [TABLES.history] })).tables[TABLES.history].rows.length
      );
    expect(await rowsOf()).toBe(24);
    const date = SAMPLE_POSITIONS[3];
    const again = await recordPosition(host, { date });
    expect(again).toMatchObject({ kind: "exists", existing: 12 });
    expect(await rowsOf()).toBe(24);
    const replaced = await recordPosition(host, { date, replace: true });
    expect(replaced).toMatchObject({ kind: "recorded", recorded: 12, replaced: 12 });
    expect(await rowsOf()).toBe(24);
    await recordPosition(host, { date: date + 1 });
    expect(await rowsOf()).toBe(36);
  });
});

describe("Build summary through the Excel host (fake Excel)", () => {
  async function buildIn(rows: number) {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await buildSampleTracker(host, { rows, positions: 4 });
    const r = await buildSummary(host, { today: SAMPLE_AS_AT });
    return {
      fake,
      host,
      r,
      syncs: host.stats.byLabel["Build summary"].syncs,
      recordSyncs: host.stats.byLabel["Record position"].maxSyncs,
    };
  }

  test("a constant number of syncs (at most 4) for 10 and 2,000 rows, charts included", async () => {
    const small = await buildIn(10);
    const large = await buildIn(2_000);
    expect(small.syncs).toBeLessThanOrEqual(4);
    expect(large.syncs).toBe(small.syncs);
    expect(large.recordSyncs).toBe(small.recordSyncs);
    const cs = large.fake.charts(SHEETS.summary);
    expect(cs.map((c) => c.type)).toEqual([
      "Doughnut",
      "ColumnStacked",
      "BarStacked",
      "BarStacked",
    ]);
    const colours = ["#C00000", "#FFC000", "#00B050", "#0070C0", "#7F7F7F"].map((c) =>
      c.toUpperCase()
    );
    expect(Object.values(cs[0].pointColours).map((c) => c.toUpperCase())).toEqual(colours);
    expect(Object.values(cs[2].seriesColours).map((c) => c.toUpperCase())).toEqual(colours);
    process.stderr.write(
      `summary syncs: 10 rows ${small.syncs}, 2000 rows ${large.syncs}; record position ${large.recordSyncs}\n`
    );
  });

  test("building twice in Excel gives the same sheet and the same four charts", async () => {
    const { fake, host } = await buildIn(30);
    const before = fake.values(SHEETS.summary, "A1:J400");
    await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(fake.values(SHEETS.summary, "A1:J400")).toEqual(before);
    expect(fake.charts(SHEETS.summary)).toHaveLength(4);
    expect(before.flat()).toContain("Inspection recommendations: position as at 31/03/2026");
  });
});
