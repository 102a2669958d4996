/**
 * A small WorkbookHost over a snapshot held in memory: reads return it, applies record the plan
 * and carry out the ops the check uses (writeTableCells, addTableColumn), selections are logged.
 */
import type { ReadRequest, WorkbookHost, WorkbookSnapshot } from "../../src/workbook/host";
import type { RangeRef, WorkbookPlan } from "../../src/workbook/plan";

export interface StubHost extends WorkbookHost {
  snapshot: WorkbookSnapshot;
  reads: ReadRequest[];
  plans: WorkbookPlan[];
  selects: [string, RangeRef][];
  /** Simulate an edit by the analyst (calls the subscribed handlers). */
  edit(): void;
  subscriptions: number;
}

export function stubHost(snapshot: WorkbookSnapshot, withEvents = false): StubHost {
  const handlers = new Set<() => void>();
  const host: StubHost = {
    snapshot,
    reads: [],
    plans: [],
    selects: [],
    subscriptions: 0,
    edit: () => handlers.forEach((h) => h()),
    run: async (_label, op) =>
      op({
        read: async (req) => {
          host.reads.push(req);
          return JSON.parse(JSON.stringify(host.snapshot)) as WorkbookSnapshot;
        },
        apply: async (plan) => {
          host.plans.push(plan);
          for (const o of plan.ops) {
            const t = "table" in o && typeof o.table === "string" ? host.snapshot.tables[o.table] : undefined;
            if (o.op === "writeTableCells" && t) {
              o.values.forEach((r, i) => r.forEach((v, j) => (t.rows[o.row + i][o.col + j] = v)));
            } else if (o.op === "addTableColumn" && t) {
              t.headers.push(o.header);
              t.rows.forEach((r, i) => r.push(o.values?.[i] ?? null));
            }
          }
        },
        select: async (sheet, range) => void host.selects.push([sheet, range]),
      }),
  };
  if (withEvents) {
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
