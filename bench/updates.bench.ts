/**
 * Update round benchmark: a 10,000-row tracker with 40 owners, in Node as the command line runs
 * it, each phase in a process of its own (so its peak memory is its own), three times:
 * - request: open the tracker, decide, write one workbook per owner (the first request also gives
 *   the tracker its id and saves it: measured once, apart);
 * - merge: open the tracker and the 40 returned workbooks (every row answered), list and apply
 *   every change, save the merged tracker.
 * Targets: under 3 s each, under 500 MB. Each run also gives its CPU time (on a shared machine
 * the wall clock counts other processes too). Then the context.sync() calls of asking and
 * merging through the Excel host over the in-memory Excel, for 10 and 1,000 items.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { TABLES } from "../src/domain/columns";
import { setupTracker } from "../src/engine/setup";
import {
  applyMerge,
  makeOwnerWorkbook,
  openUpdateLog,
  previewMerge,
  readReturned,
  requestUpdates,
} from "../src/engine/updates";
import { createXlsxHost } from "../src/hosts/xlsx";
import * as memory from "../src/hosts/xlsx/memory";
import { rowCells, trackerRow, type RowValues } from "../tests/updates/fixtures";
import { edited } from "../tests/updates/returned";
import { peakRssMb } from "./util";
import { createExcelHost, createFakeExcel } from "./excel";

const TODAY = { y: 2026, m: 6, d: 30 };
const DUE = { y: 2026, m: 7, d: 17 };
const ROWS = 10_000;
const OWNERS = Array.from({ length: 40 }, (_, i) => `Owner ${String(i + 1).padStart(2, "0")}`);
const STATUSES = ["Red", "Amber", "Green", "Complete", "Green", "Amber", "Superseded", ""];
const RUNS = 3;

/** Row i: owners in turn, statuses varying across each owner's rows (three in four open). */
export function benchRow(i: number, owners: readonly string[] = OWNERS): RowValues {
  return {
    ...trackerRow(i, owners),
    status: STATUSES[Math.floor(i / owners.length) % STATUSES.length] || null,
  };
}

async function writeTracker(file: string): Promise<void> {
  const host = await createXlsxHost();
  await setupTracker(host);
  const rows = Array.from({ length: ROWS }, (_, i) => rowCells(benchRow(i)));
  await host.run("seed", (s) =>
    s.apply({ ops: [{ op: "appendRows", table: TABLES.tracker, rows }] })
  );
  writeFileSync(file, await host.toBuffer());
}

const r1 = (ms: number) => Math.round(ms * 10) / 10;

/** CPU time of this process so far (user and system), in ms: on a busy shared machine the wall
 * clock also counts other processes' turns; the CPU time does not. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** In a fresh process: the request as `updates request` makes it. */
async function requestChild(tracker: string, dir: string): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const host = await createXlsxHost({ buffer: readFileSync(tracker), lean: true });
  const tOpen = performance.now();
  const result = await requestUpdates(host, { today: TODAY, due: DUE });
  const tDecide = performance.now();
  if (result.trackerIdCreated) writeFileSync(tracker, await host.toBuffer());
  const tId = performance.now();
  mkdirSync(dir, { recursive: true });
  for (const r of result.requests) {
    const made = await makeOwnerWorkbook(host, r);
    writeFileSync(join(dir, r.fileName), made.bytes as Uint8Array);
  }
  const tEnd = performance.now();
  return {
    cpuMs: r1(cpuMs()),
    owners: result.requests.length,
    items: result.requests.reduce((n, r) => n + r.items, 0),
    trackerIdCreated: result.trackerIdCreated,
    openMs: r1(tOpen - t0),
    decideMs: r1(tDecide - tOpen),
    saveTrackerIdMs: r1(tId - tDecide),
    workbooksMs: r1(tEnd - tId),
    totalMs: r1(tEnd - t0),
    peakRssMb: peakRssMb(),
  };
}

/** In a fresh process: the merge as `updates merge` makes it. */
async function mergeChild(
  tracker: string,
  dir: string,
  out: string
): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const c0 = cpuMs();
  const host = await createXlsxHost({ buffer: readFileSync(tracker), lean: true });
  const tOpen = performance.now();
  const cOpen = cpuMs();
  const names = readdirSync(dir)
    .filter((f) => f.endsWith(".xlsx"))
    .sort();
  const files = await readReturned(
    names.map((name) => ({
      name,
      open: () =>
        createXlsxHost({
          buffer: readFileSync(join(dir, name)),
          name,
          lean: true,
          leanSheets: true,
        }),
    }))
  );
  const tRead = performance.now();
  const cRead = cpuMs();
  // The tracker is loaded into excelts only once there is something to write: timed apart.
  let cLoad0 = 0;
  let cLoad1 = 0;
  const result = await applyMerge(host, files, {
    today: { y: 2026, m: 7, d: 20 },
    beforeWrite: async () => {
      cLoad0 = cpuMs();
      await host.load();
      cLoad1 = cpuMs();
    },
  });
  const tApply = performance.now();
  const cApply = cpuMs();
  writeFileSync(out, await host.toBuffer());
  const tEnd = performance.now();
  const cEnd = cpuMs();
  return {
    cpuMs: r1(cpuMs()),
    // CPU time of each phase (the process's start, before t0, is in cpuMs only).
    cpu: {
      open: r1(cOpen - c0),
      readReturned: r1(cRead - cOpen),
      decideAndApply: r1(cApply - cRead),
      // Its parts: read the tracker lean, list and judge the changes, plan them; load the
      // tracker into excelts; apply the plan to it.
      readTrackerAndDecide: r1((cLoad0 || cApply) - cRead),
      loadTracker: r1(cLoad1 - cLoad0),
      apply: r1(cApply - (cLoad1 || cApply)),
      save: r1(cEnd - cApply),
    },
    files: names.length,
    applied: result.applied.length,
    refused: result.decision.rejected.length + result.decision.conflicts.length,
    openMs: r1(tOpen - t0),
    readReturnedMs: r1(tRead - tOpen),
    decideAndApplyMs: r1(tApply - tRead),
    saveMs: r1(tEnd - tApply),
    totalMs: r1(tEnd - t0),
    peakRssMb: peakRssMb(),
  };
}

function child(args: string[]): Record<string, unknown> {
  // The parent's node options (e.g. --cpu-prof) reach each child, so a phase can be profiled.
  const c = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, "--updates-child", ...args],
    {
      encoding: "utf8",
      timeout: 300_000,
    }
  );
  return c.status === 0 ? JSON.parse(c.stdout) : { failed: c.stderr || `exit ${c.status}` };
}

function medianOf(runs: Record<string, unknown>[], keys: string[]) {
  const ok = runs.filter((x) => !("failed" in x));
  const mid = (k: string) => {
    const xs = ok.map((x) => x[k] as number).sort((a, b) => a - b);
    return xs.length ? xs[Math.floor(xs.length / 2)] : null;
  };
  return ok.length === 0
    ? { failed: runs[0] }
    : {
        ...ok[0],
        runs: ok.length,
        median: Object.fromEntries(keys.map((k) => [k, mid(k)])),
        eachRun: Object.fromEntries(keys.map((k) => [k, ok.map((x) => x[k])])),
      };
}

/** Every owner answers every row: a progress line, and a new status on every other row. */
async function answerAll(dir: string, returned: string): Promise<void> {
  mkdirSync(returned, { recursive: true });
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".xlsx"))) {
    const bytes = new Uint8Array(readFileSync(join(dir, name)));
    const back = await edited(bytes, [], (ws) => {
      let header = 0;
      ws.eachRow((row, n) => {
        if (!header && row.getCell(1).value === "Ref") header = n;
      });
      for (let r = header + 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        // eslint-disable-next-line office-addins/load-object-before-read -- an excelts cell, not an Office.js proxy
        const ref = row.getCell(1).text;
        if (!ref) continue;
        row.getCell(6).value = `Answered for ${ref} this quarter.`;
        if (r % 2 === 0) row.getCell(5).value = "Green";
      }
    });
    writeFileSync(join(returned, name), back);
  }
}

async function excelSyncs(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const n of [10, 1_000]) {
    const fake = createFakeExcel({ sheets: ["Sheet1"] });
    const host = createExcelHost({
      excel: fake.Excel,
      office: fake.Office,
      workbookFiles: async () => memory,
    });
    await setupTracker(host);
    const owners = OWNERS.slice(0, 10);
    // Every row open, so the owners are asked about n items.
    const rows = Array.from({ length: n }, (_, i) =>
      rowCells({ ...benchRow(i, owners), status: "Amber" })
    );
    await host.run("seed", (s) =>
      s.apply({ ops: [{ op: "appendRows", table: TABLES.tracker, rows }] })
    );
    let before = fake.syncCount;
    const request = await requestUpdates(host, { today: TODAY, due: DUE });
    const requestSyncs = fake.syncCount - before;
    before = fake.syncCount;
    for (const r of request.requests) await makeOwnerWorkbook(host, r);
    const workbookSyncs = fake.syncCount - before;
    const sources = await Promise.all(
      request.requests.map(async (r, i) => {
        const bytes = new Uint8Array(Buffer.from(fake.createdWorkbooks[i], "base64"));
        const back = await edited(
          bytes,
          r.refs.map((ref): [string, string, string] => [ref, "Progress update", `Answer ${ref}`])
        );
        return { name: r.fileName, open: () => memory.openWorkbookBytes(r.fileName, back) };
      })
    );
    const files = await readReturned(sources);
    before = fake.syncCount;
    await previewMerge(host, files);
    const previewSyncs = fake.syncCount - before;
    before = fake.syncCount;
    const merged = await applyMerge(host, files, { today: TODAY });
    const mergeSyncs = fake.syncCount - before;
    before = fake.syncCount;
    await applyMerge(host, files, { today: TODAY });
    const mergeAgainSyncs = fake.syncCount - before;
    before = fake.syncCount;
    await openUpdateLog(host, merged.logSheet);
    const openLogSyncs = fake.syncCount - before;
    // The next quarter: the tracker has its id; the merge adds to the Update log.
    const next = { y: 2026, m: 9, d: 30 };
    before = fake.syncCount;
    const again = await requestUpdates(host, { today: next, due: { y: 2026, m: 10, d: 14 } });
    const nextRequestSyncs = fake.syncCount - before;
    const made = fake.createdWorkbooks.length;
    for (const r of again.requests) await makeOwnerWorkbook(host, r);
    const nextFiles = await readReturned(
      await Promise.all(
        again.requests.map(async (r, i) => {
          const bytes = new Uint8Array(Buffer.from(fake.createdWorkbooks[made + i], "base64"));
          const back = await edited(
            bytes,
            r.refs.map((ref): [string, string, string] => [ref, "Next steps", `Next ${ref}`])
          );
          return { name: r.fileName, open: () => memory.openWorkbookBytes(r.fileName, back) };
        })
      )
    );
    before = fake.syncCount;
    await applyMerge(host, nextFiles, { today: next });
    const nextMergeSyncs = fake.syncCount - before;
    out[`items${request.requests.reduce((k, r) => k + r.items, 0)}`] = {
      rows: n,
      owners: request.requests.length,
      applied: merged.applied.length,
      syncs: {
        request: requestSyncs,
        workbooks: workbookSyncs,
        preview: previewSyncs,
        merge: mergeSyncs,
        mergeAgain: mergeAgainSyncs,
        openUpdateLog: openLogSyncs,
        nextRequest: nextRequestSyncs,
        nextMerge: nextMergeSyncs,
      },
    };
  }
  return out;
}

export async function updatesBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "updates-bench-"));
  try {
    const tracker = join(dir, "tracker.xlsx");
    await writeTracker(tracker);
    // The first request gives the tracker its id (and saves it); later ones only read it.
    const first = child(["request", tracker, join(dir, "first")]);
    const requests = [];
    for (let k = 0; k < RUNS; k++) requests.push(child(["request", tracker, join(dir, `req${k}`)]));
    const returned = join(dir, "returned");
    await answerAll(join(dir, "req0"), returned);
    const merges = [];
    for (let k = 0; k < RUNS; k++)
      merges.push(child(["merge", tracker, returned, join(dir, `merged${k}.xlsx`)]));
    return {
      rows: ROWS,
      owners: OWNERS.length,
      loadAverage: Math.round(loadavg()[0] * 10) / 10,
      firstRequest: first,
      request: medianOf(requests, [
        "openMs",
        "decideMs",
        "workbooksMs",
        "totalMs",
        "cpuMs",
        "peakRssMb",
      ]),
      merge: medianOf(merges, [
        "openMs",
        "readReturnedMs",
        "decideAndApplyMs",
        "saveMs",
        "totalMs",
        "cpuMs",
        "peakRssMb",
      ]),
      targets: { requestMs: 3000, mergeMs: 3000, peakRssMb: 500 },
      excelHost: await excelSyncs(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv[2] === "--updates-child") {
  const [kind, ...args] = process.argv.slice(3);
  (kind === "request" ? requestChild(args[0], args[1]) : mergeChild(args[0], args[1], args[2]))
    .then((r) => process.stdout.write(JSON.stringify(r)))
    .catch((e) => {
      process.stderr.write(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exitCode = 1;
    });
}
