/**
 * Writing an excelts workbook fast. excelts spends most of a large save on two things this
 * module takes away, without changing a byte of what it writes:
 *
 * - Styles. Every cell holds its own copy of its style (excelts copies it on load and on every
 *   style setter), and the writer turns each copy into XML to find its style index. It caches
 *   by object identity, so cells whose styles are equal are given one shared object for the
 *   write, and their own objects back (ownStyles) before the workbook is changed again, so an
 *   edit to one cell never touches another.
 * - Tiny writes. The writer hands the zip every few bytes of XML, each encoded to UTF-8 and
 *   pushed through the compressor on its own; entries are buffered into 64 KB chunks instead,
 *   through excelts's own zip-writer hook (XLSX.createZipWriter). If a later excelts drops the
 *   hook, saving still works, only slower.
 *
 * Two things it does change, for correctness: dates in a workbook on the 1904 date system
 * (datesInDateSystem), and markup excelts writes that the Office Open XML schema refuses
 * (validMarkup), which Excel would offer to "repair".
 *
 * No Node APIs (save.ts adds the Node part of saving), so the pane can write workbooks too.
 */
import type { Cell, Workbook } from "@cj-tech-master/excelts";
import { isDateFormat } from "../../domain/dates";
import { escapeSentinels, serialToDate } from "./cells";
import { bufferedEntry, writeWithEntries, type ZipEntry } from "./zip-entries";

export { bufferedEntry };

type Style = Record<string, unknown>;
interface StyledCell {
  style: Style;
}

/** Structural equality of two JSON-like values (style objects: plain objects, strings, numbers). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  // No Object.keys: this runs for every cell of a large workbook, and arrays are garbage.
  const x = a as Style;
  const y = b as Style;
  let n = 0;
  for (const k in x) {
    if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
    if (!Object.prototype.hasOwnProperty.call(y, k) || !sameJson(x[k], y[k])) return false;
    n++;
  }
  for (const k in y) if (Object.prototype.hasOwnProperty.call(y, k)) n--;
  return n === 0;
}

function isEmpty(o: Style): boolean {
  for (const key in o) if (Object.prototype.hasOwnProperty.call(o, key)) return false;
  return true;
}

interface StyledRow extends StyledCell {
  _cells?: ((StyledCell & { type: number }) | undefined)[];
}

/**
 * Every row and cell the writer writes, with its column: excelts writes each row and cell it
 * holds (ws._rows, row._cells), formatted empty cells included, which the public eachRow and
 * eachCell skip. Falls back to those if the arrays are not there.
 */
function eachStyled(
  wb: Workbook,
  onSheet: () => void,
  onRow: (row: StyledCell) => void,
  onCell: (cell: StyledCell & { type: number }, col: number) => void
): void {
  wb.eachSheet((ws) => {
    onSheet();
    const rows = (ws as unknown as { _rows?: (StyledRow | undefined)[] })._rows;
    if (!Array.isArray(rows)) {
      ws.eachRow({ includeEmpty: false }, (row) => {
        onRow(row as unknown as StyledCell);
        row.eachCell({ includeEmpty: false }, (cell, col) =>
          onCell(cell as unknown as StyledCell & { type: number }, col)
        );
      });
      return;
    }
    for (const row of rows) {
      if (!row) continue;
      onRow(row);
      const cells = row._cells;
      if (!Array.isArray(cells)) continue;
      for (let col = 0; col < cells.length; col++) {
        const cell = cells[col];
        if (cell) onCell(cell, col);
      }
    }
  });
}

/**
 * Give cells (and rows) with equal styles one shared style object, for the write; ownStyles
 * gives them their own objects again before the workbook is next changed (not at once: the
 * cells' own objects, kept alive for that, would raise the write's peak of memory). Most cells
 * share the style of the cell above them, so that is tried first; otherwise a key of the
 * style's JSON finds the shared object. A style without a number format is shared only between
 * cells of one value type, because excelts picks the default format of such a cell by its type
 * (a date gets a date format) and caches it per object.
 */
export function shareStyles(wb: Workbook): void {
  const byKey = new Map<string, Style>();
  const empty = new Map<number, Style>();
  const rowStyles = new Map<string, Style>();
  let above: (Style | undefined)[] = [];
  let aboveType: number[] = [];
  eachStyled(
    wb,
    () => {
      above = [];
      aboveType = [];
    },
    (row) => {
      // Rows have styles too (usually empty), written the same way.
      if (!row.style || typeof row.style !== "object") return;
      const key = isEmpty(row.style) ? "{}" : JSON.stringify(row.style);
      const shared = rowStyles.get(key);
      if (!shared) rowStyles.set(key, row.style);
      else row.style = shared;
    },
    (cell, col) => {
      const style = cell.style;
      if (!style || typeof style !== "object") return;
      const typed = style.numFmt === undefined;
      let shared: Style | undefined = above[col];
      if (
        shared === undefined ||
        (typed && aboveType[col] !== cell.type) ||
        !sameJson(style, shared)
      ) {
        if (typed && isEmpty(style)) {
          shared = empty.get(cell.type);
          if (!shared) empty.set(cell.type, (shared = style));
        } else {
          const key = (typed ? `${cell.type}|` : "") + JSON.stringify(style);
          shared = byKey.get(key);
          if (!shared) byKey.set(key, (shared = style));
        }
        above[col] = shared;
        aboveType[col] = cell.type;
      }
      cell.style = shared;
    }
  );
  // Saved twice with no change between: what the first write shared is still shared.
  const shared = sharedStyles.get(wb) ?? new Set<Style>();
  for (const map of [byKey, empty, rowStyles]) for (const style of map.values()) shared.add(style);
  sharedStyles.set(wb, shared);
}

/** Style objects a workbook's cells share since its last write (see shareStyles). */
const sharedStyles = new WeakMap<Workbook, Set<Style>>();

/**
 * Give every cell and row whose style object is shared (since the last write) an object of its
 * own again, so that a setter on one cell (cell.numFmt = ..., which changes the style object in
 * place) changes only that cell. The copy is shallow: style parts stay shared, as they are
 * never changed in place. Does nothing when nothing is shared. Call before changing the
 * workbook after a write.
 */
export function ownStyles(wb: Workbook): void {
  const shared = sharedStyles.get(wb);
  if (!shared) return;
  sharedStyles.delete(wb);
  const own = (holder: StyledCell) => {
    if (holder.style && shared.has(holder.style)) holder.style = { ...holder.style };
  };
  eachStyled(wb, () => undefined, own, own);
}

/**
 * Would excelts read a number in this format as a date? The same test as its own isDateFmt,
 * which it does not export: the first section, without [...] and "..." parts, has no @ and has
 * a date or time code.
 */
export function exceltsReadsAsDate(format: string): boolean {
  let first = "";
  let quoted = false;
  let bracketed = false;
  for (const ch of format) {
    if (ch === '"' && !bracketed) quoted = !quoted;
    else if (ch === "[" && !quoted) bracketed = true;
    else if (ch === "]" && !quoted) bracketed = false;
    else if (ch === ";" && !quoted && !bracketed) break;
    first += ch;
  }
  const clean = first.replace(/\[[^\]]*\]|"[^"]*"/g, "");
  return !clean.includes("@") && /[ymdhMsb]/.test(clean);
}

/**
 * A workbook on the 1904 date system (an option of old Mac workbooks) counts its date serials
 * from 1904: the same day is 1,462 less than in the 1900 system that plans use. excelts reads
 * every number in a date format as the Date of its day, and writes Dates back in the workbook's
 * system, but writes numbers as they are. So before a write, each number in a date format
 * becomes the Date of its day, or it would show four years and a day late. Such a number is
 * one this host wrote from a plan: one loaded from the file would have been read as a Date
 * (exceltsReadsAsDate), and one excelts left as a number is left alone. Does nothing on the
 * usual 1900 system.
 */
export function datesInDateSystem(wb: Workbook): void {
  if (!(wb.properties as { date1904?: boolean }).date1904) return;
  eachStyled(
    wb,
    () => undefined,
    () => undefined,
    (styled) => {
      const cell = styled as unknown as Cell;
      const format = styled.style?.numFmt;
      if (
        typeof cell.value === "number" &&
        typeof format === "string" &&
        isDateFormat(format) &&
        exceltsReadsAsDate(format)
      ) {
        cell.value = serialToDate(cell.value);
      }
    }
  );
}

const PARTS = ["font", "alignment", "border", "fill", "protection"] as const;
type Part = (typeof PARTS)[number];

/** Shared style parts, by kind and JSON; cleared if it ever grows large (it holds a few dozen). */
const sharedParts = new Map<string, unknown>();
const MAX_SHARED_PARTS = 10_000;

/**
 * The one shared object for a style part equal to this one (font, alignment, border, fill,
 * protection). For parts this host writes, so that thousands of cells styled alike hold one
 * object each, as loaded cells do after shareStyleParts. The part must not be changed later:
 * neither excelts nor this host changes a part in place.
 */
export function sharedPart<T>(part: Part, value: T): T {
  const key = part + JSON.stringify(value);
  const found = sharedParts.get(key);
  if (found !== undefined) return found as T;
  if (sharedParts.size >= MAX_SHARED_PARTS) sharedParts.clear();
  sharedParts.set(key, value);
  return value;
}

/**
 * Share the parts of cell styles (font, alignment, border, fill, protection) between cells
 * whose parts are equal, keeping each cell's own top-level style object. excelts copies every
 * part for every cell it loads, which is a third of the memory of a large workbook. Safe
 * because neither excelts nor this host changes a part in place: a setter (cell.font = ...)
 * replaces the whole part on the cell's own style.
 */
export function shareStyleParts(wb: Workbook): void {
  let above: (Style | undefined)[] = [];
  eachStyled(
    wb,
    () => {
      above = [];
    },
    () => undefined,
    (cell, col) => {
      const style = cell.style;
      if (!style || typeof style !== "object") return;
      const prev = above[col];
      for (const part of PARTS) {
        const value = style[part];
        if (!value || typeof value !== "object") continue;
        const before = prev?.[part];
        if (before === value) continue;
        if (before !== undefined && sameJson(before, value)) {
          style[part] = before;
          continue;
        }
        style[part] = sharedPart(part, value);
      }
      above[col] = style;
    }
  );
}

/**
 * excelts 10.2 writes `editAs` on every `xdr:oneCellAnchor` (one-cell-anchor-xform.js renders
 * `editAs: model.range.editAs ?? "oneCell"`), but the schema declares `editAs` only on
 * `xdr:twoCellAnchor` (CT_OneCellAnchor has no attributes): Microsoft's Open XML SDK reports
 * Sch_UndeclaredAttribute for every chart, and Excel may offer to repair the file. A one-cell
 * anchor moves with its cell and keeps its size without it, which is what the attribute asked.
 * Applied to drawing parts only (xl/drawings/drawingN.xml).
 */
export function validMarkup(name: string, xml: string): string {
  if (!DRAWING_PART.test(name)) return xml;
  return xml.replace(/<xdr:oneCellAnchor(\s[^>]*)?>/g, (_tag, attrs: string | undefined) => {
    const kept = (attrs ?? "").replace(/\s+editAs="[^"]*"/g, "");
    return `<xdr:oneCellAnchor${kept}>`;
  });
}

export const DRAWING_PART = /^\/?xl\/drawings\/drawing\d+\.xml$/i;

/** An entry that gathers a part that needs validMarkup and passes on the whole part, fixed. */
function fixedEntry(name: string, entry: ZipEntry): ZipEntry {
  if (!DRAWING_PART.test(name)) return entry;
  const parts: string[] = [];
  return {
    write(chunk: string) {
      parts.push(chunk);
    },
    end() {
      entry.write(validMarkup(name, parts.join("")));
      entry.end();
    },
  };
}

/** An entry whose control-character sentinels become their escapes (see cells.ts). */
function escapingEntry(entry: ZipEntry): ZipEntry {
  return {
    write: (chunk: string) => entry.write(escapeSentinels(chunk)),
    end: () => entry.end(),
  };
}

/**
 * The workbook's bytes as excelts writes them, styles shared and zip entries buffered (chart
 * drawings fixed as they pass), and whether excelts's zip-writer hook was there: without it the
 * drawings still need validMarkup (save.ts does that). Cells share style objects afterwards:
 * call ownStyles before changing the workbook again. No Node APIs: the pane's owner workbooks
 * are written with it too.
 */
export async function writeWorkbookBytes(
  wb: Workbook,
  validate: boolean
): Promise<{ bytes: Uint8Array; hooked: boolean }> {
  datesInDateSystem(wb);
  shareStyles(wb);
  return writeWithEntries(wb, validate, (name, entry) =>
    fixedEntry(name, escapingEntry(bufferedEntry(entry)))
  );
}
