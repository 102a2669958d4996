/**
 * The check rules: each with a stable id (used in JSON output and tests), a severity, a title for
 * the pane's grouping, and a short label for the sheet's Check column. Pure.
 */

export type Severity = "error" | "warning";

export type RuleId =
  | "status-missing"
  | "status-unknown"
  | "rag-without-update"
  | "complete-without-evidence"
  | "complete-without-closed-date"
  | "closed-date-on-open-row"
  | "target-date-missing"
  | "date-invalid"
  | "green-overdue"
  | "overdue"
  | "due-soon"
  | "owner-missing"
  | "stale"
  | "ref-missing"
  | "duplicate-ref"
  | "recommendation-missing"
  | "formula-in-text"
  | "response-overdue";

export interface RuleDef {
  id: RuleId;
  severity: Severity;
  /** Plain-English title, shown as the heading of the rule's group in the pane. */
  title: string;
  /** What to do about it, one sentence. */
  advice: string;
}

/** Every rule, in the order the pane and reports list them (errors first). */
export const RULES: readonly RuleDef[] = Object.freeze([
  {
    id: "status-missing",
    severity: "error",
    title: "Status missing",
    advice: "Choose a status from the dropdown.",
  },
  {
    id: "status-unknown",
    severity: "error",
    title: "Status not in the list",
    advice: "Choose a status from the dropdown; Fix applies the suggestion where it is certain.",
  },
  {
    id: "rag-without-update",
    severity: "error",
    title: "Red or Amber without a progress update and next steps",
    advice: "Say what has happened and what happens next.",
  },
  {
    id: "complete-without-evidence",
    severity: "error",
    title: "Complete without evidence",
    advice: "Record the evidence that closes the recommendation.",
  },
  {
    id: "complete-without-closed-date",
    severity: "error",
    title: "Complete without a closed date",
    advice: "Enter the date it closed (dd/mm/yyyy).",
  },
  {
    id: "closed-date-on-open-row",
    severity: "error",
    title: "Closed date on a row that is not closed",
    advice: "Clear the closed date, or set the status to Complete or Superseded.",
  },
  {
    id: "target-date-missing",
    severity: "error",
    title: "Target date missing",
    advice: "Enter a target date (dd/mm/yyyy).",
  },
  {
    id: "date-invalid",
    severity: "error",
    title: "Not a date",
    advice: "Enter the date as dd/mm/yyyy.",
  },
  {
    id: "green-overdue",
    severity: "error",
    title: "Green yet overdue",
    advice:
      "A row past its target date is not on track: change the status or agree a new target date.",
  },
  {
    id: "owner-missing",
    severity: "error",
    title: "Owner missing",
    advice: "Name the person or team who owns it.",
  },
  {
    id: "ref-missing",
    severity: "error",
    title: "Ref missing",
    advice: "Give the row a reference, such as its inspection code and number.",
  },
  {
    id: "duplicate-ref",
    severity: "error",
    title: "Duplicate ref",
    advice: "Each row needs its own ref: renumber one of them.",
  },
  {
    id: "recommendation-missing",
    severity: "error",
    title: "Recommendation text missing",
    advice: "Paste the recommendation's text.",
  },
  {
    id: "formula-in-text",
    severity: "error",
    title: "Formula or error in a text cell",
    advice: "Excel read the text as a formula: retype it starting with an apostrophe (').",
  },
  {
    id: "response-overdue",
    severity: "error",
    title: "Response to an inspection not published within 56 days",
    advice: "Publish the response, or enter its publication date on the Inspections sheet.",
  },
  {
    id: "overdue",
    severity: "warning",
    title: "Overdue",
    advice: "Past its target date and still open: update the status, or agree a new target date.",
  },
  { id: "due-soon", severity: "warning", title: "Due soon", advice: "Plan for the target date." },
  {
    id: "stale",
    severity: "warning",
    title: "Not updated recently",
    advice: "Ask the owner for an update.",
  },
]);

export const RULES_BY_ID: Readonly<Record<RuleId, RuleDef>> = Object.freeze(
  Object.fromEntries(RULES.map((r) => [r.id, r])) as Record<RuleId, RuleDef>
);

/** Position of a rule in the reporting order. */
export const RULE_ORDER: Readonly<Record<RuleId, number>> = Object.freeze(
  Object.fromEntries(RULES.map((r, i) => [r.id, i])) as Record<RuleId, number>
);
