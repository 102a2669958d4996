/**
 * Every figure checked against the rows: totals equal the row count, each status count equals
 * the rows with that status (read as the Summary reads it), kinds and addressees add up, every
 * cross-table adds up, the national bodies add up to the national total. Pure.
 */
import { textOf, type TrackerRow } from "../model";
import { addresseeGroup } from "../record/addressees";
import { DEFAULT_STATUSES, readStatus, type StatusDef } from "../status";
import { kindOf } from "./kinds";
import { columnName } from "./statuses";
import type { Summary } from "./types";

/** The discrepancies between a summary and its rows (none when sound). */
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
    const s = columnName(readStatus(r.values.status, vocabulary));
    recount.set(s, (recount.get(s) ?? 0) + 1);
  }
  for (const f of h.byStatus) {
    if ((recount.get(f.status) ?? 0) !== f.count)
      problems.push(`${f.status}: ${f.count} ≠ ${recount.get(f.status) ?? 0} rows`);
  }
  const sum = h.byStatus.reduce((a, f) => a + f.count, 0);
  if (sum !== n) problems.push(`status counts add to ${sum}, not ${n}`);

  const kinds = h.byKind.reduce((a, k) => a + k.count, 0);
  if (kinds !== n) problems.push(`kinds add to ${kinds}, not ${n}`);
  for (const k of h.byKind) {
    const c = rows.filter((r) => kindOf(r.values.kind) === k.key).length;
    if (c !== k.count) problems.push(`${k.label}: ${k.count} ≠ ${c} rows`);
  }
  const a = h.addressees;
  if (a.force.items + a.national.items + a.notStated.items !== n)
    problems.push(
      `force + national + not stated = ${a.force.items + a.national.items + a.notStated.items}, not ${n}`
    );
  const notStated = rows.filter(
    (r) => addresseeGroup(textOf(r.values.addressedTo)) === "not stated"
  );
  if (notStated.length !== a.notStated.items)
    problems.push(`not stated ${a.notStated.items} ≠ ${notStated.length} rows`);
  const bodies = a.national.bodies.reduce((t, b) => t + b.count, 0);
  if (bodies !== a.national.items)
    problems.push(`national bodies add to ${bodies}, not ${a.national.items}`);

  for (const [name, t] of [
    ["kind", summary.byKind],
    ["addressee", summary.byAddressee],
    ["inspection", summary.byInspection],
    ["theme", summary.byTheme],
    ["owner", summary.byOwner],
  ] as const) {
    if (t.total !== n) problems.push(`${name} table total ${t.total} ≠ ${n}`);
    const rowSum = t.rows.reduce((acc, r) => acc + r.total, 0);
    if (rowSum !== n) problems.push(`${name} table rows add to ${rowSum}, not ${n}`);
    t.totals.forEach((c, i) => {
      if (c !== h.byStatus[i].count)
        problems.push(`${name} table ${h.byStatus[i].status} total ${c} ≠ ${h.byStatus[i].count}`);
    });
    for (const r of t.rows) {
      const s = r.counts.reduce((acc, c) => acc + c, 0);
      if (s !== r.total) problems.push(`${name} '${r.label}' counts add to ${s}, not ${r.total}`);
    }
    if (t.overdue !== h.overdue) problems.push(`${name} table overdue ${t.overdue} ≠ ${h.overdue}`);
  }
  if (h.exceptions < h.needsInformation)
    problems.push(`exceptions ${h.exceptions} < needing information ${h.needsInformation}`);
  return problems;
}
