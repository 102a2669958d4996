/**
 * `inspection-tracker summary TRACKER.xlsx [--as-at YYYY-MM-DD] [--snapshot] --out FILE.xlsx`:
 * build the commissioner's Summary sheet, with native charts, into a copy of the tracker.
 * The tracker file itself is never changed.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  calendarDateOf,
  formatUk,
  fromExcelSerial,
  parseIso,
  toExcelSerial,
} from "../../domain/dates";
import { TrackerError } from "../../domain/errors";
import { recordPosition } from "../../engine/history";
import { summaryJson } from "../../domain/summary";
import { buildSummary, checkCount } from "../../engine/summary";
import { createXlsxHost } from "../../hosts/xlsx";
import { claimOutput, withTarget, type WriteTarget } from "../files";
import { UsageError, type Command, type Io } from "../io";

const USAGE = `Usage: inspection-tracker summary TRACKER.xlsx --out FILE.xlsx [--force] [--as-at YYYY-MM-DD] [--snapshot] [--json]

Build the commissioner's Summary sheet (headline figures, tables by inspection, theme and owner,
exceptions, movement since the last recorded position, and native charts in the status colours)
into a copy of the tracker. TRACKER.xlsx is not changed.

Options:
  --out FILE.xlsx     Where to write the copy with the Summary sheet (required; not the tracker itself)
  --force             Replace FILE.xlsx if it exists (never a read-only one)
  --as-at YYYY-MM-DD  The position date (default: the workbook's As-at date, or today)
  --snapshot          Record the position first (one History row per item for that date;
                      a position already recorded that day is replaced)
  --json              Print what was built as JSON on stdout`;

export const summaryCommand: Command = {
  name: "summary",
  summary: "Build the commissioner's Summary sheet with charts into a copy of a tracker",
  usage: USAGE,
  run: async (args: string[], io: Io) => {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          out: { type: "string" },
          force: { type: "boolean", default: false },
          "as-at": { type: "string" },
          snapshot: { type: "boolean", default: false },
          json: { type: "boolean", default: false },
        },
      });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0 ? "give the tracker file (.xlsx)" : "give one tracker file"
      );
    const file = positionals[0];
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
    let asAt: number | undefined;
    if (values["as-at"] !== undefined) {
      const d = parseIso(values["as-at"]);
      if (!d)
        throw new UsageError(
          `--as-at ${values["as-at"]} is not a date (use YYYY-MM-DD, for example 2026-03-31)`
        );
      asAt = toExcelSerial(d);
    }
    if (!existsSync(file)) throw new TrackerError("invalid-input", `file not found: ${file}`);
    // Claimed before any work: an existing --out is refused unless --force.
    return withTarget(claimOutput(values.out, { force: values.force }), (target) =>
      summarise(file, target, values, asAt, io)
    );
  },
};

async function summarise(
  file: string,
  target: WriteTarget,
  values: { snapshot?: boolean; json?: boolean },
  asAt: number | undefined,
  io: Io
): Promise<number> {
  const host = await createXlsxHost({ file });
  const today = toExcelSerial(calendarDateOf(new Date()));
  let position: { recorded: number; replaced: number; date: string } | null = null;
  if (values.snapshot) {
    const r = await recordPosition(host, { date: asAt ?? today, replace: true });
    if (r.kind === "recorded") {
      position = {
        recorded: r.recorded,
        replaced: r.replaced,
        date: formatUk(fromExcelSerial(r.date)),
      };
      if (!values.json) io.out(r.message);
    }
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
          position,
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
    io.out(`Written: ${target.path}`);
  }
  return 0;
}
