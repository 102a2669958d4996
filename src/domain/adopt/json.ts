/**
 * The adoption as JSON (the command line's --json output). Pure.
 */
import { trackerHeaderOf } from "./mapping";
import type { AdoptionPreview } from "./types";

export interface AdoptionJson {
  sheet: string;
  headerRow: number;
  headerRecognised: boolean;
  mapping: Record<string, string | null>;
  confidence: Record<string, number>;
  extraColumns: string[];
  counts: AdoptionPreview["counts"];
  rows: {
    sourceRow: number;
    ref: string | null;
    inspection: string | null;
    status: string | null;
    statusAsWritten: string;
    targetDate: string | null;
    targetDateApproximate: boolean;
    values: Record<string, string>;
  }[];
  skipped: { sourceRow: number; reason: string; kind: string; cells: string[] }[];
  changes: AdoptionPreview["changes"];
  findings: AdoptionPreview["findings"];
  accounting: { sourceCells: number; inTracker: number; inReport: number; lost: number };
}

const text = (v: unknown): string | null =>
  v === null || v === undefined || String(v).trim() === "" ? null : String(v);

export function adoptionJson(preview: AdoptionPreview): AdoptionJson {
  const mapping: Record<string, string | null> = {};
  const confidence: Record<string, number> = {};
  for (const c of preview.columns) {
    mapping[c.header] = c.mappedTo ? trackerHeaderOf(c.mappedTo) : null;
    confidence[c.header] = c.confidence;
  }
  return {
    sheet: preview.sheet,
    headerRow: preview.headerRow,
    headerRecognised: preview.headerRecognised,
    mapping,
    confidence,
    extraColumns: preview.extraColumns.map((e) => e.header),
    counts: preview.counts,
    rows: preview.rows.map((r) => ({
      sourceRow: r.sourceRow,
      ref: text(r.values.ref),
      inspection: text(r.values.inspection),
      status: r.status,
      statusAsWritten: r.statusAsWritten,
      targetDate: r.targetDate,
      targetDateApproximate: r.targetDateApproximate,
      values: r.source,
    })),
    skipped: preview.skipped.map((s) => ({
      sourceRow: s.sourceRow,
      reason: s.reason,
      kind: s.kind,
      cells: s.cells,
    })),
    changes: preview.changes,
    findings: preview.findings,
    accounting: {
      sourceCells: preview.accounting.sourceCells,
      inTracker: preview.accounting.inTracker,
      inReport: preview.accounting.inReport,
      lost: preview.accounting.lost.length,
    },
  };
}
