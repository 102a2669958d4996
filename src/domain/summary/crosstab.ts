/**
 * Cross-tables: items counted by a label (inspection, theme, owner, kind, addressee) and status
 * column, with totals and overdue. Labels differing only in case and spacing are one row. Pure.
 */
import { compareRefs } from "../history";
import type { CrossRow, CrossTab } from "./types";

/** What a cross-table needs of each item. */
export interface Counted {
  /** Index of the item's status column. */
  col: number;
  overdue: boolean;
}

export interface CrossTabOptions {
  /** The label of items whose label is blank (sorted last). */
  blankLabel: string;
  /** Labels in this order first (case-insensitive), then the rest by count. */
  order?: readonly string[];
  /** Rows to show even with no items (in `order`). */
  always?: readonly string[];
}

export function crossTab<T extends Counted>(
  items: readonly T[],
  width: number,
  labelOf: (item: T) => string,
  options: CrossTabOptions
): CrossTab {
  const { blankLabel } = options;
  const map = new Map<string, CrossRow>();
  const fold = new Map<string, string>();
  const rowFor = (label: string) => {
    let r = map.get(label);
    if (!r) {
      r = { label, counts: new Array(width).fill(0), total: 0, overdue: 0 };
      map.set(label, r);
    }
    return r;
  };
  for (const label of options.always ?? []) rowFor(label);
  // Labels repeat across thousands of rows: each distinct text is folded once.
  const seen = new Map<string, CrossRow>();
  for (const item of items) {
    const text = labelOf(item);
    let r = seen.get(text);
    if (r === undefined) {
      const raw = text.replace(/\s+/g, " ").trim();
      const key = raw.toLowerCase();
      let label = fold.get(key);
      if (label === undefined) {
        label = raw === "" ? blankLabel : raw;
        fold.set(key, label);
      }
      r = rowFor(label);
      seen.set(text, r);
    }
    r.counts[item.col]++;
    r.total++;
    if (item.overdue) r.overdue++;
  }
  const rank = new Map<string, number>(
    (options.order ?? []).map((o, i) => [o.trim().toLowerCase(), i])
  );
  const rows = [...map.values()].sort((a, b) => {
    if (a.label === blankLabel && !rank.has(blankLabel.toLowerCase())) return 1;
    if (b.label === blankLabel && !rank.has(blankLabel.toLowerCase())) return -1;
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
  return { rows, totals, total: items.length, overdue };
}
