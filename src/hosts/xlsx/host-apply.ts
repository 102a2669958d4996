/**
 * The xlsx host's changes (xlsx-host.ts): a plan applied to a file read lean loads only the
 * sheets it writes (the workbook loaded in part); otherwise, or when that cannot be done, the
 * whole workbook is loaded and the plan applied there. A refusal changes nothing; a failure
 * part-way marks the workbook broken, so it cannot be saved. Node only (hosts/xlsx).
 */
import type { Worksheet } from "@cj-tech-master/excelts";
import { TrackerError, isTrackerError } from "../../domain/errors";
import { sheetNotFound } from "../../domain/messages";
import { sheetsWritten, tableWritten, type RangeRef, type WorkbookPlan } from "../../workbook/plan";
import { applyOps, preflight, selectRange } from "./apply";
import { fullWorkbook, type HostState } from "./host-load";
import { leanProtected } from "./host-read";
import type { LeanSheet, LeanWorkbook } from "./lean";
import { loadPartial, loadSheetsInto, movable } from "./partial";
import type { PartialWorkbook } from "./splice";
import { findTable } from "./tables";
import { ownStyles } from "./write";

/**
 * Apply a plan to the workbook loaded in part: the sheets it writes are loaded (or moved in)
 * first, except a sheet it empties first (clearSheet), which needs nothing of the file's.
 * Returns false when it cannot (excelts could not load the part it needs): then the whole
 * workbook is loaded instead.
 */
async function applyInPart(
  st: HostState,
  lean: LeanWorkbook,
  plan: WorkbookPlan
): Promise<boolean> {
  const tables = await lean.tables();
  const current = st.partial;
  const stubByName = new Map<string, LeanSheet>();
  if (current)
    for (const [ws, sheet] of current.stubs) stubByName.set(ws.name.toLowerCase(), sheet);
  else for (const sheet of lean.sheets) stubByName.set(sheet.name.toLowerCase(), sheet);
  const sheetOfTable = (t: string) =>
    (current && findTable(current.wb, t)?.sheet.name) ??
    tables.find((x) => x.name.toLowerCase() === t.toLowerCase())?.sheet.name;
  const written = sheetsWritten(plan.ops, sheetOfTable);
  const needed = new Set<LeanSheet>();
  for (const name of written) {
    const sheet = stubByName.get(name);
    if (sheet && firstWrite(plan, name, sheetOfTable) !== "clearSheet") needed.add(sheet);
  }
  try {
    if (!current) {
      const loadedInPart = await loadPartial(lean, needed);
      const stubs = new Map<Worksheet, LeanSheet>();
      for (const ws of loadedInPart.worksheets) {
        const sheet = lean.sheet(ws.name);
        if (sheet && !needed.has(sheet)) stubs.set(ws, sheet);
      }
      st.partial = { lw: lean, wb: loadedInPart, stubs, activated: false };
    } else if (needed.size > 0) {
      for (const sheet of needed) if (!(await movable(lean, sheet))) return false;
      await loadSheetsInto(current.wb, lean, needed);
      for (const [ws, sheet] of current.stubs) {
        if (!needed.has(sheet)) continue;
        current.stubs.delete(ws);
        if (current.activated) {
          const view = ws.views?.[0] as { tabSelected?: boolean } | undefined;
          if (view)
            view.tabSelected = current.wb.worksheets[current.wb.views?.[0]?.activeTab ?? 0] === ws;
        }
      }
    }
  } catch (e) {
    if (isTrackerError(e)) throw e;
    st.partial = current;
    return false;
  }
  const p = st.partial as PartialWorkbook;
  // A sheet emptied in place keeps the file's protection (the plan is refused if it has one).
  for (const [ws, sheet] of p.stubs) {
    if (written.has(ws.name.toLowerCase()) && leanProtected(st, lean, sheet))
      (ws as unknown as { sheetProtection: unknown }).sheetProtection = { sheet: true };
  }
  // A new table may not take the name of a table on a sheet that is copied.
  const copied = new Set(p.stubs.values());
  for (const op of plan.ops) {
    if (op.op !== "createTable") continue;
    const clash = tables.find(
      (t) => copied.has(t.sheet) && t.name.toLowerCase() === op.table.name.toLowerCase()
    );
    if (clash)
      throw new TrackerError(
        "not-ours",
        `A table named '${op.table.name}' already exists in this workbook.`
      );
  }
  // A refusal here changes nothing, so the workbook stays usable.
  preflight(p.wb, plan);
  ownStyles(p.wb);
  st.changed = true;
  try {
    applyOps(p.wb, plan);
  } catch (e) {
    st.broken = isTrackerError(e) ? e.message : String(e);
    throw e;
  }
  for (const op of plan.ops) {
    if (op.op !== "clearSheet") continue;
    const ws = p.wb.getWorksheet(op.sheet);
    if (ws) p.stubs.delete(ws);
  }
  if (plan.ops.some((op) => op.op === "activate" || op.op === "select")) p.activated = true;
  return true;
}

/** Apply a plan: in part when the file is read lean and that can be done, else in excelts. */
export async function applyToWorkbook(st: HostState, plan: WorkbookPlan): Promise<void> {
  st.calls.applies++;
  if (plan.ops.length === 0) return;
  const lean = st.source?.lean;
  if (!st.wb && lean && (await applyInPart(st, lean, plan))) return;
  const book = await fullWorkbook(st);
  // A refusal here changes nothing, so the workbook stays usable.
  preflight(book, plan);
  // After a save, cells share style objects: give them their own before changing any.
  ownStyles(book);
  st.changed = true;
  try {
    applyOps(book, plan);
  } catch (e) {
    st.broken = isTrackerError(e) ? e.message : String(e);
    throw e;
  }
}

/** Select a range on a sheet (the whole workbook is loaded). */
export async function selectIn(st: HostState, sheet: string, range: RangeRef): Promise<void> {
  const book = await fullWorkbook(st);
  const ws = book.getWorksheet(sheet);
  if (!ws) throw new TrackerError("sheet-missing", sheetNotFound(sheet));
  st.changed = true;
  selectRange(book, ws, range);
}

/**
 * How a plan first writes to a sheet (its first op there), or null: a sheet emptied first
 * (clearSheet) needs nothing of the file's.
 */
function firstWrite(
  plan: WorkbookPlan,
  sheet: string,
  sheetOfTable: (table: string) => string | null | undefined
): string | null {
  for (const op of plan.ops) {
    if (op.op === "activate" || op.op === "select" || op.op === "ensureSheet") continue;
    const named = "sheet" in op ? op.sheet : null;
    const target = op.op === "conditionalFormats" && "sheet" in op.target ? op.target.sheet : null;
    const table = tableWritten(op);
    const onTable = table ? sheetOfTable(table) : null;
    if ([named, target, onTable].some((s) => s && s.toLowerCase() === sheet)) return op.op;
  }
  return null;
}
