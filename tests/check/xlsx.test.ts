/**
 * The check through the xlsx host and the command line: the Check column and fixes land in the
 * workbook in one apply, the analyst's cells are untouched, and `check FILE` reads only.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { CHECK_HEADER, TABLES } from "../../src/domain/columns";
import { checkTracker } from "../../src/engine/check";
import { TRACKER_COLUMNS } from "../../src/domain/columns";
import { TABLE_STYLE, formatFor } from "../../src/workbook/setup";
import { createXlsxHost } from "../../src/hosts/xlsx";
import type { CellValue } from "../../src/workbook/plan";
import { AS_AT, HEADERS, cells, goodValues, serial } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

const ROWS: CellValue[][] = [
  cells(goodValues({ ref: "WP-1" })),
  cells(goodValues({ ref: "WP-2", status: "grn", owner: "", progress: "=Agreed with the chief constable" })),
  cells(goodValues({ ref: "WP-3", status: "Amber", progress: "", targetDate: serial("2026-12-15") })),
];

async function makeTracker(file: string) {
  // The tracker table as set-up makes it (built directly, so this test needs only the Tracker sheet).
  const host = await createXlsxHost();
  await host.run("rows", async (s) => {
    await s.apply({
      ops: [
        { op: "ensureSheet", sheet: "Tracker" },
        {
          op: "createTable", sheet: "Tracker",
          table: { name: TABLES.tracker, row: 0, col: 0, headers: [...HEADERS], rows: [], columnFormats: TRACKER_COLUMNS.map(formatFor), style: TABLE_STYLE },
        },
        { op: "appendRows", table: TABLES.tracker, rows: ROWS.map((r) => [...r]) },
        { op: "addTableColumn", table: TABLES.tracker, header: "Analyst notes", values: ["keep", "", "+44 call back"] },
      ],
    });
  });
  await host.save(file);
}

async function readTracker(file: string) {
  const host = await createXlsxHost({ file });
  return host.run("read", async (s) => (await s.read({ tables: [TABLES.tracker] })).tables[TABLES.tracker]);
}

describe("check through the xlsx host", () => {
  const file = join(dir, "wessex.xlsx");
  beforeAll(() => makeTracker(file));

  it("writes the Check column and fixes in one apply, leaving every other cell as it was", async () => {
    const host = await createXlsxHost({ file });
    const before = { ...host.calls };
    const out = await checkTracker(host, { today: AS_AT, fixes: "all" });
    expect(host.calls.reads - before.reads).toBe(1);
    expect(host.calls.applies - before.applies).toBe(1);
    expect(out.fixed).toBe(1);
    const fixedFile = join(dir, "fixed.xlsx");
    await host.save(fixedFile);

    const t = (await readTracker(fixedFile))!;
    expect(t.headers).toEqual([...HEADERS, "Analyst notes", CHECK_HEADER]);
    const check = t.rows.map((r) => r[t.headers.length - 1]);
    expect(check).toEqual(["OK", "1 error: owner missing", "1 error, 1 warning: no progress update; due soon"]);
    const status = HEADERS.indexOf("Status");
    t.rows.forEach((r, i) => {
      const expected = [...ROWS[i], ["keep", "", "+44 call back"][i]];
      if (i === 1) expected[status] = "Green";
      expect(r.slice(0, -1)).toEqual(expected);
    });

    // Idempotent: a second check writes the same Check column, no second column.
    const again = await createXlsxHost({ file: fixedFile });
    await checkTracker(again, { today: AS_AT });
    await again.save(fixedFile);
    const t2 = (await readTracker(fixedFile))!;
    expect(t2.headers.filter((h) => h === CHECK_HEADER)).toHaveLength(1);
    expect(t2.rows).toEqual(t.rows);
  });

  it("`check FILE --json` prints its JSON report, exits 1 on errors and leaves the file unchanged", async () => {
    const bytes = readFileSync(file);
    const { io, out, err } = capture();
    const code = await main(["check", file, "--as-at", "2026-11-30", "--json"], io);
    expect(err).toEqual([]);
    expect(code).toBe(1);
    const json = JSON.parse(out.join(""));
    expect(json).toMatchObject({ asAt: "2026-11-30", rows: 3, counts: { error: 3, warning: 1 } });
    expect(json.findings[0]).toEqual({
      rule: "status-unknown", severity: "error", row: 3, ref: "WP-2", column: "Status",
      message: expect.stringContaining("'grn'"), suggestion: "Green", table: TABLES.tracker,
    });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("exits 0 when there are warnings only, and says so in plain text", async () => {
    const { io, out } = capture();
    // On 01/12/2026 the fixed file's third row is still an error; use a clean tracker instead.
    const clean = join(dir, "clean.csv");
    writeFileSync(clean, "\uFEFFRef,Recommendation,Owner,Target date,Status,Progress update,Next steps,Last updated\r\n" +
      "WP-1,Improve crime recording,Supt Example,15/12/2026,Green,Audit done,Training,01/11/2026\r\n");
    expect(await main(["check", clean, "--as-at", "2026-11-30"], io)).toBe(0);
    expect(out.join("\n")).toMatch(/1 row checked as at 30\/11\/2026: 0 errors, 1 warning/);
    expect(out.join("\n")).toMatch(/Due soon/);
  });
});

describe("check command on CSV and bad input", () => {
  it("treats the CSV header row as the table header and numbers rows as Excel would", async () => {
    const csv = join(dir, "t.csv");
    writeFileSync(csv, "Ref,Recommendation,Owner,Target date,Status\nWP-1,Improve,Supt,31/03/2027,Gren\nWP-1,Improve,,31/03/2027,Red\n");
    const { io, out } = capture();
    expect(await main(["check", csv, "--as-at", "2026-11-30", "--json"], io)).toBe(1);
    const json = JSON.parse(out.join(""));
    const rules = json.findings.map((f: { rule: string; row: number }) => `${f.row}:${f.rule}`);
    expect(rules).toEqual(expect.arrayContaining(["2:status-unknown", "2:duplicate-ref", "3:duplicate-ref", "3:owner-missing", "3:rag-without-update"]));
    // --as-at takes the UK form as summary and record do, to the same findings.
    const uk = capture();
    expect(await main(["check", csv, "--as-at", "30/11/2026", "--json"], uk.io)).toBe(1);
    expect(JSON.parse(uk.out.join(""))).toEqual(json);
  });

  it("refuses a CSV without a Status column, an unknown file type and a bad date, with clear messages", async () => {
    const csv = join(dir, "notes.csv");
    writeFileSync(csv, "Name,Age\nA,1\n");
    let c = capture();
    expect(await main(["check", csv], c.io)).toBe(1);
    expect(c.err.join("")).toMatch(/no 'Status' column/);
    c = capture();
    expect(await main(["check", join(dir, "x.txt")], c.io)).toBe(2);
    c = capture();
    expect(await main(["check", csv, "--as-at", "31/13/2026"], c.io)).toBe(2);
    expect(c.err.join("")).toMatch(/use YYYY-MM-DD or DD\/MM\/YYYY/);
    c = capture();
    expect(await main(["check", join(dir, "missing.xlsx")], c.io)).toBe(1);
    expect(c.err.join("")).toMatch(/missing\.xlsx/);
  });

  it("says what to do with a workbook that is not a tracker", async () => {
    const host = await createXlsxHost();
    await host.run("sheet", (s) => s.apply({ ops: [{ op: "ensureSheet", sheet: "Sheet1" }] }));
    const file = join(dir, "plain.xlsx");
    await host.save(file);
    const c = capture();
    expect(await main(["check", file], c.io)).toBe(1);
    expect(c.err.join("")).toMatch(/no tracker table/);
  });
});
