/**
 * Import benchmark: parse throughput on a 50-record batch (the project's example records and the
 * published reference record when present, in text and HTML; target: the batch under 1 s), and
 * the context.sync() calls to import 16 and 1,000 items through the Excel host over the fake
 * Excel, into a new workbook (set up in the same operation) and into an existing tracker
 * (target: at most 3, the same for both sizes).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseRecord } from "../src/domain/record/parse";
import { buildTrackerFromRecords } from "../src/engine/import";
import { setupTracker } from "../src/engine/setup";
import { median, time } from "./util";
import { createExcelHost, createFakeExcel } from "./excel";

const ROOT = join(__dirname, "..", "..");

function sampleRecords(): { name: string; text: string }[] {
  const dir = join(ROOT, "examples");
  const out = readdirSync(dir)
    .filter((f) => /\.(txt|html)$/.test(f))
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), "utf8") }));
  const reference = join(
    ROOT,
    "..",
    "shared",
    "reference",
    "staffordshire-ocsae-mosovo-response.txt"
  );
  if (existsSync(reference)) out.push({ name: "reference", text: readFileSync(reference, "utf8") });
  return out;
}

/** A fictional Wessex Police record with n recommendations on one line, as the reference writes them. */
export function generatedRecord(n: number): string {
  return [
    "Force\tWessex Police",
    "Police and Crime Commissioner\tAlex Marlow",
    "Title of inspection\tPEEL 2025: An inspection of Wessex Police",
    "Published Date\t12/03/2025",
    "Grade\tAdequate",
    "Recommendations\t" +
      Array.from(
        { length: n },
        (_, i) => `${i + 1}. The force should improve practice area ${i + 1} and report progress.`
      ).join(" "),
    "Police and Crime Commissioner's initial response",
    "1. Victim care:",
    "2. Partnership working:",
  ].join("\n");
}

async function parseThroughput(): Promise<Record<string, unknown>> {
  const samples = sampleRecords();
  const batch = Array.from({ length: 50 }, (_, i) => samples[i % samples.length].text);
  let items = 0;
  const once = () => {
    items = 0;
    for (const t of batch) items += parseRecord(t).items.length;
  };
  once(); // warm-up
  const batchMs = await median(7, once);
  return {
    records: batch.length,
    kinds: samples.map((s) => s.name),
    itemsParsed: items,
    batchMs,
    recordsPerSecond: Math.round((batch.length / Math.max(batchMs, 0.001)) * 1000),
    target: "batch of 50 under 1000 ms",
  };
}

async function excelSyncs(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const existing of [false, true]) {
    for (const n of [16, 1_000]) {
      const fake = createFakeExcel();
      const host = createExcelHost({ excel: fake.Excel });
      if (existing) await setupTracker(host);
      const before = fake.syncCount;
      try {
        const run = await time(() =>
          buildTrackerFromRecords(host, [{ name: "generated", text: generatedRecord(n) }])
        );
        out[`${existing ? "intoTracker" : "newWorkbook"}Items${n}`] = {
          syncs: fake.syncCount - before,
          added: run.result.added.length,
          msOnFake: run.ms,
        };
      } catch (e) {
        out[`${existing ? "intoTracker" : "newWorkbook"}Items${n}`] = {
          failed: e instanceof Error ? e.message : String(e),
          syncs: fake.syncCount - before,
        };
      }
    }
  }
  out.target = "at most 3 syncs, the same for 16 and 1,000 items";
  return out;
}

export async function importBench(): Promise<Record<string, unknown>> {
  return { parse: await parseThroughput(), excelSyncs: await excelSyncs() };
}
