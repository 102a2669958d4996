/**
 * The commissioner's summary: every figure the Summary sheet shows, computed from the tracker's
 * rows as at a date. A figure the data cannot support reads as unknown: a status not in the list
 * is "Not valid", an addressee not stated is "Not stated", an open item without a status, owner
 * or target date "needs information" and is an exception. Pure: no Office, DOM or Node APIs.
 */
import type { HistoryKey, TrackerKey } from "../columns";
import {
  compareRefs,
  movementBetweenLatest,
  originalTargets,
  positionDates,
  serialOf,
  trendOf,
  type HistoryEntry,
} from "../history";
import { RESPONSE_DAYS, textOf, type TrackerRow, type Value } from "../model";
import { addresseeGroup, type AddresseeGroup } from "../record/addressees";
import { DEFAULT_STATUSES, readStatus, type StatusDef, type StatusReading } from "../status";
import { shorten } from "../text";
import { crossTab } from "./crosstab";
import { KINDS, kindOf, nounFor, shortNounFor, type KindKey } from "./kinds";
import { columnName, NOT_VALID, NO_STATUS, statusColumns, type StatusColumn } from "./statuses";
import type {
  AddresseeFigures,
  ExceptionItem,
  NeedsInfoItem,
  ResponseFigures,
  Summary,
  SummaryInput,
} from "./types";

/**
 * The only tracker columns summarise() reads (row.values keys); Build summary reads no others, so
 * that a 10,000-row tracker and its history fit in one response of Excel on the web.
 */
export const SUMMARY_TRACKER_KEYS: readonly TrackerKey[] = [
  "ref",
  "inspection",
  "kind",
  "recommendation",
  "addressedTo",
  "theme",
  "owner",
  "targetDate",
  "status",
  "progress",
  "nextSteps",
  "lastUpdated",
];

/** The History columns the trend, the movement and the original target dates read. */
export const SUMMARY_HISTORY_KEYS: readonly HistoryKey[] = [
  "snapshotDate",
  "ref",
  "status",
  "targetDate",
];

/** Labels of the addressee table's rows, in order. */
export const ADDRESSEE_LABEL: Record<AddresseeGroup, string> = {
  force: "The force",
  national: "National bodies",
  "not stated": "Not stated",
};

/** What the Summary works out once per row. */
interface RowFacts {
  row: TrackerRow;
  reading: StatusReading;
  /** Index of the row's status column. */
  col: number;
  open: boolean;
  target: number | null;
  overdue: boolean;
  kind: KindKey;
  group: AddresseeGroup;
}

/** Each row read once: its status, kind, addressee and target date. */
function readRows(
  rows: readonly TrackerRow[],
  vocabulary: readonly StatusDef[],
  asAt: number
): RowFacts[] {
  const groups = new Map<string, AddresseeGroup>();
  return rows.map((row) => {
    const reading = readStatus(row.values.status, vocabulary);
    const target = serialOf(row.values.targetDate);
    const open = !reading.closed;
    const addressed = textOf(row.values.addressedTo);
    let group = groups.get(addressed);
    if (group === undefined) groups.set(addressed, (group = addresseeGroup(addressed)));
    return {
      row,
      reading,
      col: -1,
      open,
      target,
      overdue: open && target !== null && target < asAt,
      kind: kindOf(row.values.kind),
      group,
    };
  });
}

/** The status a Red exception is: the first open status of the vocabulary. */
function worstOpen(vocabulary: readonly StatusDef[]): string | null {
  return vocabulary.find((s) => !s.closed)?.name ?? null;
}

/** What an open item lacks, in plain words (empty when nothing is missing). */
function missingOf(f: RowFacts): string[] {
  const missing: string[] = [];
  const v = f.row.values;
  if (f.reading.kind === "blank") missing.push("no status");
  else if (f.reading.kind === "not valid")
    missing.push(
      `status '${f.reading.asWritten}' is not in the list` +
        (f.reading.readsAs ? ` (reads as ${f.reading.readsAs}: Check can fix it)` : "")
    );
  if (textOf(v.owner) === "") missing.push("no owner");
  if (f.target === null) {
    const text = textOf(v.targetDate);
    missing.push(text === "" ? "no target date" : `target date '${text}' is not a date`);
  }
  return missing;
}

function exceptionOf(
  f: RowFacts,
  red: boolean,
  asAt: number,
  original: Map<string, number | string>,
  recChars: number
): ExceptionItem {
  const v = f.row.values;
  const ref = textOf(v.ref);
  const first = original.get(ref) ?? null;
  const current = f.target ?? (textOf(v.targetDate) || null);
  return {
    ref,
    recommendation: shorten(textOf(v.recommendation), recChars),
    owner: textOf(v.owner),
    status: f.reading.asWritten,
    column: columnName(f.reading),
    red,
    overdue: f.overdue,
    daysOverdue: f.overdue && f.target !== null ? asAt - f.target : null,
    targetDate: f.target,
    targetText: f.target === null ? textOf(v.targetDate) : "",
    originalTarget: first !== null && first !== current ? first : null,
    latestUpdate: textOf(v.progress),
    updatedOn: serialOf(v.lastUpdated),
    nextSteps: textOf(v.nextSteps),
    sheetRow: f.row.sheetRow,
  };
}

/** The 56-day responses: worked out only where a published (or response due) date says when. */
export function responseFigures(
  inspections: readonly Record<string, Value>[],
  asAt: number
): ResponseFigures {
  const out: ResponseFigures = {
    inspections: inspections.length,
    known: 0,
    overdue: 0,
    late: 0,
    unknown: 0,
  };
  for (const rec of inspections) {
    const published = serialOf(rec["Published"]);
    const due =
      serialOf(rec["Response due"]) ?? (published !== null ? published + RESPONSE_DAYS : null);
    if (due === null) {
      out.unknown++;
      continue;
    }
    out.known++;
    const responded = serialOf(rec["Response published"]);
    if (responded === null && textOf(rec["Response published"]) === "" && due < asAt) out.overdue++;
    else if (responded !== null && responded > due) out.late++;
  }
  return out;
}

function addresseeFigures(facts: readonly RowFacts[]): AddresseeFigures {
  const fig = (group: AddresseeGroup) => {
    const items = facts.filter((f) => f.group === group);
    return { items: items.length, open: items.filter((f) => f.open).length };
  };
  const bodies = new Map<string, number>();
  for (const f of facts) {
    if (f.group !== "national") continue;
    const name = textOf(f.row.values.addressedTo).replace(/\s+/g, " ");
    bodies.set(name, (bodies.get(name) ?? 0) + 1);
  }
  return {
    force: fig("force"),
    national: {
      ...fig("national"),
      bodies: [...bodies.entries()]
        .map(([name, count]) => ({ name, count }))
        .sort((a, b) => b.count - a.count || compareRefs(a.name, b.name)),
    },
    notStated: fig("not stated"),
  };
}

/** The inspections' codes and titles in the Inspections sheet's order (the table's row order). */
function inspectionOrder(inspections: readonly Record<string, Value>[]): string[] {
  const order: string[] = [];
  for (const rec of inspections)
    for (const key of ["Code", "Title"]) if (textOf(rec[key])) order.push(textOf(rec[key]));
  return order;
}

/** Compute every figure of the Summary sheet. */
export function summarise(input: SummaryInput): Summary {
  const vocabulary = input.vocabulary ?? DEFAULT_STATUSES;
  const asAt = input.asAt;
  const history = input.history ?? [];
  const recChars = input.recommendationChars ?? 200;
  const dueSoonDays = input.settings.dueSoonDays;

  const facts = readRows(input.rows, vocabulary, asAt);
  const trend = trendOf(history, vocabulary, asAt);
  const statuses: StatusColumn[] = statusColumns(vocabulary, {
    blank: facts.some((f) => f.reading.kind === "blank") || trend.some((t) => t.noStatus > 0),
    notValid:
      facts.some((f) => f.reading.kind === "not valid") || trend.some((t) => t.notValid > 0),
  });
  const colOf = new Map(statuses.map((s, i) => [s.name, i]));
  for (const f of facts) f.col = colOf.get(columnName(f.reading))!;
  const width = statuses.length;

  const n = facts.length;
  const counts = new Array<number>(width).fill(0);
  facts.forEach((f) => counts[f.col]++);
  const byStatus = statuses.map((s, i) => ({
    status: s.name,
    colour: s.colour,
    count: counts[i],
    share: n ? counts[i] / n : 0,
  }));

  const open = facts.filter((f) => f.open);
  const worst = worstOpen(vocabulary);
  const isRed = (f: RowFacts) => f.reading.kind === "valid" && f.reading.status === worst;
  const original = originalTargets(history);
  const exceptions = facts
    .filter((f) => f.overdue || (isRed(f) && f.open))
    .map((f) => exceptionOf(f, isRed(f), asAt, original, recChars))
    .sort(
      (a, b) =>
        Number(b.red) - Number(a.red) ||
        (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) ||
        compareRefs(a.ref, b.ref) ||
        a.sheetRow - b.sheetRow
    );
  const lacking = open
    .map((f) => ({ f, missing: missingOf(f) }))
    .filter((x) => x.missing.length > 0);
  const needsInformation: NeedsInfoItem[] = lacking
    .map(({ f, missing }) => ({
      ref: textOf(f.row.values.ref),
      recommendation: shorten(textOf(f.row.values.recommendation), recChars),
      owner: textOf(f.row.values.owner),
      status: f.reading.asWritten,
      missing,
      sheetRow: f.row.sheetRow,
    }))
    .sort((a, b) => compareRefs(a.ref, b.ref) || a.sheetRow - b.sheetRow);
  const exceptionRows = new Set<number>([
    ...exceptions.map((e) => e.sheetRow),
    ...needsInformation.map((e) => e.sheetRow),
  ]);

  const kindCounts = Object.fromEntries(KINDS.map((k) => [k.key, 0])) as Record<KindKey, number>;
  const kindOpen = { ...kindCounts };
  for (const f of facts) {
    kindCounts[f.kind]++;
    if (f.open) kindOpen[f.kind]++;
  }

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
  const inspections = input.inspections ?? [];

  return {
    asAt,
    officeName: input.settings.officeName,
    protectiveMarking: input.settings.protectiveMarking,
    reportingPeriod: input.settings.reportingPeriod || input.defaultPeriod,
    errorRows: input.errorRows ?? null,
    noun: nounFor(kindCounts),
    shortNoun: shortNounFor(kindCounts),
    statuses,
    headline: {
      itemsTracked: n,
      byStatus,
      byKind: KINDS.map((k) => ({
        key: k.key,
        label: k.label,
        count: kindCounts[k.key],
        open: kindOpen[k.key],
      })),
      open: open.length,
      overdue: open.filter((f) => f.overdue).length,
      dueSoon: open.filter(
        (f) => f.target !== null && f.target >= asAt && f.target <= asAt + dueSoonDays
      ).length,
      dueSoonDays,
      red: facts.filter(isRed).length,
      needsInformation: needsInformation.length,
      openWithoutTarget: open.filter((f) => f.target === null).length,
      openWithoutStatus: open.filter((f) => f.reading.kind !== "valid").length,
      noStatus: counts[colOf.get(NO_STATUS) ?? -1] ?? 0,
      notValid: counts[colOf.get(NOT_VALID) ?? -1] ?? 0,
      exceptions: exceptionRows.size,
      responses: responseFigures(inspections, asAt),
      addressees: addresseeFigures(facts),
    },
    byKind: crossTab(facts, width, (f) => KINDS.find((k) => k.key === f.kind)!.label, {
      blankLabel: "Kind not stated",
      order: KINDS.map((k) => k.label),
    }),
    byAddressee: crossTab(facts, width, (f) => ADDRESSEE_LABEL[f.group], {
      blankLabel: ADDRESSEE_LABEL["not stated"],
      order: Object.values(ADDRESSEE_LABEL),
      always: Object.values(ADDRESSEE_LABEL),
    }),
    byInspection: crossTab(facts, width, (f) => textOf(f.row.values.inspection), {
      blankLabel: "(No inspection)",
      order: inspectionOrder(inspections),
    }),
    byTheme: crossTab(facts, width, (f) => textOf(f.row.values.theme), {
      blankLabel: "(No theme)",
    }),
    byOwner: crossTab(facts, width, (f) => textOf(f.row.values.owner), {
      blankLabel: "(No owner)",
    }),
    exceptions,
    needsInformation,
    movement,
    moved,
    trend: trend.map((t) => ({
      date: t.date,
      counts: statuses.map((s) =>
        s.name === NO_STATUS
          ? t.noStatus
          : s.name === NOT_VALID
            ? t.notValid
            : (t.counts[s.name] ?? 0)
      ),
      total: t.total,
    })),
  };
}

/** Whether an Addressed to value names a national body (and not the force). */
export function isNationalBody(addressedTo: Value | undefined): boolean {
  return addresseeGroup(textOf(addressedTo)) === "national";
}

/** Positions recorded in a History (every date, whatever the as-at date). */
export function positionsRecorded(history: readonly HistoryEntry[]): number {
  return positionDates(history).length;
}
