/**
 * The xlsx host's reads (xlsx-host.ts): a snapshot read lean from the file while nothing is
 * loaded, read partly from the file and partly from excelts while the workbook is loaded in
 * part, or read from excelts once it is loaded whole. Node only (hosts/xlsx).
 */
import { SHEETS } from "../../domain/columns";
import {
  tablesWanted,
  type ReadRequest,
  type SheetInfo,
  type WorkbookSnapshot,
} from "../../workbook/host";
import { fullWorkbook, type HostState } from "./host-load";
import { NotLean, type LeanSheet, type LeanWorkbook } from "./lean";
import { leanSheetValues, leanSnapshot } from "./lean-read";
import { readSnapshot } from "./read";
import type { PartialWorkbook } from "./splice";
import { findTable } from "./tables";

/** Whether a sheet read lean is protected (read from the file once, when first asked). */
export function leanProtected(st: HostState, lean: LeanWorkbook, sheet: LeanSheet): boolean {
  let p = st.protection.get(sheet.part);
  if (p === undefined) {
    p = /<sheetProtection[\s/>]/.test(lean.pkg.textSync(sheet.part) ?? "");
    st.protection.set(sheet.part, p);
  }
  return p;
}

/** A sheet's info; its protection, read from the file, only when asked for. */
function leanInfo(
  st: HostState,
  lean: LeanWorkbook,
  sheet: LeanSheet,
  name: string,
  state: string
): SheetInfo {
  const visibility = state === "veryHidden" || state === "hidden" ? state : "visible";
  const info = { name, visibility } as SheetInfo;
  Object.defineProperty(info, "protected", {
    enumerable: true,
    get: () => leanProtected(st, lean, sheet),
  });
  return info;
}

const leanSheets = (st: HostState, lean: LeanWorkbook): SheetInfo[] =>
  lean.sheets.map((sheet) => leanInfo(st, lean, sheet, sheet.name, sheet.state));

/** A read while the workbook is loaded in part: copied sheets read lean, the rest in excelts. */
async function readInPart(
  st: HostState,
  lean: LeanWorkbook,
  p: PartialWorkbook,
  request: ReadRequest
): Promise<WorkbookSnapshot> {
  const copied = new Set([...p.stubs.values()].map((s) => s.name.toLowerCase()));
  const inFile = new Set<string>();
  for (const name of [...tablesWanted(request), ...(request.formulasOf ?? [])]) {
    if (findTable(p.wb, name)) continue;
    const t = await lean.table(name);
    if (t && copied.has(t.sheet.name.toLowerCase())) inFile.add(name.toLowerCase());
  }
  const pick = (keep: (name: string) => boolean): ReadRequest => ({
    tables: (request.tables ?? []).filter(keep),
    formulasOf: (request.formulasOf ?? []).filter(keep),
    columnsOf: Object.fromEntries(
      Object.entries(request.columnsOf ?? {}).filter(([name]) => keep(name))
    ),
  });
  const excel = readSnapshot(p.wb, {
    ...request,
    ...pick((name) => !inFile.has(name.toLowerCase())),
  });
  const metaWs = p.wb.getWorksheet(SHEETS.meta);
  const metaCopied = metaWs ? p.stubs.has(metaWs) : false;
  const fromFile =
    inFile.size > 0 || metaCopied
      ? await leanSnapshot(
          lean,
          pick((name) => inFile.has(name.toLowerCase())),
          []
        )
      : null;
  const stubOf = new Map([...p.stubs].map(([ws, sheet]) => [ws.name.toLowerCase(), sheet]));
  return {
    ...excel,
    sheets: excel.sheets.map((info) => {
      const sheet = stubOf.get(info.name.toLowerCase());
      return sheet ? leanInfo(st, lean, sheet, info.name, info.visibility) : info;
    }),
    meta: metaCopied ? (fromFile?.meta ?? null) : excel.meta,
    tables: { ...excel.tables, ...(fromFile?.tables ?? {}) },
  };
}

/** A snapshot of the open workbook, read the cheapest way its state allows. */
export async function readWorkbook(st: HostState, request: ReadRequest): Promise<WorkbookSnapshot> {
  st.calls.reads++;
  const source = st.source;
  const lean = source?.lean;
  const usedRanges = (request.sheets?.length ?? 0) > 0 || request.activeSheet === true;
  if (
    !st.wb &&
    lean &&
    (!usedRanges || (source?.leanSheets === true && request.activeSheet !== true))
  ) {
    try {
      if (st.partial) {
        if (!usedRanges) return await readInPart(st, lean, st.partial, request);
      } else {
        const snapshot = await leanSnapshot(lean, request, leanSheets(st, lean));
        // Used ranges of named sheets (a returned update workbook's two sheets) read lean too.
        for (const name of request.sheets ?? []) {
          const values = await leanSheetValues(lean, name);
          if (values && !snapshot.sheetValues[values.name])
            snapshot.sheetValues[values.name] = values;
        }
        return snapshot;
      }
    } catch (e) {
      if (!(e instanceof NotLean)) throw e;
    }
  }
  return readSnapshot(await fullWorkbook(st), request);
}
