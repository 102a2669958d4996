/**
 * Excel host benchmark: context.sync() calls and time of "Set up tracker" through the Excel host
 * over the in-memory Excel (tests/fakes/fake-excel.ts), on an empty workbook and on a workbook
 * whose tracker already has 10, 1,000 and 10,000 rows (nothing to change, and a repair after the
 * Status dropdown was removed). Target: at most 3 syncs whatever the row count. The ms are the
 * host's own work plus the fake's; a real Excel adds one round trip per sync.
 */
import { TABLES, TRACKER_COLUMNS } from "../src/domain/columns";
import { setupTracker } from "../src/engine/setup";
import { createExcelHost } from "../src/hosts/excel";
import type { CellValue } from "../src/workbook/plan";
import { createFakeExcel, type FakeExcel } from "../tests/fakes/fake-excel";
import { time } from "./util";

const STATUSES = ["Red", "Amber", "Green", "Complete", "Superseded"];
const OWNER = "Head of Public Protection";

/** Rows of a fictional force's tracker. */
function rows(n: number): CellValue[][] {
  return Array.from({ length: n }, (_, i) =>
    TRACKER_COLUMNS.map((c): CellValue => {
      switch (c.key) {
        case "ref":
          return `WX-${i + 1}`;
        case "inspection":
          return "PEEL 2025: an inspection of Wessex Police";
        case "kind":
          return "Recommendation";
        case "number":
          return (i % 12) + 1;
        case "recommendation":
          return "Wessex Police should improve how it records and shares safeguarding referrals with partners.";
        case "status":
          return STATUSES[i % STATUSES.length];
        case "targetDate":
          return 46000 + (i % 400);
        case "owner":
          return OWNER;
        case "progress":
          return "Action plan agreed; training delivered to 60% of staff; audit booked for next quarter.";
        default:
          return null;
      }
    })
  );
}

const writeSyncs = (fake: FakeExcel, from: number) =>
  fake.syncLog.slice(from).filter((s) => s.writes > 0).length;

export async function excelSetupBench(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { targetMaxSyncs: 3 };
  const setupSyncs: number[] = [];

  {
    const fake = createFakeExcel({ sheets: ["Sheet1"] });
    const host = createExcelHost({ excel: fake.Excel });
    const { ms } = await time(() => setupTracker(host));
    out.emptyWorkbook = { syncs: host.stats.last!.syncs, writeSyncs: writeSyncs(fake, 0), ms };
    setupSyncs.push(host.stats.last!.syncs);
  }

  for (const n of [10, 1000, 10000]) {
    const fake = createFakeExcel({ sheets: ["Sheet1"] });
    const host = createExcelHost({ excel: fake.Excel });
    await setupTracker(host);
    // The rows' owner is on the Lists sheet, as set-up leaves it: nothing is left to change.
    const add = await time(() =>
      host.run("Add rows", (s) =>
        s.apply({
          ops: [
            { op: "appendRows", table: TABLES.tracker, rows: rows(n) },
            { op: "appendRows", table: TABLES.owners, rows: [[OWNER]] },
          ],
        })
      )
    );
    const appendSyncs = host.stats.last!.syncs;

    let from = fake.syncLog.length;
    const again = await time(() => setupTracker(host));
    const unchanged = {
      syncs: host.stats.last!.syncs,
      writeSyncs: writeSyncs(fake, from),
      ms: again.ms,
    };
    setupSyncs.push(unchanged.syncs);

    await fake.Excel.run(async (ctx: any) => {
      ctx.workbook.tables
        .getItem(TABLES.tracker)
        .columns.getItem("Status")
        .getDataBodyRange()
        .dataValidation.clear();
      await ctx.sync();
    });
    from = fake.syncLog.length;
    const repair = await time(() => setupTracker(host));
    setupSyncs.push(host.stats.last!.syncs);
    out[`rows${n}`] = {
      alreadySetUp: unchanged,
      repairDropdown: {
        syncs: host.stats.last!.syncs,
        writeSyncs: writeSyncs(fake, from),
        ms: repair.ms,
        message: repair.result.message,
      },
      appendRows: { syncs: appendSyncs, ms: add.ms },
    };
  }
  const maxSetupSyncs = Math.max(...setupSyncs);
  out.maxSetupSyncs = maxSetupSyncs;
  out.meetsTarget = maxSetupSyncs <= 3;
  return out;
}
