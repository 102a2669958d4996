/**
 * Adopt the tracker an analyst already keeps: preview it (one read), then adopt it with the
 * analyst's mapping (one read and one apply), whatever the number of rows. No Office, DOM or
 * Node APIs: a host is passed in.
 */
import type { AdoptionPreview, MappingOverride, SourceGrid } from "../domain/adopt";
import { fromExcelSerial } from "../domain/dates";
import { SHEETS, TABLES } from "../domain/columns";
import { fitPlanToCells, type CutCell } from "../workbook/cell-limit";
import type { WorkbookHost } from "../workbook/host";
import { adoptRead, adoptedAlready, planAdoption, previewFromSnapshot } from "../workbook/adopt";
import { clashNote, ownedSheet } from "../workbook/owned";
import { readVocabulary } from "../workbook/read";
import { plural } from "../domain/text";

// The pane re-analyses the sheet it read as the analyst edits the mapping (no round trip): the
// pure analysis comes through here, the engine being the pane's one door to the domain.
export { analyseSheet, trackerHeaderOf, trackerKeyOf } from "../domain/adopt";
export type { AdoptionPreview, MappingOverride, SourceColumn } from "../domain/adopt";

export interface AdoptOptions {
  /** The sheet to adopt; the active sheet when absent. */
  sheet?: string;
  /** The analyst's mapping: source header -> tracker header, or null to keep it as its own column. */
  mapping?: MappingOverride;
  /** Use this (1-based) header row instead of the detected one. */
  headerRow?: number;
}

export interface PreviewResult {
  preview: AdoptionPreview;
  /** The sheet as read, so the pane can re-analyse with a new mapping without reading again. */
  grid: SourceGrid;
  /** The workbook's status vocabulary names. */
  vocabulary: string[];
  /** True when the workbook already has a tracker with rows (adopting would be refused). */
  hasTracker: boolean;
}

/** Read the sheet and say what adopting it would do. Changes nothing. */
export async function previewAdoption(
  host: WorkbookHost,
  options: AdoptOptions = {}
): Promise<PreviewResult> {
  return host.run("Read the sheet to adopt", async (session) => {
    const snapshot = await session.read(adoptRead(options.sheet));
    const { grid, preview } = previewFromSnapshot(snapshot, options);
    return {
      preview,
      grid,
      vocabulary: readVocabulary(snapshot).map((s) => s.name),
      // A tracker that was set up and is still empty is filled by adopting.
      hasTracker: (snapshot.tables[TABLES.tracker]?.rows.length ?? 0) > 0,
    };
  });
}

export interface AdoptResult {
  /** What was adopted; null when the sheet had been adopted before and nothing was done. */
  preview: AdoptionPreview | null;
  /** The sheet adopted (or adopted before). */
  sourceSheet: string;
  trackerSheet: string;
  reportSheet: string;
  alreadyAdopted: boolean;
  changed: boolean;
  message: string;
  /** Texts too long for a cell, cut to fit and marked (errors to report). */
  cut?: CutCell[];
}

/**
 * Adopt a sheet: set the tracker up with its rows and write the Adoption report. `today` (an
 * Excel serial, as the other operations take it) is the adoption's date, recorded in the
 * metadata and on the report.
 */
export async function adoptSheet(
  host: WorkbookHost,
  options: AdoptOptions & { today: number }
): Promise<AdoptResult> {
  const today = fromExcelSerial(options.today);
  return host.run("Adopt the sheet", async (session) => {
    const snapshot = await session.read(adoptRead(options.sheet));
    const done = adoptedAlready(snapshot, options.sheet);
    if (done) {
      return {
        preview: null,
        sourceSheet: done.from,
        trackerSheet: done.trackerSheet,
        reportSheet: ownedSheet(snapshot, "adoptionReport") ?? SHEETS.adoptionReport,
        alreadyAdopted: true,
        changed: false,
        message: `'${done.from}' was already adopted into '${done.trackerSheet}'. Nothing was changed.`,
      };
    }
    const { preview } = previewFromSnapshot(snapshot, options);
    const outcome = planAdoption(snapshot, preview, today);
    // No cell over Excel's 32,767 characters is ever written: cut, marked and reported.
    const { plan, cut } = fitPlanToCells(outcome.plan);
    if (plan.ops.length > 0) await session.apply(plan);
    const c = preview.counts;
    const message = outcome.alreadyAdopted
      ? `'${preview.sheet}' was already adopted into '${outcome.trackerSheet}'. Nothing was changed.`
      : `Adopted ${plural(c.rows, "row")} from '${preview.sheet}' into '${outcome.trackerSheet}'; ` +
        `${plural(c.skipped, "row")} skipped, ${plural(c.changes, "value")} changed, ${plural(c.flagged, "row")} flagged ` +
        `(${plural(c.errors, "error")}, ${plural(c.warnings, "warning")}). '${preview.sheet}' was not changed; ` +
        `the ${outcome.reportSheet} sheet lists everything.` +
        clashNote({ sheet: outcome.reportSheet, clash: outcome.reportClash }, "Adoption report") +
        cut.map((x) => ` ${x.message}`).join("");
    return {
      cut,
      preview,
      sourceSheet: preview.sheet,
      trackerSheet: outcome.trackerSheet,
      reportSheet: outcome.reportSheet,
      alreadyAdopted: outcome.alreadyAdopted,
      changed: outcome.plan.ops.length > 0,
      message,
    };
  });
}

/** Show the Adoption report sheet (the one adoption wrote: AdoptResult.reportSheet). */
export async function openAdoptionReport(
  host: WorkbookHost,
  sheet: string = SHEETS.adoptionReport
): Promise<void> {
  await host.run("Open the Adoption report", (session) =>
    session.apply({ ops: [{ op: "activate", sheet }] })
  );
}
