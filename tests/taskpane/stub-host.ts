/**
 * A WorkbookHost for task-pane tests: serves a snapshot, records plans, can fail on demand.
 */
import type { ReadRequest, WorkbookHost, WorkbookSnapshot } from "../../src/workbook/host";
import type { RangeRef, WorkbookPlan } from "../../src/workbook/plan";

export interface StubHost extends WorkbookHost {
  snapshot: WorkbookSnapshot;
  applied: WorkbookPlan[];
  reads: ReadRequest[];
  selected: { sheet: string; range: RangeRef }[];
  /** The next run rejects with this error. */
  failNext: unknown;
  /** Resolve pending runs (when `hold` is set, runs wait until release()). */
  hold: boolean;
  release: () => void;
  /** Called after each apply, e.g. to serve the workbook as the plan left it. */
  afterApply: ((plan: WorkbookPlan) => void) | null;
}

export function emptySnapshot(): WorkbookSnapshot {
  return {
    sheets: [{ name: "Sheet1", visibility: "visible", protected: false }],
    activeSheet: "Sheet1",
    meta: null,
    tables: {},
    sheetValues: {},
  };
}

export function createStubHost(snapshot: WorkbookSnapshot = emptySnapshot()): StubHost {
  let waiting: (() => void)[] = [];
  const host: StubHost = {
    snapshot,
    applied: [],
    reads: [],
    selected: [],
    failNext: null,
    hold: false,
    afterApply: null,
    release: () => {
      const w = waiting;
      waiting = [];
      w.forEach((f) => f());
    },
    async run(_label, op) {
      if (host.hold) await new Promise<void>((r) => waiting.push(r));
      if (host.failNext) {
        const e = host.failNext;
        host.failNext = null;
        throw e;
      }
      return op({
        read: async (req) => {
          host.reads.push(req);
          return host.snapshot;
        },
        apply: async (plan) => {
          host.applied.push(plan);
          host.afterApply?.(plan);
        },
        select: async (sheet, range) => {
          host.selected.push({ sheet, range });
        },
      });
    },
  };
  return host;
}
