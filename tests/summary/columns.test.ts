/**
 * Build summary reads only the columns its figures use (ReadRequest.columnsOf): the figures are the
 * same as from whole tables, and a 10,000-row tracker with four recorded positions fits in one
 * response of Excel on the web, so the build takes 2 syncs (read, apply) like a small one.
 */
import { HISTORY_COLUMNS, SHEETS, TABLES, TRACKER_COLUMNS } from "../../src/domain/columns";
import { buildSummary, SUMMARY_READ, summaryOf, summaryRead } from "../../src/engine/summary";
import { createExcelHost, MAX_RESPONSE_BYTES } from "../../src/hosts/excel";
import { createXlsxHost } from "../../src/hosts/xlsx";
import type { WorkbookHost } from "../../src/workbook/host";
import { buildSampleTracker, SAMPLE_AS_AT } from "../../bench/summary.bench";
import { createFakeExcel } from "../fakes/fake-excel";

const WHOLE = {
  tables: [TABLES.tracker, TABLES.inspections, TABLES.history, TABLES.statuses, TABLES.settings],
};

async function bothWays(host: WorkbookHost) {
  const whole = await host.run("Read", (s) => s.read(WHOLE));
  const part = await host.run("Read", (s) => s.read(SUMMARY_READ));
  return { whole, part };
}

describe("Build summary reads only the columns it uses", () => {
  test("the request names fewer columns of the tracker and of History; a check reads the tracker whole", () => {
    const tracker = SUMMARY_READ.columnsOf![TABLES.tracker];
    const history = SUMMARY_READ.columnsOf![TABLES.history];
    expect(tracker.length).toBeLessThan(TRACKER_COLUMNS.length);
    // The target date too: the exceptions show an original target beside a revised one.
    expect(history).toEqual(["Snapshot date", "Ref", "Status", "Target date"]);
    expect(history.length).toBeLessThan(HISTORY_COLUMNS.length);
    expect(SUMMARY_READ.tables).not.toContain(TABLES.tracker);
    const checked = summaryRead(true, true);
    expect(checked.tables).toContain(TABLES.tracker);
    expect(checked.formulasOf).toEqual([TABLES.tracker]);
    expect(checked.columnsOf).toEqual({ [TABLES.history]: history });
    expect(summaryRead(true, false).formulasOf).toBeUndefined();
  });

  test("xlsx host: the same figures as from whole tables", async () => {
    const host = await createXlsxHost();
    await buildSampleTracker(host, { rows: 300, positions: 4 });
    const { whole, part } = await bothWays(host);
    expect(part.tables[TABLES.tracker].headers).toEqual(SUMMARY_READ.columnsOf![TABLES.tracker]);
    expect(part.tables[TABLES.history].rows).toHaveLength(1200);
    const a = summaryOf(whole, SAMPLE_AS_AT, SAMPLE_AS_AT, null);
    expect(a.exceptions.length).toBeGreaterThan(0);
    expect(a.moved.length).toBeGreaterThan(0);
    expect(summaryOf(part, SAMPLE_AS_AT, SAMPLE_AS_AT, null)).toEqual(a);
  });

  test("Excel host: the same figures as from whole tables, in one sync", async () => {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await buildSampleTracker(host, { rows: 300, positions: 4 });
    const { whole, part } = await bothWays(host);
    expect(host.stats.last!.syncs).toBe(1);
    // Not No., Evidence or Closed date.
    expect(part.tables[TABLES.tracker].columns).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 13]);
    expect(summaryOf(part, SAMPLE_AS_AT, SAMPLE_AS_AT, null)).toEqual(
      summaryOf(whole, SAMPLE_AS_AT, SAMPLE_AS_AT, null)
    );
  });

  test("Excel host: 10,000 rows and four positions build in 2 syncs, first build and repeat, charts included", async () => {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await buildSampleTracker(host, { rows: 10_000, positions: 4 });
    for (let run = 0; run < 2; run++) {
      const from = fake.syncLog.length;
      const r = await buildSummary(host, { today: SAMPLE_AS_AT, asAt: SAMPLE_AS_AT });
      expect(r.kind).toBe("built");
      expect(host.stats.byLabel["Build summary"].syncs).toBe(2);
      const log = fake.syncLog.slice(from);
      expect(log.every((x) => !x.failed)).toBe(true);
      // The read's response: under Excel on the web's 5 MB (whole tables would pass it).
      expect(log[0].responseBytes).toBeLessThan(MAX_RESPONSE_BYTES);
      expect(fake.charts(SHEETS.summary)).toHaveLength(4);
    }
  }, 120_000);
});
