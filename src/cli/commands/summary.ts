/**
 * `inspection-tracker summary TRACKER.xlsx --out FILE.xlsx [--as-at DATE] [--snapshot] [--json]`:
 * build the commissioner's Summary sheet, with native charts, into a copy of the tracker. With
 * --snapshot the position is recorded into the tracker itself first (and so into the copy): the
 * tracker keeps every quarter's history. Without it the tracker is never changed.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  calendarDateOf,
  formatIso,
  formatUk,
  fromExcelSerial,
  toExcelSerial,
} from "../../domain/dates";
import { TrackerError } from "../../domain/errors";
import { summaryJson } from "../../domain/summary";
import { buildSummary, checkCount } from "../../engine/summary";
import { createXlsxHost } from "../../hosts/xlsx";
import { parseAsAt } from "../as-at";
import { claimExisting, claimOutput, withTarget, type WriteTarget } from "../files";
import { UsageError, oneFile, parseArguments, type Command, type Io } from "../io";
import { recordInto } from "./record";
import { fileNotFound } from "../../domain/messages";

const USAGE = `Usage: inspection-tracker summary TRACKER.xlsx --out FILE.xlsx [--force] [--as-at DATE]
                                  [--snapshot [--replace]] [--json]

Build the commissioner's Summary sheet (a one-page dashboard, the exceptions and the items that
need information, what moved since the last recorded position, tables by kind, addressee,
inspection, theme and owner, and native charts in the status colours) into a copy of the
tracker.

Options:
  --out FILE.xlsx    Where to write the copy with the Summary sheet (required; not the tracker itself)
  --force            Replace FILE.xlsx if it exists (never a read-only one)
  --as-at DATE       The position date, YYYY-MM-DD or DD/MM/YYYY (default: the workbook's
                     As-at date, or today)
  --snapshot         Record the position into TRACKER.xlsx itself first (one Status history row
                     per item for that date), so the tracker keeps every quarter's history; the
                     copy has it too. Without --snapshot the tracker is not changed.
  --replace          With --snapshot: replace a position already recorded that day (without it
                     nothing is written)
  --json             Print every figure as JSON on stdout, unknowns counted as such (the
                     keys are listed in the README: 'summary --json')

To record a position without building a summary: inspection-tracker record TRACKER.xlsx`;

export const summaryCommand: Command = {
  name: "summary",
  summary: "Build the commissioner's Summary sheet with charts into a copy of a tracker",
  usage: USAGE,
  run: async (args: string[], io: Io) => {
    const parsed = parseArguments({
      args,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        force: { type: "boolean", default: false },
        "as-at": { type: "string" },
        snapshot: { type: "boolean", default: false },
        replace: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
    const { values, positionals } = parsed;
    const file = oneFile(positionals, "Give the tracker file (.xlsx) to summarise.");
    if (!values.out)
      throw new UsageError(
        "give --out FILE.xlsx: the summary is written into a copy of the tracker"
      );
    if (!/\.xlsx$/i.test(file)) throw new UsageError(`${file} is not an .xlsx file`);
    if (!/\.xlsx$/i.test(values.out))
      throw new UsageError(`--out ${values.out} should end in .xlsx`);
    if (resolve(values.out) === resolve(file)) {
      throw new UsageError("--out must be a different file: the tracker itself is never changed");
    }
    if (values.replace && !values.snapshot)
      throw new UsageError(
        "--replace goes with --snapshot: it replaces a position recorded that day"
      );
    const asAt = values["as-at"] !== undefined ? parseAsAt(values["as-at"]) : undefined;
    if (!existsSync(file)) throw new TrackerError("invalid-input", fileNotFound(file));
    // Claimed before any work: an existing --out is refused unless --force; with --snapshot the
    // tracker too (refused when read-only or locked, replaced only if unchanged meanwhile).
    const out = values.out;
    if (!values.snapshot)
      return withTarget(claimOutput(out, { force: values.force }), (target) =>
        summarise(file, target, null, values, asAt, io)
      );
    return withTarget(claimExisting(file), (tracker) =>
      withTarget(claimOutput(out, { force: values.force }), (target) =>
        summarise(file, target, tracker, values, asAt, io)
      )
    );
  },
};

async function summarise(
  file: string,
  target: WriteTarget,
  tracker: WriteTarget | null,
  values: { replace?: boolean; json?: boolean },
  asAt: number | undefined,
  io: Io
): Promise<number> {
  const host = await createXlsxHost(
    tracker ? { buffer: tracker.original!, name: file, lean: true } : { file, lean: true }
  );
  const today = toExcelSerial(calendarDateOf(new Date()));
  let position: { date: string; recorded: number; replaced: number; file: string } | null = null;
  if (tracker) {
    // Into the tracker itself, before the Summary is built on the copy.
    const r = await recordInto(host, file, asAt ?? today, values.replace === true);
    tracker.commit(await host.toBuffer());
    position = {
      date: formatIso(fromExcelSerial(r.date)),
      recorded: r.recorded,
      replaced: r.replaced,
      file,
    };
    if (!values.json) io.out(`${r.message} Recorded in ${file} itself, and in the copy.`);
  }
  const result = await buildSummary(host, {
    today,
    asAt,
    check: checkCount(today, asAt),
    force: true,
  });
  if (result.kind !== "built") throw new TrackerError("unexpected", result.message);
  // Saved atomically (temporary file, then rename): a failure never leaves a half-written copy.
  target.commit(await host.toBuffer());
  const s = result.summary;
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          ...summaryJson(s, result.positions),
          out: target.path,
          sheet: result.layout.sheet,
          rowsWithErrors: s.errorRows ?? 0,
          charts: result.layout.charts.map((c) => ({ name: c.name, type: c.type })),
          recorded: position,
          cut: result.cut.map((c) => ({ where: c.where, length: c.length })),
        },
        null,
        2
      )
    );
  } else {
    io.out(result.message);
    if (s.errorRows)
      io.out(
        `${s.errorRows} ${s.errorRows === 1 ? "row has" : "rows have"} errors; the summary notes it. Run inspection-tracker check ${file} for details.`
      );
    if (!tracker && result.positions < 2)
      io.out(
        `The tracker holds ${result.positions === 1 ? "one recorded position" : "no recorded positions"}: record one each quarter (inspection-tracker record ${file}, or --snapshot) to see what moved.`
      );
    io.out(`Written: ${target.path} (position as at ${formatUk(fromExcelSerial(s.asAt))})`);
  }
  return 0;
}
