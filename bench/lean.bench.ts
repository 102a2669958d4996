/**
 * Big trackers, read lean: a 10,000-row and a 50,000-row tracker adopted from the
 * bench's messy rows (adopt.bench.ts), then, each in a process of its own so that its peak
 * memory is its own:
 * - `check --json` (the command line's own bundle, the whole process from its start), against
 *   excelts alone loading the same file (once loaded): at 10,000 rows in under half that
 *   time; at 50,000 rows under 400 MB;
 * - `summary --out` at 10,000 rows, against excelts alone opening and saving the same file: in
 *   under half that time, under 300 MB; and at 50,000 rows (one run each), for the ratio.
 * Each child runs three times; the median and every run are printed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { performance } from "node:perf_hooks";
import { Workbook } from "@cj-tech-master/excelts";
import { installChartSupport } from "@cj-tech-master/excelts/chart";
import { main } from "../src/cli/main";
import { toExcelSerial } from "../src/domain/dates";
import { adoptSheet } from "../src/engine/adopt";
import { hostFromRows } from "../src/hosts/xlsx";
import { gridValues } from "../tests/adopt/messy";
import { messyRows } from "./adopt.bench";
import { peakRssMb } from "./util";

const TODAY = toExcelSerial({ y: 2026, m: 1, d: 20 });
const RUNS = 3;

const r1 = (ms: number) => Math.round(ms * 10) / 10;

/** Child: adopt n messy rows into a tracker workbook, as `adopt --out` does. */
async function makeTracker(n: number, out: string): Promise<Record<string, unknown>> {
  const host = await hostFromRows("Recs", gridValues(messyRows(n)));
  const result = await adoptSheet(host, { today: TODAY });
  await host.save(out);
  return { rows: result.preview?.counts.rows ?? 0 };
}

/** Child: one measured thing on one file. */
async function child(kind: string, file: string, out: string): Promise<Record<string, unknown>> {
  const silent = { out: () => undefined, err: (t: string) => void process.stderr.write(t) };
  const t0 = performance.now();
  let extra: Record<string, unknown> = {};
  if (kind === "excelts-load" || kind === "excelts-open-save") {
    installChartSupport();
    const wb = new Workbook();
    await wb.xlsx.read(Readable.from([readFileSync(file)]) as never);
    const t1 = performance.now();
    extra = { loadMs: r1(t1 - t0) };
    if (kind === "excelts-open-save") {
      await wb.xlsx.writeBuffer();
      extra.saveMs = r1(performance.now() - t1);
    }
  } else if (kind === "check") {
    const code = await main(["check", file, "--json"], silent);
    if (code !== 0 && code !== 1) throw new Error(`check exited ${code}`);
  } else if (kind === "summary") {
    rmSync(out, { force: true });
    const code = await main(["summary", file, "--out", out, "--as-at", "2026-01-20"], silent);
    if (code !== 0) throw new Error(`summary exited ${code}`);
  } else throw new Error(`unknown child ${kind}`);
  return { ms: r1(performance.now() - t0), peakRssMb: peakRssMb(), ...extra };
}

/**
 * A child of this bundle, or, for the commands, of the command line's own bundle
 * (dist-cli/src/cli/main.js, as `inspection-tracker` runs it): the command's whole time from
 * the start of the process, its loading included, and its peak memory.
 */
function spawnChild(args: string[]): Record<string, unknown> {
  const cli = join(__dirname, "..", "src", "cli", "main.js");
  const command = args[0] === "check" || args[0] === "summary";
  const script = `
    const t0 = Date.now() - process.uptime() * 1000;
    const { main } = require(${JSON.stringify(cli)});
    const io = { out: () => undefined, err: (t) => process.stderr.write(t) };
    const [kind, file, out] = ${JSON.stringify(args)};
    if (kind === "summary") require("fs").rmSync(out, { force: true });
    const argv = kind === "check" ? ["check", file, "--json"]
      : ["summary", file, "--out", out, "--as-at", "2026-01-20"];
    main(argv, io).then((code) => {
      if (code > 1 || (kind === "summary" && code !== 0)) { process.exitCode = 2; return; }
      process.stdout.write(JSON.stringify({
        ms: Math.round((Date.now() - t0) * 10) / 10,
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      }));
    });`;
  const c = spawnSync(
    process.execPath,
    command && existsSync(cli) ? ["-e", script] : [__filename, "--lean-child", ...args],
    { encoding: "utf8", timeout: 600_000, maxBuffer: 16 * 1024 * 1024 }
  );
  if (c.status !== 0) return { failed: c.stderr || `exit ${c.status}` };
  return JSON.parse(c.stdout) as Record<string, unknown>;
}

/** Median and every run of a child, three times (or `times`). */
function measured(args: string[], times = RUNS): Record<string, unknown> {
  const runs = Array.from({ length: times }, () => spawnChild(args));
  const ok = runs.filter((x) => !("failed" in x));
  if (ok.length === 0) return runs[0];
  const keys = Object.keys(ok[0]).filter((k) => typeof ok[0][k] === "number");
  const med = (k: string) => {
    const xs = ok.map((x) => x[k] as number).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)];
  };
  return {
    ...Object.fromEntries(keys.map((k) => [k, med(k)])),
    eachRun: Object.fromEntries(keys.map((k) => [k, ok.map((x) => x[k])])),
  };
}

const ratio = (a: unknown, b: unknown) =>
  typeof a === "number" && typeof b === "number" && b > 0 ? Math.round((a / b) * 100) / 100 : null;

export async function leanBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "lean-bench-"));
  try {
    const files: Record<number, string> = {};
    const made: Record<string, unknown> = {};
    for (const n of [10_000, 50_000]) {
      files[n] = join(dir, `adopted-${n}.xlsx`);
      const m = spawnChild(["make", files[n], String(n)]);
      made[`rows${n}`] = { ...m, bytes: statSync(files[n]).size };
    }
    const out = join(dir, "summary.xlsx");
    const check10k = measured(["check", files[10_000]]);
    const load10k = measured(["excelts-load", files[10_000]]);
    const check50k = measured(["check", files[50_000]]);
    const load50k = measured(["excelts-load", files[50_000]]);
    const summary10k = measured(["summary", files[10_000], out]);
    const openSave10k = measured(["excelts-open-save", files[10_000]]);
    // 50,000 rows, lean against excelts (once each: excelts alone takes about a minute).
    const summary50k = measured(["summary", files[50_000], out], 1);
    const openSave50k = measured(["excelts-open-save", files[50_000]], 1);
    return {
      loadAverage: Math.round(loadavg()[0] * 10) / 10,
      trackers: made,
      check: {
        rows10000: { command: check10k, exceltsLoad: load10k },
        rows50000: { command: check50k, exceltsLoad: load50k },
        // Targets: at 10,000 rows under 0.5 of excelts's load; at 50,000 rows under 400 MB.
        ratio10k: ratio(check10k.ms, load10k.ms),
        ratio50k: ratio(check50k.ms, load50k.ms),
      },
      summary: {
        rows10000: { command: summary10k, exceltsOpenSave: openSave10k },
        rows50000: { command: summary50k, exceltsOpenSave: openSave50k },
        // Target: under 0.5 of excelts's open and save, under 300 MB (at 10,000 rows).
        ratio10k: ratio(summary10k.ms, openSave10k.ms),
        ratio50k: ratio(summary50k.ms, openSave50k.ms),
      },
      targets: {
        checkRatio10k: 0.5,
        checkPeakRssMb50k: 400,
        summaryRatio10k: 0.5,
        summaryPeakRssMb10k: 300,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv[2] === "--lean-child") {
  const [kind, file, arg] = process.argv.slice(3);
  (kind === "make" ? makeTracker(Number(arg), file) : child(kind, file, arg))
    .then((r) => process.stdout.write(JSON.stringify(r)))
    .catch((e) => {
      process.stderr.write(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exitCode = 1;
    });
}
