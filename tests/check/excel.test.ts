/**
 * The check through the Excel host over the in-memory Excel: a constant number of syncs for 10
 * and 10,000 rows (one read, one write), the Check column and fixes in the same batch, the
 * error-row format, click-to-select, and the analyst's edits (not the add-in's) firing re-checks.
 */
import { CHECK_HEADER, TABLES, TRACKER_COLUMNS } from "../../src/domain/columns";
import { checkTracker, selectCell } from "../../src/engine/check";
import { createExcelHost } from "../../src/hosts/excel";
import { ERROR_ROW_FILL } from "../../src/workbook/check";
import { columnLetter } from "../../src/domain/columns";
import { checkRows } from "../../bench/check.bench";
import { createFakeExcel } from "../fakes/fake-excel";
import { AS_AT, HEADERS, cells, goodValues } from "./helpers";

const STATUS = HEADERS.indexOf("Status");

function seeded(rows: (string | number)[][]) {
  const fake = createFakeExcel({ sheets: ["Tracker"] });
  fake.seedTable("Tracker", TABLES.tracker, 0, 0, [...HEADERS], rows, {
    numberFormats: TRACKER_COLUMNS.map((c) => (c.kind === "date" ? "dd/mm/yyyy" : c.kind === "number" ? "General" : "@")),
  });
  const host = createExcelHost({ excel: fake.Excel, office: fake.Office });
  return { fake, host };
}

const asFake = (rows: ReturnType<typeof checkRows>) => rows.map((r) => r.map((v) => (v === null ? "" : (v as string | number))));

describe("check through the Excel host", () => {
  it("takes the same number of syncs (read 2, write 1) for 10 and 10,000 rows, and for Fix all", async () => {
    const syncs: Record<number, { check: number; fix: number }> = {};
    for (const n of [10, 10_000]) {
      const { fake, host } = seeded(asFake(checkRows(n)));
      // As the pane does: it passes the row count it knows; the host reads formulas up to its
      // maxFormulaRows.
      const before = fake.syncCount;
      const out = await checkTracker(host, { today: AS_AT, rows: n });
      const check = fake.syncCount - before;
      expect(host.stats.byLabel["Check tracker"].syncs).toBe(check);
      const mid = fake.syncCount;
      await checkTracker(host, { today: AS_AT, fixes: "all", rows: n });
      syncs[n] = { check, fix: fake.syncCount - mid };
      expect(out.report.rows).toBe(n);
      const t = fake.table(TABLES.tracker)!;
      expect(t.headers[t.headers.length - 1]).toBe(CHECK_HEADER);
      expect(t.body).toHaveLength(n);
    }
    process.stderr.write(`check syncs: ${JSON.stringify(syncs)}\n`);
    // At most a read of two syncs (which tables exist, then their values) and an apply of one:
    // 3 in all, whatever the row count.
    expect(syncs[10].check).toBeLessThanOrEqual(3);
    expect(syncs[10].fix).toBe(syncs[10].check);
    expect(syncs[10_000]).toEqual(syncs[10]);
  });

  it("writes fixes and the Check column in one sync, leaves every other cell alone and marks error rows", async () => {
    const rows = [
      cells(goodValues({ ref: "WP-1", progress: "=Agreed with the chief constable" })),
      cells(goodValues({ ref: "WP-2", status: "grn", owner: "" })),
      cells(goodValues({ ref: "WP-3", status: "amber", nextSteps: "" })),
    ].map((r) => r.map((v) => (v === null ? "" : (v as string | number))));
    const { fake, host } = seeded(rows);
    // The analyst's text that starts with "=" is text (typed with an apostrophe).
    const before = fake.table(TABLES.tracker)!.body.map((r) => [...r]);
    await checkTracker(host, { today: AS_AT });
    const mid = fake.syncLog.length;
    const out = await checkTracker(host, { today: AS_AT, fixes: "all" });
    expect(out.fixed).toBe(2);
    const writes = fake.syncLog.slice(mid).filter((s) => s.writes > 0);
    expect(writes).toHaveLength(1);

    const t = fake.table(TABLES.tracker)!;
    const check = t.body.map((r) => r[HEADERS.length]);
    expect(check).toEqual(["OK", "1 error: owner missing", "1 error: no next steps"]);
    t.body.forEach((r, i) => {
      const expected = [...before[i]];
      if (i === 1) expected[STATUS] = "Green";
      if (i === 2) expected[STATUS] = "Amber";
      expect(r.slice(0, HEADERS.length)).toEqual(expected);
    });

    const checkLetter = columnLetter(HEADERS.length);
    const left = fake.conditionalFormatsOn("Tracker", `A2:A4`);
    expect(left).toHaveLength(1);
    expect(left[0].type).toBe("Custom");
    expect(JSON.stringify(left[0].rule)).toContain(`$${checkLetter}2`);
    expect(left[0].format.fill?.toUpperCase()).toBe(ERROR_ROW_FILL);
    // The Status column keeps its own formats only.
    expect(fake.conditionalFormatsOn("Tracker", `${columnLetter(STATUS)}2:${columnLetter(STATUS)}4`)).toEqual([]);
  });

  it("selects a finding's cell", async () => {
    const { fake, host } = seeded([cells(goodValues({ owner: "" })).map((v) => (v === null ? "" : (v as string | number)))]);
    const out = await checkTracker(host, { today: AS_AT });
    const owner = out.findings.find((f) => f.rule === "owner-missing")!;
    await selectCell(host, owner.cell!);
    expect(fake.selection()).toEqual({ sheet: "Tracker", address: `${columnLetter(HEADERS.indexOf("Owner"))}2` });
  });

  it("refuses a protected Tracker sheet with nothing written", async () => {
    const { fake, host } = seeded([cells(goodValues({ status: "grn" })).map((v) => (v === null ? "" : (v as string | number)))]);
    fake.protect("Tracker");
    const dump = fake.dump();
    await expect(checkTracker(host, { today: AS_AT, fixes: "all" })).rejects.toThrow(/protected/);
    expect(fake.dump()).toBe(dump);
  });

  it("tells the pane about the analyst's edits, not the add-in's own writes", async () => {
    const { fake, host } = seeded([cells(goodValues({ status: "grn" })).map((v) => (v === null ? "" : (v as string | number)))]);
    const seen: number[] = [];
    const off = await host.onTableChanged(TABLES.tracker, () => seen.push(Date.now()));
    const tick = () => new Promise((r) => setTimeout(r, 10));
    await checkTracker(host, { today: AS_AT, fixes: "all" });
    await tick();
    expect(seen).toHaveLength(0);
    fake.userEdit("Tracker", `${columnLetter(HEADERS.indexOf("Owner"))}2`, [["Supt B. Example"]]);
    await tick();
    expect(seen.length).toBeGreaterThan(0);
    await off();
  });
});
