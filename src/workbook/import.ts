/**
 * Importing a parsed response record: the rows for tblTracker (in the table's current column
 * order), a row for tblInspections (response due = published + 56 days) and new themes for
 * tblThemes. Idempotent: an item already tracked (same ref, or same inspection, kind and
 * number) is not added again, and changed wording is reported, never written over. The drafts
 * it plans, and the codes and refs they get, are in ./import-draft.ts. Pure.
 */
import {
  INSPECTION_COLUMNS,
  TABLES,
  TRACKER_COLUMNS,
  headerIndex,
  type InspectionKey,
  type TrackerKey,
} from "../domain/columns";
import { addDays, parseIso, toExcelSerial } from "../domain/dates";
import { TrackerError } from "../domain/errors";
import { DEFAULT_SETTINGS_VALUES, RESPONSE_DAYS, textOf } from "../domain/model";
import { kindLabel } from "../domain/record/items";
import { officeNameFor } from "../domain/record/office";
import { NOT_STATED_ADDRESSEE } from "../domain/record/addressees";
import { foldText, normaliseSpace } from "../domain/text";
import type { WorkbookSnapshot } from "./host";
import { fitPlanToCells, type CutCell } from "./cell-limit";
import { refuseProtected, type CellValue, type PlanOp, type WorkbookPlan } from "./plan";
import { trackerRows } from "./read";
import { SETUP_READ, planSetup } from "./setup";
import {
  addressedCell,
  itemRef,
  kindCell,
  kindFromCell,
  knownInspections,
  resolveCode,
  validCode,
  type ImportDraft,
  type ImportItem,
} from "./import-draft";

export {
  addressedCell,
  addresseeSuggestionFor,
  draftFromRecord,
  itemRef,
  kindCell,
  kindFromCell,
  knownInspections,
  resolveCode,
  suggestCode,
  validCode,
  type ImportDraft,
  type ImportItem,
} from "./import-draft";

/** Import reads every table the add-in owns (it may need to set the tracker up). */
export const IMPORT_READ = SETUP_READ;

export interface WordingChange {
  ref: string;
  /** 1-based sheet row of the tracked item. */
  sheetRow: number;
  tracked: string;
  incoming: string;
}

export interface ImportOutcome {
  plan: WorkbookPlan;
  /** Refs added, in order. */
  added: string[];
  /** Refs of items that were already tracked. */
  alreadyTracked: string[];
  /** Already-tracked items whose wording differs from the record (not overwritten). */
  changed: WordingChange[];
  /** Items left out because the same ref came twice in what was imported. */
  duplicates: string[];
  /** Codes of the inspections added to the Inspections sheet. */
  inspectionsAdded: string[];
  themesAdded: string[];
  /** Items written "Not stated" whose words suggest an addressee, for the analyst to confirm. */
  addresseeSuggestions: { ref: string; suggested: string; because: string }[];
  /** Codes used, one per draft. */
  codes: string[];
  /** Whether the tracker was set up in the same plan. */
  setUp: boolean;
  /**
   * The office's name written into Lists' settings from the record (its force and the
   * commissioner's title), where the setting still held the default; null when left alone.
   */
  officeName: string | null;
  /** Texts too long for a cell, cut to fit and marked (errors to report). */
  cut: CutCell[];
}

function tableOrder<K extends string>(
  headers: readonly string[],
  cols: readonly { key: K; header: string }[],
  values: Partial<Record<K, CellValue>>
): CellValue[] {
  const row: CellValue[] = headers.map(() => null);
  for (const c of cols) {
    const j = headerIndex(headers, c.header);
    if (j >= 0) row[j] = values[c.key] ?? null;
  }
  return row;
}

function validateDraft(d: ImportDraft, index: number, many: boolean): void {
  const where = many
    ? ` (record ${index + 1}${d.inspection.title ? `, '${d.inspection.title}'` : ""})`
    : "";
  if (d.code !== null && !validCode(d.code.trim())) {
    throw new TrackerError(
      "invalid-input",
      `The inspection code '${d.code}'${where} is not usable: use 2 to 12 letters and digits starting with a letter, for example PEEL25. Nothing was changed.`
    );
  }
  d.items.forEach((it, i) => {
    const label = `Item ${i + 1}${where}`;
    if (it.kind !== "recommendation" && it.kind !== "area-for-improvement") {
      throw new TrackerError(
        "invalid-input",
        `${label} has no kind: choose Recommendation or Area for improvement. Nothing was changed.`
      );
    }
    if (!Number.isInteger(it.number) || it.number < 1 || it.number > 9999) {
      throw new TrackerError(
        "invalid-input",
        `${label} has the number '${it.number}': use a whole number from 1 to 9999. Nothing was changed.`
      );
    }
    if (normaliseSpace(it.text ?? "") === "") {
      throw new TrackerError(
        "invalid-input",
        `${label} (${kindLabel(it.kind)} ${it.number}) has no text: type it in or remove the item. Nothing was changed.`
      );
    }
  });
}

/** Where import writes: each table's headers, and the set-up ops when a table is missing. */
interface ImportTargets {
  setupOps: PlanOp[];
  /** What the set-up had to cut to fit a cell. */
  setupCut: CutCell[];
  /** Tables created by those set-up ops (rows go into them directly). */
  created: Map<string, Extract<PlanOp, { op: "createTable" }>>;
  trackerHeaders: string[];
  inspectionHeaders: string[];
  themeHeaders: string[];
  /** Whether the tracker itself is set up by this import. */
  setUp: boolean;
}

/** Set the tracker up first (in the same plan) when it or a table import writes to is missing. */
function importTargets(snapshot: WorkbookSnapshot): ImportTargets {
  const needsSetup = [TABLES.tracker, TABLES.inspections, TABLES.themes].some(
    (t) => !snapshot.tables[t]
  );
  const setup = needsSetup ? planSetup(snapshot) : null;
  const setupOps: PlanOp[] = setup ? setup.plan.ops : [];
  const created = new Map<string, Extract<PlanOp, { op: "createTable" }>>();
  for (const op of setupOps) if (op.op === "createTable") created.set(op.table.name, op);
  const headersOf = (name: string, fallback: readonly { header: string }[]) =>
    snapshot.tables[name]?.headers ??
    created.get(name)?.table.headers ??
    fallback.map((c) => c.header);
  return {
    setupOps,
    setupCut: setup?.cut ?? [],
    created,
    trackerHeaders: headersOf(TABLES.tracker, TRACKER_COLUMNS),
    inspectionHeaders: headersOf(TABLES.inspections, INSPECTION_COLUMNS),
    themeHeaders: headersOf(TABLES.themes, [{ header: "Theme" }]),
    setUp: needsSetup && !snapshot.tables[TABLES.tracker],
  };
}

type TrackedRow = ReturnType<typeof trackerRows>[number];

/** The items the tracker holds, found by ref, by inspection, kind and number, or by wording. */
interface TrackedItems {
  /** The tracked row for an item of an inspection known by these folded names, if any. */
  find(ref: string, names: readonly string[], item: ImportItem, text: string): TrackedRow | null;
  /** Codes already used as ref prefixes (PEEL25 in PEEL25-R1). */
  codes: string[];
}

function trackedItems(snapshot: WorkbookSnapshot): TrackedItems {
  const tracker = snapshot.tables[TABLES.tracker];
  const rows = tracker ? trackerRows(tracker) : [];
  const byRef = new Map<string, TrackedRow>();
  const byIdentity = new Map<string, TrackedRow>();
  const byText = new Map<string, TrackedRow>();
  for (const r of rows) {
    const ref = textOf(r.values.ref).toUpperCase();
    if (ref) byRef.set(ref, r);
    const kind = kindFromCell(r.values.kind);
    const num =
      typeof r.values.number === "number" ? r.values.number : Number(textOf(r.values.number));
    const insp = foldText(textOf(r.values.inspection));
    if (kind && Number.isFinite(num) && insp) byIdentity.set(`${insp}|${kind}|${num}`, r);
    // The same wording under the same inspection (or a row with no inspection, as adopted
    // sheets often have) is the same item, whatever its ref, kind or number cells say.
    const words = foldText(textOf(r.values.recommendation));
    if (words && !byText.has(`${insp}|${words}`)) byText.set(`${insp}|${words}`, r);
  }
  return {
    find: (ref, names, item, text) =>
      byRef.get(ref.toUpperCase()) ??
      names.map((n) => byIdentity.get(`${n}|${item.kind}|${item.number}`)).find(Boolean) ??
      [...names, ""].map((n) => byText.get(`${n}|${foldText(text)}`)).find(Boolean) ??
      null,
    codes: [...byRef.keys()].map((r) => r.replace(/-(?:R|AFI)\d+$/i, "")).filter((c) => c !== ""),
  };
}

/** What the workbook lists already, and what this plan adds, as the drafts are planned. */
interface Listed {
  /** Inspections listed so far, including those this plan adds (a later record reuses their code). */
  inspections: { code: string; title: string }[];
  codes: Set<string>;
  titles: Set<string>;
  /** Codes not to suggest for another inspection (upper case). */
  takenCodes: Set<string>;
  /** Folded theme names. */
  themes: Set<string>;
  /** Refs this plan adds (upper case). */
  addedRefs: Set<string>;
}

function listed(snapshot: WorkbookSnapshot, tracked: TrackedItems): Listed {
  const known = knownInspections(snapshot);
  const themesTable = snapshot.tables[TABLES.themes];
  const themeCol = themesTable ? Math.max(0, headerIndex(themesTable.headers, "Theme")) : 0;
  return {
    inspections: [...known],
    codes: new Set(known.map((k) => k.code.toUpperCase())),
    titles: new Set(known.map((k) => foldText(k.title)).filter(Boolean)),
    takenCodes: new Set(tracked.codes),
    themes: new Set(
      (themesTable?.rows ?? []).map((r) => foldText(textOf(r[themeCol]))).filter(Boolean)
    ),
    addedRefs: new Set(),
  };
}

/** Rows to add to each table. */
interface Appends {
  tracker: CellValue[][];
  inspections: CellValue[][];
  themes: CellValue[][];
}

type Outcome = Omit<ImportOutcome, "plan" | "cut">;

/** The inspection's row on the Inspections sheet, unless it is listed already. */
function planInspection(
  d: ImportDraft,
  code: string,
  headers: readonly string[],
  list: Listed,
  appends: Appends,
  outcome: Outcome
): void {
  const insp = d.inspection;
  const titleKnown = insp.title ? list.titles.has(foldText(insp.title)) : false;
  if (list.codes.has(code.toUpperCase()) || titleKnown || (!insp.title && d.items.length === 0))
    return;
  const published = insp.published ? parseIso(insp.published) : null;
  appends.inspections.push(
    tableOrder<InspectionKey>(headers, INSPECTION_COLUMNS, {
      code,
      title: insp.title,
      inspectorate: insp.inspectorate,
      force: insp.force,
      published: published ? toExcelSerial(published) : null,
      grade: insp.grade,
      responseDue: published ? toExcelSerial(addDays(published, RESPONSE_DAYS)) : null,
      responsePublished: null,
      summary: insp.summary,
    })
  );
  list.codes.add(code.toUpperCase());
  if (insp.title) list.titles.add(foldText(insp.title));
  outcome.inspectionsAdded.push(code);
}

/** Themes for the Lists sheet: the record's, then any an item names. */
function planThemes(
  d: ImportDraft,
  headers: readonly string[],
  list: Listed,
  appends: Appends,
  outcome: Outcome
): void {
  for (const t of [...d.themes, ...d.items.map((i) => i.theme ?? "")]) {
    const name = normaliseSpace(t);
    if (name === "" || list.themes.has(foldText(name))) continue;
    list.themes.add(foldText(name));
    appends.themes.push(tableOrder(headers, [{ key: "theme", header: "Theme" }], { theme: name }));
    outcome.themesAdded.push(name);
  }
}

/** The tracker rows of the items not tracked yet; the others are reported, never written over. */
function planItems(
  d: ImportDraft,
  code: string,
  headers: readonly string[],
  tracked: TrackedItems,
  list: Listed,
  appends: Appends,
  outcome: Outcome
): void {
  const insp = d.inspection;
  const inspectionName = insp.title ?? code;
  const names = [foldText(code), insp.title ? foldText(insp.title) : ""].filter(Boolean);
  for (const it of d.items) {
    const ref = itemRef(code, it.kind, it.number);
    const text = normaliseSpace(it.text);
    const found = tracked.find(ref, names, it, text);
    if (found) {
      const trackedRef = textOf(found.values.ref) || ref;
      outcome.alreadyTracked.push(trackedRef);
      const trackedText = normaliseSpace(textOf(found.values.recommendation));
      if (trackedText !== text)
        outcome.changed.push({
          ref: trackedRef,
          sheetRow: found.sheetRow,
          tracked: trackedText,
          incoming: text,
        });
      continue;
    }
    if (list.addedRefs.has(ref.toUpperCase())) {
      outcome.duplicates.push(ref);
      continue;
    }
    list.addedRefs.add(ref.toUpperCase());
    appends.tracker.push(
      tableOrder<TrackerKey>(headers, TRACKER_COLUMNS, {
        ref,
        inspection: inspectionName,
        kind: kindCell(it.kind),
        number: it.number,
        recommendation: text,
        addressedTo: addressedCell(it.addressedTo),
        theme: it.theme && normaliseSpace(it.theme) !== "" ? normaliseSpace(it.theme) : null,
      })
    );
    outcome.added.push(ref);
    const hint = it.addresseeSuggestion ?? null;
    if (hint && addressedCell(it.addressedTo) === NOT_STATED_ADDRESSEE)
      outcome.addresseeSuggestions.push({
        ref,
        suggested: hint.addressedTo,
        because: hint.because,
      });
  }
}

/** Rows go into a table set up in this plan directly; otherwise they are appended. */
function importOps(targets: ImportTargets, appends: Appends): PlanOp[] {
  const byTable = new Map<string, CellValue[][]>([
    [TABLES.inspections, appends.inspections],
    [TABLES.themes, appends.themes],
    [TABLES.tracker, appends.tracker],
  ]);
  const ops: PlanOp[] = targets.setupOps.map((op) => {
    if (op.op !== "createTable") return op;
    const extra = byTable.get(op.table.name);
    return extra && extra.length > 0
      ? { ...op, table: { ...op.table, rows: [...op.table.rows, ...extra] } }
      : op;
  });
  for (const [name, rows] of byTable) {
    if (rows.length > 0 && !targets.created.has(name))
      ops.push({ op: "appendRows", table: name, rows });
  }
  return ops;
}

/**
 * The office's name from the record: "Office of the Staffordshire Police, Fire and Crime
 * Commissioner" from its force and the commissioner's title it uses, written into Lists'
 * "Office name" setting (the Summary's title) only while that still holds the default or is
 * blank: a name the analyst gave is never replaced. Changes `ops` (the settings table created by
 * set-up in this plan, or one more writeTableCells); returns the name written, or null.
 */
function planOfficeName(
  snapshot: WorkbookSnapshot,
  drafts: readonly ImportDraft[],
  ops: PlanOp[]
): string | null {
  const name = drafts
    .map((d) => officeNameFor(d.inspection.force, d.inspection.commissioner ?? null))
    .find((n): n is string => n !== null);
  if (!name) return null;
  const isDefault = (v: CellValue | undefined) => {
    const t = textOf(v ?? null);
    return t === "" || t === DEFAULT_SETTINGS_VALUES.officeName;
  };
  const created = ops.findIndex((o) => o.op === "createTable" && o.table.name === TABLES.settings);
  if (created >= 0) {
    const op = ops[created] as Extract<PlanOp, { op: "createTable" }>;
    const key = headerIndex(op.table.headers, "Setting");
    const value = headerIndex(op.table.headers, "Value");
    const row = op.table.rows.findIndex((r) => textOf(r[key]).toLowerCase() === "office name");
    if (key < 0 || value < 0 || row < 0 || !isDefault(op.table.rows[row][value])) return null;
    const rows = op.table.rows.map((r, i) =>
      i === row ? r.map((v, j) => (j === value ? name : v)) : r
    );
    ops[created] = { ...op, table: { ...op.table, rows } };
    return name;
  }
  const settings = snapshot.tables[TABLES.settings];
  // A protected Lists sheet keeps its name: the import itself must not be refused for it.
  const locked = (sheet: string) =>
    snapshot.sheets.some((s) => s.protected && s.name.toLowerCase() === sheet.toLowerCase());
  if (!settings || locked(settings.sheet)) return null;
  const key = headerIndex(settings.headers, "Setting");
  const value = headerIndex(settings.headers, "Value");
  if (key < 0 || value < 0) return null;
  const row = settings.rows.findIndex((r) => textOf(r[key]).toLowerCase() === "office name");
  if (row < 0 || !isDefault(settings.rows[row][value])) return null;
  const col = settings.columns ? settings.columns[value] : value;
  ops.push({ op: "writeTableCells", table: TABLES.settings, row, col, values: [[name]] });
  return name;
}

/**
 * Plan the import of one or more records. Validates everything and checks protection before
 * returning a plan; throws TrackerError (nothing written) when it cannot.
 */
export function planImport(
  snapshot: WorkbookSnapshot,
  drafts: readonly ImportDraft[]
): ImportOutcome {
  drafts.forEach((d, i) => validateDraft(d, i, drafts.length > 1));
  const targets = importTargets(snapshot);
  const tracked = trackedItems(snapshot);
  const list = listed(snapshot, tracked);
  const appends: Appends = { tracker: [], inspections: [], themes: [] };
  const outcome: Outcome = {
    added: [],
    alreadyTracked: [],
    changed: [],
    duplicates: [],
    inspectionsAdded: [],
    themesAdded: [],
    addresseeSuggestions: [],
    codes: [],
    setUp: targets.setUp,
    officeName: null,
  };
  for (const d of drafts) {
    const code = d.code?.trim() || resolveCode(d.inspection, list.inspections, list.takenCodes);
    list.takenCodes.add(code.toUpperCase());
    if (d.inspection.title) list.inspections.push({ code, title: d.inspection.title });
    outcome.codes.push(code);
    planInspection(d, code, targets.inspectionHeaders, list, appends, outcome);
    planThemes(d, targets.themeHeaders, list, appends, outcome);
    planItems(d, code, targets.trackerHeaders, tracked, list, appends, outcome);
  }
  const ops = importOps(targets, appends);
  outcome.officeName = planOfficeName(snapshot, drafts, ops);
  // Refuse before writing anything if a sheet import writes to is protected.
  refuseProtected(ops, snapshot.sheets, (t) => snapshot.tables[t]?.sheet);
  // No cell over Excel's 32,767 characters is ever written: cut, marked and reported.
  const { plan, cut } = fitPlanToCells({ ops });
  return { plan, ...outcome, cut: [...targets.setupCut, ...cut] };
}

/** "16 added, 0 already tracked", and what else a person should know. */
export function describeImport(o: Omit<ImportOutcome, "plan">): string {
  const parts = [`${o.added.length} added, ${o.alreadyTracked.length} already tracked`];
  if (o.changed.length > 0) {
    parts.push(
      `${o.changed.length} tracked ${o.changed.length === 1 ? "item's wording differs" : "items' wording differs"} from the record and ${o.changed.length === 1 ? "was" : "were"} not changed (${o.changed.map((c) => c.ref).join(", ")})`
    );
  }
  if (o.duplicates.length > 0)
    parts.push(`${o.duplicates.length} left out as duplicate numbers (${o.duplicates.join(", ")})`);
  if (o.themesAdded.length > 0)
    parts.push(
      `${o.themesAdded.length} ${o.themesAdded.length === 1 ? "theme" : "themes"} added to Lists`
    );
  if (o.setUp) parts.push("the tracker was set up first");
  if (o.officeName)
    parts.push(`the office's name set from the record: '${o.officeName}' (Lists, Settings)`);
  const hints = o.addresseeSuggestions;
  if (hints.length > 0)
    parts.push(
      `${hints.length} ${hints.length === 1 ? "item names" : "items name"} no addressee and ${hints.length === 1 ? "was" : "were"} written '${NOT_STATED_ADDRESSEE}', though the words suggest national work (${hints
        .slice(0, 3)
        .map((h) => `${h.ref}: '${h.because}'`)
        .join(", ")}${hints.length > 3 ? ", …" : ""}): confirm each in the Addressed to column`
    );
  return parts.join("; ") + ".";
}
