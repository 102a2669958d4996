/**
 * A workbook loaded in part: excelts gets the whole workbook (its sheets' names, order and
 * visibility, defined names, views, styles, theme) but only the sheets a change needs, each
 * other sheet as an empty stand-in (a stub). A save then writes what excelts holds and copies
 * every stub's own part, and the parts it brings (tables, drawings, ...), from the file as they
 * are (splice.ts). Node only (hosts/xlsx).
 *
 * Shared strings: the sheets loaded carry their text inline (the file's shared strings item
 * moved into the cell, which is the same content), so excelts never reads the file's shared
 * strings, which stay as they are for the sheets copied.
 */
import { Workbook, type Worksheet } from "@cj-tech-master/excelts";
import type { ZipEntry } from "../../domain/files/zip";
import { sentinelsForEscapes } from "./cells";
import { ensureChartSupport } from "./chart";
import { parseRels, type LeanSheet, type LeanWorkbook } from "./lean";
import { relsOf } from "./package";
import { shareStyleParts } from "./write";
import { writeZipParts, type ZipPart } from "./zip";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** An empty sheet standing in for one that is copied from the file. */
export const STUB_SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><sheetData/></worksheet>`;
/**
 * The shared strings excelts gets: one empty item, for cells of empty text (an empty inline
 * string reads back as no value at all, an empty shared string as empty text).
 */
const EMPTY_SST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t></t></si></sst>`;

/** Whether a shared string item is empty text. */
export function isEmptyItem(item: string | undefined): boolean {
  return item !== undefined && /^\s*(<t(\s[^>]*)?\/>|<t(\s[^>]*)?><\/t>)?\s*$/.test(item);
}

/** Relationship types a sheet may hold and still be moved into a loaded workbook. */
const MOVABLE = /\/(table|printerSettings|hyperlink)$/;

/** Every part a part brings through its relationships (and theirs), internal ones only. */
export async function closureOf(lw: LeanWorkbook, part: string): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>([part]);
  const queue = [part];
  while (queue.length > 0) {
    const p = queue.shift() as string;
    const rels = parseRels(await lw.pkg.text(relsOf(p)), p);
    for (const r of rels) {
      if (r.external || seen.has(r.part) || !lw.pkg.find(r.part)) continue;
      seen.add(r.part);
      out.push(r.part);
      queue.push(r.part);
    }
  }
  return out;
}

/** Whether a sheet's content can be loaded on its own and moved into the workbook loaded. */
export async function movable(lw: LeanWorkbook, sheet: LeanSheet): Promise<boolean> {
  const rels = parseRels(await lw.pkg.text(relsOf(sheet.part)), sheet.part);
  return rels.every((r) => MOVABLE.test(r.type));
}

/**
 * A sheet's XML with its shared-string cells made inline strings (same content); a cell of
 * empty text points at `empty` instead, when given (see EMPTY_SST).
 */
export function inlineSharedStrings(xml: string, items: string[], empty?: number): string {
  return xml.replace(
    /<c\b([^>]*?)\st\s*=\s*"s"([^>]*)>\s*<v>\s*(\d+)\s*<\/v>\s*<\/c>/g,
    (m, before: string, after: string, n: string) => {
      const item = items[parseInt(n, 10)];
      if (item === undefined) return m;
      if (empty !== undefined && isEmptyItem(item))
        return `<c${before} t="s"${after}><v>${empty}</v></c>`;
      return `<c${before} t="inlineStr"${after}><is>${item}</is></c>`;
    }
  );
}

/**
 * Control characters Excel stored as _xHHHH_ (a line break pasted from Word, _x000B_) are held
 * as sentinels, so that every cell, touched or not, is written back as it was (cells.ts).
 */
export function keepControlEscapes(sheets: Worksheet[]): void {
  for (const ws of sheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (typeof v !== "string" && (typeof v !== "object" || v === null)) return;
        const kept = sentinelsForEscapes(v);
        if (kept !== v) cell.value = kept as typeof v;
      })
    );
  }
}

const raw = (lw: LeanWorkbook, e: ZipEntry, name = e.name): ZipPart => ({
  name,
  raw: lw.pkg.raw(e),
  method: e.method,
  crc32: e.crc32,
  size: e.declaredSize,
});

/**
 * Load the workbook into excelts with only `real` sheets' content; every other sheet a stub.
 * Returns the workbook; its stubs are the sheets of the file not in `real`.
 */
export async function loadPartial(lw: LeanWorkbook, real: Set<LeanSheet>): Promise<Workbook> {
  const stubs = lw.sheets.filter((s) => !real.has(s));
  // Parts only stubs bring (their tables, drawings, charts, ...) stay out of excelts's way.
  const keep = new Set<string>();
  for (const s of real) for (const p of await closureOf(lw, s.part)) keep.add(p.toLowerCase());
  const skip = new Set<string>();
  for (const s of stubs) {
    skip.add(relsOf(s.part).toLowerCase());
    for (const p of await closureOf(lw, s.part)) {
      if (keep.has(p.toLowerCase())) continue;
      skip.add(p.toLowerCase());
      skip.add(relsOf(p).toLowerCase());
    }
  }
  const items = real.size > 0 ? await lw.sharedStringItems() : [];
  const bySheetPart = new Map(lw.sheets.map((s) => [s.part.toLowerCase(), s]));
  const sst = lw.sharedStringsPart?.toLowerCase() ?? null;
  const parts: ZipPart[] = [];
  for (const e of lw.pkg.entries) {
    const lower = e.name.toLowerCase();
    if (skip.has(lower) || /(^|\/)calcchain\.xml$/.test(lower)) continue;
    const sheet = bySheetPart.get(lower);
    if (sheet && !real.has(sheet)) {
      parts.push({ name: e.name, data: Buffer.from(STUB_SHEET), store: true });
    } else if (sheet) {
      const xml = (await lw.pkg.text(e.name)) ?? "";
      parts.push({
        name: e.name,
        data: Buffer.from(inlineSharedStrings(xml, items, 0)),
        store: true,
      });
    } else if (lower === sst) {
      parts.push({ name: e.name, data: Buffer.from(EMPTY_SST), store: true });
    } else parts.push(raw(lw, e));
  }
  ensureChartSupport();
  const wb = new Workbook();
  await wb.xlsx.load(writeZipParts(parts));
  shareStyleParts(wb);
  const names = new Set([...real].map((s) => s.name.toLowerCase()));
  keepControlEscapes(wb.worksheets.filter((ws) => names.has(ws.name.toLowerCase())));
  return wb;
}

/**
 * Bring sheets' content into a workbook loaded in part, in place of their stubs: the sheets are
 * loaded on their own (every other sheet a stub) and each one's model moved in. Only sheets
 * `movable` says can be moved.
 */
export async function loadSheetsInto(
  wb: Workbook,
  lw: LeanWorkbook,
  sheets: Set<LeanSheet>
): Promise<void> {
  const loaded = await loadPartial(lw, sheets);
  for (const sheet of sheets) {
    const from = loaded.getWorksheet(sheet.name);
    const to = wb.getWorksheet(sheet.name);
    if (!from || !to) continue;
    const model = from.model;
    to.model = { ...model, id: to.id, name: to.name, state: to.state } as typeof model;
  }
}
