/**
 * What the rules read about a row, worked out once per row: its status as read against the
 * vocabulary, its dates, the text cells that hold a formula or an error value. Each rule
 * (./rules.ts) then only decides. Also what the rules of the Inspections table read. Pure.
 */
import { TRACKER_COLUMNS, type InspectionKey, type TrackerKey } from "../columns";
import { formatUk, fromExcelSerial, parseUkDate, toExcelSerial } from "../dates";
import { textOf, type TrackerRow, type Value } from "../model";
import { normaliseStatus, type StatusDef, type StatusResult } from "../status";
import { isExcelError, shorten } from "../text";
import type { Fix, InspectionRow, ListFix, ListName } from "./types";

/** What the whole check shares: the as-at date, thresholds, vocabulary and the refs in use. */
export interface CheckEnv {
  asAt: number;
  today: number;
  typedCells: boolean;
  staleDays: number;
  dueSoonDays: number;
  vocabulary: readonly StatusDef[];
  vocabularyNames: ReadonlySet<string>;
  closedNames: ReadonlySet<string>;
  /** Sheet rows of each ref used more than once (folded ref), and each row's folded ref. */
  refRows: ReadonlyMap<string, number[]>;
  foldedRefs: readonly string[];
  /** Table column of each text contract column, in TEXT_KEYS order (-1 when absent). */
  textCols: readonly number[];
  formulas?: readonly (readonly string[] | undefined)[];
  /** Each list read from the Lists sheet: its values by folded text, as the list spells them. */
  lists: Partial<Record<ListName, ReadonlyMap<string, string>>>;
}

export interface DateRead {
  blank: boolean;
  serial: number | null;
  /** A date read from text ("31/03/2026" typed into a text cell), not a date cell. */
  fromText?: boolean;
}

/** A text cell Excel took as a formula, or that shows an error value. */
export interface BadText {
  key: TrackerKey;
  value: Value;
  /** The formula, when one was read. */
  formula: string | null;
  error: boolean;
}

/** One finding as a rule states it; the runner adds where it is and the rule's severity. */
export interface RowFinding {
  key: TrackerKey;
  message: string;
  short: string;
  suggestion?: string | null;
  fix?: Fix | null;
  listFix?: ListFix | null;
}

export interface RowContext {
  row: TrackerRow;
  values: Record<TrackerKey, Value>;
  ref: string;
  env: CheckEnv;
  /** Text cells holding a formula or an error value, in column order (usually none). */
  badText: readonly BadText[];
  /** The columns of badText: other rules leave those cells alone. */
  badKeys: ReadonlySet<TrackerKey>;
  /**
   * The Status cell read against the vocabulary; null when it is exactly a status (the usual
   * case, read without normalising) or holds a formula or an error value.
   */
  statusRead: StatusResult | null;
  /** The vocabulary status the row has (exact, or one certain reading), or null. */
  status: string | null;
  closed: boolean;
  superseded: boolean;
  target: DateRead;
  lastUpdated: DateRead;
  closedDate: DateRead;
}

/** Contract columns that hold text (where a formula or an error value is a mistake). */
export const TEXT_KEYS: readonly TrackerKey[] = TRACKER_COLUMNS.filter(
  (c) => c.kind === "text" || c.kind === "status"
).map((c) => c.key);

export const INSPECTION_HEADERS: Record<InspectionKey, string> = {
  code: "Code",
  title: "Title",
  inspectorate: "Inspectorate",
  force: "Force",
  published: "Published",
  grade: "Grade",
  responseDue: "Response due",
  responsePublished: "Response published",
  summary: "Summary",
};

const BLANK_DATE: DateRead = Object.freeze({ blank: true, serial: null });
const NOT_A_DATE: DateRead = Object.freeze({ blank: false, serial: null });

export function readDate(v: Value): DateRead {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === ""))
    return BLANK_DATE;
  if (typeof v === "boolean") return NOT_A_DATE;
  if (typeof v === "number") {
    return Number.isFinite(v) && v >= 1 && v <= 2958465
      ? { blank: false, serial: Math.floor(v) }
      : NOT_A_DATE;
  }
  const p = parseUkDate(v);
  if (!p.date) return NOT_A_DATE;
  return { blank: false, serial: toExcelSerial(p.date), fromText: true };
}

export const uk = (serial: number) => formatUk(fromExcelSerial(serial));
export const quote = (v: Value) => {
  const t = String(v ?? "");
  return `'${t.length <= 40 && !/\s\s|\n/.test(t) ? t : shorten(t, 40)}'`;
};
export const foldRef = (s: string) => {
  const t = s.trim().toLowerCase();
  return /\s\s|[\t\n\r]/.test(t) ? t.replace(/\s+/g, " ") : t;
};
/** An Excel error value, tested cheaply first (most cells do not start with #). */
export const isErrorValue = (v: Value) =>
  typeof v === "string" && v.charCodeAt(0) === 35 && isExcelError(v);

const NO_BAD_TEXT: readonly BadText[] = Object.freeze([]);
const NO_KEYS: ReadonlySet<TrackerKey> = new Set();

/** Text cells holding a formula (read with the values) or showing an error value. */
function badTextOf(env: CheckEnv, row: TrackerRow): readonly BadText[] {
  const formulas = env.formulas?.[row.index];
  let out: BadText[] | null = null;
  for (let k = 0; k < TEXT_KEYS.length; k++) {
    const key = TEXT_KEYS[k];
    const value = row.values[key];
    const j = env.textCols[k];
    const formula = formulas && j >= 0 ? formulas[j] : undefined;
    const hasFormula =
      typeof formula === "string" && formula.charCodeAt(0) === 61 && formula !== value;
    const error = isErrorValue(value);
    if (!hasFormula && !error) continue;
    (out ??= []).push({ key, value, formula: hasFormula ? formula : null, error });
  }
  return out ?? NO_BAD_TEXT;
}

/** Read one row once for every rule. */
export function rowContext(env: CheckEnv, row: TrackerRow): RowContext {
  const v = row.values;
  const badText = badTextOf(env, row);
  const badKeys = badText.length === 0 ? NO_KEYS : new Set(badText.map((b) => b.key));
  let statusRead: StatusResult | null = null;
  let status: string | null = null;
  if (typeof v.status === "string" && env.vocabularyNames.has(v.status)) {
    status = v.status;
  } else if (!badKeys.has("status")) {
    statusRead = normaliseStatus(v.status, env.vocabulary);
    if (statusRead.verdict === "exact" || statusRead.verdict === "normalised")
      status = statusRead.status;
  }
  const closed = status !== null && env.closedNames.has(status);
  return {
    row,
    values: v,
    ref: textOf(v.ref),
    env,
    badText,
    badKeys,
    statusRead,
    status,
    closed,
    superseded: status === "Superseded",
    target: readDate(v.targetDate),
    lastUpdated: readDate(v.lastUpdated),
    closedDate: readDate(v.closedDate),
  };
}

/** What a rule of the Inspections table reads about one inspection. */
export interface InspectionContext {
  inspection: InspectionRow;
  env: CheckEnv;
  code: string;
  title: string;
  published: DateRead;
  responsePublished: DateRead;
}

export function inspectionContext(env: CheckEnv, ins: InspectionRow): InspectionContext {
  return {
    inspection: ins,
    env,
    code: textOf(ins.values.code),
    title: textOf(ins.values.title),
    published: readDate(ins.values.published),
    responsePublished: readDate(ins.values.responsePublished),
  };
}

/** One finding on the Inspections table as a rule states it. */
export interface InspectionFinding {
  key: InspectionKey;
  message: string;
  short: string;
}
