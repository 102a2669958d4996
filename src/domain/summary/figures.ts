/**
 * The commissioner's summary: every figure the Summary sheet shows, computed from the tracker's
 * rows as at a date. Pure: no Office, DOM or Node APIs.
 */
import type { HistoryKey, TrackerKey } from "../columns";
import { formatUk, fromExcelSerial } from "../dates";
import { NATIONAL_BODIES } from "../record/addressees";
import { RESPONSE_DAYS, textOf, type Settings, type TrackerRow, type Value } from "../model";
import { DEFAULT_STATUSES, normaliseStatus, type StatusDef } from "../status";
import { shorten } from "../text";
import {
  compareRefs,
  movementBetweenLatest,
  serialOf,
  statusRank,
  trendOf,
  type HistoryEntry,
  type MovementItem,
  type MovementSummary,
} from "../history";

/**
 * The only tracker columns summarise() reads (row.values keys); Build summary reads no others, so
 * that a 10,000-row tracker and its history fit in one response of Excel on the web.
 */
export const SUMMARY_TRACKER_KEYS: readonly TrackerKey[] = [
  "ref",
  "inspection",
  "recommendation",
  "addressedTo",
  "theme",
  "owner",
  "targetDate",
  "status",
  "progress",
  "lastUpdated",
];

/** The only History columns the trend and the movement read (HistoryEntry date, ref, status). */
export const SUMMARY_HISTORY_KEYS: readonly HistoryKey[] = ["snapshotDate", "ref", "status"];

/** The bucket for rows whose Status is blank or not in the vocabulary (kept so totals reconcile). */
export const NO_STATUS = "No status";
export const NO_STATUS_COLOUR = "#D9D9D9";

/** The horizon of "due in the next N days" on the Summary. */
export const DUE_HORIZON_DAYS = 90;

export interface StatusColumn {
  name: string;
  colour: string;
  closed: boolean;
}

export interface CrossRow {
  label: string;
  /** One count per status column, in the summary's status order. */
  counts: number[];
  total: number;
  overdue: number;
}

export interface CrossTab {
  rows: CrossRow[];
  /** Column totals per status, then the grand total and overdue. */
  totals: number[];
  total: number;
  overdue: number;
}

export interface StatusFigure {
  status: string;
  colour: string;
  count: number;
  /** Share of items tracked, 0..1 (0 when there are no items). */
  share: number;
}

export interface Headline {
  itemsTracked: number;
  byStatus: StatusFigure[];
  open: number;
  overdue: number;
  dueSoon: number;
  /** Inspections whose response is unpublished and past its 56-day deadline. */
  responsesOverdue: number;
  /** Inspections whose response was published after its deadline. */
  responsesLate: number;
  inspections: number;
  forceItems: number;
  forceOpen: number;
  nationalItems: number;
  nationalOpen: number;
  /** National bodies named, with their item counts, most first. */
  nationalBodies: { name: string; count: number }[];
}

export interface ExceptionItem {
  ref: string;
  recommendation: string;
  owner: string;
  /** Excel serial, or null when blank or not a date. */
  targetDate: number | null;
  /** The target date as written when it is not a date. */
  targetText: string;
  status: string;
  red: boolean;
  /** Days past the target date (open items only), or null. */
  daysOverdue: number | null;
  latestUpdate: string;
  sheetRow: number;
}

export interface TrendPoint {
  date: number;
  counts: number[];
  total: number;
}

export interface Summary {
  asAt: number;
  officeName: string;
  protectiveMarking: string;
  reportingPeriod: string;
  /** Rows that had errors when the summary was built (from Check), or null when not checked. */
  errorRows: number | null;
  statuses: StatusColumn[];
  headline: Headline;
  byInspection: CrossTab;
  byTheme: CrossTab;
  byOwner: CrossTab;
  byAddressee: CrossTab;
  exceptions: ExceptionItem[];
  movement: MovementSummary | null;
  /** The items that moved, with their recommendation (shortened) from the current rows. */
  moved: (MovementItem & { recommendation: string })[];
  trend: TrendPoint[];
}

export interface SummaryInput {
  rows: readonly TrackerRow[];
  vocabulary?: readonly StatusDef[];
  /** tblInspections rows keyed by header (Code, Title, Published, Response due, Response published). */
  inspections?: readonly Record<string, Value>[];
  history?: readonly HistoryEntry[];
  settings: Settings;
  /** Excel serial of the as-at date. */
  asAt: number;
  errorRows?: number | null;
  /** Financial-quarter label used when the settings give no reporting period. */
  defaultPeriod: string;
  /** Lengths the Summary shortens long text to. */
  recommendationChars?: number;
  updateChars?: number;
}

/**
 * Whether an "Addressed to" value names a national body (NPCC, College of Policing, Home Office…)
 * and not the force itself. "Force and NPCC" is the force's own: the force has to act on it.
 */
export function isNationalBody(addressedTo: Value | undefined): boolean {
  const text = textOf(addressedTo);
  if (text === "" || /\bforces?\b|\bchief constables?\b/i.test(text)) return false;
  return NATIONAL_BODIES.some(
    (b) => b.pattern.test(text) || text.toLowerCase().includes(b.name.toLowerCase())
  );
}

interface RowFacts {
  row: TrackerRow;
  col: number;
  status: string | null;
  closed: boolean;
  target: number | null;
  overdue: boolean;
}

function crossTab(
  facts: readonly RowFacts[],
  width: number,
  keyOf: (f: RowFacts) => string,
  blankLabel: string,
  order?: readonly string[]
): CrossTab {
  const map = new Map<string, CrossRow>();
  const fold = new Map<string, string>();
  for (const f of facts) {
    const raw = keyOf(f).replace(/\s+/g, " ").trim();
    const key = raw.toLowerCase();
    let label = fold.get(key);
    if (label === undefined) {
      label = raw === "" ? blankLabel : raw;
      fold.set(key, label);
    }
    let r = map.get(label);
    if (!r) {
      r = { label, counts: new Array(width).fill(0), total: 0, overdue: 0 };
      map.set(label, r);
    }
    r.counts[f.col]++;
    r.total++;
    if (f.overdue) r.overdue++;
  }
  const rank = new Map<string, number>((order ?? []).map((o, i) => [o.trim().toLowerCase(), i]));
  const rows = [...map.values()].sort((a, b) => {
    if (a.label === blankLabel) return 1;
    if (b.label === blankLabel) return -1;
    const ra = rank.get(a.label.toLowerCase());
    const rb = rank.get(b.label.toLowerCase());
    if (ra !== undefined || rb !== undefined) {
      if (ra === undefined) return 1;
      if (rb === undefined) return -1;
      return ra - rb;
    }
    return b.total - a.total || compareRefs(a.label, b.label);
  });
  const totals = new Array(width).fill(0);
  let overdue = 0;
  for (const r of rows) {
    r.counts.forEach((c, i) => (totals[i] += c));
    overdue += r.overdue;
  }
  return { rows, totals, total: facts.length, overdue };
}

function latestUpdate(row: TrackerRow, chars: number): string {
  const text = textOf(row.values.progress);
  const updated = serialOf(row.values.lastUpdated);
  if (text === "") return "";
  return shorten(text, chars) + (updated !== null ? ` (${ukOf(updated)})` : "");
}

function ukOf(serial: number): string {
  return formatUk(fromExcelSerial(serial));
}

/** Compute every figure of the Summary sheet. */
export function summarise(input: SummaryInput): Summary {
  const vocabulary = input.vocabulary ?? DEFAULT_STATUSES;
  const asAt = input.asAt;
  const history = input.history ?? [];
  const recChars = input.recommendationChars ?? 110;
  const updChars = input.updateChars ?? 140;

  const statuses: StatusColumn[] = vocabulary.map((s) => ({
    name: s.name,
    colour: s.colour,
    closed: s.closed,
  }));
  const known = new Map<string, StatusDef | undefined>();
  const facts: RowFacts[] = input.rows.map((row) => {
    const raw = row.values.status;
    const key = typeof raw === "string" ? raw : String(raw ?? "");
    let def = known.get(key);
    if (!known.has(key)) {
      const name = normaliseStatus(raw, vocabulary).status;
      def = name ? vocabulary.find((v) => v.name === name) : undefined;
      known.set(key, def);
    }
    const col = def ? vocabulary.indexOf(def) : -1;
    const closed = def?.closed ?? false;
    const target = serialOf(row.values.targetDate);
    const overdue = !closed && target !== null && target < asAt;
    return { row, col, status: def?.name ?? null, closed, target, overdue };
  });
  const trend = trendOf(history, vocabulary, asAt);
  const needNoStatus = facts.some((f) => f.col < 0) || trend.some((t) => t.noStatus > 0);
  if (needNoStatus) statuses.push({ name: NO_STATUS, colour: NO_STATUS_COLOUR, closed: false });
  const width = statuses.length;
  for (const f of facts) if (f.col < 0) f.col = width - 1;

  const n = facts.length;
  const counts = new Array(width).fill(0);
  facts.forEach((f) => counts[f.col]++);
  const byStatus = statuses.map((s, i) => ({
    status: s.name,
    colour: s.colour,
    count: counts[i],
    share: n ? counts[i] / n : 0,
  }));

  const open = facts.filter((f) => !f.closed);
  const overdue = open.filter((f) => f.overdue).length;
  const dueSoon = open.filter(
    (f) => f.target !== null && f.target >= asAt && f.target <= asAt + DUE_HORIZON_DAYS
  ).length;

  let responsesOverdue = 0;
  let responsesLate = 0;
  const inspections = input.inspections ?? [];
  const inspectionOrder: string[] = [];
  for (const rec of inspections) {
    for (const key of ["Code", "Title"])
      if (textOf(rec[key])) inspectionOrder.push(textOf(rec[key]));
    const published = serialOf(rec["Published"]);
    const due =
      serialOf(rec["Response due"]) ?? (published !== null ? published + RESPONSE_DAYS : null);
    const responded = serialOf(rec["Response published"]);
    if (due === null) continue;
    if (responded === null && textOf(rec["Response published"]) === "" && due < asAt)
      responsesOverdue++;
    else if (responded !== null && responded > due) responsesLate++;
  }

  const national = facts.filter((f) => isNationalBody(f.row.values.addressedTo));
  const force = facts.filter((f) => !isNationalBody(f.row.values.addressedTo));
  const bodies = new Map<string, number>();
  for (const f of national) {
    const name = textOf(f.row.values.addressedTo).replace(/\s+/g, " ");
    bodies.set(name, (bodies.get(name) ?? 0) + 1);
  }

  const exceptions: ExceptionItem[] = facts
    .filter(
      (f) => f.overdue || (f.status !== null && statusRank(f.status, vocabulary) === 0 && !f.closed)
    )
    .map((f) => ({
      ref: textOf(f.row.values.ref),
      recommendation: shorten(textOf(f.row.values.recommendation), recChars),
      owner: textOf(f.row.values.owner),
      targetDate: f.target,
      targetText: f.target === null ? textOf(f.row.values.targetDate) : "",
      status: f.status ?? textOf(f.row.values.status),
      red: f.status !== null && statusRank(f.status, vocabulary) === 0,
      daysOverdue: f.overdue && f.target !== null ? asAt - f.target : null,
      latestUpdate: latestUpdate(f.row, updChars),
      sheetRow: f.row.sheetRow,
    }))
    .sort(
      (a, b) =>
        Number(b.red) - Number(a.red) ||
        (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) ||
        compareRefs(a.ref, b.ref) ||
        a.sheetRow - b.sheetRow
    );

  const movement = movementBetweenLatest(history, vocabulary, asAt);
  const recByRef = new Map<string, string>();
  for (const f of facts) {
    const ref = textOf(f.row.values.ref);
    if (ref && !recByRef.has(ref)) recByRef.set(ref, textOf(f.row.values.recommendation));
  }
  const moved = (movement?.items ?? []).map((m) => ({
    ...m,
    recommendation: shorten(recByRef.get(m.ref) ?? "", recChars),
  }));

  return {
    asAt,
    officeName: input.settings.officeName,
    protectiveMarking: input.settings.protectiveMarking,
    reportingPeriod: input.settings.reportingPeriod || input.defaultPeriod,
    errorRows: input.errorRows ?? null,
    statuses,
    headline: {
      itemsTracked: n,
      byStatus,
      open: open.length,
      overdue,
      dueSoon,
      responsesOverdue,
      responsesLate,
      inspections: inspections.length,
      forceItems: force.length,
      forceOpen: force.filter((f) => !f.closed).length,
      nationalItems: national.length,
      nationalOpen: national.filter((f) => !f.closed).length,
      nationalBodies: [...bodies.entries()]
        .map(([name, count]) => ({ name, count }))
        .sort((a, b) => b.count - a.count || compareRefs(a.name, b.name)),
    },
    byInspection: crossTab(
      facts,
      width,
      (f) => textOf(f.row.values.inspection),
      "(No inspection)",
      inspectionOrder
    ),
    byTheme: crossTab(facts, width, (f) => textOf(f.row.values.theme), "(No theme)"),
    byOwner: crossTab(facts, width, (f) => textOf(f.row.values.owner), "(No owner)"),
    byAddressee: crossTab(
      facts,
      width,
      (f) => (isNationalBody(f.row.values.addressedTo) ? "National bodies" : "The force"),
      "",
      ["The force", "National bodies"]
    ),
    exceptions,
    movement,
    moved,
    trend: trend.map((t) => ({
      date: t.date,
      counts: statuses.map((s) => (s.name === NO_STATUS ? t.noStatus : (t.counts[s.name] ?? 0))),
      total: t.total,
    })),
  };
}

/**
 * Check every figure against the rows: totals equal the row count, each status count equals the
 * rows with that status, every cross-tab adds up. Returns the discrepancies (none when sound).
 */
export function reconcile(
  summary: Summary,
  rows: readonly TrackerRow[],
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES
): string[] {
  const problems: string[] = [];
  const n = rows.length;
  const h = summary.headline;
  if (h.itemsTracked !== n) problems.push(`items tracked ${h.itemsTracked} ≠ ${n} rows`);
  const recount = new Map<string, number>();
  for (const r of rows) {
    const s = normaliseStatus(r.values.status, vocabulary).status ?? NO_STATUS;
    recount.set(s, (recount.get(s) ?? 0) + 1);
  }
  for (const f of h.byStatus) {
    if ((recount.get(f.status) ?? 0) !== f.count)
      problems.push(`${f.status}: ${f.count} ≠ ${recount.get(f.status) ?? 0} rows`);
  }
  const sum = h.byStatus.reduce((a, f) => a + f.count, 0);
  if (sum !== n) problems.push(`status counts add to ${sum}, not ${n}`);
  if (h.forceItems + h.nationalItems !== n)
    problems.push(`force + national = ${h.forceItems + h.nationalItems}, not ${n}`);
  for (const [name, t] of [
    ["inspection", summary.byInspection],
    ["theme", summary.byTheme],
    ["owner", summary.byOwner],
    ["addressee", summary.byAddressee],
  ] as const) {
    if (t.total !== n) problems.push(`${name} table total ${t.total} ≠ ${n}`);
    const rowSum = t.rows.reduce((a, r) => a + r.total, 0);
    if (rowSum !== n) problems.push(`${name} table rows add to ${rowSum}, not ${n}`);
    t.totals.forEach((c, i) => {
      if (c !== h.byStatus[i].count)
        problems.push(`${name} table ${h.byStatus[i].status} total ${c} ≠ ${h.byStatus[i].count}`);
    });
    for (const r of t.rows) {
      const s = r.counts.reduce((a, c) => a + c, 0);
      if (s !== r.total) problems.push(`${name} '${r.label}' counts add to ${s}, not ${r.total}`);
    }
    if (t.overdue !== h.overdue) problems.push(`${name} table overdue ${t.overdue} ≠ ${h.overdue}`);
  }
  return problems;
}
