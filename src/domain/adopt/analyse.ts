/**
 * Adopting the tracker an analyst already keeps: find the header row, map the columns, read
 * the section rows, skip (and report) blank, title, legend and footnote rows, normalise
 * statuses and dates, list every change and flag what a person must decide. Nothing is lost:
 * every non-empty source cell is accounted for in the tracker or in the adoption report.
 * Each step is a file of its own (header, columns, rows, values, findings, account); this one
 * runs them in order. Pure: no Office, DOM or Node APIs.
 */
import { columnLetter, type TrackerKey } from "../columns";
import { DEFAULT_STATUSES, type StatusDef } from "../status";
import { account } from "./account";
import { extraColumnsFor, sourceColumns } from "./columns";
import { rowFindings } from "./findings";
import { rowCells } from "./grid";
import { headerRowOf } from "./header";
import { classifyRows, rowsAboveHeader, skippedRow } from "./rows";
import type {
  AdoptedRow,
  AdoptionPreview,
  Change,
  Finding,
  MappingOverride,
  SkippedRow,
  SourceColumn,
  SourceGrid,
} from "./types";
import { dataRowReader, type Section } from "./values";

export interface AnalyseOptions {
  /** The analyst's mapping choices (source header -> tracker header or null). */
  mapping?: MappingOverride;
  /** The workbook's status vocabulary (default: Red, Amber, Green, Complete, Superseded). */
  vocabulary?: readonly Pick<StatusDef, "name">[];
  /** Force the header row (1-based sheet row) instead of detecting it. */
  headerRow?: number;
}

/** Analyse a sheet for adoption. Throws TrackerError for a sheet with no header row or a bad mapping. */
export function analyseSheet(grid: SourceGrid, options: AnalyseOptions = {}): AdoptionPreview {
  const vocabulary = options.vocabulary ?? DEFAULT_STATUSES;
  const rows = grid.values;
  const width = rows.reduce((w, r) => Math.max(w, r?.length ?? 0), 0);
  const { index: headerIdx, recognised } = headerRowOf(grid, options.headerRow);
  const sheetRow = (i: number) => grid.row + i + 1;

  const columns = sourceColumns(grid, headerIdx, width, options.mapping);
  const extraColumns = extraColumnsFor(grid, headerIdx, columns);
  const colOf = new Map<TrackerKey, SourceColumn>();
  for (const c of columns) if (c.mappedTo) colOf.set(c.mappedTo, c);
  const kinds = classifyRows(grid, headerIdx, columns, colOf);

  const skipped: SkippedRow[] = rowsAboveHeader(grid, headerIdx, width);
  const changes: Change[] = [];
  const findings: Finding[] = [];
  const adopted: AdoptedRow[] = [];
  if (!recognised) {
    findings.push({
      sourceRow: sheetRow(headerIdx),
      rule: "header-guessed",
      severity: "warning",
      column: null,
      message: `No row looks like tracker headings (Ref, Recommendation, Owner, Status…): row ${sheetRow(headerIdx)} is taken as the header row. Check the mapping.`,
    });
  }

  const read = dataRowReader(grid, columns, vocabulary, { changes, findings });
  let section: Section | null = null;
  kinds.forEach((kind, n) => {
    const i = headerIdx + 1 + n;
    if (kind === "data") {
      adopted.push(read(i, section));
      return;
    }
    const row = skippedRow(kind, sheetRow(i), rowCells(grid, i, width));
    skipped.push(row.skipped);
    if (row.section !== undefined) section = { name: row.section, row: sheetRow(i) };
  });
  findings.push(...rowFindings(adopted, colOf.get("recommendation"), colOf.get("ref")));
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
