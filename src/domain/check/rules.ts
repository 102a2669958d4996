/**
 * The check rules, each in one place: its stable id (used in JSON output and tests), severity,
 * the title the pane groups by, one sentence of advice, and the function that decides it from
 * what ./context.ts read about the row. Pure.
 *
 * Longer than the house's 500 lines on purpose: it is the catalogue, one entry a rule, read as
 * one list (ids, severities and titles side by side); what the rules share is in ./context.ts.
 */
import { RESPONSE_DAYS, textOf } from "../model";
import { TRACKER_HEADER, type TrackerKey } from "../columns";
import {
  INSPECTION_HEADERS,
  quote,
  uk,
  type InspectionContext,
  type InspectionFinding,
  type RowContext,
  type RowFinding,
} from "./context";
import { MAX_CELL_CHARS, foldText, plural, shorten } from "../text";
import type { ListName, RuleId, Severity } from "./types";

export type { RuleId, Severity } from "./types";

export interface RuleMeta {
  id: RuleId;
  severity: Severity;
  /** Plain-English title, shown as the heading of the rule's group in the pane. */
  title: string;
  /** What to do about it, one sentence. */
  advice: string;
}

/** A rule about one tracker row: it states each finding through `emit`. */
export interface RowRule extends RuleMeta {
  scope: "row";
  check(row: RowContext, emit: (finding: RowFinding) => void): void;
}

/** A rule about one row of the Inspections table. */
export interface InspectionRule extends RuleMeta {
  scope: "inspection";
  check(inspection: InspectionContext, emit: (finding: InspectionFinding) => void): void;
}

export type RuleDef = RowRule | InspectionRule;

const statusMissing: RowRule = {
  id: "status-missing",
  severity: "error",
  title: "Status missing",
  advice: "Choose a status from the dropdown.",
  scope: "row",
  check(r, emit) {
    if (r.statusRead?.verdict !== "blank") return;
    emit({
      key: "status",
      message: "Status is blank: choose one from the dropdown.",
      short: "status missing",
    });
  },
};

const statusUnknown: RowRule = {
  id: "status-unknown",
  severity: "error",
  title: "Status not in the list",
  advice: "Choose a status from the dropdown; Fix applies the suggestion where it is certain.",
  scope: "row",
  check(r, emit) {
    const s = r.statusRead;
    if (!s || s.verdict === "exact" || s.verdict === "blank") return;
    const short = `status ${quote(s.asWritten)}`;
    if (s.verdict === "normalised" && s.status) {
      emit({
        key: "status",
        message: `Status ${quote(s.asWritten)} is not in the list: it reads as ${s.status}.`,
        short,
        suggestion: s.status,
        fix: { value: s.status, from: s.asWritten },
      });
      return;
    }
    emit({
      key: "status",
      message: `Status ${s.note ?? `${quote(s.asWritten)} is not in the list`}.`.replace(
        /\.\.$/,
        "."
      ),
      short,
    });
  },
};

const ragWithoutUpdate: RowRule = {
  id: "rag-without-update",
  severity: "error",
  title: "Red or Amber without a progress update and next steps",
  advice: "Say what has happened and what happens next.",
  scope: "row",
  check(r, emit) {
    if (r.status !== "Red" && r.status !== "Amber") return;
    const noProgress = textOf(r.values.progress) === "";
    const noNext = textOf(r.values.nextSteps) === "";
    if (noProgress && noNext) {
      emit({
        key: "progress",
        message: `${r.status} without a progress update or next steps.`,
        short: "no progress update or next steps",
      });
    } else if (noProgress) {
      emit({
        key: "progress",
        message: `${r.status} without a progress update.`,
        short: "no progress update",
      });
    } else if (noNext) {
      emit({
        key: "nextSteps",
        message: `${r.status} without next steps.`,
        short: "no next steps",
      });
    }
  },
};

/** Closed rows need evidence and a closed date; Superseded closes without action or evidence. */
const closedWithEvidence = (r: RowContext) => r.closed && !r.superseded;

const completeWithoutEvidence: RowRule = {
  id: "complete-without-evidence",
  severity: "error",
  title: "Complete without evidence",
  advice: "Record the evidence that closes the recommendation.",
  scope: "row",
  check(r, emit) {
    if (!closedWithEvidence(r) || textOf(r.values.evidence) !== "") return;
    emit({
      key: "evidence",
      message: `${r.status} without evidence: HMICFRS closes a recommendation only on evidence.`,
      short: "no evidence",
    });
  },
};

const completeWithoutClosedDate: RowRule = {
  id: "complete-without-closed-date",
  severity: "error",
  title: "Complete without a closed date",
  advice: "Enter the date it closed (dd/mm/yyyy).",
  scope: "row",
  check(r, emit) {
    if (!closedWithEvidence(r) || !r.closedDate.blank) return;
    emit({
      key: "closedDate",
      message: `${r.status} without a closed date.`,
      short: "no closed date",
    });
  },
};

const closedDateOnOpenRow: RowRule = {
  id: "closed-date-on-open-row",
  severity: "error",
  title: "Closed date on a row that is not closed",
  advice: "Clear the closed date, or set the status to Complete or Superseded.",
  scope: "row",
  check(r, emit) {
    if (r.status === null || r.closed || r.closedDate.blank) return;
    const d = r.closedDate.serial !== null ? uk(r.closedDate.serial) : quote(r.values.closedDate);
    emit({
      key: "closedDate",
      message: `Closed date ${d} on a row whose status is ${r.status}.`,
      short: `closed date but ${r.status}`,
    });
  },
};

const targetDateMissing: RowRule = {
  id: "target-date-missing",
  severity: "error",
  title: "Target date missing",
  advice: "Enter a target date (dd/mm/yyyy).",
  scope: "row",
  check(r, emit) {
    if (r.closed || !r.target.blank) return;
    emit({
      key: "targetDate",
      message: "Target date is blank: enter one (dd/mm/yyyy).",
      short: "target date missing",
    });
  },
};

const dateInvalid: RowRule = {
  id: "date-invalid",
  severity: "error",
  title: "Not a date",
  advice: "Enter the date as dd/mm/yyyy.",
  scope: "row",
  check(r, emit) {
    for (const [key, d] of [
      ["targetDate", r.target],
      ["lastUpdated", r.lastUpdated],
      ["closedDate", r.closedDate],
    ] as const) {
      if (d.blank || d.serial !== null) continue;
      emit({
        key,
        message: `${TRACKER_HEADER[key]} ${quote(r.values[key])} is not a date: enter it as dd/mm/yyyy.`,
        short: `${TRACKER_HEADER[key].toLowerCase()} not a date`,
      });
    }
  },
};

const dateInFuture: RowRule = {
  id: "date-in-future",
  severity: "error",
  title: "Date in the future",
  advice: "A row cannot have closed, or been updated, after today: correct the date (dd/mm/yyyy).",
  scope: "row",
  check(r, emit) {
    for (const [key, d, what] of [
      ["closedDate", r.closedDate, "closed"],
      ["lastUpdated", r.lastUpdated, "updated"],
    ] as const) {
      if (d.serial === null || d.serial <= r.env.today) continue;
      emit({
        key,
        message: `${TRACKER_HEADER[key]} ${uk(d.serial)} is after today (${uk(r.env.today)}): a row cannot have been ${what} in the future.`,
        short: `${TRACKER_HEADER[key].toLowerCase()} in the future`,
      });
    }
  },
};

const dateAsText: RowRule = {
  id: "date-as-text",
  severity: "warning",
  title: "Date typed as text",
  advice:
    "Retype the date in a date cell (dd/mm/yyyy): as text, Excel does not sort, filter or count it as a date.",
  scope: "row",
  check(r, emit) {
    if (!r.env.typedCells) return;
    for (const [key, d] of [
      ["targetDate", r.target],
      ["lastUpdated", r.lastUpdated],
      ["closedDate", r.closedDate],
    ] as const) {
      if (d.serial === null || !d.fromText) continue;
      emit({
        key,
        message: `${TRACKER_HEADER[key]} ${quote(r.values[key])} is text, not a date: it reads as ${uk(d.serial)}, but Excel will not sort, filter or count it as a date.`,
        short: `${TRACKER_HEADER[key].toLowerCase()} typed as text`,
      });
    }
  },
};

const cellAtLimit: RowRule = {
  id: "cell-at-limit",
  severity: "error",
  title: "Text at Excel's cell limit",
  advice: `A cell holds at most ${MAX_CELL_CHARS.toLocaleString("en-GB")} characters: text this long was probably cut off. Check it against its source and shorten it.`,
  scope: "row",
  check(r, emit) {
    for (const key of Object.keys(r.values) as (keyof typeof r.values)[]) {
      const v = r.values[key];
      if (typeof v !== "string" || v.length < MAX_CELL_CHARS) continue;
      emit({
        key,
        message: `${TRACKER_HEADER[key]} holds ${v.length.toLocaleString("en-GB")} characters, Excel's limit for a cell: the text was probably cut off.`,
        short: "text at the cell limit",
      });
    }
  },
};

/** Days an open row is past its target date on the as-at date, or null when it is not late. */
function daysLate(r: RowContext): number | null {
  if (r.closed || r.target.serial === null || r.target.serial >= r.env.asAt) return null;
  return r.env.asAt - r.target.serial;
}

const greenOverdue: RowRule = {
  id: "green-overdue",
  severity: "error",
  title: "Green yet overdue",
  advice:
    "A row past its target date is not on track: change the status or agree a new target date.",
  scope: "row",
  check(r, emit) {
    const late = daysLate(r);
    if (late === null || r.status !== "Green") return;
    emit({
      key: "status",
      message: `Green yet overdue: the target date ${uk(r.target.serial!)} passed ${plural(late, "day")} before the as-at date.`,
      short: "Green yet overdue",
    });
  },
};

const ownerMissing: RowRule = {
  id: "owner-missing",
  severity: "error",
  title: "Owner missing",
  advice: "Name the person or team who owns it.",
  scope: "row",
  check(r, emit) {
    if (r.closed || textOf(r.values.owner) !== "" || r.badKeys.has("owner")) return;
    emit({ key: "owner", message: "Owner is blank: name who owns it.", short: "owner missing" });
  },
};

const refMissing: RowRule = {
  id: "ref-missing",
  severity: "error",
  title: "Ref missing",
  advice: "Give the row a reference, such as its inspection code and number.",
  scope: "row",
  check(r, emit) {
    if (r.ref !== "") return;
    emit({ key: "ref", message: "Ref is blank: give the row a reference.", short: "ref missing" });
  },
};

const duplicateRef: RowRule = {
  id: "duplicate-ref",
  severity: "error",
  title: "Duplicate ref",
  advice: "Each row needs its own ref: renumber one of them.",
  scope: "row",
  check(r, emit) {
    if (r.ref === "" || r.badKeys.has("ref") || r.env.refRows.size === 0) return;
    const same = r.env.refRows.get(r.env.foldedRefs[r.row.index]);
    if (!same) return;
    const others = same.filter((n) => n !== r.row.sheetRow);
    const shown =
      others.slice(0, 3).join(", ") + (others.length > 3 ? ` and ${others.length - 3} more` : "");
    emit({
      key: "ref",
      message: `Ref ${quote(r.ref)} is also used on ${others.length === 1 ? "row" : "rows"} ${shown}.`,
      short: "duplicate ref",
    });
  },
};

const recommendationMissing: RowRule = {
  id: "recommendation-missing",
  severity: "error",
  title: "Recommendation text missing",
  advice: "Paste the recommendation's text.",
  scope: "row",
  check(r, emit) {
    if (textOf(r.values.recommendation) !== "" || r.badKeys.has("recommendation")) return;
    emit({
      key: "recommendation",
      message: "The recommendation's text is blank.",
      short: "recommendation missing",
    });
  },
};

const formulaInText: RowRule = {
  id: "formula-in-text",
  severity: "error",
  title: "Formula or error in a text cell",
  advice: "Excel read the text as a formula: retype it starting with an apostrophe (').",
  scope: "row",
  check(r, emit) {
    for (const b of r.badText) {
      const header = TRACKER_HEADER[b.key];
      if (b.error) {
        emit({
          key: b.key,
          message:
            `${header} shows the error ${String(b.value)}${b.formula !== null ? ` from the formula ${quote(b.formula)}` : ""}: ` +
            `Excel read text as a formula. Retype it starting with an apostrophe (').`,
          short: `${String(b.value)} in ${header.toLowerCase()}`,
        });
      } else {
        emit({
          key: b.key,
          message: `${header} holds the formula ${quote(b.formula)}, not text: retype it starting with an apostrophe (').`,
          short: `formula in ${header.toLowerCase()}`,
        });
      }
    }
  },
};

const responseOverdue: InspectionRule = {
  id: "response-overdue",
  severity: "error",
  title: `Response to an inspection not published within ${RESPONSE_DAYS} days`,
  advice: "Publish the response, or enter its publication date on the Inspections sheet.",
  scope: "inspection",
  check(i, emit) {
    if (i.published.serial === null || !i.responsePublished.blank) return;
    const due = i.published.serial + RESPONSE_DAYS;
    if (i.env.asAt <= due) return;
    const what =
      i.code || (i.title ? shorten(i.title, 60) : `the inspection on row ${i.inspection.sheetRow}`);
    emit({
      key: "responsePublished",
      message:
        `${what}: published ${uk(i.published.serial)}, so the response was due by ${uk(due)} ` +
        `(${plural(i.env.asAt - due, "day")} ago) and no response published date is recorded.`,
      short: "response overdue",
    });
  },
};

const overdue: RowRule = {
  id: "overdue",
  severity: "warning",
  title: "Overdue",
  advice: "Past its target date and still open: update the status, or agree a new target date.",
  scope: "row",
  check(r, emit) {
    const late = daysLate(r);
    if (late === null || r.status === "Green") return;
    emit({
      key: "targetDate",
      message: `Overdue: the target date ${uk(r.target.serial!)} passed ${plural(late, "day")} before the as-at date.`,
      short: "overdue",
    });
  },
};

const dueSoon: RowRule = {
  id: "due-soon",
  severity: "warning",
  title: "Due soon",
  advice: "Plan for the target date.",
  scope: "row",
  check(r, emit) {
    const t = r.target.serial;
    if (r.closed || t === null || t < r.env.asAt || t - r.env.asAt > r.env.dueSoonDays) return;
    const days = t - r.env.asAt;
    emit({
      key: "targetDate",
      message: `Due ${days === 0 ? "on the as-at date" : `in ${plural(days, "day")}`} (${uk(t)}).`,
      short: "due soon",
    });
  },
};

const stale: RowRule = {
  id: "stale",
  severity: "warning",
  title: "Not updated recently",
  advice: "Ask the owner for an update.",
  scope: "row",
  check(r, emit) {
    const u = r.lastUpdated.serial;
    if (r.closed || u === null || r.env.asAt - u <= r.env.staleDays) return;
    const age = r.env.asAt - u;
    emit({
      key: "lastUpdated",
      message: `Last updated ${uk(u)}, ${plural(age, "day")} before the as-at date (the limit is ${r.env.staleDays}).`,
      short: `not updated for ${age} days`,
    });
  },
};

/**
 * Whether a value is made of listed names joined by ", " or " and " ("NPCC and College of
 * Policing"), each name on the list (a name may itself hold "and": "HM Prison and Probation
 * Service"). `listed` holds folded names.
 */
export function listedJoin(folded: string, listed: ReadonlyMap<string, string>): boolean {
  if (listed.has(folded)) return true;
  for (const name of listed.keys()) {
    if (!folded.startsWith(name)) continue;
    const rest = folded.slice(name.length);
    const sep = /^(?:, | and |, and )/.exec(rest);
    if (sep && listedJoin(rest.slice(sep[0].length), listed)) return true;
  }
  return false;
}

/**
 * A Theme, Owner or Addressed to cell whose value is not on its Lists list (when that list was
 * read). Written differently from a listed value (case, spaces): the listed spelling is a
 * certain fix. Not listed at all: "Add to Lists" puts it there.
 */
function notListed(
  id: RuleId,
  key: TrackerKey,
  list: ListName,
  what: string,
  joins = false
): RowRule {
  const header = TRACKER_HEADER[key];
  return {
    id,
    severity: "warning",
    title: `${header} not on the Lists sheet`,
    advice: `Add it to the Lists sheet's ${what} (Add to Lists), or choose one from the dropdown.`,
    scope: "row",
    check(r, emit) {
      const listed = r.env.lists[list];
      if (!listed || r.badKeys.has(key)) return;
      const asWritten = textOf(r.values[key]);
      const value = asWritten.replace(/\s+/g, " ").trim();
      if (value === "") return;
      const folded = foldText(value);
      const spelt = listed.get(folded);
      if (spelt === asWritten || (spelt === undefined && joins && listedJoin(folded, listed)))
        return;
      if (spelt !== undefined) {
        emit({
          key,
          message: `${header} ${quote(asWritten)} is written differently on the Lists sheet: ${quote(spelt)}.`,
          short: `${header.toLowerCase()} spelt differently`,
          suggestion: spelt,
          fix: { value: spelt, from: asWritten },
        });
        return;
      }
      emit({
        key,
        message: `${header} ${quote(value)} is not on the Lists sheet's ${what}: add it there, or choose one from the dropdown.`,
        short: `${header.toLowerCase()} not in Lists`,
        listFix: { list, value },
      });
    },
  };
}

const themeNotListed = notListed("theme-not-listed", "theme", "themes", "themes");
const ownerNotListed = notListed("owner-not-listed", "owner", "owners", "owners");
const addresseeNotListed = notListed(
  "addressee-not-listed",
  "addressedTo",
  "addressees",
  "addressees",
  true
);

/** Every rule, in the order the pane and reports list them (errors first). */
export const RULES: readonly RuleDef[] = Object.freeze([
  statusMissing,
  statusUnknown,
  ragWithoutUpdate,
  completeWithoutEvidence,
  completeWithoutClosedDate,
  closedDateOnOpenRow,
  targetDateMissing,
  dateInvalid,
  dateInFuture,
  cellAtLimit,
  greenOverdue,
  ownerMissing,
  refMissing,
  duplicateRef,
  recommendationMissing,
  formulaInText,
  responseOverdue,
  overdue,
  dueSoon,
  stale,
  dateAsText,
  themeNotListed,
  ownerNotListed,
  addresseeNotListed,
]);

export const ROW_RULES: readonly RowRule[] = RULES.filter((r): r is RowRule => r.scope === "row");
export const INSPECTION_RULES: readonly InspectionRule[] = RULES.filter(
  (r): r is InspectionRule => r.scope === "inspection"
);

export const RULES_BY_ID: Readonly<Record<RuleId, RuleDef>> = Object.freeze(
  Object.fromEntries(RULES.map((r) => [r.id, r])) as Record<RuleId, RuleDef>
);

/** Position of a rule in the reporting order. */
export const RULE_ORDER: Readonly<Record<RuleId, number>> = Object.freeze(
  Object.fromEntries(RULES.map((r, i) => [r.id, i])) as Record<RuleId, number>
);

export { INSPECTION_HEADERS };
