/**
 * The xlsx host's saving (xlsx-host.ts): the workbook's bytes (a file never changed as it was,
 * byte for byte; one changed in part spliced into the file; otherwise excelts's own write), no
 * save after a failure part-way or when a part would be lost, and an atomic write to a file.
 * Node only (hosts/xlsx).
 */
import { randomBytes } from "node:crypto";
import { existsSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Workbook } from "@cj-tech-master/excelts";
import { TrackerError } from "../../domain/errors";
import type { HostState } from "./host-load";
import { carryCustomProperties, lostParts, zipEntryNames } from "./parts";
import { fitTrackerRows } from "./row-fit";
import { writeWorkbook } from "./save";
import { spliceSave } from "./splice";

const listOf = (items: string[]) =>
  items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** The open workbook as bytes to save; refused when it failed part-way or would lose a part. */
export async function workbookBytes(st: HostState): Promise<Buffer> {
  if (st.broken) {
    throw new TrackerError(
      "unexpected",
      `The workbook was not saved because an operation failed part-way: ${st.broken}`
    );
  }
  const original = st.original;
  // Opened from a file and never changed: the file as it was, byte for byte.
  if (original && st.source?.lean && !st.changed) return original;
  // Tracker rows as tall as their wrapped text, as cached heights (row-fit.ts).
  fitTrackerRows(st.partial ? st.partial.wb : (st.wb as Workbook));
  // Changed in part: what changed, written, and every other sheet copied from the file.
  let out = st.partial
    ? await spliceSave(st.partial)
    : await writeWorkbook(st.wb as Workbook, st.validate);
  // A sensitivity label lives in custom document properties, which excelts drops: put them back.
  if (original && !st.partial) out = carryCustomProperties(original, out);
  if (st.originalParts) {
    const lost = lostParts(st.originalParts, zipEntryNames(out));
    if (lost.length > 0) {
      throw new TrackerError(
        "unsupported",
        `Nothing was written: this workbook holds ${listOf(lost)}, which would be lost if the command line ` +
          `saved it. Make the change in Excel with the Inspection Tracker add-in instead.`
      );
    }
  }
  return out;
}

/** Write to a temporary file beside the target, then rename over it. */
export function writeFileAtomic(path: string, bytes: Buffer): void {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    if (existsSync(tmp)) {
      try {
        unlinkSync(tmp);
      } catch {
        /* best effort */
      }
    }
    const err = e as NodeJS.ErrnoException;
    throw new TrackerError(
      "invalid-input",
      `Could not write ${path}: ${err.code ?? err.message}.`,
      { cause: e }
    );
  }
}
