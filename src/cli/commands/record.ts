/**
 * `inspection-tracker record TRACKER.xlsx [--as-at DATE] [--replace] [--json]`: record the
 * quarter's position into the tracker itself, as the pane's Record position does: one Status
 * history row per item for the date. A position already recorded that day is replaced only with
 * --replace (the pane asks first). The tracker is changed in place through the command line's
 * one place for files: locked while it runs, refused when read-only or changed meanwhile, saved
 * through a temporary file and a rename.
 */
import { basename } from "node:path";
import {
  calendarDateOf,
  formatIso,
  formatUk,
  fromExcelSerial,
  toExcelSerial,
} from "../../domain/dates";
import { TrackerError } from "../../domain/errors";
import { plural } from "../../domain/text";
import { countPositions, recordPosition, type RecordPositionResult } from "../../engine/history";
import { createXlsxHost, type XlsxHost } from "../../hosts/xlsx";
import { parseAsAt } from "../as-at";
import { claimExisting, withTarget } from "../files";
import { UsageError, oneFile, parseArguments, type Command, type Io } from "../io";

const USAGE = `Usage: inspection-tracker record TRACKER.xlsx [--as-at DATE] [--replace] [--json]

Record the tracker's position for a date into the tracker itself (one Status history row per
item), as Record position does in the pane. Record it each quarter: the Summary's movement and
trend come from these positions.

Options:
  --as-at DATE   The position's date, YYYY-MM-DD or DD/MM/YYYY (default: today)
  --replace      Replace a position already recorded that day (without it, nothing is changed)
  --json         Print what was recorded as JSON on stdout`;

/**
 * Record a position into an open tracker: refuses (nothing changed) when that day is recorded
 * and replace was not asked for. Shared by `record` and `summary --snapshot`.
 */
export async function recordInto(
  host: XlsxHost,
  file: string,
  date: number,
  replace: boolean
): Promise<Extract<RecordPositionResult, { kind: "recorded" }>> {
  const r = await recordPosition(host, { date, replace });
  if (r.kind === "exists") {
    throw new TrackerError(
      "invalid-input",
      `A position for ${formatUk(fromExcelSerial(date))} is already recorded in ${basename(file)} (${plural(r.existing, "row")}). Nothing was changed. Use --replace to replace it with the tracker as it stands now.`
    );
  }
  return r;
}

export const recordCommand: Command = {
  name: "record",
  summary: "Record the tracker's position for a date into the tracker (quarter by quarter)",
  usage: USAGE,
  run: async (args: string[], io: Io) => {
    const parsed = parseArguments({
      args,
      allowPositionals: true,
      options: {
        "as-at": { type: "string" },
        replace: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
    const { values, positionals } = parsed;
    const file = oneFile(positionals, "Give the tracker file (.xlsx) to record its position.");
    if (!/\.xlsx$/i.test(file)) throw new UsageError(`${file} is not an .xlsx file`);
    const date =
      values["as-at"] !== undefined
        ? parseAsAt(values["as-at"])
        : toExcelSerial(calendarDateOf(new Date()));
    // Claimed before any work: a missing, read-only or locked tracker is refused at once.
    return withTarget(claimExisting(file), async (target) => {
      const host = await createXlsxHost({ buffer: target.original!, name: file, lean: true });
      const r = await recordInto(host, file, date, values.replace);
      target.commit(await host.toBuffer());
      const positions = await countPositions(host);
      if (values.json) {
        io.out(
          JSON.stringify(
            {
              file,
              date: formatIso(fromExcelSerial(r.date)),
              recorded: r.recorded,
              replaced: r.replaced,
              skippedNoRef: r.skippedNoRef,
              positions,
            },
            null,
            2
          )
        );
      } else {
        io.out(`${r.message} Saved in ${file}; it now holds ${plural(positions, "position")}.`);
      }
      return 0;
    });
  },
};
