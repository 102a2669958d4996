/**
 * Where Excel clients differ, against the in-memory Excel configured as each (web, Windows, Mac):
 * merged undo groups, change events that must not loop the automatic re-check. Each test here
 * failed before the host handled the behaviour (docs/excel-behaviour.md lists them).
 */
import { readFileSync, readdirSync, statSync } from "fs";
import { join, relative } from "path";
import {
  createFakeExcel,
  type FakeClientName,
  type FakeExcelOptions,
} from "../../fakes/fake-excel";
import { createExcelHost } from "../../../src/hosts/excel";
import { setupTracker } from "../../../src/engine/setup";
import { checkTracker } from "../../../src/engine/check";
import { SHEETS, TABLES, TRACKER_COLUMNS, columnLetter } from "../../../src/domain/columns";
import { AS_AT, HEADERS, cells, goodValues } from "../../check/helpers";

const CLIENTS: FakeClientName[] = ["web", "windows", "mac"];
const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));

function tracker(client: FakeExcelOptions["client"], rows = 2) {
  const fake = createFakeExcel({ sheets: ["Tracker"], client });
  const values = Array.from({ length: rows }, (_, i) =>
    cells(goodValues({ ref: `WP-${i + 1}` })).map((v) => (v === null ? "" : (v as string | number)))
  );
  fake.seedTable("Tracker", TABLES.tracker, 0, 0, [...HEADERS], values, {
    numberFormats: TRACKER_COLUMNS.map((c) =>
      c.kind === "date" ? "dd/mm/yyyy" : c.kind === "number" ? "General" : "@"
    ),
  });
  const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
  return { fake, host };
}

describe.each(CLIENTS)("undo groups on Excel %s (ExcelApi 1.20)", (client) => {
  test("set-up hides the metadata sheet: that write is not in a merged group; the read is", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"], client });
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    await setupTracker(host);
    expect(fake.sheet(SHEETS.meta)!.visibility).toBe("VeryHidden");
    expect(fake.syncLog.every((s) => !s.failed)).toBe(true);
    const write = fake.syncLog.find((s) => s.writes > 0)!;
    // Windows and Mac have no undo for Worksheet.visibility; the web has.
    expect(!!write.merged).toBe(client === "web");
    expect(fake.syncLog[0].merged).toBe(true);
    expect(host.stats.last!.syncs).toBe(fake.syncCount);
  });

  test("a merged group Excel refuses (UndoNotSupported) is sent again unmerged, and the session merges no more", async () => {
    const { fake, host } = tracker(client);
    fake.failNextWriteSync("UndoNotSupported");
    const out = await checkTracker(host, { today: AS_AT });
    expect(out.report.rows).toBe(2);
    const t = fake.table(TABLES.tracker)!;
    expect(t.headers[t.headers.length - 1]).toBe("Check");
    const failed = fake.syncLog.findIndex((s) => s.failed === "UndoNotSupported");
    expect(fake.syncLog[failed].merged).toBe(true);
    expect(fake.syncLog[failed + 1].failed).toBeUndefined();
    expect(fake.syncLog[failed + 1].merged).toBeUndefined();
    const from = fake.syncLog.length;
    await checkTracker(host, { today: AS_AT });
    expect(fake.syncLog.slice(from).some((s) => s.merged)).toBe(false);
  });
});

describe("undo groups: older clients and the plain message", () => {
  test("a client without ExcelApi 1.20 is never asked to merge", async () => {
    const { fake, host } = tracker({ name: "windows", api: 19 });
    await checkTracker(host, { today: AS_AT });
    expect(fake.syncLog.some((s) => s.merged)).toBe(false);
  });

  test("UndoNotSupported that cannot be retried reads plainly", async () => {
    const { OFFICE_ERRORS } = await import("../../../src/hosts/excel");
    expect(OFFICE_ERRORS.UndoNotSupported.message).toMatch(/undo/i);
    expect(OFFICE_ERRORS.UndoNotSupported.message).not.toMatch(/UndoNotSupported/);
  });
});

describe.each(CLIENTS)("automatic re-check on Excel %s", (client) => {
  const ownerCell = `${columnLetter(HEADERS.indexOf("Owner"))}2`;

  test("the analyst's edit straight after the add-in's write is seen; the write itself is not, even when events come late", async () => {
    const fake = createFakeExcel({ sheets: ["Tracker"], client, eventDelayMs: 40 });
    fake.seedTable(
      "Tracker",
      TABLES.tracker,
      0,
      0,
      [...HEADERS],
      [cells(goodValues()).map((v) => (v === null ? "" : (v as string | number)))]
    );
    const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
    let calls = 0;
    const off = await host.onTableChanged(TABLES.tracker, () => calls++);
    await checkTracker(host, { today: AS_AT });
    fake.userEdit("Tracker", ownerCell, [["Supt B. Example"]]);
    await tick(80);
    expect(calls).toBe(1);
    expect(fake.eventsEnabled()).toBe(true);
    await off();
  });

  test("a co-author's edit makes the pane re-check once; the unchanged Check column is not written again, so nothing loops", async () => {
    const { fake, host } = tracker(client);
    await checkTracker(host, { today: AS_AT });
    let rechecks = 0;
    const off = await host.onTableChanged(TABLES.tracker, () => {
      rechecks++;
      void checkTracker(host, { today: AS_AT });
    });
    const from = fake.syncLog.length;
    // A co-author changes the owner to another valid one: the Check texts stay the same.
    fake.remoteEdit("Tracker", ownerCell, [["Supt C. Example"]]);
    await tick(50);
    expect(rechecks).toBe(1);
    const writes = fake.syncLog.slice(from).filter((s) => s.ops.some((o) => o === "Range.values"));
    expect(writes).toHaveLength(0);
    await off();
  });

  test("an edit beside the table, not in it, does not re-check where events say where they are (ExcelApi 1.14)", async () => {
    const { fake, host } = tracker(client);
    let calls = 0;
    await host.onTableChanged(TABLES.tracker, () => calls++);
    fake.userEdit("Tracker", "T1", [["a note of the analyst's"]]);
    await tick();
    expect(calls).toBe(0);
    fake.userEdit("Tracker", ownerCell, [["Supt B. Example"]]);
    await tick();
    expect(calls).toBe(1);
  });
});

describe("automatic re-check on a client without ExcelApi 1.14", () => {
  test("events are off while the add-in writes and back on after, also when the write fails", async () => {
    const { fake, host } = tracker({ name: "windows", api: 13 });
    let calls = 0;
    await host.onTableChanged(TABLES.tracker, () => calls++);
    await checkTracker(host, { today: AS_AT });
    await tick();
    expect(calls).toBe(0);
    expect(fake.syncLog.some((s) => s.ops.includes("Runtime.enableEvents false"))).toBe(true);
    fake.failNextWriteSync("GeneralException");
    await expect(checkTracker(host, { today: AS_AT, fixes: "all" }))
      .resolves.toBeDefined()
      .catch(() => undefined);
    expect(fake.eventsEnabled()).toBe(true);
  });

  test("without a watcher, the batches carry nothing extra", async () => {
    const { fake, host } = tracker({ name: "windows", api: 13 });
    await checkTracker(host, { today: AS_AT });
    expect(fake.syncLog.some((s) => s.ops.some((o) => o.startsWith("Runtime.")))).toBe(false);
  });
});

describe("the requirement message", () => {
  test("a client below ExcelApi 1.9 (volume-licensed Office 2019 stops at 1.7) is told which versions work", async () => {
    const { REQUIREMENT_MESSAGE, requirementProblem } = await import("../../../src/hosts/excel");
    const office2019 = createFakeExcel({ client: { name: "windows", api: 7 } }).Office;
    expect(requirementProblem(office2019, REQUIREMENT_MESSAGE)).toMatch(
      /Microsoft 365 \(Windows or Mac\), Office 2021 or later, or Excel on the web/
    );
    for (const client of CLIENTS)
      expect(
        requirementProblem(createFakeExcel({ client }).Office, REQUIREMENT_MESSAGE)
      ).toBeNull();
  });
});

describe("the clients in CI", () => {
  test("CI runs every suite that drives the in-memory Excel again as Windows and as Mac", () => {
    const root = join(__dirname, "..", "..", "..");
    const ci = readFileSync(join(root, ".ci", "run"), "utf8");
    const listed = /EXCEL_SUITES=\(([^)]*)\)/.exec(ci)![1].split(/\s+/).filter(Boolean);
    expect(ci).toMatch(/for client in windows mac; do[\s\S]*FAKE_EXCEL_CLIENT=\$client npx jest "\$\{EXCEL_SUITES\[@\]\}"/);
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((f) => {
        const p = join(d, f);
        if (f === ".tmp" || f === "node_modules") return [];
        return statSync(p).isDirectory() ? walk(p) : /\.test\.ts$/.test(f) ? [p] : [];
      });
    // Suites (not the pane's .tsx ones) that create the in-memory Excel.
    const suites = walk(join(root, "tests"))
      .filter((f) => /createFakeExcel\(/.test(readFileSync(f, "utf8")))
      .map((f) => relative(root, f));
    expect(suites.length).toBeGreaterThan(10);
    const missing = suites.filter(
      (s) => !listed.some((l) => s === l || s.startsWith(`${l}/`) || s.startsWith(`${l}.test.`))
    );
    expect(missing).toEqual([]);
  });
});
