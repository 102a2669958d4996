/**
 * Undo groups. With ExcelApi 1.20 an Excel.run may ask for one merged undo group
 * (RunOptions.mergeUndoGroup), so one Ctrl+Z undoes a whole operation (Fix all, an import) even
 * when it took several syncs. Docs "Undo capabilities in Excel add-ins": a statement without undo
 * support inside a merged group makes the run throw UndoNotSupported; Worksheet.delete has none
 * anywhere, and setting Worksheet.name, .position and .visibility has none on Windows and Mac.
 * So a run merges only when the client has 1.20, the on-device probe did not find merging refused
 * and this session has not met UndoNotSupported; a plan with a statement without undo support is
 * applied in a run of its own that does not merge.
 */
import type { PlanOp, WorkbookPlan } from "../../workbook/plan";
import type { HostMemory } from "./state";

/** Whether this run should ask for a merged undo group. */
export function shouldMerge(memory: HostMemory): boolean {
  return (
    memory.client.api(20) &&
    memory.client.probes.mergedUndoAccepted !== false &&
    !memory.undoRefused
  );
}

/**
 * Whether every statement an op sends supports undo on this client. ensureSheet with a hidden
 * sheet sets one the docs list (Worksheet.visibility, none on Windows and Mac), and protectSheet
 * protects a sheet (none anywhere); a client the host cannot name is taken as Windows or Mac.
 */
function undoable(op: PlanOp, web: boolean): boolean {
  if (op.op === "ensureSheet") return web || !op.visibility || op.visibility === "visible";
  // WorksheetProtection.protect has no undo support anywhere (the same docs page).
  if (op.op === "protectSheet") return false;
  return true;
}

export function planUndoable(plan: WorkbookPlan, memory: HostMemory): boolean {
  const web = memory.client.platform === "OfficeOnline";
  return plan.ops.every((op) => undoable(op, web));
}

/** The Office error code of a merged group refused. */
export const UNDO_NOT_SUPPORTED = "UndoNotSupported";
