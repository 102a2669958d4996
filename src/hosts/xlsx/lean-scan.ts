/**
 * A sheet streamed lean (lean.ts): its XML pushed in steps, the cells a scan wants handed over
 * as excelts would read them, the rest of sheetData skipped, and the markup around sheetData
 * kept for the sheet's extras. Node only (hosts/xlsx).
 */
import { columnLetter } from "../../domain/columns";
import type { CellValue } from "../../workbook/plan";
import { extrasOf, type SheetExtras } from "./lean-extras";
import { NotLean } from "./lean-parts";
import { inlineText } from "./lean-strings";
import { resultOf, slideFormula, valueOf, type DateStyles } from "./lean-values";
import { attributes, decodeEntities, endsName, tagEnd } from "./xml";

/** The cells a scan keeps, and what to do with each. */
export interface ScanWant {
  /** 1-based sheet rows to keep, inclusive. */
  fromRow: number;
  toRow: number;
  /** 1-based sheet columns to keep (true at index col). */
  cols: boolean[];
  /**
   * Called for each cell element kept: its value, its formula ("=..." or null), and whether it
   * is a formula cell (one can be without a formula excelts can give).
   */
  cell(
    row: number,
    col: number,
    value: CellValue,
    formula: string | null,
    isFormula: boolean,
    /** The cell's style index (s="N"; 0 when it has none): its number format is formatOf(style). */
    style: number
  ): void;
}

/**
 * Where `pattern` first starts in buf[from, to), or -1. Unlike indexOf it never looks past
 * `to`: a cell's few characters are searched, not the rest of the sheet.
 */
function findIn(buf: string, pattern: string, from: number, to: number): number {
  const first = pattern.charCodeAt(0);
  const last = to - pattern.length;
  outer: for (let i = from; i <= last; i++) {
    if (buf.charCodeAt(i) !== first) continue;
    for (let k = 1; k < pattern.length; k++)
      if (buf.charCodeAt(i + k) !== pattern.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

/** The text of the first element `name` in buf[from, to), entity-decoded later; null if none. */
function leafIn(buf: string, from: number, to: number, name: string): string | null {
  const open = `<${name}`;
  let at = buf.indexOf(open, from);
  while (at >= 0 && at < to && !endsName(buf, at + open.length)) at = buf.indexOf(open, at + 1);
  if (at < 0 || at >= to) return null;
  const close = tagEnd(buf, at);
  if (close < 0 || close >= to) return null;
  if (buf.charCodeAt(close - 1) === 47) return null;
  const end = buf.indexOf(`</${name}>`, close);
  if (end < 0 || end > to) return null;
  return buf.slice(close + 1, end);
}

/**
 * A sheet's XML, pushed in steps: cells in the rows and columns wanted are read; the rest of
 * sheetData is skipped (shared formula masters are noted wherever they are); the markup before
 * and after sheetData is kept for the extras.
 */
export class SheetScanner {
  private state: "head" | "data" | "tail" = "head";
  private buf = "";
  private head = "";
  private headParts: string[] = [];
  private tail: string[] = [];
  private lastRow = 0;
  /** Shared formula masters: si -> [formula, address]. */
  private masters = new Map<string, [string, string]>();

  constructor(
    private readonly lw: DateStyles,
    private readonly sst: string[],
    private readonly want: ScanWant | null
  ) {}

  push(text: string): void {
    if (this.state === "tail") {
      this.tail.push(text);
      return;
    }
    if (this.state === "head") {
      // Look only at what is new (and the few characters before it), whatever the head's size.
      const from = this.buf.startsWith("<sheetData") ? 0 : Math.max(0, this.buf.length - 16);
      this.buf += text;
      const at = this.buf.indexOf("<sheetData", from);
      if (at < 0) {
        this.headParts.push(this.buf.slice(0, Math.max(0, this.buf.length - 16)));
        this.buf = this.buf.slice(Math.max(0, this.buf.length - 16));
        return;
      }
      const close = tagEnd(this.buf, at);
      if (close < 0) {
        this.headParts.push(this.buf.slice(0, at));
        this.buf = this.buf.slice(at);
        return;
      }
      this.head = this.headParts.join("") + this.buf.slice(0, at);
      this.headParts = [];
      if (this.buf.charCodeAt(close - 1) === 47) {
        this.state = "tail";
        this.tail.push(this.buf.slice(close + 1));
        this.buf = "";
        return;
      }
      this.state = "data";
      this.buf = this.buf.slice(close + 1);
      this.rows(false);
      return;
    }
    // A row longer than a step: wait for its end without searching the whole buffer again.
    const from = Math.max(0, this.buf.length - 12);
    this.buf += text;
    if (this.buf.indexOf("</row>", from) < 0 && this.buf.indexOf("</sheetData>", from) < 0) return;
    this.rows(false);
  }

  /** Read the complete rows in the buffer; keep what follows the last of them. */
  private rows(final: boolean): void {
    const buf = this.buf;
    const endData = buf.indexOf("</sheetData>");
    const limit =
      endData >= 0 ? endData : final ? buf.length : Math.max(0, buf.lastIndexOf("</row>") + 6);
    let at = 0;
    const end = limit;
    while (at < end) {
      const open = buf.indexOf("<row", at);
      if (open < 0 || open >= end) break;
      if (!endsName(buf, open + 4)) {
        at = open + 4;
        continue;
      }
      const close = tagEnd(buf, open);
      if (close < 0 || close >= end) break;
      const tag = buf.slice(open, close + 1);
      const r = rowNumberOf(tag);
      const row = Number.isNaN(r) ? this.lastRow + 1 : r;
      this.lastRow = row;
      if (buf.charCodeAt(close - 1) === 47) {
        at = close + 1;
        continue;
      }
      const rowEnd = buf.indexOf("</row>", close);
      if (rowEnd < 0 || rowEnd > end) break;
      const want = this.want;
      if (want && row >= want.fromRow && row <= want.toRow) this.cells(buf, close + 1, rowEnd, row);
      else if (hasSharedMaster(buf, close + 1, rowEnd))
        this.cells(buf, close + 1, rowEnd, row, true);
      at = rowEnd + 6;
    }
    if (endData >= 0) {
      this.state = "tail";
      this.tail.push(buf.slice(endData + "</sheetData>".length));
      this.buf = "";
    } else {
      this.buf = buf.slice(Math.min(at, buf.length));
    }
  }

  /** The cells of one row (between its tags); with mastersOnly, just note shared formulas. */
  private cells(buf: string, from: number, to: number, row: number, mastersOnly = false): void {
    const want = this.want;
    let col = 0;
    let at = from;
    for (;;) {
      const open = buf.indexOf("<c", at);
      if (open < 0 || open >= to) return;
      if (!endsName(buf, open + 2)) {
        at = open + 2;
        continue;
      }
      const close = tagEnd(buf, open);
      if (close < 0 || close > to) return;
      // r (its column), s and t, without a string or an object per attribute.
      let refCol = 0;
      let hasRef = false;
      let style = 0;
      let t = "n";
      let i = open + 2;
      while (i < close) {
        const c = buf.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) {
          i++;
          continue;
        }
        const eq = buf.indexOf("=", i);
        if (eq < 0 || eq > close) break;
        let q = eq + 1;
        while (q < close && buf.charCodeAt(q) !== 34 && buf.charCodeAt(q) !== 39) q++;
        if (q >= close) break;
        const vEnd = buf.indexOf(buf[q], q + 1);
        if (vEnd < 0) break;
        let nameEnd = eq;
        while (nameEnd > i && buf.charCodeAt(nameEnd - 1) <= 32) nameEnd--;
        if (nameEnd - i === 1) {
          const name = buf.charCodeAt(i);
          if (name === 114) {
            // r="B12": the column's letters
            hasRef = true;
            refCol = 0;
            for (let k = q + 1; k < vEnd; k++) {
              const u = buf.charCodeAt(k) & ~32;
              if (u >= 65 && u <= 90) refCol = refCol * 26 + (u - 64);
              else if (buf.charCodeAt(k) !== 36) break;
            }
          } else if (name === 115) {
            style = 0;
            for (let k = q + 1; k < vEnd; k++) {
              const d = buf.charCodeAt(k) - 48;
              if (d < 0 || d > 9) break;
              style = style * 10 + d;
            }
          } else if (name === 116) t = vEnd - q - 1 === 1 ? buf[q + 1] : buf.slice(q + 1, vEnd);
        }
        i = vEnd + 1;
      }
      col = hasRef && refCol > 0 ? refCol : col + 1;
      const empty = buf.charCodeAt(close - 1) === 47;
      let endTag = close + 1;
      if (!empty) {
        endTag = buf.indexOf("</c>", close);
        if (endTag < 0 || endTag > to) return;
      }
      at = empty ? close + 1 : endTag + 4;
      const wanted = !mastersOnly && want !== null && want.cols[col] === true;
      const fAt = empty ? -1 : findIn(buf, "<f", close, endTag);
      if (!wanted) {
        // Not kept, but a shared formula's master may be needed by a cell that is.
        if (fAt >= 0) {
          const inner = buf.slice(close + 1, endTag);
          this.formula(inner, fAt - close - 1, this.address(buf, open, close, col, row));
        }
        continue;
      }
      if (empty) {
        want.cell(row, col, null, null, false, style);
        continue;
      }
      let formula: string | null | undefined = null;
      if (fAt >= 0) {
        const inner = buf.slice(close + 1, endTag);
        formula = this.formula(inner, fAt - close - 1, this.address(buf, open, close, col, row));
      }
      const vText = leafIn(buf, close + 1, endTag, "v");
      // An empty <v></v> is no value (excelts sees no text).
      const v = vText === "" ? null : vText;
      if (formula !== null) {
        want.cell(row, col, resultOf(this.lw, t, style, v), formula ?? null, true, style);
        continue;
      }
      let inline: string | null = null;
      if (t === "inlineStr") {
        const isAt = findIn(buf, "<is", close, endTag);
        inline = isAt >= 0 ? inlineText(buf.slice(isAt, endTag)) : null;
      }
      want.cell(row, col, valueOf(this.lw, this.sst, t, style, v, inline), null, false, style);
    }
  }

  /** A cell's address: its r attribute, or its column and row. */
  private address(buf: string, open: number, close: number, col: number, row: number): string {
    const m = /\sr\s*=\s*["']([^"']*)["']/.exec(buf.slice(open, close));
    return m ? m[1] : columnLetter(col - 1) + row;
  }

  /**
   * The formula of a cell whose <f> starts at fAt ("=..."); null when excelts would not see a
   * formula; undefined for a formula cell whose formula it cannot give (a follower of a shared
   * formula without its master, an array formula without text). A shared formula's master is
   * noted; a follower is its master's formula moved here.
   */
  private formula(inner: string, fAt: number, address: string): string | null | undefined {
    if (!endsName(inner, fAt + 2)) return null;
    const close = tagEnd(inner, fAt);
    if (close < 0) return null;
    const tag = inner.slice(fAt, close + 1);
    const a = tag.indexOf(" ") >= 0 ? attributes(tag) : {};
    let text = "";
    if (inner.charCodeAt(close - 1) !== 47) {
      const end = inner.indexOf("</f>", close);
      text = decodeEntities(inner.slice(close + 1, end < 0 ? inner.length : end));
    }
    if (a.t === "shared" && a.si !== undefined) {
      if (a.ref !== undefined) {
        if (text) this.masters.set(a.si, [text, address]);
      } else if (!text) {
        const master = this.masters.get(a.si);
        if (!master) return undefined;
        return "=" + slideFormula(master[0], master[1], address);
      }
    }
    if (!text) return a.t !== undefined ? undefined : null;
    return text.startsWith("=") ? text : "=" + text;
  }

  finish(): SheetExtras {
    if (this.state === "head") {
      const head = this.headParts.join("") + this.buf;
      if (head.indexOf(":sheetData") >= 0 || head.indexOf("<worksheet") < 0)
        throw new NotLean("a prefixed or unexpected worksheet part");
      this.head = head;
    } else if (this.state === "data") {
      this.rows(true);
      if (this.state === "data") throw new NotLean("a worksheet part that ends in its data");
    }
    return extrasOf(this.head, this.tail.join(""));
  }
}

function rowNumberOf(tag: string): number {
  const at = tag.search(/\sr\s*=\s*["']/);
  if (at < 0) return NaN;
  const q = tag.indexOf(tag[tag.indexOf("=", at) + 1] === '"' ? '"' : "'", at);
  return parseInt(tag.slice(q + 1), 10);
}

function hasSharedMaster(buf: string, from: number, to: number): boolean {
  return findIn(buf, "<f", from, to) >= 0 && findIn(buf, "ref=", from, to) >= 0;
}
