/**
 * Check the tracker row by row: read each row once (./context.ts), run every rule (./rules.ts:
 * each rule's metadata and the function that decides it, side by side) over it and over the
 * Inspections table, and say what is wrong, where, and the fix where it is certain. Pure: no
 * Office, DOM or Node APIs; one pass over the rows, so 10,000 rows take milliseconds.
 */
import { TRACKER_HEADER, type TrackerKey } from "../columns";
import { formatIso, fromExcelSerial } from "../dates";
import { DEFAULT_SETTINGS_VALUES, textOf, type TrackerRow } from "../model";
import { DEFAULT_STATUSES } from "../status";
import { foldText, plural, shorten } from "../text";
import {
  INSPECTION_HEADERS,
  TEXT_KEYS,
  foldRef,
  inspectionContext,
  rowContext,
  type CheckEnv,
  type RowContext,
  type RowFinding,
} from "./context";
import { INSPECTION_RULES, ROW_RULES, RULES_BY_ID, RULE_ORDER, type RowRule } from "./rules";
import type { CheckInput, CheckReport, Finding, RuleId, Severity } from "./types";

export * from "./types";
export { RULES, RULES_BY_ID, RULE_ORDER, type RuleDef, type RuleMeta } from "./rules";

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

/** The refs used more than once: each one's sheet rows (rare, so built only for those). */
function duplicateRefs(rows: readonly TrackerRow[]): {
  refRows: Map<string, number[]>;
  folded: string[];
} {
  const firstRow = new Map<string, number>();
  const refRows = new Map<string, number[]>();
  const folded: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
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
  return { refRows, folded };
}

function checkEnv(input: CheckInput): CheckEnv {
  const vocabulary =
    input.vocabulary && input.vocabulary.length > 0 ? input.vocabulary : DEFAULT_STATUSES;
  const cols = input.columns ?? {};
  const { refRows, folded } = duplicateRefs(input.rows);
  return {
    asAt: Math.floor(input.asAt),
    today: Math.floor(input.today ?? input.asAt),
    typedCells: input.typedCells === true,
    staleDays: input.staleDays ?? DEFAULT_SETTINGS_VALUES.staleDays,
    dueSoonDays: input.dueSoonDays ?? DEFAULT_SETTINGS_VALUES.dueSoonDays,
    vocabulary,
    vocabularyNames: new Set(vocabulary.map((s) => s.name)),
    closedNames: new Set(vocabulary.filter((s) => s.closed).map((s) => s.name)),
    refRows,
    foldedRefs: folded,
    textCols: TEXT_KEYS.map((k) => cols[k] ?? -1),
    formulas: input.formulas,
    lists: Object.fromEntries(
      Object.entries(input.lists ?? {}).map(([name, values]) => [
        name,
        new Map((values ?? []).map((v) => [foldText(v), v.replace(/\s+/g, " ").trim()])),
      ])
    ),
  };
}

/**
 * Runs the row rules over one row at a time, each stating its findings through one `emit`
 * (made once, not per row: 10,000 rows times 18 rules).
 */
function rowChecker(columns: Partial<Record<TrackerKey, number>>) {
  let rule: RowRule = ROW_RULES[0];
  let r: RowContext;
  let found: Finding[] = [];
  const emit = (f: RowFinding) => {
    const column = TRACKER_HEADER[f.key];
    found.push({
      id: `${rule.id}@tracker:${r.row.index}:${column}`,
      rule: rule.id,
      severity: rule.severity,
      table: "tracker",
      row: r.row.sheetRow,
      index: r.row.index,
      ref: r.ref,
      column,
      col: columns[f.key] ?? -1,
      message: f.message,
      short: f.short,
      suggestion: f.suggestion ?? null,
      fix: f.fix ?? null,
      listFix: f.listFix ?? null,
    });
  };
  /** Every row rule's findings for one row, in rule order. */
  return (context: RowContext): Finding[] => {
    r = context;
    found = [];
    for (rule of ROW_RULES) rule.check(r, emit);
    if (found.length > 1) found.sort((a, b) => RULE_ORDER[a.rule] - RULE_ORDER[b.rule]);
    return found;
  };
}

/** Run every rule. Never throws on bad cell values: a bad value is a finding. */
export function runChecks(input: CheckInput): CheckReport {
  const env = checkEnv(input);
  const checkRow = rowChecker(input.columns ?? {});
  const findings: Finding[] = [];
  const rowLabels: string[] = new Array(input.rows.length).fill("");
  let rowsChecked = 0;
  let rowsWithErrors = 0;
  let rowsWithWarnings = 0;
  for (const row of input.rows) {
    if (isBlankRow(row)) continue;
    rowsChecked++;
    const rowFindings = checkRow(rowContext(env, row));
    rowLabels[row.index] = rowLabel(rowFindings);
    if (rowFindings.some((f) => f.severity === "error")) rowsWithErrors++;
    if (rowFindings.some((f) => f.severity === "warning")) rowsWithWarnings++;
    for (const f of rowFindings) findings.push(f);
  }

  // The Inspections table's rules (the response within 56 days of publication).
  const icols = input.inspectionColumns ?? {};
  for (const ins of input.inspections ?? []) {
    const ctx = inspectionContext(env, ins);
    for (const rule of INSPECTION_RULES) {
      rule.check(ctx, (f) => {
        const column = INSPECTION_HEADERS[f.key];
        findings.push({
          id: `${rule.id}@inspections:${ins.index}:${column}`,
          rule: rule.id,
          severity: rule.severity,
          table: "inspections",
          row: ins.sheetRow,
          index: ins.index,
          ref: ctx.code,
          column,
          col: icols[f.key] ?? -1,
          message: f.message,
          short: f.short,
          suggestion: null,
          fix: null,
          listFix: null,
        });
      });
    }
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
    asAt: formatIso(fromExcelSerial(env.asAt)),
    asAtSerial: env.asAt,
    staleDays: env.staleDays,
    dueSoonDays: env.dueSoonDays,
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
