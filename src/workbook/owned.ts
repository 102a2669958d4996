/**
 * The sheets the add-in rebuilds whole (the Summary and the Adoption report) and how it knows
 * they are its own: the very hidden metadata sheet records the name of each one it created. A
 * sheet the analyst made that happens to carry the same name is never deleted, cleared or
 * rebuilt: the add-in uses another name ("Summary (tracker)") and records that one instead.
 * Independent of how a host rebuilds a sheet. Pure.
 */
import { SHEETS, TABLES } from "../domain/columns";
import type { WorkbookSnapshot } from "./host";
import type { PlanOp } from "./plan";
import { metaOps } from "./setup";

/** The sheets the add-in rebuilds, with the name each gets when it is free. */
export const REBUILT_SHEETS = {
  summary: SHEETS.summary,
  adoptionReport: SHEETS.adoptionReport,
} as const;

export type RebuiltRole = keyof typeof REBUILT_SHEETS;

/** The metadata key that records the sheet the add-in created for a role. */
export function roleKey(role: RebuiltRole): string {
  return `role:${role}`;
}

const lower = (s: string) => s.toLowerCase();

/** The snapshot's sheet of that name (Excel compares sheet names without case), or undefined. */
function sheetNamed(snapshot: WorkbookSnapshot, name: string) {
  return snapshot.sheets.find((s) => lower(s.name) === lower(name));
}

/**
 * The sheet the metadata says the add-in created for a role, as the workbook spells it, when it
 * still exists; otherwise null.
 */
export function ownedSheet(snapshot: WorkbookSnapshot, role: RebuiltRole): string | null {
  const recorded = snapshot.meta?.[roleKey(role)];
  if (!recorded) return null;
  return sheetNamed(snapshot, recorded)?.name ?? null;
}

/**
 * Every sheet the add-in owns, lower-cased: its metadata sheet, the sheets its tables are on,
 * and the rebuilt sheets its metadata records. A sheet named Summary that the metadata does
 * not record is the analyst's.
 */
export function ownSheets(snapshot: WorkbookSnapshot): Set<string> {
  const ours = new Set<string>([lower(SHEETS.meta)]);
  for (const t of Object.values(TABLES)) {
    const s = snapshot.tables[t]?.sheet;
    if (s) ours.add(lower(s));
  }
  for (const role of Object.keys(REBUILT_SHEETS) as RebuiltRole[]) {
    const s = ownedSheet(snapshot, role);
    if (s) ours.add(lower(s));
  }
  return ours;
}

export interface RebuiltSheet {
  /** The sheet to rebuild or create. */
  sheet: string;
  /** The analyst's sheet whose name the add-in would have used, or null when there was none. */
  clash: string | null;
  /** Ops that record the sheet in the metadata (none when it is recorded already). */
  metaOps: PlanOp[];
}

/**
 * The sheet to build a role's sheet on: the one the metadata records when it exists; otherwise
 * the role's own name when no sheet has it; otherwise the first free "Summary (tracker)",
 * "Summary (tracker 2)", ... The metadata then records the choice, so the next build rebuilds
 * the same sheet and the analyst's own is never touched.
 */
export function rebuiltSheet(snapshot: WorkbookSnapshot, role: RebuiltRole): RebuiltSheet {
  const owned = ownedSheet(snapshot, role);
  if (owned) return { sheet: owned, clash: null, metaOps: [] };
  const base = REBUILT_SHEETS[role];
  const taken = sheetNamed(snapshot, base);
  let sheet: string = base;
  if (taken) {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? `${base} (tracker)` : `${base} (tracker ${n})`;
      if (!sheetNamed(snapshot, candidate)) {
        sheet = candidate;
        break;
      }
    }
  }
  return {
    sheet,
    clash: taken ? taken.name : null,
    metaOps: metaOps({ ...(snapshot.meta ?? {}), [roleKey(role)]: sheet }),
  };
}

/** What the pane and the command line say when a clash made the add-in use another name. */
export function clashNote(built: { sheet: string; clash: string | null }, what: string): string {
  return built.clash
    ? ` '${built.clash}' is a sheet of yours, so it was not touched: the ${what} is on '${built.sheet}'.`
    : "";
}
