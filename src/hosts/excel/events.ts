/// <reference types="office-js" />
/**
 * Table-change events for Check's automatic re-check, without the add-in's own writes.
 */
import { toTrackerError } from "./errors";

/** How long after our own write a table-change event is still taken as ours (ms). */
const OWN_WRITE_GRACE_MS = 1500;

/** When the add-in itself is writing, or has just written. */
export class OwnWrites {
  private active = 0;
  private until = 0;

  async during<T>(write: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await write();
    } finally {
      this.active--;
      this.until = Date.now() + OWN_WRITE_GRACE_MS;
    }
  }

  /** A write of ours is under way or ended less than the grace period ago. */
  recent(): boolean {
    return this.active > 0 || Date.now() < this.until;
  }
}

/**
 * Call `handler` when the table changes by someone else's hand. Resolves to an unsubscribe
 * function. Errors come back as plain TrackerErrors.
 */
export async function watchTable(
  excel: typeof Excel,
  own: OwnWrites,
  table: string,
  handler: () => void
): Promise<() => Promise<void>> {
  let registration: OfficeExtension.EventHandlerResult<Excel.TableChangedEventArgs> | null = null;
  try {
    await excel.run(async (context) => {
      const t = context.workbook.tables.getItem(table);
      registration = t.onChanged.add(async (args: Excel.TableChangedEventArgs) => {
        // ExcelApi 1.14 says who made the change; older hosts leave triggerSource out, and then
        // a change during or just after our own apply() is taken as ours.
        const source = (args as { triggerSource?: string }).triggerSource;
        if (source === "ThisLocalAddin") return;
        if (source === undefined && own.recent()) return;
        handler();
      });
      await context.sync();
    });
  } catch (e) {
    throw toTrackerError(e, "Watch table");
  }
  return async () => {
    const reg = registration as unknown as {
      context: Excel.RequestContext;
      remove(): void;
    } | null;
    if (!reg) return;
    registration = null;
    try {
      await excel.run(reg.context, async (context) => {
        reg.remove();
        await context.sync();
      });
    } catch (e) {
      throw toTrackerError(e, "Stop watching table");
    }
  };
}
