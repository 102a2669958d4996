/**
 * The one WorkbookHost test double (for the pane and the engine): serves a snapshot held in
 * memory (each read a copy), records every read, plan and selection, carries out the table ops
 * the check writes (writeTableCells, addTableColumn) so a re-read sees them, and can fail, hold
 * its runs until released, or report the analyst's edits.
 */
import type { ReadRequest, WorkbookHost, WorkbookSnapshot } from "../../src/workbook/host";
import type { RangeRef, WorkbookPlan } from "../../src/workbook/plan";

export interface StubHost extends WorkbookHost {
  snapshot: WorkbookSnapshot;
  reads: ReadRequest[];
  plans: WorkbookPlan[];
  selects: [string, RangeRef][];
  /** The next run rejects with this error. */
  failNext: unknown;
  /** While set, runs wait until release(). */
  hold: boolean;
  release: () => void;
  /** Called after each apply, e.g. to serve the workbook as the plan left it. */
  afterApply: ((plan: WorkbookPlan) => void) | null;
  /** Simulate an edit by the analyst (calls the handlers subscribed with onTableChanged). */
  edit(): void;
  /** How many onTableChanged subscriptions are live. */
  subscriptions: number;
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

export function createStubHost(
  snapshot: WorkbookSnapshot = emptySnapshot(),
  options: { events?: boolean } = {}
): StubHost {
  const handlers = new Set<() => void>();
  let waiting: (() => void)[] = [];
  const host: StubHost = {
    snapshot,
    reads: [],
    plans: [],
    selects: [],
    failNext: null,
    hold: false,
    afterApply: null,
    subscriptions: 0,
    release: () => {
      const w = waiting;
      waiting = [];
      w.forEach((f) => f());
    },
    edit: () => handlers.forEach((h) => h()),
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
          return JSON.parse(JSON.stringify(host.snapshot)) as WorkbookSnapshot;
        },
        apply: async (plan) => {
          host.plans.push(plan);
          carryOut(host.snapshot, plan);
          host.afterApply?.(plan);
        },
        select: async (sheet, range) => void host.selects.push([sheet, range]),
      });
    },
  };
  if (options.events) {
    host.onTableChanged = async (_table, handler) => {
      handlers.add(handler);
      host.subscriptions++;
      return async () => {
        handlers.delete(handler);
        host.subscriptions--;
      };
    };
  }
  return host;
}

/** The check's writes into a table already read: cell values, and a new column. */
function carryOut(snapshot: WorkbookSnapshot, plan: WorkbookPlan): void {
  for (const o of plan.ops) {
    const t =
      "table" in o && typeof o.table === "string" ? snapshot.tables[o.table] : undefined;
    if (o.op === "writeTableCells" && t) {
      o.values.forEach((r, i) => r.forEach((v, j) => (t.rows[o.row + i][o.col + j] = v)));
    } else if (o.op === "addTableColumn" && t) {
      t.headers.push(o.header);
      t.rows.forEach((r, i) => r.push(o.values?.[i] ?? null));
    }
  }
}
