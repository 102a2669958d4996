/**
 * Adopting the tracker an analyst already keeps: find the header row, map the columns, read
 * the section rows, skip (and report) blank, title, legend and footnote rows, normalise
 * statuses and dates, list every change and flag what a person must decide. Nothing is lost:
 * every non-empty source cell is accounted for in the tracker or in the adoption report.
 * Pure: no Office, DOM or Node APIs.
 */
import { CHECK_HEADER, TRACKER_COLUMNS, columnLetter, type TrackerKey } from "../columns";
import {
  formatIso,
  formatUk,
  fromExcelSerial,
  isDateFormat,
  parseUkDate,
  toExcelSerial,
} from "../dates";
import { TrackerError } from "../errors";
import type { Value } from "../model";
import { isExcelError } from "../text";
import { DEFAULT_STATUSES, normaliseStatus, type StatusDef } from "../status";
import { foldHeader, headerScore, suggestMapping, trackerHeaderOf, trackerKeyOf } from "./mapping";
import type {
  Accounting,
  AdoptedRow,
  AdoptionPreview,
  Change,
  Finding,
  MappingOverride,
  SkippedRow,
  SourceColumn,
  SourceGrid,
} from "./types";

export interface AnalyseOptions {
  /** The analyst's mapping choices (source header -> tracker header or null). */
  mapping?: MappingOverride;
  /** The workbook's status vocabulary (default: Red, Amber, Green, Complete, Superseded). */
  vocabulary?: readonly Pick<StatusDef, "name">[];
  /** Force the header row (1-based sheet row) instead of detecting it. */
  headerRow?: number;
}

/** How many rows from the top are searched for the header row. */
const HEADER_SEARCH_ROWS = 60;

const DATE_KEYS = new Set<TrackerKey>(["targetDate", "lastUpdated", "closedDate"]);

function isEmptyValue(v: Value | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** A cell's text exactly as the source holds it. */
function cellText(grid: SourceGrid, i: number, j: number): string {
  const v = grid.values[i]?.[j];
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  const shown = grid.text?.[i]?.[j];
  // Excel shows "####" when a column is too narrow: never take that for the value.
  if (typeof shown === "string" && shown !== "" && !/^#+$/.test(shown)) return shown;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  // No text read (a large sheet): a number in a date format is shown as dd/mm/yyyy.
  const format = grid.numberFormats?.[i]?.[j] ?? "";
  if (isDateFormat(format) && v >= 1 && v < 2958466) return formatUk(fromExcelSerial(v));
  return String(v);
}

const LEGEND_HEADING =
  /^(key|legend|rag key|rag legend|rag rating key|status key|rag definitions?|key to (rag|status)|status definitions?)\b\s*[:\-–]?/i;
const LEGEND_ENTRY =
  /^(r|a|g|b|red|amber|green|blue|complete|completed|closed|superseded|grey|gray)\s*(=|:|–|-)\s*\S/i;
const FOOTNOTE =
  /^(\*|†|‡|¹|²|³|\(\d+\)|\[\d+\]|notes?\s*[:\-–]|footnotes?\b|source\s*:|n\.?\s?b\.?\b|please note\b|this (tracker|sheet|document)\b|last (updated|reviewed) by\b|document (owner|control)\b|version\s*\d|protective marking\b|official\b)/i;
const STATUS_WORD =
  /^(r|a|g|b|red|amber|green|blue|complete|completed|closed|superseded|grey|gray)$/i;
const REF_LIKE = /^[A-Za-z]{0,10}[\s\-._/]?\d+([.\-_/]\d+)*[a-z]?$/;

type RowKind = "data" | "blank" | "section" | "legend" | "footnote" | "header-repeat";

/** Find the header row: the row in the first rows that looks most like tracker headers. */
export function detectHeaderRow(grid: SourceGrid): { index: number; recognised: boolean } {
  const rows = grid.values;
  let best = -1;
  let bestScore = 0;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  const scores = new Map<string, number>();
  for (let i = 0; i < limit; i++) {
    const cells = (rows[i] ?? [])
      .map((_, j) => cellText(grid, i, j))
      .filter((t) => t.trim() !== "");
    if (cells.length < 2) continue;
    const score = headerScore(cells, scores);
    if (score >= 1.5 && score > bestScore + 1e-9) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return { index: best, recognised: true };
  for (let i = 0; i < limit; i++) {
    const filled = (rows[i] ?? []).filter((v) => !isEmptyValue(v)).length;
    if (filled >= 2) return { index: i, recognised: false };
  }
  throw new TrackerError(
    "invalid-input",
    `Sheet '${grid.name}' has no header row: no row in its first ${limit} rows has two or more filled cells. ` +
      `Nothing was changed. Adopt a sheet with column headings (Ref, Recommendation, Owner, Status…).`
  );
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

/** Analyse a sheet for adoption. Throws TrackerError for a sheet with no header row or a bad mapping. */
export function analyseSheet(grid: SourceGrid, options: AnalyseOptions = {}): AdoptionPreview {
  const vocabulary = options.vocabulary ?? DEFAULT_STATUSES;
  const rows = grid.values;
  const width = rows.reduce((w, r) => Math.max(w, r?.length ?? 0), 0);

  let headerIdx: number;
  let recognised: boolean;
  if (options.headerRow !== undefined) {
    headerIdx = options.headerRow - 1 - grid.row;
    if (headerIdx < 0 || headerIdx >= rows.length) {
      throw new TrackerError(
        "invalid-input",
        `Row ${options.headerRow} is outside sheet '${grid.name}'s data. Nothing was changed.`
      );
    }
    recognised = true;
  } else {
    ({ index: headerIdx, recognised } = detectHeaderRow(grid));
  }
  const sheetRow = (i: number) => grid.row + i + 1;

  // Columns: every column with a header or with data below the header.
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
  if (options.mapping) resolveOverride(columns, options.mapping, grid.name);

  // Extra tracker columns for what maps to nothing, under their own (unique) header.
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
  const colOf = new Map<TrackerKey, SourceColumn>();
  for (const c of columns) if (c.mappedTo) colOf.set(c.mappedTo, c);
  const recCol = colOf.get("recommendation");
  const refCol = colOf.get("ref");
  const firstCol = columns[0]?.index ?? 0;
  const headerFolds = columns.map((c) => foldHeader(c.headerAsWritten));

  // Classify every row below the header.
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

  const skipped: SkippedRow[] = [];
  const changes: Change[] = [];
  const findings: Finding[] = [];
  const adopted: AdoptedRow[] = [];
  const rowCells = (i: number) => {
    const out: string[] = [];
    for (let j = 0; j < width; j++) out.push(cellText(grid, i, j));
    return out;
  };

  for (let i = 0; i < headerIdx; i++) {
    const r = rows[i] ?? [];
    if (r.every((v) => isEmptyValue(v))) {
      skipped.push({
        sourceRow: sheetRow(i),
        kind: "blank",
        reason: "Blank row above the header row",
        cells: rowCells(i),
      });
      continue;
    }
    skipped.push({
      sourceRow: sheetRow(i),
      kind: "title",
      reason: "Above the header row (a title or note)",
      cells: rowCells(i),
    });
  }
  if (!recognised) {
    findings.push({
      sourceRow: sheetRow(headerIdx),
      rule: "header-guessed",
      severity: "warning",
      column: null,
      message: `No row looks like tracker headings (Ref, Recommendation, Owner, Status…): row ${sheetRow(headerIdx)} is taken as the header row. Check the mapping.`,
    });
  }

  // Analysts repeat the same few spellings thousands of times: decide each spelling once.
  const statusCache = new Map<string, ReturnType<typeof normaliseStatus>>();
  const dateCache = new Map<string, ReturnType<typeof parseUkDate>>();
  let section: { name: string; row: number } | null = null;
  const inspectionHeader = trackerHeaderOf("inspection");
  for (let n = 0; n < kinds.length; n++) {
    const i = headerIdx + 1 + n;
    const kind = kinds[n];
    const sr = sheetRow(i);
    if (kind === "blank") {
      skipped.push({ sourceRow: sr, kind, reason: "Blank row", cells: rowCells(i) });
      continue;
    }
    if (kind === "header-repeat") {
      skipped.push({ sourceRow: sr, kind, reason: "Repeats the header row", cells: rowCells(i) });
      continue;
    }
    if (kind === "legend") {
      skipped.push({
        sourceRow: sr,
        kind,
        reason: "Legend (key to the RAG colours), not a recommendation",
        cells: rowCells(i),
      });
      continue;
    }
    if (kind === "footnote") {
      skipped.push({
        sourceRow: sr,
        kind,
        reason: "Note under the table, not a recommendation",
        cells: rowCells(i),
      });
      continue;
    }
    if (kind === "section") {
      const cells = rowCells(i);
      const name = cells
        .find((t) => t.trim() !== "")!
        .replace(/\s+/g, " ")
        .trim();
      section = { name, row: sr };
      skipped.push({
        sourceRow: sr,
        kind,
        reason: `Section row: '${name}' is carried into the Inspection column of the rows below`,
        cells,
      });
      continue;
    }

    // A data row.
    const values = {} as Record<TrackerKey, Value>;
    for (const c of TRACKER_COLUMNS) values[c.key] = null;
    const extras: Record<string, Value> = {};
    const source: Record<string, string> = {};
    let status: string | null = null;
    let statusAsWritten = "";
    let targetDate: string | null = null;
    let targetDateApproximate = false;
    for (const c of columns) {
      const raw = rows[i]?.[c.index];
      const v: Value = raw === undefined ? null : raw;
      const text = cellText(grid, i, c.index);
      source[c.header] = text;
      // A formula that failed in the old sheet (#N/A, #REF!, ...) comes over as its error text.
      // Status and date columns flag it as an unknown status or a date that cannot be read.
      if (
        isExcelError(v) &&
        (!c.mappedTo || (c.mappedTo !== "status" && !DATE_KEYS.has(c.mappedTo)))
      ) {
        const where = c.mappedTo ? trackerHeaderOf(c.mappedTo) : c.extraHeader!;
        findings.push({
          sourceRow: sr,
          rule: "source-error",
          severity: "warning",
          column: where,
          message: `${c.header} holds the Excel error ${String(v)} (a formula that failed in the old sheet): kept as written in ${where}; type what it should say.`,
        });
      }
      if (!c.mappedTo) {
        extras[c.extraHeader!] = isEmptyValue(v) ? null : v;
        continue;
      }
      const key = c.mappedTo;
      const header = trackerHeaderOf(key);
      if (key === "status") {
        statusAsWritten = text;
        const key = isEmptyValue(v) ? "" : text;
        let res = statusCache.get(key);
        if (!res) statusCache.set(key, (res = normaliseStatus(key, vocabulary)));
        if (res.verdict === "exact" || res.verdict === "normalised") {
          status = res.status;
          values.status = res.status;
          if (res.verdict === "normalised") {
            changes.push({
              sourceRow: sr,
              column: header,
              asWritten: text,
              asAdopted: res.status!,
              note: res.note ?? "",
            });
          }
        } else if (res.verdict === "blank") {
          values.status = null;
          findings.push({
            sourceRow: sr,
            rule: "status-blank",
            severity: "warning",
            column: header,
            message: `Status is blank: choose one of ${vocabulary.map((s) => s.name).join(", ")}`,
          });
        } else {
          values.status = v;
          findings.push({
            sourceRow: sr,
            rule: res.verdict === "ambiguous" ? "status-ambiguous" : "status-unknown",
            severity: "error",
            column: header,
            message: `${res.note ?? `'${text}' is not a status`}. Kept as written.`,
          });
        }
        continue;
      }
      if (DATE_KEYS.has(key)) {
        if (isEmptyValue(v)) {
          values[key] = null;
          continue;
        }
        let parsed = typeof v === "number" ? parseUkDate(v) : dateCache.get(text);
        if (!parsed) dateCache.set(text, (parsed = parseUkDate(text)));
        if (!parsed.date) {
          values[key] = v;
          findings.push({
            sourceRow: sr,
            rule: "date-invalid",
            severity: "warning",
            column: header,
            message: `${parsed.error ?? `'${text}' is not a date`}: kept as written in ${header}.`,
          });
          continue;
        }
        const serial = toExcelSerial(parsed.date);
        values[key] = serial;
        if (key === "targetDate") {
          targetDate = formatIso(parsed.date);
          targetDateApproximate = parsed.approximate;
        }
        if (typeof v !== "number" || parsed.timeDropped) {
          changes.push({
            sourceRow: sr,
            column: header,
            asWritten: text,
            asAdopted: formatUk(parsed.date),
            note: parsed.timeDropped
              ? `the time ${parsed.timeDropped} dropped: the tracker keeps days`
              : parsed.approximate
                ? "last day of the period written"
                : "read as a UK date",
          });
        }
        if (parsed.ambiguity) {
          findings.push({
            sourceRow: sr,
            rule: "date-ambiguous",
            severity: "warning",
            column: header,
            message: parsed.ambiguity,
          });
        } else if (parsed.approximate) {
          findings.push({
            sourceRow: sr,
            rule: "date-approximate",
            severity: "warning",
            column: header,
            message: `${header} '${text}' names a period, not a day: taken as its last day, ${formatUk(parsed.date)}. Confirm the date.`,
          });
        }
        continue;
      }
      values[key] = isEmptyValue(v) ? null : v;
    }
    if (section && isEmptyValue(values.inspection)) {
      values.inspection = section.name;
      changes.push({
        sourceRow: sr,
        column: inspectionHeader,
        asWritten: "",
        asAdopted: section.name,
        note: `from the section row ${section.row}`,
      });
    }
    adopted.push({
      sourceRow: sr,
      values,
      extras,
      status,
      statusAsWritten,
      targetDate,
      targetDateApproximate,
      source,
    });
  }

  // Rows with no recommendation text, rows with no reference, duplicate references.
  const recHeader = trackerHeaderOf("recommendation");
  const refHeader = trackerHeaderOf("ref");
  const byRef = new Map<string, AdoptedRow[]>();
  for (const row of adopted) {
    if (isEmptyValue(row.values.recommendation)) {
      findings.push({
        sourceRow: row.sourceRow,
        rule: "missing-recommendation",
        severity: "error",
        column: recHeader,
        message: recCol
          ? `No recommendation text: kept, so add the text in the ${recHeader} column.`
          : `No column is mapped to ${recHeader}: choose which column holds the recommendation text.`,
      });
    }
    const ref = isEmptyValue(row.values.ref)
      ? ""
      : String(row.values.ref).replace(/\s+/g, " ").trim().toLowerCase();
    if (ref === "") {
      findings.push({
        sourceRow: row.sourceRow,
        rule: "missing-ref",
        severity: "warning",
        column: refHeader,
        message: refCol
          ? `No reference (${refHeader}): give the row a unique reference.`
          : `No column is mapped to ${refHeader}: each row needs a unique reference.`,
      });
      continue;
    }
    const list = byRef.get(ref) ?? [];
    list.push(row);
    byRef.set(ref, list);
  }
  for (const list of byRef.values()) {
    if (list.length < 2) continue;
    for (const row of list) {
      const others = list.filter((r) => r !== row).map((r) => r.sourceRow);
      findings.push({
        sourceRow: row.sourceRow,
        rule: "duplicate-ref",
        severity: "error",
        column: refHeader,
        message: `Reference '${String(row.values.ref).trim()}' is also used on row${others.length > 1 ? "s" : ""} ${others.join(", ")}: references must be unique. Kept; give each row its own reference.`,
      });
    }
  }
  findings.sort((a, b) => a.sourceRow - b.sourceRow);

  const accounting = account(grid, headerIdx, columns, adopted, skipped, changes);
  const changedRows = new Set(changes.map((c) => c.sourceRow));
  const flaggedRows = new Set(
    findings.filter((f) => f.rule !== "header-guessed").map((f) => f.sourceRow)
  );
  return {
    sheet: grid.name,
    headerRow: sheetRow(headerIdx),
    firstColumn: columnLetter(grid.col),
    headerRecognised: recognised,
    columns,
    rows: adopted,
    skipped,
    changes,
    findings,
    counts: {
      sourceRows: rows.length,
      rows: adopted.length,
      skipped: skipped.length,
      changed: changedRows.size,
      changes: changes.length,
      flagged: flaggedRows.size,
      errors: findings.filter((f) => f.severity === "error").length,
      warnings: findings.filter((f) => f.severity === "warning").length,
    },
    accounting,
    extraColumns,
  };
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

/**
 * Account for every non-empty source cell: in the tracker (a data row's cell, kept as is or
 * normalised with the original in the changes) or in the report (title, section, legend,
 * footnote rows; headers in the mapping). Anything else is lost, and adopting refuses.
 */
function account(
  grid: SourceGrid,
  headerIdx: number,
  columns: SourceColumn[],
  adopted: AdoptedRow[],
  skipped: SkippedRow[],
  changes: Change[]
): Accounting {
  const bySource = new Map<number, AdoptedRow>(adopted.map((r) => [r.sourceRow, r]));
  const skippedBy = new Map<number, SkippedRow>(skipped.map((s) => [s.sourceRow, s]));
  const changed = new Set(
    changes.map((c) => `${c.sourceRow}\u0000${c.column}\u0000${c.asWritten}`)
  );
  const colByIndex = new Map<number, SourceColumn>(columns.map((c) => [c.index, c]));
  const out: Accounting = { sourceCells: 0, inTracker: 0, inReport: 0, lost: [] };
  for (let i = 0; i < grid.values.length; i++) {
    const r = grid.values[i] ?? [];
    const sr = grid.row + i + 1;
    for (let j = 0; j < r.length; j++) {
      const v = r[j];
      if (isEmptyValue(v)) continue;
      out.sourceCells++;
      const text = cellText(grid, i, j);
      const col = colByIndex.get(j);
      if (i === headerIdx) {
        if (col && col.headerAsWritten === text) out.inReport++;
        else out.lost.push({ sourceRow: sr, column: columnLetter(grid.col + j), text });
        continue;
      }
      const skip = skippedBy.get(sr);
      if (skip) {
        if (skip.cells[j] === text) out.inReport++;
        else out.lost.push({ sourceRow: sr, column: columnLetter(grid.col + j), text });
        continue;
      }
      const row = bySource.get(sr);
      let kept = false;
      if (row && col) {
        if (col.mappedTo) {
          const got = row.values[col.mappedTo];
          const header = trackerHeaderOf(col.mappedTo);
          kept = got === v || changed.has(`${sr}\u0000${header}\u0000${text}`);
        } else {
          kept = row.extras[col.extraHeader!] === v;
        }
      }
      if (kept) out.inTracker++;
      else out.lost.push({ sourceRow: sr, column: columnLetter(grid.col + j), text });
    }
  }
  return out;
}
