/**
 * "Set up tracker" through the Excel host, against the in-memory Excel: what it writes, how many
 * syncs it takes, that a second run changes nothing, repairs, refusals and Office errors.
 */
import { createFakeExcel, type FakeExcel } from "../../fakes/fake-excel";
import { createExcelHost, type ExcelHost } from "../../../src/hosts/excel";
import { setupTracker } from "../../../src/engine/setup";
import { SHEETS, TABLES, TRACKER_COLUMNS } from "../../../src/domain/columns";
import { DEFAULT_STATUSES } from "../../../src/domain/status";
import { isTrackerError } from "../../../src/domain/errors";
import type { CellValue } from "../../../src/workbook/plan";

function fresh(): { fake: FakeExcel; host: ExcelHost } {
  const fake = createFakeExcel({ sheets: ["Sheet1"] });
  return { fake, host: createExcelHost({ excel: fake.Excel, office: fake.Office }) };
}

/** Syncs since `from` that carried a write. */
const writeSyncs = (fake: FakeExcel, from = 0) =>
  fake.syncLog.slice(from).filter((s) => s.writes > 0).length;

function trackerRow(
  ref: string,
  status: string,
  extra: Partial<Record<string, CellValue>> = {}
): CellValue[] {
  return TRACKER_COLUMNS.map((c) => {
    if (c.header in extra) return extra[c.header] ?? null;
    if (c.key === "ref") return ref;
    if (c.key === "inspection") return "PEEL 2025: Wessex Police";
    if (c.key === "recommendation") return `Wessex Police should improve item ${ref}`;
    if (c.key === "status") return status;
    if (c.key === "targetDate") return 46112; // 31/03/2026
    return null;
  });
}

async function withRows(host: ExcelHost, rows: CellValue[][]): Promise<void> {
  await host.run("Add rows", (s) =>
    s.apply({ ops: [{ op: "appendRows", table: TABLES.tracker, rows }] })
  );
}

async function expectTrackerError(p: Promise<unknown>, code: string, text: RegExp): Promise<void> {
  const e = await p.then(
    () => null,
    (x: unknown) => x
  );
  expect(e).not.toBeNull();
  expect(isTrackerError(e)).toBe(true);
  expect((e as { code: string }).code).toBe(code);
  expect((e as Error).message).toMatch(text);
}

describe("set-up on an empty workbook", () => {
  test("writes the Tracker table with the contract columns, formats, dropdown and colours", async () => {
    const { fake, host } = fresh();
    const result = await setupTracker(host);
    expect(result.created).toContain("Tracker");

    const t = fake.table(TABLES.tracker)!;
    expect(t.sheet).toBe(SHEETS.tracker);
    expect(t.headers).toEqual(TRACKER_COLUMNS.map((c) => c.header));
    expect(t.address).toBe(`A1:O2`); // header + the single empty row Excel makes
    expect(t.body).toEqual([TRACKER_COLUMNS.map(() => "")]);
    expect(t.style).toBe("TableStyleMedium2");

    // Number formats of the data row: text columns "@", dates dd/mm/yyyy.
    const formats = fake.numberFormats(SHEETS.tracker, "A2:O2")[0];
    TRACKER_COLUMNS.forEach((c, j) => {
      if (c.kind === "date") expect(formats[j]).toBe("dd/mm/yyyy");
      else if (c.kind === "text" || c.kind === "status") expect(formats[j]).toBe("@");
    });

    // Status dropdown pointing at the Lists sheet's status names.
    const statusCol = TRACKER_COLUMNS.findIndex((c) => c.key === "status");
    const letter = String.fromCharCode(65 + statusCol);
    const dv = fake.validationsOn(SHEETS.tracker, `${letter}2`);
    expect(dv).toHaveLength(1);
    expect(dv[0].rule.list.inCellDropDown).toBe(true);
    expect(dv[0].rule.list.source).toBe("=Lists!$A$2:$A$6");
    expect(fake.values(SHEETS.lists, "A2:A6").map((r) => r[0])).toEqual(
      DEFAULT_STATUSES.map((s) => s.name)
    );
    expect(dv[0].errorAlert).toMatchObject({ showAlert: true, style: "Stop" });

    // One conditional format per status, with its fill and font colours.
    const cfs = fake.conditionalFormatsOn(SHEETS.tracker, `${letter}2`);
    expect(cfs).toHaveLength(DEFAULT_STATUSES.length);
    for (const s of DEFAULT_STATUSES) {
      const cf = cfs.find((f) => f.rule.formula1 === `="${s.name}"`);
      expect(cf).toBeDefined();
      expect(cf!.type).toBe("CellValue");
      expect(cf!.rule.operator).toBe("EqualTo");
      expect(cf!.format).toMatchObject({ fill: s.colour, fontColour: s.fontColour });
    }

    // Frozen header, widths in points, the other sheets, hidden metadata, tracker active.
    expect(fake.sheet(SHEETS.tracker)!.freezeRows).toBe(1);
    expect(fake.sheet(SHEETS.tracker)!.colWidths.get(0)).toBeCloseTo(((14 * 7 + 5) * 3) / 4, 1);
    expect(fake.sheetNames()).toEqual(
      expect.arrayContaining([SHEETS.lists, SHEETS.inspections, SHEETS.history, SHEETS.meta])
    );
    expect(fake.sheet(SHEETS.meta)!.visibility).toBe("VeryHidden");
    expect(fake.values(SHEETS.meta, "A1:B3")).toEqual([
      ["Key", "Value"],
      ["app", "Inspection Tracker"],
      ["schemaVersion", "1"],
    ]);
    expect(fake.tableNames()).toEqual(expect.arrayContaining(Object.values(TABLES)));
    expect(fake.activeSheet()).toBe(SHEETS.tracker);
    expect(fake.values("Sheet1", "A1")).toEqual([[""]]);
  });

  test("takes at most 3 syncs, and exactly one of them writes", async () => {
    const { fake, host } = fresh();
    await setupTracker(host);
    expect(host.stats.byLabel["Set up tracker"].syncs).toBeLessThanOrEqual(3);
    expect(fake.syncCount).toBe(host.stats.last!.syncs);
    expect(writeSyncs(fake)).toBe(1);
  });

  test("a second run performs no write and changes nothing", async () => {
    const { fake, host } = fresh();
    await setupTracker(host);
    await withRows(host, [trackerRow("W-1", "Red"), trackerRow("W-2", "Green")]);
    const before = fake.dump();
    const from = fake.syncLog.length;
    const again = await setupTracker(host);
    expect(again.changed).toBe(false);
    expect(again.message).toMatch(/2 rows/);
    expect(writeSyncs(fake, from)).toBe(0);
    expect(host.stats.last!.syncs).toBeLessThanOrEqual(3);
    expect(fake.dump()).toBe(before);
  });
});

describe("repairs without touching a row", () => {
  test("a deleted Lists sheet comes back; the tracker rows are untouched", async () => {
    const { fake, host } = fresh();
    await setupTracker(host);
    await withRows(host, [trackerRow("W-1", "Amber"), trackerRow("W-2", "Complete")]);
    const rowsBefore = JSON.stringify(fake.table(TABLES.tracker)!.body);
    await fake.Excel.run(async (ctx: any) => {
      ctx.workbook.worksheets.getItem(SHEETS.lists).delete();
      await ctx.sync();
    });
    expect(fake.sheet(SHEETS.lists)).toBeUndefined();

    const result = await setupTracker(host);
    expect(result.repaired.join(" ")).toMatch(/Lists/);
    expect(fake.sheet(SHEETS.lists)).toBeDefined();
    expect(fake.table(TABLES.statuses)!.body.map((r) => r[0])).toEqual(
      DEFAULT_STATUSES.map((s) => s.name)
    );
    expect(JSON.stringify(fake.table(TABLES.tracker)!.body)).toBe(rowsBefore);
    expect(host.stats.last!.syncs).toBeLessThanOrEqual(3);
  });

  test("a removed dropdown is put back over every row; values are untouched", async () => {
    const { fake, host } = fresh();
    await setupTracker(host);
    await withRows(host, [
      trackerRow("W-1", "Red"),
      trackerRow("W-2", "Green"),
      trackerRow("W-3", "Amber"),
    ]);
    await fake.Excel.run(async (ctx: any) => {
      ctx.workbook.tables
        .getItem(TABLES.tracker)
        .columns.getItem("Status")
        .getDataBodyRange()
        .dataValidation.clear();
      await ctx.sync();
    });
    expect(fake.validationsOn(SHEETS.tracker, "J2:J4")).toHaveLength(0);
    const rowsBefore = JSON.stringify(fake.table(TABLES.tracker)!.body);

    const result = await setupTracker(host);
    expect(result.repaired).toContain("Status dropdown");
    const dv = fake.validationsOn(SHEETS.tracker, "J2:J4");
    expect(dv).toHaveLength(1);
    expect(dv[0]).toMatchObject({ r: 1, rows: 3 });
    expect(JSON.stringify(fake.table(TABLES.tracker)!.body)).toBe(rowsBefore);
  });
});

describe("refusals and Office errors leave the workbook unchanged", () => {
  test("a foreign 'Tracker' sheet is not overwritten", async () => {
    const { fake, host } = fresh();
    fake.seed("Tracker", "A1:B2", [
      ["Recommendation", "RAG"],
      ["Improve call handling", "R"],
    ]);
    const before = fake.dump();
    await expectTrackerError(
      setupTracker(host),
      "not-ours",
      /already has a sheet called 'Tracker'/
    );
    expect(fake.dump()).toBe(before);
    expect(writeSyncs(fake)).toBe(0);
  });

  test("a protected sheet it must write to: refused before anything is written", async () => {
    const { fake, host } = fresh();
    await setupTracker(host);
    await fake.Excel.run(async (ctx: any) => {
      ctx.workbook.tables
        .getItem(TABLES.tracker)
        .columns.getItem("Status")
        .getDataBodyRange()
        .dataValidation.clear();
      await ctx.sync();
    });
    fake.protect(SHEETS.tracker);
    const before = fake.dump();
    const from = fake.syncLog.length;
    await expectTrackerError(setupTracker(host), "protected", /'Tracker' is protected/);
    expect(writeSyncs(fake, from)).toBe(0);
    expect(fake.dump()).toBe(before);
  });

  test("Excel refusing the write (AccessDenied) gives the plain message; nothing applied", async () => {
    const { fake, host } = fresh();
    fake.failNextWriteSync("AccessDenied");
    const before = fake.dump();
    await expectTrackerError(setupTracker(host), "protected", /protected.*Unprotect/);
    expect(fake.dump()).toBe(before);
  });

  test("a cell in edit mode gives the plain message; nothing applied", async () => {
    const { fake, host } = fresh();
    fake.failNextWriteSync("InvalidOperationInCellEditMode");
    const before = fake.dump();
    await expectTrackerError(
      setupTracker(host),
      "cell-edit",
      /^A cell is being edited: press Enter or Esc in Excel, then try again/
    );
    expect(fake.dump()).toBe(before);
  });

  test("with delayForCellEdit, set-up waits for the analyst to finish editing, then runs", async () => {
    const { fake, host } = fresh();
    fake.setCellEditMode(true);
    let finished = false;
    const p = setupTracker(host).then(() => (finished = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(finished).toBe(false);
    expect(fake.table(TABLES.tracker)).toBeUndefined();
    fake.setCellEditMode(false);
    await p;
    expect(fake.table(TABLES.tracker)).toBeDefined();
  });

  test("a sheet renamed or deleted while working gives the plain message; nothing applied", async () => {
    const { fake, host } = fresh();
    fake.failNextWriteSync("ItemNotFound");
    const before = fake.dump();
    await expectTrackerError(setupTracker(host), "sheet-missing", /renamed or deleted/);
    expect(fake.dump()).toBe(before);
  });

  test("a real missing sheet in a plan maps to the same message", async () => {
    const { host } = fresh();
    await expectTrackerError(
      host.run("Build summary", (s) =>
        s.apply({ ops: [{ op: "gridlines", sheet: "Summary", show: false }] })
      ),
      "sheet-missing",
      /'Build summary' uses was renamed or deleted/
    );
    expect(host.stats.last!.ok).toBe(false);
  });
});
