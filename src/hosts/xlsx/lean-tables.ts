/**
 * The tables read lean (lean.ts): each sheet's table parts, their range, headers and id, as
 * excelts reads them. Node only (hosts/xlsx).
 */
import { exceltsDecode } from "./cells";
import { NotLean, REL_TABLE, parseRels, type LeanSheet, type LeanTable } from "./lean-parts";
import { decodeCell } from "./lean-values";
import { relsOf, type XlsxPackage } from "./package";
import { attributes, eachTag, elementBody, endsName, tagEnd } from "./xml";

/** Every table, sheet by sheet in workbook order, each sheet's in its tableParts order. */
export async function readTables(pkg: XlsxPackage, sheets: LeanSheet[]): Promise<LeanTable[]> {
  const list: LeanTable[] = [];
  for (const sheet of sheets) {
    const rels = parseRels(await pkg.text(relsOf(sheet.part)), sheet.part);
    const tables = rels.filter((r) => REL_TABLE.test(r.type) && !r.external);
    for (const rel of tables) {
      const xml = await pkg.text(rel.part);
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
  return list;
}
