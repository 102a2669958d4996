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
 *
 * This file opens the workbook part and holds what is read once; each part has its reader:
 * lean-parts (relationships, sheets, NotLean), lean-styles (number formats), lean-strings
 * (shared and inline strings), lean-tables (table definitions), lean-scan (a sheet streamed,
 * with lean-values for what a cell means and lean-extras for what is around its cells).
 */
import {
  NotLean,
  REL_OFFICE_DOCUMENT,
  REL_SHARED_STRINGS,
  REL_STYLES,
  REL_WORKSHEET,
  parseRels,
  type LeanSheet,
  type LeanTable,
  type Relationship,
} from "./lean-parts";
import { SheetScanner, type ScanWant } from "./lean-scan";
import type { SheetExtras } from "./lean-extras";
import { eachSharedString, stringItem, withoutPhonetic } from "./lean-strings";
import { readStyles } from "./lean-styles";
import { readTables } from "./lean-tables";
import type { DateStyles } from "./lean-values";
import { relsOf, type XlsxPackage } from "./package";
import { attributes, eachTag } from "./xml";

export {
  NotLean,
  parseRels,
  type LeanSheet,
  type LeanTable,
  type Relationship,
} from "./lean-parts";
export type { ScanWant } from "./lean-scan";
export type { SheetExtras } from "./lean-extras";
export { slideFormula } from "./lean-values";

export class LeanWorkbook implements DateStyles {
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
    if (styles) {
      const read = readStyles(await this.pkg.text(styles.part));
      this.formats = read.formats;
      this.dates = read.dates;
    }
    const sst = this.workbookRels.find((r) => REL_SHARED_STRINGS.test(r.type));
    this.sstPart = sst ? sst.part : null;
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
    this.tableList = await readTables(this.pkg, this.sheets);
    return this.tableList;
  }

  async table(name: string): Promise<LeanTable | undefined> {
    const lower = name.toLowerCase();
    return (await this.tables()).find((t) => t.name.toLowerCase() === lower);
  }

  /** The shared strings, each as the snapshot gives it (read once, when a sheet needs them). */
  async sharedStrings(): Promise<string[]> {
    if (this.sst) return this.sst;
    const out: string[] = [];
    await eachSharedString(this.pkg, this.sstPart, (inner) =>
      out.push(inner === null ? "" : stringItem(inner))
    );
    this.sst = out;
    return out;
  }

  /**
   * The shared strings as written: each item's content (what goes between <si> and </si>, or
   * in an inline string's <is>), phonetic runs left out. Not kept: the caller keeps what it needs.
   */
  async sharedStringItems(): Promise<string[]> {
    const out: string[] = [];
    await eachSharedString(this.pkg, this.sstPart, (inner) =>
      out.push(
        inner === null ? "<t></t>" : withoutPhonetic(inner).replace(/<phoneticPr[^>]*\/>/g, "")
      )
    );
    return out;
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
