/// <reference types="office-js" />
/**
 * Diagnostics: small probes run in the analyst's own Excel, where the documentation is silent or
 * clients differ (../shared/notes/excel-behaviours.md), on a scratch very hidden sheet that is
 * removed afterwards:
 *
 * - what a Text-formatted cell keeps of "'-ve" and "=1+1" (not documented for the API);
 * - whether a table grows when a row is written just below it (auto-expansion can be off);
 * - whether worksheet change events carry triggerSource (ExcelApi 1.14);
 * - whether a merged undo group is accepted (ExcelApi 1.20; office-js #6711, #6255).
 *
 * The answers are kept for the session (HostMemory.client.probes) and the host chooses from them:
 * how formula-like text is written to Text cells, whether to merge undo groups, how to watch a
 * table. Removing the sheet (Worksheet.delete has no undo) clears Excel's undo list, so the pane
 * runs the probes only when the analyst asks.
 */
import type { DiagnosticsReport } from "../../workbook/host";
import { textStrategy, type ProbeAnswers } from "./client";
import { officeErrorCode } from "./errors";
import type { HostMemory } from "./state";

/** The ExcelApi sets the report asks about (the manifest needs 1.9; later ones add what is used). */
const SETS = [7, 8, 9, 10, 13, 14, 16, 17, 20];
const EVENT_WAIT_MS = 1500;

interface OfficeLike {
  context?: { diagnostics?: { platform?: string; version?: string } };
}

export async function runDiagnostics(
  excel: typeof Excel,
  office: unknown,
  memory: HostMemory
): Promise<DiagnosticsReport> {
  const client = memory.client;
  const info = (office as OfficeLike | undefined)?.context?.diagnostics;
  const apiSets = SETS.map((m) => ({ set: `ExcelApi 1.${m}`, supported: client.api(m) }));
  let highest: string | null = null;
  if (client.reportsSets)
    for (let m = 30; m >= 1 && !highest; m--) if (client.api(m)) highest = `1.${m}`;
  const notes: string[] = [];
  const answers: ProbeAnswers = { ...client.probes };
  const textCell: DiagnosticsReport["textCell"] = { apostrophe: null, formula: null };
  const sheet = `_ITProbe${Math.floor(Date.now() % 100000)}`;

  try {
    await excel.run({ delayForCellEdit: true }, async (context) => {
      const ws = context.workbook.worksheets.add(sheet);
      ws.visibility = "VeryHidden" as Excel.SheetVisibility;
      // Text cells.
      const text = ws.getRange("A1:B1");
      text.numberFormat = [["@", "@"]];
      text.values = [["'-ve", "=1+1"]];
      text.load("values,formulas");
      // A table, and a row written just below it.
      ws.getRange("D1:D2").values = [["Probe"], ["a"]];
      const table = ws.tables.add("D1:D2", true);
      ws.getRange("D3").values = [["b"]];
      const body = table.getDataBodyRange();
      body.load("rowCount");
      await context.sync();
      const kept = String(text.values[0][0]);
      const formula = String(text.formulas[0][1]);
      textCell.apostrophe = kept;
      textCell.formula = String(text.values[0][1]);
      answers.textKeepsApostrophe = kept === "'-ve";
      answers.textKeepsFormula = String(text.values[0][1]) === "=1+1" && formula === "=1+1";
      answers.tableGrows = body.rowCount === 2;

      // Change events: who made the change (ExcelApi 1.14).
      if (client.api(14)) {
        let seen: Excel.WorksheetChangedEventArgs | null = null;
        let arrived: () => void = () => undefined;
        const got = new Promise<void>((resolve) => (arrived = resolve));
        const reg = ws.onChanged.add(async (args: Excel.WorksheetChangedEventArgs) => {
          seen = args;
          arrived();
        });
        await context.sync();
        ws.getRange("F1").values = [["c"]];
        await context.sync();
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([got, new Promise((r) => (timer = setTimeout(r, EVENT_WAIT_MS)))]);
        clearTimeout(timer);
        reg.remove();
        await context.sync();
        const args = seen as Excel.WorksheetChangedEventArgs | null;
        answers.eventsHaveTriggerSource = args ? typeof args.triggerSource === "string" : null;
        if (!args) notes.push("No change event arrived within 1.5 seconds of a write.");
      } else answers.eventsHaveTriggerSource = false;
    });

    // A merged undo group (ExcelApi 1.20).
    if (client.api(20)) {
      try {
        await excel.run({ delayForCellEdit: true, mergeUndoGroup: true }, async (context) => {
          context.workbook.worksheets.getItem(sheet).getRange("G1").values = [["d"]];
          await context.sync();
        });
        answers.mergedUndoAccepted = true;
      } catch (e) {
        answers.mergedUndoAccepted = false;
        notes.push(
          `Excel refused one undo step for several changes (${officeErrorCode(e) ?? "an error"}): ` +
            "the add-in will not ask for it."
        );
      }
    }
  } finally {
    await excel
      .run({ delayForCellEdit: true }, async (context) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
        await context.sync();
        if (!ws.isNullObject) ws.delete();
        await context.sync();
      })
      .catch(() => notes.push(`The scratch sheet '${sheet}' could not be removed: delete it.`));
  }

  client.probes = answers;
  const strategy = textStrategy(answers);
  if (answers.textKeepsApostrophe)
    notes.push(
      answers.textKeepsFormula
        ? "A Text cell keeps an apostrophe typed in front: text starting with = + - @ is written without one."
        : "A Text cell keeps an apostrophe typed in front, but takes =1+1 as a formula: text starting with = + - @ still gets one (it shows)."
    );
  if (answers.tableGrows === false)
    notes.push(
      "A table did not grow when a row was written below it ('Include new rows and columns in table' may be off): the add-in resizes its tables after adding rows."
    );
  if (client.api(14) && answers.eventsHaveTriggerSource === false)
    notes.push(
      "Change events do not say who made them: the add-in switches its events off while it writes."
    );
  return {
    platform: client.platform,
    version: info?.version ?? null,
    excelApi: highest,
    apiSets,
    textCell,
    tableGrows: answers.tableGrows,
    eventsHaveTriggerSource: answers.eventsHaveTriggerSource,
    mergedUndoAccepted: answers.mergedUndoAccepted,
    textStrategy: strategy,
    notes,
  };
}
