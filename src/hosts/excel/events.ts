/// <reference types="office-js" />
/**
 * Table changes for Check's automatic re-check, never the add-in's own writes, so a re-check
 * cannot loop on what it writes (docs "Work with events": events fire for the add-in's own
 * changes too, late, and for co-authors'):
 *
 * - with ExcelApi 1.14, Worksheet.onChanged on the table's sheet, kept to the table's columns
 *   from its header row down, whose triggerSource says "ThisLocalAddin" for the add-in's writes
 *   (TableChangedEventArgs has no triggerSource);
 * - otherwise Table.onChanged, with this add-in's events switched off while it writes
 *   (Runtime.enableEvents, ExcelApi 1.8: write/apply.ts).
 *
 * A co-author's change (source "Remote") is a change like the analyst's: every open pane
 * re-checks, and none rewrites a Check column whose texts did not change (workbook/check.ts), so
 * the panes settle instead of answering each other.
 */
import { eventsSayWho } from "./client";
import { toTrackerError } from "./errors";
import type { HostMemory } from "./state";

interface Area {
  row: number;
  col: number;
  cols: number;
}

/** Whether an event's address ("C5", "A2:D3", "Tracker!C5") touches the table's columns from its header down. */
export function touches(address: string | undefined, area: Area): boolean {
  const a = (address ?? "").split("!").pop()!.replace(/\$/g, "");
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a);
  if (!m) return true; // an address the host cannot read: take it as the table's
  const col = (letters: string) =>
    letters
      .toUpperCase()
      .split("")
      .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const c0 = col(m[1]);
  const c1 = m[3] ? col(m[3]) : c0;
  const r1 = Number(m[4] ?? m[2]) - 1;
  return r1 >= area.row && Math.max(c0, c1) >= area.col && Math.min(c0, c1) < area.col + area.cols;
}

/**
 * Call `handler` when the table changes by someone else's hand. Resolves to an unsubscribe
 * function. Errors come back as plain TrackerErrors.
 */
export async function watchTable(
  excel: typeof Excel,
  memory: HostMemory,
  table: string,
  handler: () => void
): Promise<() => Promise<void>> {
  const bySheet = eventsSayWho(memory.client);
  let registration: { context: Excel.RequestContext; remove(): void } | null = null;
  try {
    await excel.run(async (context) => {
      const t = context.workbook.tables.getItem(table);
      if (bySheet) {
        const range = t.getRange();
        range.load("rowIndex,columnIndex,columnCount");
        const area = { row: 0, col: 0, cols: 0 };
        registration = t.worksheet.onChanged.add(async (args: Excel.WorksheetChangedEventArgs) => {
          if (args.triggerSource === "ThisLocalAddin") return;
          if (!touches(args.address, area)) return;
          handler();
        }) as unknown as typeof registration;
        await context.sync();
        Object.assign(area, {
          row: range.rowIndex,
          col: range.columnIndex,
          cols: range.columnCount,
        });
      } else {
        registration = t.onChanged.add(async (args: Excel.TableChangedEventArgs) => {
          // No triggerSource here (typings); should a client send one, it is used.
          if ((args as { triggerSource?: string }).triggerSource === "ThisLocalAddin") return;
          handler();
        }) as unknown as typeof registration;
        await context.sync();
      }
    });
  } catch (e) {
    throw toTrackerError(e, "Watch table");
  }
  memory.watchers++;
  return async () => {
    const reg = registration;
    if (!reg) return;
    registration = null;
    memory.watchers--;
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
