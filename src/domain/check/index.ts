/**
 * Check the tracker row by row: run every rule (./rules.ts) over the rows and the Inspections
 * table, and say what is wrong, where, and the fix where it is certain. Pure: no Office, DOM or
 * Node APIs; one pass over the rows, so 10,000 rows take milliseconds.
 */
import { TRACKER_COLUMNS, type InspectionKey, type TrackerKey } from "../columns";
import { formatIso, formatUk, fromExcelSerial, parseUkDate } from "../dates";
import { DEFAULT_SETTINGS_VALUES, textOf, type TrackerRow, type Value } from "../model";
import { DEFAULT_STATUSES, normaliseStatus, type StatusDef } from "../status";
import { isExcelError, shorten } from "../text";
import { RULES_BY_ID, RULE_ORDER, type RuleId, type Severity } from "./rules";

export * from "./rules";

/** The statutory time to publish a response to an inspection report (Police Act 1996 s.55). */
export const RESPONSE_DAYS = 56;

export interface InspectionRow {
  /** 1-based sheet row number. */
  sheetRow: number;
  /** 0-based index in the table's data body. */
  index: number;
  values: Record<InspectionKey, Value>;
}

export interface CheckInput {
  /** Excel serial of the as-at date. */
  asAt: number;
  /** Last updated older than this many days before the as-at date is flagged (default 90). */
  staleDays?: number;
  /** Target dates within this many days after the as-at date are flagged (default 30). */
  dueSoonDays?: number;
  /** The workbook's status vocabulary (default: Red, Amber, Green, Complete, Superseded). */
  vocabulary?: readonly StatusDef[];
  rows: readonly TrackerRow[];
  /** 0-based table column of each contract column (-1 or absent when the table lacks it). */
  columns?: Partial<Record<TrackerKey, number>>;
  /** The tracker's formulas, row by row in table column order ("" where a cell has none). */
  formulas?: readonly (readonly string[] | undefined)[];
  /** The Inspections table, for the response deadline; absent means not checked. */
  inspections?: readonly InspectionRow[];
  inspectionColumns?: Partial<Record<InspectionKey, number>>;
}

/** A certain fix: write `value` where the cell now holds `from`. */
export interface Fix {
  value: string;
  from: string;
}

export interface Finding {
  /** Stable within one read of the workbook: rule, table, body row and column. */
  id: string;
  rule: RuleId;
  severity: Severity;
  table: "tracker" | "inspections";
  /** 1-based sheet row number. */
  row: number;
  /** 0-based index in the table's data body. */
  index: number;
  /** The row's Ref (the inspection's Code on the Inspections table); "" when blank. */
  ref: string;
  /** Header of the column at fault. */
  column: string;
  /** 0-based table column of that header, or -1 when the table has no such column. */
  col: number;
  message: string;
  /** A few words for the sheet's Check column ("owner missing", "status 'grn'"). */
  short: string;
  /** What the value should probably be, or null. */
  suggestion: string | null;
  /** Present only where the fix is certain (a status with one normalised reading). */
  fix: Fix | null;
}

export interface CheckReport {
  /** As-at date, YYYY-MM-DD. */
  asAt: string;
  asAtSerial: number;
  staleDays: number;
  dueSoonDays: number;
  /** Tracker data rows checked (entirely blank rows are skipped but counted). */
  rows: number;
  /** Rows that are not entirely blank. */
  rowsChecked: number;
  counts: { error: number; warning: number };
  /** Sorted: tracker rows first, by row, then by rule order. */
  findings: Finding[];
  /** Tracker rows with at least one error. */
  rowsWithErrors: number;
  rowsWithWarnings: number;
  /** Findings with a certain fix. */
  fixable: number;
  /** The Check column's text for each tracker row, by body index. */
  rowLabels: string[];
}

const COLUMN_HEADER: Record<TrackerKey, string> = Object.fromEntries(
  TRACKER_COLUMNS.map((c) => [c.key, c.header])
) as Record<TrackerKey, string>;

/** Contract columns that hold text (where a formula or an error value is a mistake). */
const TEXT_KEYS: readonly TrackerKey[] = TRACKER_COLUMNS.filter(
  (c) => c.kind === "text" || c.kind === "status"
).map((c) => c.key);

const INSPECTION_HEADERS: Record<InspectionKey, string> = {
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

interface DateRead {
  blank: boolean;
  serial: number | null;
}

const BLANK_DATE: DateRead = Object.freeze({ blank: true, serial: null });
const NOT_A_DATE: DateRead = Object.freeze({ blank: false, serial: null });

function readDate(v: Value): DateRead {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === ""))
    return BLANK_DATE;
  if (typeof v === "boolean") return NOT_A_DATE;
  if (typeof v === "number") {
    return Number.isFinite(v) && v >= 61 && v <= 2958465
      ? { blank: false, serial: Math.floor(v) }
      : NOT_A_DATE;
  }
  const p = parseUkDate(v);
  if (!p.date) return NOT_A_DATE;
  return { blank: false, serial: toSerial(p.date) };
}

function toSerial(d: { y: number; m: number; d: number }): number {
  return Math.round((Date.UTC(d.y, d.m - 1, d.d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

const uk = (serial: number) => formatUk(fromExcelSerial(serial));
const plural = (n: number, one: string, many = one + "s") => `${n} ${n === 1 ? one : many}`;
const quote = (v: Value) => {
  const t = String(v ?? "");
  return `'${t.length <= 40 && !/\s\s|\n/.test(t) ? t : shorten(t, 40)}'`;
};
const foldRef = (s: string) => {
  const t = s.trim().toLowerCase();
  return /\s\s|[\t\n\r]/.test(t) ? t.replace(/\s+/g, " ") : t;
};
/** An Excel error value, tested cheaply first (most cells do not start with #). */
const isErrorValue = (v: Value) =>
  typeof v === "string" && v.charCodeAt(0) === 35 && isExcelError(v);

/** The Check column's text for one row's findings: "2 errors: owner missing; status 'grn'". */
export function rowLabel(findings: readonly Pick<Finding, "severity" | "short">[]): string {
  if (findings.length === 0) return "OK";
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  const head = [
    errors.length ? plural(errors.length, "error") : "",
    warnings.length ? plural(warnings.length, "warning") : "",
  ]
    .filter(Boolean)
    .join(", ");
  const text = `${head}: ${[...errors, ...warnings].map((f) => f.short).join("; ")}`;
  return text.length <= 250 ? text : shorten(text, 250);
}

/** Whether a Check column text says the row has errors (the same test as the sheet's format). */
export function labelHasErrors(label: string): boolean {
  const colon = label.indexOf(":");
  return / errors?\b/.test(colon >= 0 ? label.slice(0, colon) : label);
}

/** Run every rule. Never throws on bad cell values: a bad value is a finding. */
export function runChecks(input: CheckInput): CheckReport {
  const asAt = Math.floor(input.asAt);
  const staleDays = input.staleDays ?? DEFAULT_SETTINGS_VALUES.staleDays;
  const dueSoonDays = input.dueSoonDays ?? DEFAULT_SETTINGS_VALUES.dueSoonDays;
  const vocabulary =
    input.vocabulary && input.vocabulary.length > 0 ? input.vocabulary : DEFAULT_STATUSES;
  const closedNames = new Set(vocabulary.filter((s) => s.closed).map((s) => s.name));
  const cols = input.columns ?? {};
  const colIndex = {} as Record<TrackerKey, number>;
  for (const c of TRACKER_COLUMNS) colIndex[c.key] = cols[c.key] ?? -1;
  const colOf = (k: TrackerKey) => colIndex[k];
  const textCols = TEXT_KEYS.map((k) => colIndex[k]);
  const vocabularyNames = new Set(vocabulary.map((s) => s.name));
  const findings: Finding[] = [];
  const rowLabels: string[] = new Array(input.rows.length).fill("");

  // Duplicate refs need every row first.
  // First row of each ref; rows of the refs used more than once (rare, so built only for those).
  const firstRow = new Map<string, number>();
  const refRows = new Map<string, number[]>();
  const folded: string[] = new Array(input.rows.length);
  for (let i = 0; i < input.rows.length; i++) {
    const r = input.rows[i];
    const ref = (folded[i] = foldRef(textOf(r.values.ref)));
    if (!ref) continue;
    const first = firstRow.get(ref);
    if (first === undefined) firstRow.set(ref, r.sheetRow);
    else {
      const list = refRows.get(ref);
      if (list) list.push(r.sheetRow);
      else refRows.set(ref, [first, r.sheetRow]);
    }
  }

  let rowsChecked = 0;
  let rowsWithErrors = 0;
  let rowsWithWarnings = 0;
  for (let ri = 0; ri < input.rows.length; ri++) {
    const r = input.rows[ri];
    if (isBlankRow(r)) continue;
    rowsChecked++;
    const v = r.values;
    const ref = textOf(v.ref);
    const rowFindings: Finding[] = [];
    const add = (
      rule: RuleId,
      key: TrackerKey,
      message: string,
      short: string,
      suggestion: string | null = null,
      fix: Fix | null = null
    ) => {
      const column = COLUMN_HEADER[key];
      rowFindings.push({
        id: `${rule}@tracker:${r.index}:${column}`,
        rule,
        severity: RULES_BY_ID[rule].severity,
        table: "tracker",
        row: r.sheetRow,
        index: r.index,
        ref,
        column,
        col: colOf(key),
        message,
        short,
        suggestion,
        fix,
      });
    };

    // Formulas and error values in text cells.
    const formulas = input.formulas?.[r.index];
    let badText: Set<TrackerKey> = NO_KEYS;
    for (let k = 0; k < TEXT_KEYS.length; k++) {
      const key = TEXT_KEYS[k];
      const value = v[key];
      const j = textCols[k];
      const formula = formulas && j >= 0 ? formulas[j] : undefined;
      const hasFormula =
        typeof formula === "string" && formula.charCodeAt(0) === 61 && formula !== value;
      if (!hasFormula && !isErrorValue(value)) continue;
      if (badText === NO_KEYS) badText = new Set();
      if (isErrorValue(value)) {
        badText.add(key);
        add(
          "formula-in-text",
          key,
          `${COLUMN_HEADER[key]} shows the error ${String(value)}${hasFormula ? ` from the formula ${quote(formula)}` : ""}: ` +
            `Excel read text as a formula. Retype it starting with an apostrophe (').`,
          `${String(value)} in ${COLUMN_HEADER[key].toLowerCase()}`
        );
      } else if (hasFormula) {
        badText.add(key);
        add(
          "formula-in-text",
          key,
          `${COLUMN_HEADER[key]} holds the formula ${quote(formula)}, not text: retype it starting with an apostrophe (').`,
          `formula in ${COLUMN_HEADER[key].toLowerCase()}`
        );
      }
    }

    // Status.
    let status: string | null = null;
    if (typeof v.status === "string" && vocabularyNames.has(v.status)) {
      status = v.status;
    } else if (!badText.has("status")) {
      const s = normaliseStatus(v.status, vocabulary);
      if (s.verdict === "exact") status = s.status;
      else if (s.verdict === "blank")
        add(
          "status-missing",
          "status",
          "Status is blank: choose one from the dropdown.",
          "status missing"
        );
      else if (s.verdict === "normalised" && s.status) {
        status = s.status;
        add(
          "status-unknown",
          "status",
          `Status ${quote(s.asWritten)} is not in the list: it reads as ${s.status}.`,
          `status ${quote(s.asWritten)}`,
          s.status,
          { value: s.status, from: s.asWritten }
        );
      } else {
        add(
          "status-unknown",
          "status",
          `Status ${s.note ?? `${quote(s.asWritten)} is not in the list`}.`.replace(/\.\.$/, "."),
          `status ${quote(s.asWritten)}`
        );
      }
    }
    const closed = status !== null && closedNames.has(status);
    const superseded = status === "Superseded";

    // Red or Amber: a progress update and next steps.
    if (status === "Red" || status === "Amber") {
      const noProgress = textOf(v.progress) === "";
      const noNext = textOf(v.nextSteps) === "";
      if (noProgress && noNext) {
        add(
          "rag-without-update",
          "progress",
          `${status} without a progress update or next steps.`,
          "no progress update or next steps"
        );
      } else if (noProgress) {
        add(
          "rag-without-update",
          "progress",
          `${status} without a progress update.`,
          "no progress update"
        );
      } else if (noNext) {
        add("rag-without-update", "nextSteps", `${status} without next steps.`, "no next steps");
      }
    }

    // Dates.
    const target = readDate(v.targetDate);
    const lastUpdated = readDate(v.lastUpdated);
    const closedDate = readDate(v.closedDate);
    const invalid = (key: TrackerKey, d: DateRead) => {
      if (d.blank || d.serial !== null) return;
      add(
        "date-invalid",
        key,
        `${COLUMN_HEADER[key]} ${quote(v[key])} is not a date: enter it as dd/mm/yyyy.`,
        `${COLUMN_HEADER[key].toLowerCase()} not a date`
      );
    };
    invalid("targetDate", target);
    invalid("lastUpdated", lastUpdated);
    invalid("closedDate", closedDate);

    // Closed rows: evidence and a closed date (Superseded closes without action or evidence).
    if (closed && !superseded) {
      if (textOf(v.evidence) === "")
        add(
          "complete-without-evidence",
          "evidence",
          `${status} without evidence: HMICFRS closes a recommendation only on evidence.`,
          "no evidence"
        );
      if (closedDate.blank)
        add(
          "complete-without-closed-date",
          "closedDate",
          `${status} without a closed date.`,
          "no closed date"
        );
    }
    if (status !== null && !closed && !closedDate.blank) {
      add(
        "closed-date-on-open-row",
        "closedDate",
        `Closed date ${closedDate.serial !== null ? uk(closedDate.serial) : quote(v.closedDate)} on a row whose status is ${status}.`,
        `closed date but ${status}`
      );
    }

    if (!closed) {
      if (target.blank)
        add(
          "target-date-missing",
          "targetDate",
          "Target date is blank: enter one (dd/mm/yyyy).",
          "target date missing"
        );
      else if (target.serial !== null) {
        if (target.serial < asAt) {
          const late = asAt - target.serial;
          if (status === "Green") {
            add(
              "green-overdue",
              "status",
              `Green yet overdue: the target date ${uk(target.serial)} passed ${plural(late, "day")} before the as-at date.`,
              "Green yet overdue"
            );
          } else {
            add(
              "overdue",
              "targetDate",
              `Overdue: the target date ${uk(target.serial)} passed ${plural(late, "day")} before the as-at date.`,
              "overdue"
            );
          }
        } else if (target.serial - asAt <= dueSoonDays) {
          const days = target.serial - asAt;
          add(
            "due-soon",
            "targetDate",
            `Due ${days === 0 ? "on the as-at date" : `in ${plural(days, "day")}`} (${uk(target.serial)}).`,
            "due soon"
          );
        }
      }
      if (textOf(v.owner) === "" && !badText.has("owner"))
        add("owner-missing", "owner", "Owner is blank: name who owns it.", "owner missing");
      if (lastUpdated.serial !== null && asAt - lastUpdated.serial > staleDays) {
        const age = asAt - lastUpdated.serial;
        add(
          "stale",
          "lastUpdated",
          `Last updated ${uk(lastUpdated.serial)}, ${plural(age, "day")} before the as-at date (the limit is ${staleDays}).`,
          `not updated for ${age} days`
        );
      }
    }

    // Ref and recommendation.
    if (ref === "")
      add("ref-missing", "ref", "Ref is blank: give the row a reference.", "ref missing");
    else if (!badText.has("ref")) {
      const same = refRows.size > 0 ? refRows.get(folded[ri]) : undefined;
      if (same) {
        const others = same.filter((n) => n !== r.sheetRow);
        const shown =
          others.slice(0, 3).join(", ") +
          (others.length > 3 ? ` and ${others.length - 3} more` : "");
        add(
          "duplicate-ref",
          "ref",
          `Ref ${quote(ref)} is also used on ${others.length === 1 ? "row" : "rows"} ${shown}.`,
          "duplicate ref"
        );
      }
    }
    if (textOf(v.recommendation) === "" && !badText.has("recommendation")) {
      add(
        "recommendation-missing",
        "recommendation",
        "The recommendation's text is blank.",
        "recommendation missing"
      );
    }

    if (rowFindings.length > 1) rowFindings.sort((a, b) => RULE_ORDER[a.rule] - RULE_ORDER[b.rule]);
    rowLabels[r.index] = rowLabel(rowFindings);
    if (rowFindings.some((f) => f.severity === "error")) rowsWithErrors++;
    if (rowFindings.some((f) => f.severity === "warning")) rowsWithWarnings++;
    for (const f of rowFindings) findings.push(f);
  }

  // Inspections: a response within 56 days of publication.
  const icols = input.inspectionColumns ?? {};
  for (const ins of input.inspections ?? []) {
    const published = readDate(ins.values.published);
    if (published.serial === null) continue;
    const responded = readDate(ins.values.responsePublished);
    if (!responded.blank) continue;
    const due = published.serial + RESPONSE_DAYS;
    if (asAt <= due) continue;
    const code = textOf(ins.values.code);
    const title = textOf(ins.values.title);
    const what = code || (title ? shorten(title, 60) : `the inspection on row ${ins.sheetRow}`);
    const column = INSPECTION_HEADERS.responsePublished;
    findings.push({
      id: `response-overdue@inspections:${ins.index}:${column}`,
      rule: "response-overdue",
      severity: "error",
      table: "inspections",
      row: ins.sheetRow,
      index: ins.index,
      ref: code,
      column,
      col: icols.responsePublished ?? -1,
      message:
        `${what}: published ${uk(published.serial)}, so the response was due by ${uk(due)} ` +
        `(${plural(asAt - due, "day")} ago) and no response published date is recorded.`,
      short: "response overdue",
      suggestion: null,
      fix: null,
    });
  }

  findings.sort(
    (a, b) =>
      (a.table === b.table ? 0 : a.table === "tracker" ? -1 : 1) ||
      a.row - b.row ||
      RULE_ORDER[a.rule] - RULE_ORDER[b.rule]
  );
  let error = 0;
  let warning = 0;
  let fixable = 0;
  for (const f of findings) {
    if (f.severity === "error") error++;
    else warning++;
    if (f.fix) fixable++;
  }
  return {
    asAt: formatIso(fromExcelSerial(asAt)),
    asAtSerial: asAt,
    staleDays,
    dueSoonDays,
    rows: input.rows.length,
    counts: { error, warning },
    findings,
    rowsWithErrors,
    rowsWithWarnings,
    fixable,
    rowsChecked,
    rowLabels,
  };
}

const NO_KEYS: Set<TrackerKey> = new Set();

function isBlankRow(r: TrackerRow): boolean {
  for (const k in r.values) if (textOf(r.values[k as TrackerKey]) !== "") return false;
  for (const k in r.extras) if (textOf(r.extras[k]) !== "") return false;
  return true;
}

/** The findings of one rule, by row: what the pane lists under each rule's heading. */
export function groupByRule<F extends Finding>(
  findings: readonly F[]
): { rule: RuleId; severity: Severity; title: string; findings: F[] }[] {
  const groups = new Map<RuleId, F[]>();
  for (const f of findings) {
    const g = groups.get(f.rule);
    if (g) g.push(f);
    else groups.set(f.rule, [f]);
  }
  return [...groups.entries()]
    .sort((a, b) => RULE_ORDER[a[0]] - RULE_ORDER[b[0]])
    .map(([rule, fs]) => ({
      rule,
      severity: RULES_BY_ID[rule].severity,
      title: RULES_BY_ID[rule].title,
      findings: fs
        .slice()
        .sort(
          (a, b) =>
            (a.table === b.table ? 0 : a.table === "tracker" ? -1 : 1) ||
            a.row - b.row ||
            a.col - b.col
        ),
    }));
}
