/**
 * The columns of the sheet being adopted: every column with a heading or with data below it,
 * each with its suggested tracker column (or the analyst's choice), and the extra tracker
 * columns that keep what maps to nothing. Pure.
 */
import { CHECK_HEADER, TRACKER_COLUMNS, columnLetter, type TrackerKey } from "../columns";
import { TrackerError } from "../errors";
import { cellText, isEmptyValue } from "./grid";
import { foldHeader, suggestMapping, trackerHeaderOf, trackerKeyOf } from "./mapping";
import type { AdoptionPreview, MappingOverride, SourceColumn, SourceGrid } from "./types";

/**
 * Every column with a header or with data below the header (a blank heading is named by its
 * letter, a repeated one numbered), mapped as suggested and then as the analyst chose.
 */
export function sourceColumns(
  grid: SourceGrid,
  headerIdx: number,
  width: number,
  mapping: MappingOverride | undefined
): SourceColumn[] {
  const rows = grid.values;
  const hasDataBelow: boolean[] = new Array(width).fill(false);
  for (let i = headerIdx + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    for (let j = 0; j < r.length; j++) if (!isEmptyValue(r[j])) hasDataBelow[j] = true;
  }
  const columns: SourceColumn[] = [];
  const seen = new Map<string, number>();
  for (let j = 0; j < width; j++) {
    const asWritten = cellText(grid, headerIdx, j);
    const trimmed = asWritten.replace(/\s+/g, " ").trim();
    if (trimmed === "" && !hasDataBelow[j]) continue;
    let name = trimmed === "" ? `Column ${columnLetter(grid.col + j)}` : trimmed;
    const fold = name.toLowerCase();
    const count = (seen.get(fold) ?? 0) + 1;
    seen.set(fold, count);
    if (count > 1) name = `${name} (${count})`;
    columns.push({
      index: j,
      headerAsWritten: asWritten,
      header: name,
      letter: columnLetter(grid.col + j),
      suggested: null,
      mappedTo: null,
      confidence: 0,
      reason: "",
      hasData: hasDataBelow[j],
      extraHeader: null,
    });
  }
  const suggestions = suggestMapping(
    columns.map((c) => (c.headerAsWritten.trim() === "" ? "" : c.header))
  );
  columns.forEach((c, k) => {
    c.suggested = suggestions[k].key;
    c.mappedTo = suggestions[k].key;
    c.confidence = suggestions[k].confidence;
    c.reason = suggestions[k].reason;
  });
  if (mapping) resolveOverride(columns, mapping, grid.name);
  return columns;
}

function resolveOverride(columns: SourceColumn[], override: MappingOverride, sheet: string): void {
  const byName = new Map<string, SourceColumn>();
  for (const c of columns) {
    byName.set(c.header, c);
    if (!byName.has(c.headerAsWritten)) byName.set(c.headerAsWritten, c);
  }
  for (const [source, target] of Object.entries(override)) {
    const col =
      byName.get(source) ?? columns.find((c) => foldHeader(c.header) === foldHeader(source));
    if (!col) {
      throw new TrackerError(
        "invalid-input",
        `The mapping names a column '${source}' that sheet '${sheet}' does not have. Nothing was changed. ` +
          `Its columns are: ${columns.map((c) => `'${c.header}'`).join(", ")}.`
      );
    }
    if (target === null || target === "" || target === undefined) {
      col.mappedTo = null;
      col.confidence = 1;
      col.reason = "kept as its own column (your choice)";
      continue;
    }
    const key = trackerKeyOf(target);
    if (!key) {
      throw new TrackerError(
        "invalid-input",
        `The mapping sends column '${source}' to '${target}', which is not a tracker column. Nothing was changed. ` +
          `Tracker columns are: ${TRACKER_COLUMNS.map((c) => c.header).join(", ")}.`
      );
    }
    col.mappedTo = key;
    col.confidence = 1;
    col.reason = "your choice";
  }
  // A tracker column taken by the analyst's choice is freed from any suggestion that had it.
  const chosen = new Map<TrackerKey, SourceColumn[]>();
  for (const c of columns) {
    if (!c.mappedTo) continue;
    const list = chosen.get(c.mappedTo) ?? [];
    list.push(c);
    chosen.set(c.mappedTo, list);
  }
  for (const [key, list] of chosen) {
    if (list.length < 2) continue;
    const mine = list.filter((c) => c.reason === "your choice");
    if (mine.length === 1) {
      for (const c of list) {
        if (c !== mine[0]) {
          c.mappedTo = null;
          c.reason = `kept as its own column ('${mine[0].header}' was chosen for ${trackerHeaderOf(key)})`;
        }
      }
      continue;
    }
    throw new TrackerError(
      "invalid-input",
      `Columns ${list.map((c) => `'${c.header}'`).join(" and ")} are both mapped to the tracker's ` +
        `'${trackerHeaderOf(key)}' column. Nothing was changed. Map only one of them there.`
    );
  }
}

/**
 * Extra tracker columns for what maps to nothing, under their own (unique) header; each column
 * kept this way learns its extraHeader.
 */
export function extraColumnsFor(
  grid: SourceGrid,
  headerIdx: number,
  columns: SourceColumn[]
): AdoptionPreview["extraColumns"] {
  const taken = new Set<string>([
    ...TRACKER_COLUMNS.map((c) => c.header.toLowerCase()),
    CHECK_HEADER.toLowerCase(),
  ]);
  const extraColumns: AdoptionPreview["extraColumns"] = [];
  for (const c of columns) {
    if (c.mappedTo) continue;
    let h = c.header;
    if (taken.has(h.toLowerCase())) h = `${c.header} (original)`;
    let n = 2;
    while (taken.has(h.toLowerCase())) h = `${c.header} (original ${n++})`;
    taken.add(h.toLowerCase());
    c.extraHeader = h;
    extraColumns.push({
      header: h,
      source: c.header,
      numberFormat: extraFormat(grid, headerIdx, c.index),
    });
  }
  return extraColumns;
}

/** The number format an extra column keeps: the source's commonest, text when all text. */
function extraFormat(grid: SourceGrid, headerIdx: number, j: number): string {
  const counts = new Map<string, number>();
  let allText = true;
  let any = false;
  for (let i = headerIdx + 1; i < grid.values.length; i++) {
    const v = grid.values[i]?.[j];
    if (isEmptyValue(v)) continue;
    any = true;
    if (typeof v !== "string") allText = false;
    const f = grid.numberFormats?.[i]?.[j];
    if (f && f !== "General" && f !== "@") counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  if (!allText && counts.size > 0) return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  return any && !allText ? "General" : "@";
}
