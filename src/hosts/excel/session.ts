/// <reference types="office-js" />
/**
 * One operation's WorkbookSession: read, apply and select over one Excel.run, sharing what the
 * run has learnt of the workbook's layout.
 */
import type { ReadRequest, WorkbookSession, WorkbookSnapshot } from "../../workbook/host";
import type { RangeRef, WorkbookPlan } from "../../workbook/plan";
import type { OwnWrites } from "./events";
import { Layout } from "./geometry";
import { readWorkbook } from "./read";
import type { HostMemory, RunState } from "./state";
import { applyOps, prepare } from "./write/apply";

export class Session implements WorkbookSession {
  private state: RunState;

  constructor(
    context: Excel.RequestContext,
    sync: () => Promise<void>,
    memory: HostMemory,
    private own: OwnWrites
  ) {
    this.state = { context, sync, memory, layout: new Layout() };
  }

  read(request: ReadRequest): Promise<WorkbookSnapshot> {
    return readWorkbook(this.state, request);
  }

  async apply(plan: WorkbookPlan): Promise<void> {
    if (plan.ops.length === 0) return;
    await prepare(this.state, plan);
    await this.own.during(() => applyOps(this.state, plan));
  }

  async select(sheet: string, range: RangeRef): Promise<void> {
    const ws = this.state.context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRangeByIndexes(range.row, range.col, range.rows, range.cols).select();
    await this.state.sync();
  }
}
