/**
 * `inspection-tracker adopt FILE [--sheet NAME] [--json] [--out TRACKER.xlsx]`: adopt the
 * tracker an analyst already keeps (.csv or .xlsx). Without --out it only says what adopting
 * would do; with --out it writes a new workbook (the source sheet copied unchanged, the tracker,
 * and the Adoption report). FILE itself is never written.
 */
import { basename, extname, resolve } from "node:path";
import {
  adoptionJson,
  analyseSheet,
  trackerHeaderOf,
  type AdoptionPreview,
  type MappingOverride,
} from "../../domain/adopt";
import { calendarDateOf, formatUk, toExcelSerial } from "../../domain/dates";
import { TrackerError } from "../../domain/errors";
import { encodingNote } from "../../domain/files/encoding";
import { adoptSheet, previewAdoption } from "../../engine/adopt";
import { createXlsxHost, hostFromRows, type XlsxHost } from "../../hosts/xlsx";
import type { CutCell } from "../../workbook/cell-limit";
import type { CellValue } from "../../workbook/plan";
import { claimOutput, type WriteTarget } from "../files";
import { UsageError, oneFile, parseArguments, type Command, type Io } from "../io";
import { readCsvFile } from "../read-csv";
import { plural } from "../../domain/text";

const USAGE = `Usage: inspection-tracker adopt FILE [--sheet NAME] [--json] [--out TRACKER.xlsx [--force]]
                                [--map "SOURCE=TRACKER COLUMN"]... [--header-row N]

Adopt the tracker you already keep: find its header row, map its columns to the tracker's,
carry section rows into the Inspection column, skip (and list) title, blank, legend and footnote
rows, normalise statuses and UK dates, and flag what needs a person. Nothing is lost: every
non-empty cell ends up in the tracker or in the Adoption report. FILE is never changed.

FILE is a .csv file (UTF-8, Windows-1252 as Excel's "CSV (Comma delimited)" saves, or UTF-16
as its "Unicode Text" saves; the encoding used is said) or an .xlsx workbook.

Options:
  --sheet NAME        The sheet to adopt in an .xlsx workbook (default: its active sheet)
  --out FILE.xlsx     Write the adopted workbook here (the source sheet, the tracker and the
                      Adoption report). Without it, nothing is written.
  --force             Replace FILE.xlsx if it exists (never a read-only one)
  --map "A=B"         Map source column A to tracker column B ("Notes=Progress update");
                      "A=" keeps A as its own column. May be repeated.
  --header-row N      Use sheet row N as the header row instead of the detected one
  --json              Print what adopting does as JSON on stdout`;

/** A CSV file name as a sheet name Excel accepts. */
export function sheetNameFor(file: string): string {
  const stem = basename(file).replace(/\.[^.]+$/, "");
  const clean = stem
    .replace(/[*?:/\\[\]]/g, " ")
    .replace(/^'+|'+$/g, "")
    .trim()
    .slice(0, 31);
  if (clean === "" || clean.toLowerCase() === "history") return "Source";
  return clean;
}

function parseMaps(maps: string[]): MappingOverride {
  const out: MappingOverride = {};
  for (const m of maps) {
    const at = m.lastIndexOf("=");
    if (at <= 0)
      throw new UsageError(`--map '${m}' should look like "Source column=Tracker column".`);
    const target = m.slice(at + 1).trim();
    out[m.slice(0, at).trim()] = target === "" ? null : target;
  }
  return out;
}

export function previewText(p: AdoptionPreview, file: string): string {
  const c = p.counts;
  const lines = [
    `${file}, sheet '${p.sheet}': header row ${p.headerRow}${p.headerRecognised ? "" : " (guessed)"}; ` +
      `${plural(c.rows, "row")} to adopt, ${c.skipped} skipped, ${c.changed} changed, ${c.flagged} flagged ` +
      `(${plural(c.errors, "error")}, ${plural(c.warnings, "warning")}).`,
    "",
    "Mapping:",
    ...p.columns.map(
      (col) =>
        `  ${col.letter} ${JSON.stringify(col.header)} -> ${col.mappedTo ? `${trackerHeaderOf(col.mappedTo)} (${Math.round(col.confidence * 100)}%)` : `kept as its own column '${col.extraHeader}'`}`
    ),
  ];
  const shown = p.skipped.filter((s) => s.kind !== "blank");
  if (shown.length > 0) {
    lines.push("", "Skipped:");
    for (const s of shown) lines.push(`  row ${s.sourceRow}: ${s.reason}`);
  }
  if (p.findings.length > 0) {
    lines.push("", "Findings:");
    for (const f of p.findings)
      lines.push(
        `  row ${f.sourceRow} ${f.severity}${f.column ? `, ${f.column}` : ""}: ${f.message}`
      );
  }
  const a = p.accounting;
  lines.push(
    "",
    `Nothing lost: ${a.sourceCells} non-empty cells, ${a.inTracker} in the tracker, ${a.inReport} in the Adoption report.`
  );
  return lines.join("\n");
}

export const adoptCommand: Command = {
  name: "adopt",
  summary: "Adopt the tracker you already keep (.csv or .xlsx) into a new tracker workbook",
  usage: USAGE,
  run: async (args: string[], io: Io) => {
    const parsed = parseArguments({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        sheet: { type: "string" },
        out: { type: "string" },
        force: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        map: { type: "string", multiple: true, default: [] },
        "header-row": { type: "string" },
      },
    });
    const file = oneFile(parsed.positionals, "Give the .csv or .xlsx file to adopt.");
    const out = parsed.values.out;
    if (out !== undefined && extname(out).toLowerCase() !== ".xlsx")
      throw new UsageError(`--out must name an .xlsx file, not '${out}'.`);
    if (out !== undefined && resolve(out) === resolve(file)) {
      throw new UsageError(
        "--out must be a new file: adopting never writes over the file it reads."
      );
    }
    let headerRow: number | undefined;
    if (parsed.values["header-row"] !== undefined) {
      headerRow = Number(parsed.values["header-row"]);
      if (!Number.isInteger(headerRow) || headerRow < 1)
        throw new UsageError(`--header-row must be a row number (1 or more).`);
    }
    const mapping = parseMaps(parsed.values.map ?? []);
    if (parsed.values.force && out === undefined)
      throw new UsageError("--force goes with --out: it lets adopt replace an existing file.");
    // Claimed before any work: an existing --out is refused unless --force.
    const claimed = out !== undefined ? claimOutput(out, { force: parsed.values.force }) : null;
    try {
      return await adopt(file, out, claimed, parsed.values, mapping, headerRow, io);
    } finally {
      claimed?.release();
    }
  },
};

async function adopt(
  file: string,
  out: string | undefined,
  claimed: WriteTarget | null,
  values: { sheet?: string; json?: boolean },
  mapping: MappingOverride,
  headerRow: number | undefined,
  io: Io
): Promise<number> {
  const options = { mapping: Object.keys(mapping).length > 0 ? mapping : undefined, headerRow };
  const ext = extname(file).toLowerCase();
  let host: XlsxHost | null = null;
  let sheet = values.sheet;
  let preview: AdoptionPreview;

  if (ext === ".csv") {
    if (sheet !== undefined)
      throw new UsageError("--sheet is for .xlsx workbooks; a CSV file has one sheet.");
    const { rows, decoded } = readCsvFile(file);
    const note = encodingNote(file, decoded);
    // Characters that became U+FFFD are lost: adopting would carry the loss into the tracker
    // and its report would say "Nothing lost". Refuse instead.
    if (decoded.replaced > 0)
      throw new TrackerError("invalid-input", `${note} Nothing was adopted or written.`);
    if (note && !values.json) io.out(note + "\n");
    sheet = sheetNameFor(file);
    const grid: CellValue[][] = rows.map((r) => r.map((t) => (t === "" ? null : t)));
    if (grid.length === 0)
      throw new TrackerError("invalid-input", `${file} is empty: there is nothing to adopt.`);
    if (out !== undefined) host = await hostFromRows(sheet, grid);
    else preview = analyseSheet({ name: sheet, row: 0, col: 0, values: grid }, options);
  } else if (ext === ".xlsx" || ext === ".xlsm") {
    host = await createXlsxHost({ file });
  } else {
    throw new UsageError(`FILE must be a .csv file or an .xlsx workbook, not '${basename(file)}'.`);
  }

  let trackerSheet: string | null = null;
  let message: string | null = null;
  let cut: CutCell[] = [];
  if (host && claimed) {
    const result = await adoptSheet(host, {
      ...options,
      sheet,
      today: toExcelSerial(calendarDateOf(new Date())),
    });
    preview =
      result.preview ??
      (await previewAdoption(host, { ...options, sheet: result.sourceSheet })).preview;
    trackerSheet = result.trackerSheet;
    message = result.message;
    cut = result.cut ?? [];
    claimed.commit(await host.toBuffer());
  } else if (host) {
    preview = (await previewAdoption(host, { ...options, sheet })).preview;
  }

  const p = preview!;
  if (values.json) {
    io.out(
      JSON.stringify(
        { file, ...adoptionJson(p), ...(out !== undefined ? { out, trackerSheet } : {}) },
        null,
        2
      )
    );
  } else {
    io.out(previewText(p, file));
    io.out(
      out !== undefined
        ? `\n${message} Written to ${out} on ${formatUk(calendarDateOf(new Date()))}.`
        : "\nNothing was written. Add --out TRACKER.xlsx to write the adopted tracker."
    );
  }
  for (const c of cut) io.err(`error: ${c.message}`);
  return cut.length > 0 ? 1 : 0;
}
