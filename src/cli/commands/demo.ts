/**
 * `inspection-tracker demo [--out FILE.xlsx]` (npm run demo): the whole story on the project's
 * example records, into one workbook: set up, import the examples, two quarters of updates with
 * a position recorded at each, a check, and the commissioner's summary with charts.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { formatUk, fromExcelSerial, toExcelSerial } from "../../domain/dates";
import { TrackerError } from "../../domain/errors";
import { checkTracker } from "../../engine/check";
import { recordPosition } from "../../engine/history";
import { buildTrackerFromRecords, type RecordSource } from "../../engine/import";
import { buildSummary } from "../../engine/summary";
import { createXlsxHost } from "../../hosts/xlsx";
import { claimOutput, withTarget } from "../files";
import { parseArguments, type Command } from "../io";
import { nameOffice, publishResponses, typeUpdates } from "../demo-story";
import { readRecordFile } from "./build";

const USAGE = `Usage: inspection-tracker demo [--out FILE.xlsx [--force]] [--examples DIR]

Build the example workbook from the project's example records (examples/): the tracker, two
quarterly positions (30/06/2025 and 30/09/2025), a check, and the Summary sheet with charts.

Options:
  --out FILE.xlsx   Where to write it (default out/demo.xlsx, which a new run replaces)
  --force           Replace FILE.xlsx if it exists (never a read-only one)
  --examples DIR    The folder of records (default examples/)`;

/** The demo's reporting dates: the ends of Q1 and Q2 of 2025/26. */
export const DEMO_FIRST = toExcelSerial({ y: 2025, m: 6, d: 30 });
export const DEMO_SECOND = toExcelSerial({ y: 2025, m: 9, d: 30 });

/** Build the demo workbook; returns it (`bytes`) with what was done, without writing it. */
export async function buildDemoWorkbook(examples: string) {
  const t0 = performance.now();
  const files = readdirSync(examples)
    .filter((f) => /\.(txt|html?|docx)$/i.test(f))
    .sort()
    .map((f) => join(examples, f));
  if (files.length === 0)
    throw new TrackerError("invalid-input", `No records (.txt, .html, .docx) in ${examples}`);
  const sources: RecordSource[] = [];
  for (const f of files) sources.push(await readRecordFile(f));

  const host = await createXlsxHost({});
  const built = await buildTrackerFromRecords(host, sources);
  await nameOffice(host, "Office of the Wessex Police and Crime Commissioner");
  await publishResponses(host);
  const themesByCode = Object.fromEntries(built.records.map((r) => [r.code, r.record.themes]));
  await typeUpdates(host, DEMO_FIRST, DEMO_SECOND, 0, themesByCode);
  await recordPosition(host, { date: DEMO_FIRST, replace: true });
  await typeUpdates(host, DEMO_FIRST, DEMO_SECOND, 1, themesByCode);
  await recordPosition(host, { date: DEMO_SECOND, replace: true });
  const check = await checkTracker(host, { today: DEMO_SECOND, asAt: DEMO_SECOND });
  const summary = await buildSummary(host, {
    today: DEMO_SECOND,
    asAt: DEMO_SECOND,
    force: true,
    errorRows: check.report.rowsWithErrors,
  });
  const bytes = await host.toBuffer();
  return { files, built, check, summary, bytes, ms: Math.round(performance.now() - t0) };
}

/** Build the demo workbook into `out` (replacing it: the caller decides whether it may). */
export async function buildDemo(out: string, examples: string, force = true) {
  return withTarget(claimOutput(out, { force }), async (target) => {
    const r = await buildDemoWorkbook(examples);
    target.commit(r.bytes);
    return r;
  });
}

/** The project folder: the nearest folder above this file that holds package.json. */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export const demoCommand: Command = {
  name: "demo",
  summary: "Build the example workbook: import, two positions, a check, the summary with charts",
  usage: USAGE,
  run: async (args, io) => {
    const { values } = parseArguments({
      args,
      options: {
        out: { type: "string" },
        force: { type: "boolean", default: false },
        examples: { type: "string" },
      },
    });
    const root = projectRoot(__dirname);
    const out = resolve(values.out ?? join("out", "demo.xlsx"));
    const examples = resolve(values.examples ?? join(root, "examples"));
    const { mkdirSync } = await import("node:fs");
    mkdirSync(resolve(out, ".."), { recursive: true });
    // The demo's own default file is its to replace, so the quick start works twice in a row;
    // a file named with --out is the analyst's, and needs --force.
    const r = await buildDemo(out, examples, values.force || values.out === undefined);
    io.out(`Imported ${r.built.added.length} items from ${r.files.length} records.`);
    io.out(
      `Recorded positions at ${formatUk(fromExcelSerial(DEMO_FIRST))} and ${formatUk(fromExcelSerial(DEMO_SECOND))}.`
    );
    io.out(`Check: ${r.check.message}`);
    io.out(r.summary.message);
    io.out(`Built in ${r.ms} ms.`);
    io.out(out);
    return 0;
  },
};
