/**
 * "Record position": append one History row per tracker item for a date. One read and at most
 * one apply, whatever the row count. Pure orchestration over a WorkbookHost.
 */
import { formatUk, fromExcelSerial } from "../domain/dates";
import { TABLES } from "../domain/columns";
import { historyEntries } from "../domain/history";
import { positionsRecorded } from "../domain/summary";
import type { WorkbookHost } from "../workbook/host";
import { tableRecords } from "../workbook/read";
import { HISTORY_READ, planRecordPosition, rowsRecordedOn } from "../workbook/history";
import { plural } from "../domain/text";

export interface RecordPositionOptions {
  /** Excel serial of the snapshot date. */
  date: number;
  /** Replace the rows already recorded on that date. Without it, an existing position is left alone. */
  replace?: boolean;
}

export type RecordPositionResult =
  /** A position for that date exists and replace was not given: nothing was written. */
  | { kind: "exists"; date: number; existing: number; message: string }
  | {
      kind: "recorded";
      date: number;
      recorded: number;
      replaced: number;
      skippedNoRef: number;
      message: string;
    };

export async function recordPosition(
  host: WorkbookHost,
  options: RecordPositionOptions
): Promise<RecordPositionResult> {
  const day = formatUk(fromExcelSerial(options.date));
  return host.run("Record position", async (session) => {
    const snapshot = await session.read(HISTORY_READ);
    const existing = rowsRecordedOn(snapshot, options.date).length;
    if (existing > 0 && !options.replace) {
      return {
        kind: "exists",
        date: options.date,
        existing,
        message: `A position for ${day} is already recorded (${plural(existing, "row")}). Replace it with the tracker as it stands now?`,
      };
    }
    const outcome = planRecordPosition(snapshot, options.date);
    if (outcome.plan.ops.length > 0) await session.apply(outcome.plan);
    const skipped =
      outcome.skippedNoRef > 0
        ? ` ${plural(outcome.skippedNoRef, "row")} without a Ref ${outcome.skippedNoRef === 1 ? "was" : "were"} left out.`
        : "";
    const message =
      (outcome.replaced > 0
        ? `Position for ${day} replaced: ${plural(outcome.recorded, "item")} recorded.`
        : `Position for ${day} recorded: ${plural(outcome.recorded, "item")}.`) + skipped;
    return {
      kind: "recorded",
      date: options.date,
      recorded: outcome.recorded,
      replaced: outcome.replaced,
      skippedNoRef: outcome.skippedNoRef,
      message,
    };
  });
}

/** How many positions the workbook's History holds (distinct snapshot dates). One read. */
export async function countPositions(host: WorkbookHost): Promise<number> {
  return host.run("Count positions", async (session) => {
    const snapshot = await session.read({
      columnsOf: { [TABLES.history]: ["Snapshot date", "Ref"] },
    });
    return positionsRecorded(historyEntries(tableRecords(snapshot.tables[TABLES.history])));
  });
}
