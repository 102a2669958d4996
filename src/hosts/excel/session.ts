/// <reference types="office-js" />
/**
 * One operation's WorkbookSession: read, apply and select over one Excel.run, sharing what the
 * run has learnt of the workbook's layout. An apply whose statements cannot all be undone in a
 * merged undo group (undo.ts) runs in an Excel.run of its own that does not merge.
 */
import type { ReadRequest, WorkbookSession, WorkbookSnapshot } from "../../workbook/host";
import type { RangeRef, WorkbookPlan } from "../../workbook/plan";
import { officeErrorCode } from "./errors";
import { Layout } from "./geometry";
import { readWorkbook } from "./read";
import type { HostMemory, RunState } from "./state";
import { planUndoable, UNDO_NOT_SUPPORTED } from "./undo";
import { applyOps, prepare, WriteStarted } from "./write/apply";

/** How the session opens another Excel.run (not merged) and counts its syncs. */
export interface Runner {
  /** Excel.run without a merged undo group, with the counted sync of its context. */
  unmerged<T>(
    work: (context: Excel.RequestContext, sync: () => Promise<void>) => Promise<T>
  ): Promise<T>;
}

export class Session implements WorkbookSession {
  private state: RunState;

  constructor(
    context: Excel.RequestContext,
    sync: () => Promise<void>,
    memory: HostMemory,
    /** This run asked for a merged undo group. */
    private merged: boolean,
    private runner: Runner
  ) {
    this.state = { context, sync, memory, layout: new Layout() };
  }

  read(request: ReadRequest): Promise<WorkbookSnapshot> {
    return readWorkbook(this.state, request);
  }

  async apply(plan: WorkbookPlan): Promise<void> {
    if (plan.ops.length === 0) return;
    if (this.merged && !planUndoable(plan, this.state.memory)) return this.applyUnmerged(plan);
    const before = this.state.layout.clone();
    try {
      await prepare(this.state, plan);
      await applyOps(this.state, plan);
    } catch (e) {
      // Refused as a merged group before anything was written: again, not merged, and no more
      // merging this session. Once a sync has written, the error stands (a retry could write twice).
      const first = !(e instanceof WriteStarted) || e.syncsWritten === 0;
      const cause = e instanceof WriteStarted ? e.error : e;
      if (this.merged && first && officeErrorCode(cause) === UNDO_NOT_SUPPORTED) {
        this.state.memory.undoRefused = true;
        this.state = { ...this.state, layout: before };
        return this.applyUnmerged(plan);
      }
      throw cause;
    }
  }

  /** The plan in an Excel.run of its own that does not merge undo groups. */
  private applyUnmerged(plan: WorkbookPlan): Promise<void> {
    return this.runner.unmerged(async (context, sync) => {
      const state: RunState = { ...this.state, context, sync };
      await prepare(state, plan);
      try {
        await applyOps(state, plan);
      } catch (e) {
        throw e instanceof WriteStarted ? e.error : e;
      }
    });
  }

  async select(sheet: string, range: RangeRef): Promise<void> {
    const ws = this.state.context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRangeByIndexes(range.row, range.col, range.rows, range.cols).select();
    await this.state.sync();
  }
}
