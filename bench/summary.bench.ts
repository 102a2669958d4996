/**
 * Summary benchmark: build the commissioner's summary for 10, 1,000 and 10,000 rows with four
 * recorded positions. Node: the decisions alone (decideMs, pure), then in a process of its own
 * the tracker opened from .xlsx, the summary built (buildSummaryMs: one read, the decisions, one
 * apply) and the copy saved, with peak RSS. Excel host (fake Excel): context.sync() calls,
 * charts included.
 * Also exports the generator the summary tests use: a fictional force's tracker built through
 * the engine (set-up, rows, inspections, statuses changed between recorded positions).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { INSPECTION_COLUMNS, TABLES, TRACKER_COLUMNS } from "../src/domain/columns";
import { toExcelSerial } from "../src/domain/dates";
import { recordPosition } from "../src/engine/history";
import { setupTracker } from "../src/engine/setup";
import { buildSummary, checkCount, SUMMARY_READ, summaryOf } from "../src/engine/summary";
import { planSummary } from "../src/workbook/summary";
import type { WorkbookHost } from "../src/workbook/host";
import type { CellValue } from "../src/workbook/plan";
import { median, peakRssMb, time } from "./util";
import { createExcelHost, createFakeExcel } from "./excel";

/** A small seeded random generator (mulberry32): the same seed gives the same tracker. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fictional inspections of a fictional force. */
export const SAMPLE_INSPECTIONS = [
  {
    code: "PEEL25",
    title: "PEEL 2025: an inspection of Wessex Police",
    published: { y: 2025, m: 4, d: 10 },
    responded: { y: 2025, m: 5, d: 30 },
  },
  {
    code: "VAWG24",
    title: "Policing of violence against women and girls",
    published: { y: 2024, m: 11, d: 5 },
    responded: { y: 2025, m: 1, d: 15 },
  },
  {
    code: "CUST25",
    title: "Custody in Wessex",
    published: { y: 2025, m: 8, d: 20 },
    responded: null,
  },
  {
    code: "VET24",
    title: "Vetting, misconduct and counter-corruption",
    published: { y: 2024, m: 6, d: 3 },
    responded: { y: 2024, m: 7, d: 25 },
  },
  {
    code: "DIGI25",
    title: "Digital forensics and the backlog",
    published: { y: 2025, m: 12, d: 1 },
    responded: null,
  },
  {
    code: "NBH24",
    title: "Neighbourhood policing and problem solving",
    published: { y: 2024, m: 2, d: 14 },
    responded: { y: 2024, m: 4, d: 30 },
  },
] as const;

export const SAMPLE_THEMES = [
  "Risk and safeguarding",
  "Capacity and capability",
  "Governance and data",
  "Consistency with national standards",
  "Technology and timeliness",
  "Workforce wellbeing",
  "Partnership working",
];

export const SAMPLE_OWNERS = [
  "ACC Crime",
  "ACC Operations",
  "Head of Public Protection",
  "Head of People",
  "Chief Digital Officer",
  "Supt Neighbourhoods",
  "Head of Professional Standards",
  "Custody Manager",
];

const ADDRESSEES = [
  "Force",
  "Force",
  "Force",
  "Force",
  "Force",
  "Force",
  "NPCC",
  "College of Policing",
  "Home Office",
];
const STATUSES = ["Red", "Amber", "Green", "Complete", "Superseded"];
const STATUS_WEIGHTS = [0.14, 0.26, 0.36, 0.2, 0.04];

const VERBS = [
  "review",
  "improve",
  "make sure",
  "put in place",
  "establish",
  "strengthen",
  "audit",
  "train staff on",
];
const OBJECTS = [
  "how it records and shares safeguarding referrals with partner agencies",
  "the supervision of investigations into domestic abuse",
  "the timeliness of its response to emergency and priority calls",
  "its vetting processes so that every officer and member of staff holds valid clearance",
  "its understanding of demand in the control room",
  "the quality of data it uses to plan its workforce",
  "the use of stop and search and the scrutiny of its fairness",
  "the way it manages the backlog of digital devices awaiting examination",
  "its custody suites so that detainees are kept safe",
  "the wellbeing support available to officers in high-risk roles",
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)];
}

function weighted(rnd: () => number): string {
  let x = rnd();
  for (let i = 0; i < STATUSES.length; i++) {
    x -= STATUS_WEIGHTS[i];
    if (x <= 0) return STATUSES[i];
  }
  return STATUSES[STATUSES.length - 1];
}

/** Four quarter ends, the last one the as-at date of the sample. */
export const SAMPLE_POSITIONS = [
  toExcelSerial({ y: 2025, m: 6, d: 30 }),
  toExcelSerial({ y: 2025, m: 9, d: 30 }),
  toExcelSerial({ y: 2025, m: 12, d: 31 }),
  toExcelSerial({ y: 2026, m: 3, d: 31 }),
];
export const SAMPLE_AS_AT = SAMPLE_POSITIONS[3];

/** Generated tracker rows (in TRACKER_COLUMNS order), like imported ones. */
export function sampleRows(n: number, seed = 7): CellValue[][] {
  const rnd = seeded(seed);
  const perInspection = new Map<string, number>();
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const insp = SAMPLE_INSPECTIONS[i % SAMPLE_INSPECTIONS.length];
    const no = (perInspection.get(insp.code) ?? 0) + 1;
    perInspection.set(insp.code, no);
    const addressed = pick(rnd, ADDRESSEES);
    const subject =
      addressed === "Force"
        ? "By March 2027, Wessex Police should"
        : `The ${addressed} should work with forces to`;
    const target = SAMPLE_AS_AT + Math.floor(rnd() * 540) - 240;
    const values: Record<string, CellValue> = {
      ref: `${insp.code}-R${no}`,
      inspection: insp.title,
      kind: "Recommendation",
      number: no,
      recommendation: `${subject} ${pick(rnd, VERBS)} ${pick(rnd, OBJECTS)}.`,
      addressedTo: addressed,
      theme: rnd() < 0.05 ? null : pick(rnd, SAMPLE_THEMES),
      owner: rnd() < 0.03 ? null : pick(rnd, SAMPLE_OWNERS),
      targetDate: target,
      status: weighted(rnd),
      progress:
        rnd() < 0.1
          ? null
          : `Action plan agreed; ${pick(rnd, ["training under way", "audit booked", "policy redrafted", "awaiting partner data", "pilot running in the east"])}.`,
      nextSteps: null,
      evidence: null,
      lastUpdated: SAMPLE_AS_AT - Math.floor(rnd() * 120),
      closedDate: null,
    };
    rows.push(TRACKER_COLUMNS.map((c) => values[c.key] ?? null));
  }
  return rows;
}

/** One status per row at each position: each quarter some items move, most stay. */
export function sampleStatusPath(
  rows: readonly CellValue[][],
  positions: number,
  seed = 11
): string[][] {
  const rnd = seeded(seed);
  const statusCol = TRACKER_COLUMNS.findIndex((c) => c.key === "status");
  const finals = rows.map((r) => String(r[statusCol]));
  const path: string[][] = [finals];
  for (let p = positions - 2; p >= 0; p--) {
    const later = path[0];
    path.unshift(
      later.map((s) => {
        if (rnd() > 0.3) return s;
        if (s === "Complete") return pick(rnd, ["Green", "Amber"]);
        if (s === "Green") return pick(rnd, ["Amber", "Red", "Green"]);
        if (s === "Amber") return pick(rnd, ["Red", "Green"]);
        if (s === "Red") return pick(rnd, ["Amber", "Red"]);
        return s;
      })
    );
  }
  return path;
}

export interface SampleOptions {
  rows: number;
  /** Recorded positions (0-4), the statuses changing between them; the last is the rows as they stand. */
  positions?: number;
  seed?: number;
  /** Written to the Lists settings (Office name) when given. */
  officeName?: string;
}

/** Build a sample tracker through the engine: set-up, inspections, rows, recorded positions. */
export async function buildSampleTracker(
  host: WorkbookHost,
  options: SampleOptions
): Promise<void> {
  const positions = options.positions ?? 2;
  await setupTracker(host);
  const rows = sampleRows(options.rows, options.seed);
  const path = sampleStatusPath(rows, Math.max(positions, 1), (options.seed ?? 7) + 4);
  const inspections = SAMPLE_INSPECTIONS.map((i) => {
    const published = toExcelSerial(i.published);
    const v: Record<string, CellValue> = {
      code: i.code,
      title: i.title,
      inspectorate: "HMICFRS",
      force: "Wessex Police",
      published,
      grade: i.code.startsWith("PEEL") ? "Adequate" : "Not graded",
      responseDue: published + 56,
      responsePublished: i.responded ? toExcelSerial(i.responded) : null,
      summary: null,
    };
    return INSPECTION_COLUMNS.map((c) => v[c.key] ?? null);
  });
  const statusCol = TRACKER_COLUMNS.findIndex((c) => c.key === "status");
  const first = path[Math.max(0, path.length - positions)] ?? path[path.length - 1];
  await host.run("Sample rows", async (s) => {
    await s.read({ tables: [TABLES.tracker] });
    await s.apply({
      ops: [
        { op: "appendRows", table: TABLES.inspections, rows: inspections },
        ...(options.officeName
          ? [
              {
                op: "writeTableCells" as const,
                table: TABLES.settings,
                row: 0,
                col: 1,
                values: [[options.officeName]],
              },
            ]
          : []),
        ...(rows.length
          ? [
              {
                op: "appendRows" as const,
                table: TABLES.tracker,
                rows: rows.map((r, i) => r.map((v, j) => (j === statusCol ? first[i] : v))),
              },
            ]
          : []),
      ],
    });
  });
  const dates = SAMPLE_POSITIONS.slice(SAMPLE_POSITIONS.length - positions);
  for (let p = 0; p < positions; p++) {
    const statuses = path[path.length - positions + p];
    if (p > 0 && rows.length) {
      await host.run("Sample statuses", async (s) => {
        await s.read({ tables: [TABLES.tracker] });
        await s.apply({
          ops: [
            {
              op: "writeTableCells",
              table: TABLES.tracker,
              row: 0,
              col: statusCol,
              values: statuses.map((x) => [x]),
            },
          ],
        });
      });
    }
    await recordPosition(host, { date: dates[p] });
  }
}

/**
 * In a process of its own (so its peak memory is its own): open the tracker as the command line
 * does (read lean: the tables streamed, excelts loaded only for the write), build the summary,
 * save. Wall clock and CPU time: on a shared, loaded machine the CPU time is the steadier figure.
 */
async function nodeChild(file: string, out: string): Promise<Record<string, unknown>> {
  const { createXlsxHost } = await import("../src/hosts/xlsx");
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const host = await createXlsxHost({ file, lean: true });
  const t1 = performance.now();
  const result = await buildSummary(host, { today: SAMPLE_AS_AT, asAt: SAMPLE_AS_AT });
  const t2 = performance.now();
  const cpu2 = process.cpuUsage(cpu0);
  await host.save(out);
  const t3 = performance.now();
  const cpu3 = process.cpuUsage(cpu0);
  const cpuMs = (c: NodeJS.CpuUsage) => Math.round((c.user + c.system) / 1000);
  const r = (ms: number) => Math.round(ms * 10) / 10;
  if (result.kind !== "built") throw new Error(result.message);
  return {
    rows: result.summary.headline.itemsTracked,
    positions: result.summary.trend.length,
    exceptions: result.summary.exceptions.length,
    charts: result.layout.charts.length,
    openMs: r(t1 - t0),
    buildSummaryMs: r(t2 - t1),
    saveMs: r(t3 - t2),
    totalMs: r(t3 - t0),
    cpuMsToBuilt: cpuMs(cpu2),
    cpuMsTotal: cpuMs(cpu3),
    peakRssMb: peakRssMb(),
    xlsxHostCalls: host.calls,
  };
}

async function nodeRun(rows: number, dir: string): Promise<Record<string, unknown>> {
  const { createXlsxHost } = await import("../src/hosts/xlsx");
  const host = await createXlsxHost();
  await buildSampleTracker(host, { rows, positions: 4 });
  // The decisions alone (pure: figures and the sheet's plan), warm, from one snapshot.
  const snapshot = await host.run("Read", (s) => s.read(SUMMARY_READ));
  const decide = () => planSummary(summaryOf(snapshot, SAMPLE_AS_AT, SAMPLE_AS_AT, null), snapshot);
  decide();
  const decideMs = await median(5, decide);
  const file = join(dir, `tracker-${rows}.xlsx`);
  await host.save(file);
  const child = spawnSync(
    process.execPath,
    [__filename, "--summary-child", file, join(dir, `summary-${rows}.xlsx`)],
    {
      encoding: "utf8",
      timeout: 180_000,
    }
  );
  return child.status === 0
    ? { decideMs, ...JSON.parse(child.stdout) }
    : { rows, decideMs, failed: child.stderr || `exit ${child.status}` };
}

async function excelSyncs(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const n of [10, 1000, 10000]) {
    const fake = createFakeExcel();
    const host = createExcelHost({ excel: fake.Excel });
    try {
      await buildSampleTracker(host, { rows: n, positions: 4 });
      const build = () => buildSummary(host, { today: SAMPLE_AS_AT, asAt: SAMPLE_AS_AT });
      const run = await time(build);
      const first = host.stats.byLabel["Build summary"].syncs;
      // A repeat in the same session (the pane builds again after an edit).
      const again = await time(build);
      const repeat = host.stats.byLabel["Build summary"].syncs;
      // As the pane and the command line build it: Check first (the whole tracker is read, and
      // its formulas up to 2,000 rows), then "build anyway" over the errors it finds.
      const withCheck = () =>
        buildSummary(host, {
          today: SAMPLE_AS_AT,
          asAt: SAMPLE_AS_AT,
          check: checkCount(SAMPLE_AS_AT, SAMPLE_AS_AT),
          force: true,
          rows: n,
        });
      const checked = await time(withCheck);
      out[`rows${n}`] = {
        buildSummarySyncs: first,
        buildSummarySyncsRepeat: repeat,
        withCheckSyncs: host.stats.byLabel["Build summary"].syncs,
        withCheckMsOnFake: checked.ms,
        recordPositionSyncs: host.stats.byLabel["Record position"].syncs,
        charts: fake.charts("Summary").length,
        msOnFake: run.ms,
        msOnFakeRepeat: again.ms,
      };
    } catch (e) {
      out[`rows${n}`] = {
        failed: e instanceof Error ? e.message : String(e),
        syncsSoFar: host.stats.byLabel,
      };
    }
  }
  return out;
}

export async function summaryBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "summary-bench-"));
  const node: unknown[] = [];
  try {
    for (const n of [10, 1000, 10000]) node.push(await nodeRun(n, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    targets: { buildSummaryMs10k: 2000, peakRssMb: 500, syncs: 4 },
    positions: 4,
    node,
    excelHost: await excelSyncs(),
  };
}

if (require.main === module && process.argv[2] === "--summary-child") {
  nodeChild(process.argv[3], process.argv[4])
    .then((r) => process.stdout.write(JSON.stringify(r)))
    .catch((e) => {
      process.stderr.write(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exitCode = 1;
    });
}
