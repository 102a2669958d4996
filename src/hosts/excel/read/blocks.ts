/// <reference types="office-js" />
/* eslint-disable office-addins/no-empty-load --
   Every sync goes through the counting wrapper (RunState.sync, or a caller's after queueing
   here) and loads take property lists built at run time, which these rules cannot see; the
   tests on the in-memory Excel, which throws PropertyNotLoaded like Office.js, check
   load-before-read instead. */
/**
 * Bodies Excel refused to return at once (a response over Excel on the web's 5 MB), read in row
 * blocks packed into as few syncs as fit.
 */
import { responseTooLarge } from "../errors";
import type { RunState } from "../state";
import { bodyData, cellBytes, colsOf, joinRuns, readKey, runs, type BodyData } from "./bodies";
import type { TableRead } from "./queue";

/**
 * The bodies in row blocks packed into as few syncs as fit 70% of the response limit. The bytes
 * per row come from the sample rows, then from each block read; as the whole was refused, a sync
 * never asks for more than 60% of the estimated whole. A sync Excel still refuses doubles the
 * per-row estimate of the sampled tables in it (the sample was too small) or, once measured,
 * halves the budget (the limit is lower).
 */
export async function readBlocks(s: RunState, list: TableRead[]): Promise<BodyData[]> {
  const { maxResponseBytes, largeTables } = s.memory;
  // A table read in part has its columns from its header row (read in the sizes' sync).
  for (const t of list) if (t.columns && !t.cols) t.cols = colsOf(t);
  const total = list.map((t) => t.body.rowCount);
  const cols = list.map((t) => t.body.columnCount);
  const runsOf = list.map((t, i) => (t.cols ? runs(t.cols) : [{ start: 0, count: cols[i] }]));
  const perRow = list.map((t, i) => {
    const sample = [t.first, t.last].filter((r): r is Excel.Range => !!r);
    const bytes = sample.reduce((n, r) => n + cellBytes(r, t.withFormulas, t.cols), 0);
    const width = t.cols ? t.cols.length : cols[i];
    return Math.max(bytes / Math.max(sample.length, 1), width * 3 + 2);
  });
  const measured = list.map(() => false);
  /** How many times the per-row guess of a table was doubled after a refusal. */
  const penalty = list.map(() => 1);
  const read = list.map(() => 0);
  let limit = maxResponseBytes * 0.7;
  const values: unknown[][][] = list.map(() => []);
  const formulas: unknown[][][] = list.map(() => []);
  const done = list.map(() => 0);
  while (done.some((d, i) => d < total[i] && runsOf[i].length > 0)) {
    const whole = list.reduce((n, _, i) => n + read[i] + (total[i] - done[i]) * perRow[i], 0);
    const cost = (i: number) => perRow[i] * penalty[i];
    const budget = Math.max(1, Math.min(limit, whole * 0.6));
    const parts: { i: number; n: number; ranges: Excel.Range[] }[] = [];
    let room = budget;
    for (let i = 0; i < list.length; i++) {
      const left = total[i] - done[i];
      if (left <= 0 || runsOf[i].length === 0) continue;
      const n = Math.min(left, Math.max(1, Math.floor(room / cost(i))));
      if (parts.length > 0 && n * cost(i) > room) break;
      const ranges = runsOf[i].map((run) => {
        const range = list[i].table
          .getDataBodyRange()
          .getCell(done[i], run.start)
          .getResizedRange(n - 1, run.count - 1);
        range.load(list[i].withFormulas ? "values,formulas" : "values");
        return range;
      });
      parts.push({ i, n, ranges });
      room -= n * cost(i);
      if (room <= 0) break;
    }
    try {
      await s.sync();
    } catch (e) {
      if (!responseTooLarge(e, s.memory.client.desktop) || (parts.length === 1 && parts[0].n === 1))
        throw e;
      const guessed = parts.filter((p) => !measured[p.i]);
      if (guessed.length > 0) for (const p of guessed) penalty[p.i] *= 2;
      else limit = Math.max(1, Math.min(limit, budget - room) / 2);
      continue;
    }
    for (const p of parts) {
      const withFormulas = list[p.i].withFormulas;
      const bytes = p.ranges.reduce((n, r) => n + cellBytes(r, withFormulas), 0);
      values[p.i].push(...joinRuns(p.ranges.map((r) => r.values)));
      if (withFormulas) formulas[p.i].push(...joinRuns(p.ranges.map((r) => r.formulas)));
      done[p.i] += p.n;
      read[p.i] += bytes;
      perRow[p.i] = Math.max(bytes / p.n, 1);
      penalty[p.i] = 1;
      measured[p.i] = true;
    }
  }
  // Remember the tables that still make a large response; forget those that no longer do.
  const all = read.reduce((n, b) => n + b, 0);
  list.forEach((t, i) => {
    if (all > maxResponseBytes * 0.5 && read[i] > maxResponseBytes * 0.1)
      largeTables.add(readKey(t.name, t.columns));
    else largeTables.delete(readKey(t.name, t.columns));
  });
  return list.map((t, i) => bodyData(t, values[i], t.withFormulas ? formulas[i] : undefined));
}
