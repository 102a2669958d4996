/**
 * Check benchmark: the rules over 10,000 rows (target under 100 ms), the whole check planned from
 * a snapshot, the check through the xlsx host (Node, in memory), and the context.sync() calls of a
 * check (and of a Fix all) of 10 and 10,000 rows through the Excel host over the fake Excel
 * (target at most 2: one read, one write).
 */
import { TABLES, TRACKER_COLUMNS, type TrackerKey } from "../src/domain/columns";
import { runChecks } from "../src/domain/check";
import { parseIso, toExcelSerial } from "../src/domain/dates";
import type { Value } from "../src/domain/model";
import { checkTracker, readsFormulas } from "../src/engine/check";
import { createXlsxHost } from "../src/hosts/xlsx";
import type { TableSnapshot, WorkbookHost, WorkbookSnapshot } from "../src/workbook/host";
import { checkInput, planCheck } from "../src/workbook/check";
import type { CellValue } from "../src/workbook/plan";
import { TABLE_STYLE, formatFor } from "../src/workbook/setup";
import { loadavg } from "node:os";
import { median, peakRssMb, time } from "./util";
import { createExcelHost, createFakeExcel } from "./excel";

const AS_AT = toExcelSerial(parseIso("2026-11-30")!);
const STATUSES = ["Red", "Amber", "Green", "Complete", "Superseded", "grn", "A/G", "", "amber"];

/** A fictional force's tracker rows with a realistic sprinkling of problems. */
export function checkRows(n: number, seed = 7): CellValue[][] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const status =
      rnd() < 0.9 ? STATUSES[Math.floor(rnd() * 5)] : STATUSES[5 + Math.floor(rnd() * 4)];
    const v: Record<TrackerKey, Value> = {
      ref: rnd() < 0.002 ? "WP-R1" : `WP-R${i + 1}`,
      inspection: "PEEL 2025: an inspection of Wessex Police",
      kind: "Recommendation",
      number: (i % 12) + 1,
      recommendation:
        rnd() < 0.01
          ? ""
          : "Wessex Police should improve how it records and shares safeguarding referrals.",
      addressedTo: "Force",
      theme: "Risk and safeguarding",
      owner: rnd() < 0.05 ? "" : "ACC Crime",
      targetDate: rnd() < 0.03 ? "next spring" : AS_AT - 200 + Math.floor(rnd() * 500),
      status,
      progress: rnd() < 0.1 ? "" : "Audit complete; training planned for the spring.",
      nextSteps: rnd() < 0.1 ? "" : "Deliver the training and re-audit.",
      evidence: status === "Complete" && rnd() < 0.8 ? "Audit report" : "",
      lastUpdated: AS_AT - Math.floor(rnd() * 150),
      closedDate: status === "Complete" && rnd() < 0.9 ? AS_AT - 10 : null,
    };
    rows.push(TRACKER_COLUMNS.map((c) => v[c.key]));
  }
  return rows;
}

export function checkSnapshotOf(rows: CellValue[][]): WorkbookSnapshot {
  const table: TableSnapshot = {
    name: TABLES.tracker,
    sheet: "Tracker",
    row: 0,
    col: 0,
    headers: TRACKER_COLUMNS.map((c) => c.header),
    rows,
  };
  return {
    sheets: [{ name: "Tracker", visibility: "visible", protected: false }],
    activeSheet: "Tracker",
    meta: null,
    tables: { [TABLES.tracker]: table },
    sheetValues: {},
  };
}

/** A tracker table (only) made through a host, with n rows. */
export async function seedTracker(host: WorkbookHost, n: number): Promise<void> {
  await host.run("Seed", (s) =>
    s.apply({
      ops: [
        { op: "ensureSheet", sheet: "Tracker" },
        {
          op: "createTable",
          sheet: "Tracker",
          table: {
            name: TABLES.tracker,
            row: 0,
            col: 0,
            headers: TRACKER_COLUMNS.map((c) => c.header),
            rows: checkRows(n),
            columnFormats: TRACKER_COLUMNS.map(formatFor),
            style: TABLE_STYLE,
          },
        },
      ],
    })
  );
}

async function excelSyncs(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const n of [10, 10_000]) {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel });
    // As the pane does: it passes the row count it knows, and formulas are read too up to the
    // host's maxFormulaRows.
    const formulas = readsFormulas(host, n);
    try {
      await seedTracker(host, n);
      const check = await time(() => checkTracker(host, { today: AS_AT, rows: n }));
      const checkSyncs = host.stats.byLabel["Check tracker"].syncs;
      await checkTracker(host, { today: AS_AT, fixes: "all", rows: n });
      out[`rows${n}`] = {
        checkSyncs,
        fixAllSyncs: host.stats.byLabel["Fix and check tracker"].syncs,
        formulasRead: formulas,
        checkMsOnFake: check.ms,
      };
    } catch (e) {
      out[`rows${n}`] = { failed: e instanceof Error ? e.message : String(e) };
    }
  }
  out.note = "The Excel host reads in 1 sync and applies in 1.";
  return out;
}

export async function checkBench(): Promise<Record<string, unknown>> {
  const rows10k = checkRows(10_000);
  const snapshot = checkSnapshotOf(rows10k);
  const input = checkInput(snapshot, { today: AS_AT });
  // Cold: the first run, before the JIT has warmed up. Warm: median of 15 after 5 warm-up runs,
  // as wall-clock and as this process's CPU time (less disturbed by other load on the machine).
  const cold = await time(() => runChecks(input));
  const report = cold.result;
  for (let i = 0; i < 5; i++) runChecks(input);
  const rulesMs = await median(15, () => runChecks(input));
  const cpu: number[] = [];
  for (let i = 0; i < 15; i++) {
    const c = process.cpuUsage();
    runChecks(input);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  const planMs = await median(5, () => planCheck(snapshot, { today: AS_AT }, "all"));

  const xlsx = await createXlsxHost();
  await seedTracker(xlsx, 10_000);
  const callsBefore = { ...xlsx.calls };
  const xlsxCheck = await time(() => checkTracker(xlsx, { today: AS_AT }));
  const xlsxCalls = {
    reads: xlsx.calls.reads - callsBefore.reads,
    applies: xlsx.calls.applies - callsBefore.applies,
  };

  return {
    rows: 10_000,
    findings: report.findings.length,
    counts: report.counts,
    rowsWithErrors: report.rowsWithErrors,
    rulesMs10k: rulesMs,
    rulesCpuMs10k: Math.round(cpu[7] * 10) / 10,
    rulesColdMs10k: cold.ms,
    rulesTargetMs: 100,
    loadAverage: Math.round(loadavg()[0] * 10) / 10,
    planWithFixAllMs10k: planMs,
    xlsxHostCheckMs10k: xlsxCheck.ms,
    xlsxHostCheckCalls: xlsxCalls,
    excelHost: await excelSyncs(),
    targetSyncs: 2,
    peakRssMb: peakRssMb(),
  };
}
