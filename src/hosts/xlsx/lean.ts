/**
 * A workbook read lean: what a snapshot needs, straight from the package's XML, without loading
 * the workbook into excelts. The workbook part, its relationships, the styles' number formats
 * and the tables' definitions are read whole (they are small); shared strings are read when a
 * sheet needs them; a sheet is streamed, and only the cells asked for are kept.
 *
 * It reads what excelts reads, the way excelts reads it, so a snapshot is the same either way
 * (tests/hosts/xlsx/lean.test.ts compares them): values by cell type, numbers in a date format
 * as dates (1904 system too), the _xHHHH_ escapes, rich text, shared formulas, hyperlinks.
 * Anything it does not expect (a prefixed main namespace, say) throws NotLean, and the host
 * reads the workbook through excelts instead. Node only (hosts/xlsx).
 */
import { columnLetter } from "../../domain/columns";
import type { CellValue } from "../../workbook/plan";
import { colIndex, dateToSerial, decodeXString, exceltsDecode } from "./cells";
import { XlsxPackage, relsOf, resolveTarget } from "./package";
import { exceltsReadsAsDate } from "./write";
import { attributes, decodeEntities, eachTag, elementBody, endsName, tagEnd } from "./xml";

/** Thrown when a workbook is not one the lean reader reads as excelts would. */
export class NotLean extends Error {
  constructor(why: string) {
    super(`not read lean: ${why}`);
    this.name = "NotLean";
  }
}

const REL_WORKSHEET = /\/worksheet$/;
const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_STYLES = /\/styles$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_TABLE = /\/table$/;

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The part it points to (for an internal target). */
  part: string;
}

export function parseRels(xml: string | null, from: string): Relationship[] {
  const out: Relationship[] = [];
  if (!xml) return out;
  eachTag(xml, "Relationship", (tag) => {
    const a = attributes(tag);
    const external = a.TargetMode === "External";
    const target = a.Target ?? "";
    out.push({
      id: a.Id ?? "",
      type: a.Type ?? "",
      target,
      external,
      part: external ? "" : resolveTarget(from, target),
    });
  });
  return out;
}

export interface LeanSheet {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  /** The worksheet part, e.g. xl/worksheets/sheet1.xml. */
  part: string;
  /** Its relationship id in the workbook part. */
  rid: string;
  sheetId: string;
}

export interface LeanTable {
  name: string;
  sheet: LeanSheet;
  part: string;
  /** 0-based sheet row of the header (or first row) and first column. */
  row: number;
  col: number;
  headers: string[];
  bodyRows: number;
  hasHeader: boolean;
  id: number;
}

/** excelts's built-in number formats (defaultnumformats.js, the ids it gives a code). */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

const MS_PER_DAY = 86_400_000;

/** A number excelts reads as a date (excelToDate), as the snapshot carries it (a 1900 serial). */
function dateValue(n: number, date1904: boolean): CellValue {
  const d = new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * MS_PER_DAY));
  return Number.isNaN(d.getTime()) ? null : dateToSerial(d);
}

/** A number as plainValue gives it. */
const finite = (n: number): CellValue => (Number.isFinite(n) ? n : null);

/** The column (1-based) and row of an A1 address; row NaN when it has none. */
function decodeCell(ref: string): { col: number; row: number } {
  let i = 0;
  let col = 0;
  const n = ref.length;
  while (i < n) {
    const c = ref.charCodeAt(i);
    if (c === 36) {
      i++;
      continue;
    }
    const u = c >= 97 ? c - 32 : c;
    if (u < 65 || u > 90) break;
    col = col * 26 + (u - 64);
    i++;
  }
  let row = 0;
  let digits = 0;
  while (i < n) {
    const c = ref.charCodeAt(i);
    if (c === 36) {
      i++;
      continue;
    }
    if (c < 48 || c > 57) break;
    row = row * 10 + (c - 48);
    digits++;
    i++;
  }
  return { col, row: digits ? row : NaN };
}

/**
 * A shared formula moved from its master cell to another (excelts's slideFormula): relative
 * references shift by the offset, absolute ones stay, names and functions are left alone.
 */
export function slideFormula(formula: string, from: string, to: string): string {
  const a = decodeCell(from);
  const b = decodeCell(to);
  return formula.replace(
    /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi,
    (match: string, sheet: string | undefined, _s: string, addr: string, paren: string) => {
      if (paren) return match;
      const m = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i.exec(addr);
      if (!m) return match;
      const letters = m[2].toUpperCase();
      if (letters.length > 3 || (letters.length === 3 && letters > "XFD")) return match;
      let col = colIndex(letters) + 1;
      let row = parseInt(m[4], 10);
      if (!m[1]) col += b.col - a.col;
      if (!m[3]) row += b.row - a.row;
      return (sheet ?? "") + (m[1] ?? "") + columnLetter(col - 1) + (m[3] ?? "") + row;
    }
  );
}

/** The text of <t> elements in a run of XML (rich text runs, inline strings), each decoded. */
function runTexts(xml: string): string[] {
  const out: string[] = [];
  let at = xml.indexOf("<t");
  while (at >= 0) {
    if (!endsName(xml, at + 2)) {
      at = xml.indexOf("<t", at + 2);
      continue;
    }
    const { body, end } = elementBody(xml, at, "t");
    out.push(exceltsDecode(decodeEntities(body)));
    at = xml.indexOf("<t", end);
  }
  return out;
}

/** Phonetic runs (<rPh>) are not part of the text. */
function withoutPhonetic(xml: string): string {
  return xml.indexOf("<rPh") < 0 ? xml : xml.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, "");
}

/** A shared string or inline string's text, as the snapshot gives it. */
function stringItem(xml: string): string {
  // Most items are one plain <t>: read it without a search for runs.
  if (xml.charCodeAt(0) === 60 && xml.charCodeAt(1) === 116 && endsName(xml, 2)) {
    const close = tagEnd(xml, 0);
    if (close > 0 && xml.charCodeAt(close - 1) !== 47) {
      const end = xml.indexOf("</t>", close);
      if (end >= 0 && end + 4 === xml.length)
        return decodeXString(exceltsDecode(decodeEntities(xml.slice(close + 1, end))));
    }
  }
  const body = withoutPhonetic(xml);
  const rich = /<r[\s>]/.test(body);
  const texts = runTexts(body);
  // A plain item is its one <t>; rich text is its runs joined (plainValue joins them).
  return decodeXString(rich ? texts.join("") : (texts[0] ?? ""));
}

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

/** What a sheet holds besides its cells, read from the XML around its sheetData. */
export interface SheetExtras {
  protected: boolean;
  tabSelected: boolean;
  /** excelts's data-validation model order: [key, list formula or null]. */
  validations: [string, { type: string; formula: string | null }][];
  /** Conditional formats: each ref (sqref) and how many rules it carries. */
  conditionalFormats: { ref: string; rules: number }[];
  /** Cell refs (or ranges) with a hyperlink. */
  hyperlinks: string[];
}

export class LeanWorkbook {
  sheets: LeanSheet[] = [];
  activeTab = 0;
  date1904 = false;
  /** Per cell style (s="N"): the number format excelts gives it, and whether it reads dates. */
  private formats: (string | undefined)[] = [];
  private dates: boolean[] = [];
  private sstPart: string | null = null;
  private sst: string[] | null = null;
  private tableList: LeanTable[] | null = null;
  workbookPart = "xl/workbook.xml";
  workbookRels: Relationship[] = [];

  private constructor(readonly pkg: XlsxPackage) {}

  static async open(pkg: XlsxPackage): Promise<LeanWorkbook> {
    const lw = new LeanWorkbook(pkg);
    await lw.load();
    return lw;
  }

  private async load(): Promise<void> {
    const root = parseRels(await this.pkg.text("_rels/.rels"), "");
    const office = root.find((r) => REL_OFFICE_DOCUMENT.test(r.type));
    if (office) this.workbookPart = office.part;
    const xml = await this.pkg.text(this.workbookPart);
    if (xml === null) throw new NotLean("no workbook part");
    if (xml.indexOf("<sheets") < 0) throw new NotLean("a prefixed workbook part");
    this.workbookRels = parseRels(
      await this.pkg.text(relsOf(this.workbookPart)),
      this.workbookPart
    );
    const byId = new Map(this.workbookRels.map((r) => [r.id, r]));
    eachTag(xml, "workbookPr", (tag) => {
      this.date1904 = attributes(tag).date1904 === "1";
    });
    let firstView = true;
    eachTag(xml, "workbookView", (tag) => {
      if (!firstView) return;
      firstView = false;
      const tab = attributes(tag).activeTab;
      this.activeTab = tab !== undefined ? parseInt(tab, 10) || 0 : 0;
    });
    eachTag(xml, "sheet", (tag) => {
      const a = attributes(tag);
      const ridKey = Object.keys(a).find((k) => /(^|:)id$/.test(k) && k !== "sheetId");
      const rel = ridKey ? byId.get(a[ridKey]) : undefined;
      if (!rel || !REL_WORKSHEET.test(rel.type)) return;
      this.sheets.push({
        name: a.name ?? "",
        state:
          a.state === "veryHidden" ? "veryHidden" : a.state === "hidden" ? "hidden" : "visible",
        part: rel.part,
        rid: rel.id,
        sheetId: a.sheetId ?? "",
      });
    });
    const styles = this.workbookRels.find((r) => REL_STYLES.test(r.type));
    if (styles) this.loadStyles(await this.pkg.text(styles.part));
    const sst = this.workbookRels.find((r) => REL_SHARED_STRINGS.test(r.type));
    this.sstPart = sst ? sst.part : null;
  }

  private loadStyles(xml: string | null): void {
    if (!xml) return;
    const custom = new Map<number, string>();
    eachTag(xml, "numFmt", (tag) => {
      const a = attributes(tag);
      if (a.numFmtId !== undefined && a.formatCode !== undefined)
        custom.set(parseInt(a.numFmtId, 10), a.formatCode);
    });
    const start = xml.indexOf("<cellXfs");
    if (start < 0) return;
    const { body } = elementBody(xml, start, "cellXfs");
    eachTag(body, "xf", (tag) => {
      const id = parseInt(attributes(tag).numFmtId ?? "0", 10);
      // excelts: a numFmtId of 0 (General) gives no format at all.
      const code = id ? (custom.get(id) ?? BUILT_IN_FORMATS[id]) : undefined;
      this.formats.push(code);
      this.dates.push(code !== undefined && exceltsReadsAsDate(code));
    });
  }

  /** The number format of a cell style, as excelts gives it (undefined: none). */
  formatOf(style: number): string | undefined {
    return this.formats[style];
  }

  sheet(name: string): LeanSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** Every table, sheet by sheet in workbook order, each sheet's in its tableParts order. */
  async tables(): Promise<LeanTable[]> {
    if (this.tableList) return this.tableList;
    const list: LeanTable[] = [];
    for (const sheet of this.sheets) {
      const rels = parseRels(await this.pkg.text(relsOf(sheet.part)), sheet.part);
      const tables = rels.filter((r) => REL_TABLE.test(r.type) && !r.external);
      for (const rel of tables) {
        const xml = await this.pkg.text(rel.part);
        if (!xml) continue;
        const at = xml.indexOf("<table");
        if (at < 0 || !endsName(xml, at + 6)) throw new NotLean(`a prefixed table part`);
        const a = attributes(xml.slice(at, tagEnd(xml, at) + 1));
        const ref = a.ref ?? "";
        const [tl, br] = ref.split(":");
        const top = decodeCell(tl ?? "");
        const bottom = decodeCell(br ?? tl ?? "");
        const headers: string[] = [];
        const cols = xml.indexOf("<tableColumns");
        if (cols >= 0) {
          const { body } = elementBody(xml, cols, "tableColumns");
          eachTag(body, "tableColumn", (tag) =>
            headers.push(exceltsDecode(attributes(tag).name ?? ""))
          );
        }
        const hasHeader = a.headerRowCount !== "0";
        const totals = a.totalsRowCount === "1";
        const rows = Number.isNaN(top.row) ? 1 : bottom.row - top.row + 1;
        list.push({
          name: a.name ?? "",
          sheet,
          part: rel.part,
          row: Number.isNaN(top.row) ? 0 : top.row - 1,
          col: Math.max(0, top.col - 1),
          headers,
          hasHeader,
          bodyRows: Math.max(0, rows - (hasHeader ? 1 : 0) - (totals ? 1 : 0)),
          id: parseInt(a.id ?? "0", 10),
        });
      }
    }
    this.tableList = list;
    return list;
  }

  async table(name: string): Promise<LeanTable | undefined> {
    const lower = name.toLowerCase();
    return (await this.tables()).find((t) => t.name.toLowerCase() === lower);
  }

  /** The shared strings, each as the snapshot gives it (read once, when a sheet needs them). */
  async sharedStrings(): Promise<string[]> {
    if (this.sst) return this.sst;
    const out: string[] = [];
    await this.eachSharedString((inner) => out.push(inner === null ? "" : stringItem(inner)));
    this.sst = out;
    return out;
  }

  /**
   * The shared strings as written: each item's content (what goes between <si> and </si>, or
   * in an inline string's <is>), phonetic runs left out. Not kept: the caller keeps what it needs.
   */
  async sharedStringItems(): Promise<string[]> {
    const out: string[] = [];
    await this.eachSharedString((inner) =>
      out.push(
        inner === null ? "<t></t>" : withoutPhonetic(inner).replace(/<phoneticPr[^>]*\/>/g, "")
      )
    );
    return out;
  }

  /** Each <si>'s content in order (null for an empty <si/>), streamed. */
  private async eachSharedString(fn: (inner: string | null) => void): Promise<void> {
    if (!this.sstPart) return;
    let buf = "";
    const take = (final: boolean) => {
      let at = 0;
      for (;;) {
        const open = buf.indexOf("<si", at);
        if (open < 0) break;
        // "<si" at the very end of a step: whether it is <si> (or <sis…>) is in the next one,
        // so keep it for then instead of stepping over the item.
        if (open + 3 >= buf.length && !final) {
          at = open;
          break;
        }
        if (!endsName(buf, open + 3)) {
          at = open + 3;
          continue;
        }
        const close = tagEnd(buf, open);
        if (close < 0) break;
        if (buf.charCodeAt(close - 1) === 47) {
          fn(null);
          at = close + 1;
          continue;
        }
        const end = buf.indexOf("</si>", close);
        if (end < 0) break;
        fn(buf.slice(close + 1, end));
        at = end + 5;
      }
      buf = final ? "" : buf.slice(at);
    };
    await this.pkg.stream(this.sstPart, (text) => {
      buf += text;
      take(false);
    });
    take(true);
  }

  /** The shared strings part, or null. */
  get sharedStringsPart(): string | null {
    return this.sstPart;
  }

  /**
   * Stream a sheet: the cells `want` asks for are handed to it as excelts would read them; what
   * the sheet holds besides cells (protection, validations, conditional formats, hyperlinks,
   * selected tab) is returned.
   */
  async scan(sheet: LeanSheet, want: ScanWant | null): Promise<SheetExtras> {
    const sst = want ? await this.sharedStrings() : [];
    const scanner = new SheetScanner(this, sst, want);
    const found = await this.pkg.stream(sheet.part, (text) => scanner.push(text));
    if (!found) throw new NotLean(`the sheet '${sheet.name}' has no part`);
    return scanner.finish();
  }

  isDateStyle(style: number): boolean {
    return this.dates[style] === true;
  }
}

/** The cell types excelts reads (its parseClose). */
function valueOf(
  lw: LeanWorkbook,
  sst: string[],
  t: string,
  style: number,
  v: string | null,
  inline: string | null
): CellValue {
  switch (t) {
    case "s": {
      if (v === null) return null;
      const s = sst[parseInt(v, 10)];
      if (s === undefined) throw new NotLean(`a shared string index out of range (${v})`);
      return s;
    }
    case "str":
      return v === null || v === "" ? null : decodeXString(decodeEntities(v));
    case "inlineStr":
      return inline === null ? null : inline;
    case "b":
      return v === null ? null : parseInt(v, 10) !== 0;
    case "e":
      return v === null ? null : decodeEntities(v);
    case "d": {
      if (v === null) return null;
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? null : dateToSerial(d);
    }
    default: {
      if (v === null) return null;
      const n = parseFloat(v);
      return lw.isDateStyle(style) ? dateValue(n, lw.date1904) : finite(n);
    }
  }
}

/** A formula's cached result, as excelts reads it (a string result is not a date). */
function resultOf(lw: LeanWorkbook, t: string, style: number, v: string | null): CellValue {
  if (v === null || v === "") return null;
  if (t === "str") return decodeXString(decodeEntities(v));
  if (t === "b") return parseInt(v, 10) !== 0;
  if (t === "e") return decodeEntities(v);
  const n = parseFloat(v);
  return lw.isDateStyle(style) ? dateValue(n, lw.date1904) : finite(n);
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

/** The text of the first element `name` in a cell's XML, entity-decoded later; null if none. */
function leafText(xml: string, name: string): string | null {
  const open = `<${name}`;
  let at = xml.indexOf(open);
  while (at >= 0 && !endsName(xml, at + open.length)) at = xml.indexOf(open, at + 1);
  if (at < 0) return null;
  const close = tagEnd(xml, at);
  if (close < 0) return null;
  if (xml.charCodeAt(close - 1) === 47) return null;
  const end = xml.indexOf(`</${name}>`, close);
  if (end < 0) return null;
  const text = xml.slice(close + 1, end);
  return text;
}

/**
 * A sheet's XML, pushed in steps: cells in the rows and columns wanted are read; the rest of
 * sheetData is skipped (shared formula masters are noted wherever they are); the markup before
 * and after sheetData is kept for the extras.
 */
class SheetScanner {
  private state: "head" | "data" | "tail" = "head";
  private buf = "";
  private head = "";
  private headParts: string[] = [];
  private tail: string[] = [];
  private lastRow = 0;
  /** Shared formula masters: si -> [formula, address]. */
  private masters = new Map<string, [string, string]>();

  constructor(
    private readonly lw: LeanWorkbook,
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

/** An inline string's text (<is>...</is>), as the snapshot gives it. */
function inlineText(xml: string): string | null {
  const end = xml.indexOf("</is>");
  // excelts's cell reader takes the text of every <t> in <is>, phonetic runs' included.
  const body = end < 0 ? xml : xml.slice(0, end);
  const rich = /<r[\s>]/.test(body);
  const texts = runTexts(body);
  if (texts.length === 0) return null;
  // A plain inline string is excelts's value, decoded once more by plainValue.
  const text = texts.join("");
  if (!rich && text === "") return null;
  return decodeXString(text);
}

/** Protection, validations, conditional formats and hyperlinks around sheetData. */
function extrasOf(head: string, tail: string): SheetExtras {
  let tabSelected = false;
  let first = true;
  eachTag(head, "sheetView", (tag) => {
    if (!first) return;
    first = false;
    const v = attributes(tag).tabSelected;
    tabSelected = v === "1" || v === "true";
  });
  const validations = new Map<string, { type: string; formula: string | null }>();
  const dvAt = tail.indexOf("<dataValidations");
  if (dvAt >= 0) {
    const { body } = elementBody(tail, dvAt, "dataValidations");
    let at = body.indexOf("<dataValidation");
    while (at >= 0) {
      if (!endsName(body, at + 15)) {
        at = body.indexOf("<dataValidation", at + 15);
        continue;
      }
      const close = tagEnd(body, at);
      const a = attributes(body.slice(at, close + 1));
      const { body: inner, end } = elementBody(body, at, "dataValidation");
      const f1 = leafText(inner, "formula1");
      const dv = { type: a.type ?? "any", formula: f1 !== null ? decodeEntities(f1) : null };
      for (const addr of (a.sqref ?? "").split(/\s+/g)) {
        validations.set(addr.includes(":") ? `range:${addr}` : addr, dv);
      }
      at = body.indexOf("<dataValidation", end);
    }
  }
  const conditionalFormats: { ref: string; rules: number }[] = [];
  const mainIds = new Set<string>();
  let cfAt = tail.indexOf("<conditionalFormatting");
  while (cfAt >= 0) {
    if (!endsName(tail, cfAt + 22)) {
      cfAt = tail.indexOf("<conditionalFormatting", cfAt + 22);
      continue;
    }
    const close = tagEnd(tail, cfAt);
    const ref = attributes(tail.slice(cfAt, close + 1)).sqref ?? "";
    const { body, end } = elementBody(tail, cfAt, "conditionalFormatting");
    let rules = 0;
    eachTag(body, "cfRule", () => rules++);
    for (const m of body.matchAll(/<x14:id>([^<]*)<\/x14:id>/g)) mainIds.add(m[1]);
    conditionalFormats.push({ ref, rules });
    cfAt = tail.indexOf("<conditionalFormatting", end);
  }
  // Rules Excel keeps only in the x14 extension: those not tied to a main rule count too.
  for (const m of tail.matchAll(
    /<x14:conditionalFormatting[\s>][\s\S]*?<\/x14:conditionalFormatting>/g
  )) {
    const block = m[0];
    const ref = /<xm:sqref>([^<]*)<\/xm:sqref>/.exec(block)?.[1] ?? "";
    let rules = 0;
    eachTag(block, "x14:cfRule", (tag) => {
      const id = attributes(tag).id;
      if (id === undefined || !mainIds.has(id)) rules++;
    });
    if (rules > 0) {
      const same = conditionalFormats.find((c) => c.ref === ref);
      if (same) same.rules += rules;
      else conditionalFormats.push({ ref, rules });
    }
  }
  const hyperlinks: string[] = [];
  const hlAt = tail.indexOf("<hyperlinks");
  if (hlAt >= 0) {
    const { body } = elementBody(tail, hlAt, "hyperlinks");
    eachTag(body, "hyperlink", (tag) => {
      const ref = attributes(tag).ref;
      if (ref) hyperlinks.push(ref);
    });
  }
  let prot = false;
  eachTag(tail, "sheetProtection", () => (prot = true));
  return {
    protected: prot,
    tabSelected,
    validations: [...validations],
    conditionalFormats,
    hyperlinks,
  };
}
