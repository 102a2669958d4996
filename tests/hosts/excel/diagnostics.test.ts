/**
 * Diagnostics on the in-memory Excel configured as each client and both ways where the
 * documentation is silent: the probes' answers, the scratch sheet removed, the answers kept for
 * the session and used by the host (text in Text cells, undo groups, watching edits).
 */
import {
  createFakeExcel,
  type FakeClientName,
  type FakeExcelOptions,
} from "../../fakes/fake-excel";
import { createExcelHost } from "../../../src/hosts/excel";
import { reportText } from "../../../src/engine/diagnostics";
import { checkTracker } from "../../../src/engine/check";
import { TABLES, TRACKER_COLUMNS } from "../../../src/domain/columns";
import { AS_AT, HEADERS, cells, goodValues } from "../../check/helpers";

const CLIENTS: FakeClientName[] = ["web", "windows", "mac"];

function excel(client: FakeExcelOptions["client"], extra: Partial<FakeExcelOptions> = {}) {
  const fake = createFakeExcel({ sheets: ["Tracker"], client, ...extra });
  fake.seedTable(
    "Tracker",
    TABLES.tracker,
    0,
    0,
    [...HEADERS],
    [cells(goodValues()).map((v) => (v === null ? "" : (v as string | number)))],
    {
      numberFormats: TRACKER_COLUMNS.map((c) =>
        c.kind === "date" ? "dd/mm/yyyy" : c.kind === "number" ? "General" : "@"
      ),
    }
  );
  const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
  return { fake, host };
}

describe.each(CLIENTS)("diagnostics on Excel %s", (client) => {
  test("answers as the documentation expects, and leaves no sheet behind", async () => {
    const { fake, host } = excel(client);
    const before = fake.sheetNames();
    const report = await host.diagnose();
    expect(fake.sheetNames()).toEqual(before);
    expect(report).toMatchObject({
      platform: fake.client.platform,
      version: fake.client.version,
      excelApi: "1.20",
      textCell: { apostrophe: "-ve", formula: "2" },
      tableGrows: true,
      eventsHaveTriggerSource: true,
      mergedUndoAccepted: true,
      textStrategy: "apostrophe",
    });
    expect(report.apiSets).toContainEqual({ set: "ExcelApi 1.9", supported: true });
    const text = reportText(report, new Date(2026, 2, 31));
    expect(text).toMatch(/^Inspection Tracker diagnostics, 31\/03\/2026$/m);
    expect(text).toMatch(/Table grows when a row is written below it: yes/);
  });

  test("a client whose Text cells keep text literally: text starting with - is written plain, not with a visible apostrophe", async () => {
    const { fake, host } = excel({ name: client, textApostrophe: "kept", textFormula: "text" });
    const row = (progress: string) =>
      cells(goodValues({ ref: "WP-2", progress })).map((v) => (v === null ? null : v));
    // Before the probes the documented default: the apostrophe, which this client would keep.
    await host.run("Add", async (s) => {
      await s.read({ tables: [TABLES.tracker] });
      await s.apply({
        ops: [{ op: "appendRows", table: TABLES.tracker, rows: [row("-ve trend")] }],
      });
    });
    const progressCol = HEADERS.indexOf("Progress update");
    expect(fake.table(TABLES.tracker)!.body[1][progressCol]).toBe("'-ve trend");
    const report = await host.diagnose();
    expect(report.textCell).toEqual({ apostrophe: "'-ve", formula: "=1+1" });
    expect(report.textStrategy).toBe("plain");
    await host.run("Add", async (s) => {
      await s.read({ tables: [TABLES.tracker] });
      await s.apply({
        ops: [{ op: "appendRows", table: TABLES.tracker, rows: [row("-ve trend")] }],
      });
    });
    expect(fake.table(TABLES.tracker)!.body[2][progressCol]).toBe("-ve trend");
    expect(fake.cell("Tracker", `${String.fromCharCode(65 + progressCol)}4`)!.f).toBeUndefined();
  });

  test("a client that refuses merged undo groups (office-js #6711): once probed, no run asks for one", async () => {
    const { fake, host } = excel({ name: client, refusesMergedUndo: true });
    const report = await host.diagnose();
    expect(report.mergedUndoAccepted).toBe(false);
    expect(report.notes.join(" ")).toMatch(/refused one undo step/);
    const from = fake.syncLog.length;
    await checkTracker(host, { today: AS_AT });
    expect(fake.syncLog.slice(from).some((s) => s.merged || s.failed)).toBe(false);
  });

  test("a table that does not grow and events without triggerSource are found, and the host adapts", async () => {
    const { fake, host } = excel({ name: client, autoExpand: false }, { triggerSource: false });
    const report = await host.diagnose();
    expect(report.tableGrows).toBe(false);
    expect(report.eventsHaveTriggerSource).toBe(false);
    // Edits are now watched with the add-in's events off while it writes.
    let calls = 0;
    await host.onTableChanged(TABLES.tracker, () => calls++);
    await checkTracker(host, { today: AS_AT });
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(0);
    expect(fake.syncLog.some((s) => s.ops.includes("Runtime.enableEvents false"))).toBe(true);
  });
});

describe("diagnostics when Excel cannot say", () => {
  test("without Office's requirement sets the report says so instead of guessing", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"] });
    const host = createExcelHost({ excel: fake.Excel });
    const report = await host.diagnose();
    expect(report.excelApi).toBeNull();
    expect(report.eventsHaveTriggerSource).toBe(false);
    expect(report.mergedUndoAccepted).toBeNull();
    expect(reportText(report, new Date(2026, 0, 5))).toMatch(
      /One undo step for several changes: unknown/
    );
  });
});
