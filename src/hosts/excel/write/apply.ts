/// <reference types="office-js" />
/**
 * session.apply(): checks the plan, learns what it must (one extra sync only when an op needs a
 * table's size this session has not read), then queues every op in one batch and ONE sync; the
 * batch is cut into several syncs only when its estimated size passes the request limit.
 */
import { TrackerError } from "../../../domain/errors";
import type { PlanOp, WorkbookPlan } from "../../../workbook/plan";
import { Batch } from "../batch";
import { eventsSayWho } from "../client";
import { learnLayout } from "../geometry";
import type { RunState } from "../state";
import { refuseProtectedSheets, validatePlan } from "../validate";
import { writeCells } from "./cells";
import { chart } from "./charts";
import { pageSetup } from "./page-setup";
import { protectSheet } from "./protection";
import { conditionalFormats, dateValidation, listValidation } from "./rules";
import {
  activate,
  clearSheet,
  columnWidths,
  ensureSheet,
  freeze,
  gridlines,
  pageBreaks,
  rowHeights,
  select,
} from "./sheets";
import {
  addTableColumn,
  appendRows,
  columnFormat,
  createTable,
  deleteRows,
  writeTableCells,
} from "./tables";
import { unknownPlanStep } from "../../../domain/messages";

/** Everything before the first write: values fit, the layout is known, nothing is protected. */
export async function prepare(s: RunState, plan: WorkbookPlan): Promise<void> {
  validatePlan(plan);
  await learnLayout(s, plan);
  refuseProtectedSheets(plan, s.layout);
}

/** An apply failed: how many of its syncs had already been applied, and the error. */
export class WriteStarted extends Error {
  constructor(
    readonly error: unknown,
    readonly syncsWritten: number
  ) {
    super(error instanceof Error ? error.message : String(error));
    this.name = "WriteStarted";
  }
}

/**
 * Queue and send a prepared plan. While a table is watched on a client whose change events do
 * not say who made a change (no ExcelApi 1.14), this add-in's events are off for the batch
 * (Runtime.enableEvents, ExcelApi 1.8), so its own writes do not come back as the analyst's.
 */
export async function applyOps(s: RunState, plan: WorkbookPlan): Promise<void> {
  const batch = new Batch(s.context, s.sync, s.memory.maxRequestBytes);
  const quiet = s.memory.watchers > 0 && !eventsSayWho(s.memory.client);
  try {
    if (quiet) s.context.runtime.enableEvents = false;
    for (const op of plan.ops) await queueOp(s, op, batch);
    if (quiet) s.context.runtime.enableEvents = true;
    await batch.flush();
  } catch (e) {
    if (quiet) {
      // Events back on whatever happened (the flag is the runtime's, not the batch's).
      s.context.runtime.enableEvents = true;
      await s.sync().catch(() => undefined);
    }
    throw new WriteStarted(e, batch.syncsDone);
  }
}

async function queueOp(s: RunState, op: PlanOp, batch: Batch): Promise<void> {
  switch (op.op) {
    case "ensureSheet":
      return ensureSheet(s, op, batch);
    case "clearSheet":
      return clearSheet(s, op, batch);
    case "writeCells":
      return writeCells(s, op.sheet, op.block, batch);
    case "createTable":
      return createTable(s, op.sheet, op.table, batch);
    case "appendRows":
      return appendRows(s, op.table, op.rows, batch);
    case "writeTableCells":
      return writeTableCells(s, op, batch);
    case "addTableColumn":
      return addTableColumn(s, op, batch);
    case "deleteRows":
      return deleteRows(s, op, batch);
    case "listValidation":
      await batch.room(1000);
      return listValidation(s, op.target, op.source, op.prompt, op.error, op.strict ?? true);
    case "dateValidation":
      await batch.room(1000);
      return dateValidation(s, op);
    case "protectSheet":
      return protectSheet(s, op, batch);
    case "conditionalFormats":
      await batch.room(300 + op.rules.length * 400);
      return conditionalFormats(s, op.target, op.rules);
    case "columnFormat":
      return columnFormat(s, op, batch);
    case "columnWidths":
      return columnWidths(s, op, batch);
    case "rowHeights":
      return rowHeights(s, op, batch);
    case "freeze":
      return freeze(s, op, batch);
    case "chart":
      await batch.room(2000 + op.chart.colours.length * 200);
      return chart(s, op.sheet, op.chart);
    case "pageSetup":
      await batch.room(1000);
      return pageSetup(s, op.sheet, op.setup);
    case "gridlines":
      return gridlines(s, op, batch);
    case "pageBreaks":
      return pageBreaks(s, op, batch);
    case "activate":
      return activate(s, op, batch);
    case "select":
      return select(s, op, batch);
    default: {
      const never: never = op;
      throw new TrackerError("unexpected", unknownPlanStep((never as { op: string }).op));
    }
  }
}
