/**
 * What each row of the sheet being adopted is: a data row, or one the report lists instead (a
 * title above the header, a blank row, a section heading, a legend, a note under the table, the
 * header repeated), and why. Pure.
 */
import { cellText, isEmptyValue, rowCells } from "./grid";
import { foldHeader } from "./mapping";
import type { TrackerKey } from "../columns";
import type { SkipKind, SkippedRow, SourceColumn, SourceGrid } from "./types";

const LEGEND_HEADING =
  /^(key|legend|rag key|rag legend|rag rating key|status key|rag definitions?|key to (rag|status)|status definitions?)\b\s*[:\-–]?/i;
const LEGEND_ENTRY =
  /^(r|a|g|b|red|amber|green|blue|complete|completed|closed|superseded|grey|gray)\s*(=|:|–|-)\s*\S/i;
const FOOTNOTE =
  /^(\*|†|‡|¹|²|³|\(\d+\)|\[\d+\]|notes?\s*[:\-–]|footnotes?\b|source\s*:|n\.?\s?b\.?\b|please note\b|this (tracker|sheet|document)\b|last (updated|reviewed) by\b|document (owner|control)\b|version\s*\d|protective marking\b|official\b)/i;
const STATUS_WORD =
  /^(r|a|g|b|red|amber|green|blue|complete|completed|closed|superseded|grey|gray)$/i;
const REF_LIKE = /^[A-Za-z]{0,10}[\s\-._/]?\d+([.\-_/]\d+)*[a-z]?$/;

export type RowKind = "data" | "blank" | "section" | "legend" | "footnote" | "header-repeat";

/** The kind of every row below the header row, in order. */
export function classifyRows(
  grid: SourceGrid,
  headerIdx: number,
  columns: SourceColumn[],
  colOf: ReadonlyMap<TrackerKey, SourceColumn>
): RowKind[] {
  const rows = grid.values;
  const recCol = colOf.get("recommendation");
  const firstCol = columns[0]?.index ?? 0;
  const headerFolds = columns.map((c) => foldHeader(c.headerAsWritten));
  const kinds: RowKind[] = [];
  let legendMode = false;
  for (let i = headerIdx + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    const filled: number[] = [];
    for (let j = 0; j < r.length; j++) if (!isEmptyValue(r[j])) filled.push(j);
    if (filled.length === 0) {
      kinds.push("blank");
      continue;
    }
    const first = cellText(grid, i, filled[0]).trim();
    // A merged row (a section or note spread across the columns) may read as the same text in
    // every cell of the merge: it is one cell.
    if (
      filled.length >= 2 &&
      first.length >= 4 &&
      !REF_LIKE.test(first) &&
      !STATUS_WORD.test(first) &&
      filled.every((j) => cellText(grid, i, j).trim() === first)
    ) {
      filled.length = 1;
    }
    if (
      columns.length > 1 &&
      columns.every((c, k) => foldHeader(cellText(grid, i, c.index)) === headerFolds[k])
    ) {
      kinds.push("header-repeat");
      continue;
    }
    if (LEGEND_HEADING.test(first) && first.length <= 160) {
      legendMode = true;
      kinds.push("legend");
      continue;
    }
    if (filled.length <= 2 && LEGEND_ENTRY.test(first)) {
      kinds.push("legend");
      continue;
    }
    if (filled.length <= 2 && FOOTNOTE.test(first)) {
      kinds.push("footnote");
      continue;
    }
    if (legendMode && filled.length <= 2 && (filled.length === 1 || STATUS_WORD.test(first))) {
      kinds.push("legend");
      continue;
    }
    legendMode = false;
    if (filled.length === 1) {
      const j = filled[0];
      const onlyCol = columns.find((c) => c.index === j);
      const inRef = onlyCol?.mappedTo === "ref" || onlyCol?.mappedTo === "number";
      const inRec = recCol?.index === j;
      const inOther =
        onlyCol?.mappedTo &&
        !["ref", "number", "recommendation", "inspection", "kind"].includes(onlyCol.mappedTo);
      const looksRef = REF_LIKE.test(first) && first.length <= 14;
      const sectionLike =
        !(inRef && looksRef) &&
        !inOther &&
        (!inRec || j === firstCol || (first.length <= 80 && !/[.;]$/.test(first)));
      kinds.push(sectionLike ? "section" : "data");
      continue;
    }
    kinds.push("data");
  }
  // A single-cell row with no data row after it is a note under the table, not a section.
  let lastData = -1;
  kinds.forEach((k, n) => (k === "data" ? (lastData = n) : undefined));
  kinds.forEach((k, n) => {
    if (k === "section" && n > lastData) kinds[n] = "footnote";
  });
  return kinds;
}

/** The rows above the header row: blank, or a title or note. */
export function rowsAboveHeader(grid: SourceGrid, headerIdx: number, width: number): SkippedRow[] {
  const skipped: SkippedRow[] = [];
  for (let i = 0; i < headerIdx; i++) {
    const r = grid.values[i] ?? [];
    const sourceRow = grid.row + i + 1;
    if (r.every((v) => isEmptyValue(v))) {
      skipped.push({
        sourceRow,
        kind: "blank",
        reason: "Blank row above the header row",
        cells: rowCells(grid, i, width),
      });
      continue;
    }
    skipped.push({
      sourceRow,
      kind: "title",
      reason: "Above the header row (a title or note)",
      cells: rowCells(grid, i, width),
    });
  }
  return skipped;
}

const REASONS: Record<Exclude<SkipKind, "title" | "section">, string> = {
  blank: "Blank row",
  "header-repeat": "Repeats the header row",
  legend: "Legend (key to the RAG colours), not a recommendation",
  footnote: "Note under the table, not a recommendation",
};

/**
 * A row below the header that is not data, as the report lists it. A section row's heading
 * (`section`) goes into the Inspection column of the rows below it.
 */
export function skippedRow(
  kind: Exclude<RowKind, "data">,
  sourceRow: number,
  cells: string[]
): { skipped: SkippedRow; section?: string } {
  if (kind !== "section") return { skipped: { sourceRow, kind, reason: REASONS[kind], cells } };
  const name = cells
    .find((t) => t.trim() !== "")!
    .replace(/\s+/g, " ")
    .trim();
  return {
    skipped: {
      sourceRow,
      kind,
      reason: `Section row: '${name}' is carried into the Inspection column of the rows below`,
      cells,
    },
    section: name,
  };
}
