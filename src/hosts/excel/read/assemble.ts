/// <reference types="office-js" />
/**
 * The snapshot from what a read loaded; records each table's geometry in the session's layout
 * for the applies that follow.
 */
import type { SheetInfo, TableSnapshot, WorkbookSnapshot } from "../../../workbook/host";
import type { CellValue } from "../../../workbook/plan";
import { geometryOf, type Layout } from "../geometry";
import { headerText } from "../values";
import type { BodyData } from "./bodies";
import type { FirstFacts, TableRead } from "./queue";

export function assemble(
  layout: Layout,
  first: FirstFacts,
  present: TableRead[],
  bodies: BodyData[]
): WorkbookSnapshot {
  const sheets: SheetInfo[] = first.sheets.map(({ name, visibility, protected: locked }) => ({
    name,
    visibility,
    protected: locked,
  }));
  layout.knowSheets(first.sheets);
  for (const [sheet, names] of Object.entries(first.charts)) layout.knowCharts(sheet, names);

  const snapshotTables: Record<string, TableSnapshot> = {};
  present.forEach((t, i) => {
    const b = bodies[i];
    const headers = (t.header.values[0] ?? []).map(headerText);
    const empty = b.empty;
    const rows = empty ? [] : (b.values as CellValue[][]);
    const cols = t.cols ?? null;
    const snap: TableSnapshot = {
      name: t.table.name,
      sheet: t.worksheet.name,
      row: t.header.rowIndex,
      col: t.header.columnIndex,
      headers: cols ? cols.map((j) => headers[j]) : headers,
      ...(cols ? { columns: cols } : {}),
      rows,
      statusValidation: b.statusSource,
      statusFormats: b.statusFormats,
    };
    if (t.withFormulas) {
      snap.formulas = empty
        ? []
        : (b.formulas ?? []).map((r) =>
            r.map((f) => (f === null || f === undefined ? "" : String(f)))
          );
    }
    snapshotTables[t.name] = snap;
    layout.record(
      geometryOf({
        name: t.table.name,
        sheet: snap.sheet,
        header: t.header,
        rowCount: t.body.rowCount,
        empty,
        last: t.last,
        used: t.used,
        extras: t.extras,
      })
    );
  });

  return {
    sheets,
    activeSheet: first.activeSheet,
    meta: first.meta,
    tables: snapshotTables,
    sheetValues: first.sheetValues,
  };
}
