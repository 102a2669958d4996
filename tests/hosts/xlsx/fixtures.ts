/**
 * Shared set-up for the xlsx host tests: temporary folders, a fresh tracker file, reopening.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { Workbook } from "@cj-tech-master/excelts";
import { setupTracker } from "../../../src/engine/setup";
import { createXlsxHost, type XlsxHost } from "../../../src/hosts/xlsx";
import type { ReadRequest, WorkbookSnapshot } from "../../../src/workbook/host";
import type { WorkbookPlan } from "../../../src/workbook/plan";

export const TMP = resolve(__dirname, "..", "..", ".tmp");

export function tmpDir(prefix = "xlsx-"): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(join(TMP, prefix));
}

/** A new tracker workbook saved to DIR/name; returns its path. */
export async function newTracker(dir: string, name = "tracker.xlsx"): Promise<string> {
  const host = await createXlsxHost();
  await setupTracker(host);
  const file = join(dir, name);
  await host.save(file);
  return file;
}

export async function reopen(file: string): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

export async function snapshotOf(host: XlsxHost, request: ReadRequest): Promise<WorkbookSnapshot> {
  return host.run("Read", (s) => s.read(request));
}

export async function applyTo(host: XlsxHost, plan: WorkbookPlan): Promise<void> {
  await host.run("Apply", (s) => s.apply(plan));
}

/** Apply a plan to FILE and save it back. */
export async function applyToFile(file: string, plan: WorkbookPlan): Promise<void> {
  const host = await createXlsxHost({ file });
  await applyTo(host, plan);
  await host.save(file);
}
