/// <reference types="office-js" />
/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/load-object-before-read, office-addins/no-empty-load --
   Every sync goes through the counting wrapper (RunState.sync, or a caller's after queueing
   here) and loads take property lists built at run time, which these rules cannot see; the
   tests on the in-memory Excel, which throws PropertyNotLoaded like Office.js, check
   load-before-read instead. */
/**
 * For clients that refuse loads through null objects: what exists, then its parts, then the
 * bodies; never through a null object.
 */
import {
  columnIndexes,
  columnsWanted,
  tablesWanted,
  type ReadRequest,
  type SheetValues,
  type WorkbookSnapshot,
} from "../../../workbook/host";
import { SHEETS } from "../../../domain/columns";
import { responseTooLarge } from "../errors";
import { SHEET_PROPS, sheetFacts } from "../geometry";
import type { RunState } from "../state";
import { headerText } from "../values";
import { assemble } from "./assemble";
import { wantsFormulas } from "./bodies";
import { readBlocks } from "./blocks";
import { wholeBodies } from "./at-once";
import { queueTable, type FirstRead } from "./queue";
import { metaOf, usedParts, usedValues } from "./sheets";

export async function readCareful(s: RunState, request: ReadRequest): Promise<WorkbookSnapshot> {
  const first = await firstReadCareful(s, request);
  const queue = (whole: boolean) =>
    first.tables.map((t) => {
      const headers = (t.header.values[0] ?? []).map(headerText);
      const status = headers.findIndex((h) => h.trim().toLowerCase() === "status");
      const columns = columnsWanted(request, t.name);
      return queueTable(t.table, t.name, {
        whole,
        withFormulas: wantsFormulas(request, t.name),
        status: status >= 0 ? status : null,
        loaded: { worksheet: t.worksheet, header: t.header },
        columns,
        cols: columns ? columnIndexes(headers, columns) : null,
      });
    });
  if (first.tables.length === 0) return assemble(s.layout, first, [], []);
  let queued = queue(true);
  try {
    await s.sync();
    return assemble(s.layout, first, queued, await wholeBodies(s, queued));
  } catch (e) {
    if (!responseTooLarge(e, s.memory.client.desktop)) throw e;
  }
  queued = queue(false);
  await s.sync();
  return assemble(s.layout, first, queued, await readBlocks(s, queued));
}

/** The first facts in two syncs that never go through a null object: what exists, then its parts. */
async function firstReadCareful(s: RunState, request: ReadRequest): Promise<FirstRead> {
  const wb = s.context.workbook;
  const sheetsProxy = wb.worksheets;
  sheetsProxy.load(SHEET_PROPS);
  const active = wb.worksheets.getActiveWorksheet();
  active.load("name");
  const tableList = wb.tables;
  tableList.load("items/name");
  await s.sync();

  const sheets = sheetFacts(sheetsProxy);
  const has = (name: string) => sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
  const existing = new Map(tableList.items.map((t) => [t.name.toLowerCase(), t.name]));
  const tables = tablesWanted(request)
    .filter((name) => existing.has(name.toLowerCase()))
    .map((name) => {
      const table = wb.tables.getItem(name);
      table.load("name");
      const worksheet = table.worksheet;
      worksheet.load("name");
      const header = table.getHeaderRowRange();
      header.load("values,rowIndex,columnIndex");
      return { name, table, worksheet, header };
    });
  const metaInfo = has(SHEETS.meta);
  const metaUsed = metaInfo
    ? wb.worksheets.getItem(metaInfo.name).getUsedRangeOrNullObject(true)
    : null;
  metaUsed?.load("values");
  const parts = usedParts(request);
  const sheetReads = [...new Set(request.sheets ?? [])].flatMap((name) => {
    const info = has(name);
    if (!info) return [];
    const used = wb.worksheets.getItem(info.name).getUsedRangeOrNullObject(true);
    used.load(parts.props);
    return [{ name: info.name, used }];
  });
  const activeUsed = request.activeSheet
    ? wb.worksheets.getItem(active.name).getUsedRangeOrNullObject(true)
    : null;
  activeUsed?.load(parts.props);
  const clearing = [...new Set(request.clearing ?? [])].flatMap((name) => {
    const info = has(name);
    if (!info) return [];
    const charts = wb.worksheets.getItem(info.name).charts;
    charts.load("items/name");
    return [{ name: info.name, charts }];
  });
  await s.sync();

  const sheetValues: Record<string, SheetValues> = {};
  for (const r of sheetReads) sheetValues[r.name] = usedValues(r.name, r.used, parts);
  if (activeUsed) sheetValues[active.name] = usedValues(active.name, activeUsed, parts);
  const charts: Record<string, string[]> = {};
  for (const c of clearing) charts[c.name] = c.charts.items.map((x) => x.name);
  return {
    sheets,
    charts,
    activeSheet: active.name ?? null,
    meta: metaUsed ? metaOf(metaUsed) : null,
    tables,
    sheetValues,
  };
}
