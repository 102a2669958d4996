/**
 * What the Summary holds: every figure, table and list, as computed from the tracker's rows as
 * at a date (figures.ts). Pure types.
 */
import type { HistoryEntry, MovementItem, MovementSummary } from "../history";
import type { Settings, TrackerRow, Value } from "../model";
import type { StatusDef } from "../status";
import type { KindKey } from "./kinds";
import type { StatusColumn } from "./statuses";

export interface CrossRow {
  label: string;
  /** One count per status column, in the summary's status order. */
  counts: number[];
  total: number;
  overdue: number;
}

export interface CrossTab {
  rows: CrossRow[];
  /** Column totals per status. */
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

export interface KindFigure {
  key: KindKey;
  label: string;
  count: number;
  open: number;
}

export interface GroupFigure {
  items: number;
  open: number;
}

export interface AddresseeFigures {
  force: GroupFigure;
  national: GroupFigure & {
    /** Every national body named, with its item count, most first: they add up to `items`. */
    bodies: { name: string; count: number }[];
  };
  /** Items whose Addressed to states nobody: never counted as the force. */
  notStated: GroupFigure;
}

export interface ResponseFigures {
  /** Inspections listed. */
  inspections: number;
  /** Inspections whose 56-day deadline can be worked out (a published or response due date). */
  known: number;
  /** Of those, unpublished and past the deadline. */
  overdue: number;
  /** Of those, published after the deadline. */
  late: number;
  /** Inspections with no published date: their deadline cannot be worked out. */
  unknown: number;
}

export interface Headline {
  itemsTracked: number;
  byStatus: StatusFigure[];
  byKind: KindFigure[];
  /** Not closed: no status and a status that is not valid count as open. */
  open: number;
  overdue: number;
  dueSoon: number;
  /** The Lists setting "Due soon (days)" the due-soon figure used. */
  dueSoonDays: number;
  /** Items at the worst open status (Red). */
  red: number;
  /** Open items without a status, a valid status, an owner or a target date. */
  needsInformation: number;
  noStatus: number;
  notValid: number;
  /** Open items whose target date is blank or not a date: overdue and due soon cannot count them. */
  openWithoutTarget: number;
  /** Open items with no status or a status not in the list: Red cannot count them. */
  openWithoutStatus: number;
  /** Distinct items that are Red, overdue or need information. */
  exceptions: number;
  responses: ResponseFigures;
  addressees: AddresseeFigures;
}

export interface ExceptionItem {
  ref: string;
  recommendation: string;
  owner: string;
  /** The status as written. */
  status: string;
  /** The column it counts in (a status, No status or Not valid). */
  column: string;
  red: boolean;
  overdue: boolean;
  /** Days past the target date (open items only), or null. */
  daysOverdue: number | null;
  /** The current target date: an Excel serial, or null when blank or not a date. */
  targetDate: number | null;
  /** The target date as written when it is not a date. */
  targetText: string;
  /**
   * The target date at the first recorded position, when it differs from today's (then
   * targetDate is the revised one); otherwise null.
   */
  originalTarget: number | string | null;
  /** The whole Progress update, never cut. */
  latestUpdate: string;
  /** Last updated (serial), or null. */
  updatedOn: number | null;
  nextSteps: string;
  sheetRow: number;
}

export interface NeedsInfoItem {
  ref: string;
  recommendation: string;
  owner: string;
  /** The status as written ("" when blank). */
  status: string;
  /** What is missing, in plain words: "no status", "no owner", "status 'grn' is not in the list". */
  missing: string[];
  sheetRow: number;
}

export interface TrendPoint {
  date: number;
  /** One count per status column. */
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
  /** What the items are, in words: "recommendations and areas for improvement". */
  noun: string;
  /** The same, short, for chart titles: "recommendations and AFIs". */
  shortNoun: string;
  /** The status columns: the vocabulary, then No status and Not valid when any row has them. */
  statuses: StatusColumn[];
  headline: Headline;
  byKind: CrossTab;
  byAddressee: CrossTab;
  byInspection: CrossTab;
  byTheme: CrossTab;
  byOwner: CrossTab;
  /** Every Red and every overdue item. */
  exceptions: ExceptionItem[];
  /** Every open item without a status, a valid status, an owner or a target date. */
  needsInformation: NeedsInfoItem[];
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
  /** Length the Summary shortens recommendations to in its lists. */
  recommendationChars?: number;
}
