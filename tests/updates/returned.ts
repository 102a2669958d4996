/**
 * Returned update workbooks made the way owners leave them: opened in a spreadsheet, edited,
 * saved. Each edit goes through excelts on the real bytes of a workbook the request made.
 */
import { Workbook, type Worksheet } from "@cj-tech-master/excelts";
import { UPDATES_SHEET } from "../../src/domain/updates";

export async function load(bytes: Uint8Array): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}

export async function save(wb: Workbook): Promise<Uint8Array> {
  const out = await wb.xlsx.writeBuffer();
  return out instanceof Uint8Array ? out : new Uint8Array(out as unknown as ArrayBuffer);
}

/** The 1-based sheet row and column of a Ref's cell under a header, found by text. */
export function cellOf(ws: Worksheet, ref: string, header: string) {
  let headerRow = 0;
  let refCol = 0;
  let col = 0;
  ws.eachRow((row, r) => {
    if (headerRow) return;
    row.eachCell((cell, c) => {
      if (cell.value === "Ref") {
        headerRow = r;
        refCol = c;
      }
    });
    if (headerRow) row.eachCell((cell, c) => void (cell.value === header && (col = c)));
  });
  if (!headerRow || !col) throw new Error(`no header ${header}`);
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    if (ws.getRow(r).getCell(refCol).value === ref) return ws.getRow(r).getCell(col);
  }
  throw new Error(`no row ${ref}`);
}

/** Edit an owner workbook's Updates sheet: (ref, header) -> value. */
export async function edited(
  bytes: Uint8Array,
  edits: [string, string, string | number | Date | null][],
  more?: (ws: Worksheet, wb: Workbook) => void
): Promise<Uint8Array> {
  const wb = await load(bytes);
  const ws = wb.getWorksheet(UPDATES_SHEET)!;
  for (const [ref, header, value] of edits) cellOf(ws, ref, header).value = value as never;
  more?.(ws, wb);
  return save(wb);
}

/**
 * The owner copied their rows into a new sheet of their own, columns in their own order and no
 * protection, and deleted the original (keeping its name, so the workbook still reads as theirs).
 */
export async function rebuiltByHand(
  bytes: Uint8Array,
  order: string[],
  edits: Record<string, Record<string, string | number | null>> = {}
): Promise<Uint8Array> {
  const wb = await load(bytes);
  const old = wb.getWorksheet(UPDATES_SHEET)!;
  const rows: Record<string, unknown>[] = [];
  let headers: string[] = [];
  old.eachRow((row) => {
    const vals = (row.values as unknown[]).slice(1);
    if (vals.includes("Ref") && headers.length === 0) {
      headers = vals.map((v) => String(v ?? ""));
      return;
    }
    if (headers.length === 0) return;
    rows.push(Object.fromEntries(headers.map((h, j) => [h, vals[j] ?? null])));
  });
  wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(UPDATES_SHEET);
  ws.orderNo = 0;
  ws.getRow(1).values = ["My updates (copied)"];
  ws.getRow(3).values = order;
  rows.forEach((r, i) => {
    const ref = String(r.Ref);
    ws.getRow(4 + i).values = order.map(
      (h) => (edits[ref]?.[h] !== undefined ? edits[ref][h] : r[h]) as never
    );
  });
  return save(wb);
}
