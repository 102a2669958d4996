/**
 * The lean reader's view of a package (lean.ts): relationships and the parts they point to, the
 * sheets and tables it lists, and NotLean, the refusal that sends a workbook through excelts
 * instead. Node only (hosts/xlsx).
 */
import { resolveTarget } from "./package";
import { attributes, eachTag } from "./xml";

/** Thrown when a workbook is not one the lean reader reads as excelts would. */
export class NotLean extends Error {
  constructor(why: string) {
    super(`not read lean: ${why}`);
    this.name = "NotLean";
  }
}

export const REL_WORKSHEET = /\/worksheet$/;
export const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
export const REL_STYLES = /\/styles$/;
export const REL_SHARED_STRINGS = /\/sharedStrings$/;
export const REL_TABLE = /\/table$/;

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
