/**
 * `inspection-tracker init --out FILE.xlsx`: make a workbook a tracker, headless. A new file is
 * created; an existing workbook is set up or repaired in place (idempotent: a second run
 * changes nothing and leaves the file as it was). Writes are atomic.
 */
import { existsSync } from "node:fs";
import { TrackerError } from "../../domain/errors";
import { setupTracker } from "../../engine/setup";
import { createXlsxHost } from "../../hosts/xlsx";
import { claimExisting, claimOutput, withTarget } from "../files";
import { UsageError, parseArguments, type Command } from "../io";

const USAGE = `Usage: inspection-tracker init --out FILE.xlsx [--json]

Make FILE.xlsx a tracker: the Tracker table (Status dropdown and colours), Lists, Inspections,
the history sheet and the add-in's metadata. If FILE.xlsx does not exist it is created. If it is
already a workbook, it is set up or repaired in place: no row you typed is touched, and when
nothing is missing the file is left exactly as it was.

Options:
  --out FILE.xlsx   the workbook to create or set up (required)
  --json            print {"file","created","repaired","rows"} to stdout and nothing else
  -h, --help        this text`;

export interface InitResult {
  file: string;
  /** True when the file did not exist and was created. */
  created: boolean;
  /** Pieces put back in an existing workbook. */
  repaired: string[];
  rows: number;
  /** Whether the file was written. */
  changed: boolean;
  message: string;
}

/** Set up (or repair) FILE; create it when absent. Saves only when something changed. */
export async function initWorkbook(file: string): Promise<InitResult> {
  if (!/\.xlsx$/i.test(file)) {
    throw new TrackerError(
      "invalid-input",
      `${file}: the output must be an .xlsx workbook (for example tracker.xlsx).`
    );
  }
  const exists = existsSync(file);
  // An existing workbook is set up in place (under the lock, only if unchanged meanwhile); a
  // new one is created, and refused if another program creates it first.
  const claimed = exists ? claimExisting(file) : claimOutput(file);
  const { result, changed } = await withTarget(claimed, async (t) => {
    const host = await createXlsxHost(
      t.original ? { buffer: t.original, name: file, lean: true } : {}
    );
    const result = await setupTracker(host);
    const changed = !exists || result.changed;
    if (changed) t.commit(await host.toBuffer());
    return { result, changed };
  });
  return {
    file,
    created: !exists,
    repaired: result.repaired,
    rows: result.rows,
    changed,
    message: result.message,
  };
}

export const initCommand: Command = {
  name: "init",
  summary: "Create a tracker workbook, or set up / repair an existing one",
  usage: USAGE,
  run: async (args, io) => {
    const { values } = parseArguments({
      args,
      options: { out: { type: "string", short: "o" }, json: { type: "boolean" } },
      allowPositionals: false,
      strict: true,
    });
    if (!values.out) throw new UsageError("--out FILE.xlsx is required.");
    const r = await initWorkbook(values.out);
    if (values.json) {
      io.out(
        JSON.stringify({ file: r.file, created: r.created, repaired: r.repaired, rows: r.rows })
      );
    } else {
      const what = r.created
        ? `Created ${r.file}`
        : r.changed
          ? `Updated ${r.file}`
          : `Checked ${r.file}`;
      io.out(`${what}: ${r.message}`);
    }
    return 0;
  },
};
