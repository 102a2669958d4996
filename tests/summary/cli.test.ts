/**
 * The command line, quarter by quarter: `record` writes each position into the tracker itself
 * (same-day replace only when asked, the files' rules: locked, read-only refused, atomic),
 * `summary --snapshot` records into the tracker too and says so, `--as-at` takes dd/mm/yyyy as
 * well as ISO, and `summary --json` gives the issue's keys, every count a number, unknowns
 * counted as such. On the fictional trackers of tests/summary.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { SHEETS, TABLES } from "../../src/domain/columns";
import { main } from "../../src/cli/main";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { buildSampleTracker } from "../../bench/summary.bench";
import { buildMixedTracker } from "./trackers";

const TMP = resolve(__dirname, "..", ".tmp");

function cli() {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
  const run = async (...args: string[]) => {
    out.length = 0;
    err.length = 0;
    return main(args, io);
  };
  return { run, out, err, text: () => out.join("\n"), json: () => JSON.parse(out.join("\n")) };
}

async function positionsIn(file: string): Promise<number[]> {
  const host = await createXlsxHost({ file });
  const snap = await host.run("r", (s) => s.read({ tables: [TABLES.history] }));
  const t = snap.tables[TABLES.history];
  const col = t.headers.indexOf("Snapshot date");
  return [...new Set(t.rows.map((r) => Number(r[col])))].sort((a, b) => a - b);
}

let dir: string;
beforeAll(() => {
  mkdirSync(TMP, { recursive: true });
  dir = mkdtempSync(join(TMP, "summary-cli-"));
});

/** A tracker with no recorded position yet. */
async function tracker(name: string, mixed = false): Promise<string> {
  const host = await createXlsxHost();
  if (mixed) await buildMixedTracker(host, { rows: 40, positions: 2 });
  else await buildSampleTracker(host, { rows: 12, positions: 0 });
  const file = join(dir, name);
  await host.save(file);
  return file;
}

describe("inspection-tracker record", () => {
  test("quarter by quarter into the tracker itself; dd/mm/yyyy or ISO; the same day only with --replace", async () => {
    const file = await tracker("quarters.xlsx");
    const c = cli();
    expect(await c.run("record", file, "--as-at", "30/06/2025")).toBe(0);
    expect(c.text()).toMatch(
      /Position for 30\/06\/2025 recorded: 12 items\. Saved in .*quarters\.xlsx; it now holds 1 position\./
    );
    expect(await c.run("record", file, "--as-at", "2025-09-30", "--json")).toBe(0);
    expect(c.json()).toEqual({
      file,
      date: "2025-09-30",
      recorded: 12,
      replaced: 0,
      skippedNoRef: 0,
      positions: 2,
    });
    expect(await positionsIn(file)).toEqual([45838, 45930]);

    // The same day again: refused, the tracker byte for byte as it was.
    const before = readFileSync(file);
    expect(await c.run("record", file, "--as-at", "30/09/2025")).toBe(1);
    expect(c.err.join("\n")).toMatch(
      /A position for 30\/09\/2025 is already recorded in quarters\.xlsx \(12 rows\)\. Nothing was changed\. Use --replace/
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(await c.run("record", file, "--as-at", "30/09/2025", "--replace", "--json")).toBe(0);
    expect(c.json()).toMatchObject({ recorded: 12, replaced: 12, positions: 2 });

    // Dates that are not dates, in either form, are refused with the forms it takes.
    for (const bad of ["31/02/2026", "2026-13-01", "06/30/2025", "Mar-26"]) {
      expect(await c.run("record", file, "--as-at", bad)).toBe(2);
      expect(c.err.join("\n")).toMatch(/use YYYY-MM-DD or DD\/MM\/YYYY/);
    }
    expect(await positionsIn(file)).toEqual([45838, 45930]);
  });

  test("the files' rules: a read-only tracker is refused, nothing changed", async () => {
    const file = await tracker("read-only.xlsx");
    const before = readFileSync(file);
    chmodSync(file, 0o444);
    const c = cli();
    try {
      expect(await c.run("record", file, "--as-at", "2025-06-30")).toBe(1);
      expect(c.err.join("\n")).toMatch(/read-only/i);
    } finally {
      chmodSync(file, 0o644);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(join(dir, ".read-only.xlsx.lock"))).toBe(false);
  });
});

describe("inspection-tracker summary", () => {
  test("without --snapshot the tracker is untouched; the copy has the Summary", async () => {
    const file = await tracker("plain.xlsx");
    const before = readFileSync(file);
    const out = join(dir, "plain-board.xlsx");
    const c = cli();
    expect(await c.run("summary", file, "--as-at", "31/03/2026", "--out", out)).toBe(0);
    expect(c.text()).toMatch(/Summary built as at 31\/03\/2026: 12 recommendations/);
    expect(c.text()).toMatch(
      /The tracker holds no recorded positions: record one each quarter \(inspection-tracker record/
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    const copy = await createXlsxHost({ file: out });
    expect(copy.workbook.getWorksheet(SHEETS.summary)).toBeDefined();
    // An existing --out is refused without --force, byte for byte as it was.
    const copyBytes = readFileSync(out);
    expect(await c.run("summary", file, "--out", out)).toBe(1);
    expect(c.err.join("\n")).toMatch(/already exists and was not changed/);
    expect(readFileSync(out).equals(copyBytes)).toBe(true);
  });

  test("--snapshot records into the tracker itself too, says so, and counts the positions after", async () => {
    const file = await tracker("snap.xlsx");
    const c = cli();
    expect(await c.run("record", file, "--as-at", "2025-12-31")).toBe(0);
    const out = join(dir, "snap-board.xlsx");
    expect(await c.run("summary", file, "--as-at", "31/03/2026", "--snapshot", "--out", out)).toBe(
      0
    );
    expect(c.text()).toMatch(
      /Position for 31\/03\/2026 recorded: 12 items\. Recorded in .*snap\.xlsx itself, and in the copy\./
    );
    expect(await positionsIn(file)).toEqual([46022, 46112]);
    expect(await positionsIn(out)).toEqual([46022, 46112]);
    // The tracker gets the position, not the Summary.
    expect((await createXlsxHost({ file })).workbook.getWorksheet(SHEETS.summary)).toBeUndefined();

    // The same day again: refused unless --replace; neither file written.
    const before = readFileSync(file);
    const out2 = join(dir, "snap-board-2.xlsx");
    expect(await c.run("summary", file, "--as-at", "2026-03-31", "--snapshot", "--out", out2)).toBe(
      1
    );
    expect(c.err.join("\n")).toMatch(/already recorded in snap\.xlsx/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(out2)).toBe(false);
    expect(
      await c.run(
        "summary",
        file,
        "--as-at",
        "2026-03-31",
        "--snapshot",
        "--replace",
        "--json",
        "--out",
        out2
      )
    ).toBe(0);
    expect(c.json()).toMatchObject({
      positions: 2,
      recorded: { date: "2026-03-31", recorded: 12, replaced: 12 },
    });
    expect(await c.run("summary", file, "--replace", "--out", join(dir, "x.xlsx"))).toBe(2);
  });

  test("--json: exactly the issue's keys, every count a number, unknowns counted as such", async () => {
    const file = await tracker("untidy.xlsx", true);
    const c = cli();
    const out = join(dir, "untidy-board.xlsx");
    expect(await c.run("summary", file, "--as-at", "2026-03-31", "--json", "--out", out)).toBe(0);
    const json = c.json();
    const keys = [
      "asAt",
      "rows",
      "byStatus",
      "byKind",
      "addressedTo",
      "needsInformation",
      "overdue",
      "dueSoon",
      "exceptions",
      "movement",
      "positions",
    ];
    for (const k of keys) expect(json).toHaveProperty(k);
    expect(Object.keys(json.byStatus)).toEqual([
      "Red",
      "Amber",
      "Green",
      "Complete",
      "Superseded",
      "No status",
      "Not valid",
    ]);
    expect(Object.keys(json.byKind).slice(0, 3)).toEqual([
      "recommendation",
      "area-for-improvement",
      "cause-of-concern",
    ]);
    expect(Object.keys(json.addressedTo)).toEqual(["force", "national", "not stated"]);
    for (const k of ["improved", "deteriorated", "unchanged", "new", "completed", "removed"])
      expect(typeof json.movement[k]).toBe("number");
    const numbers = [
      json.rows,
      ...Object.values(json.byStatus),
      ...Object.values(json.byKind),
      ...Object.values(json.addressedTo),
      json.needsInformation,
      json.overdue,
      json.dueSoon,
      json.exceptions,
      ...Object.values(json.movement),
      json.positions,
      json.open,
      json.noValidStatus,
      json.noTargetDate,
      json.dueSoonDays,
      ...Object.values(json.nationalBodies),
      ...Object.values(json.responses),
    ];
    for (const n of numbers) expect(Number.isInteger(n)).toBe(true);
    // Every national body itemised, adding up to the national figure; the 56-day figures apart
    // for the responses whose deadline can and cannot be worked out.
    expect(Object.values(json.nationalBodies).reduce((a: number, b) => a + Number(b), 0)).toBe(
      json.addressedTo.national
    );
    expect(Object.keys(json.responses)).toEqual([
      "inspections",
      "known",
      "pastDeadline",
      "publishedLate",
      "cannotWorkOut",
    ]);
    expect(json.responses.known + json.responses.cannotWorkOut).toBe(json.responses.inspections);
    expect(json.cut).toEqual([]);
    expect(json.asAt).toBe("2026-03-31");
    expect(json.rows).toBe(40);
    // The untidy rows are counted as unknown, never as a colour or as the force.
    expect(json.byStatus["Not valid"]).toBeGreaterThan(0);
    expect(json.byStatus["No status"]).toBeGreaterThan(0);
    expect(json.addressedTo["not stated"]).toBeGreaterThan(0);
    expect(json.byKind["not stated"]).toBeGreaterThan(0);
    expect(json.needsInformation).toBeGreaterThan(0);
    expect(json.exceptions).toBeGreaterThanOrEqual(json.needsInformation);
    expect(json.movement["not compared"]).toBeGreaterThan(0);
    expect(json.positions).toBe(2);
    expect(json.movementBetween).toEqual(["2025-12-31", "2026-03-31"]);
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(json.byStatus)).toBe(40);
    expect(sum(json.byKind)).toBe(40);
    expect(sum(json.addressedTo)).toBe(40);
    writeFileSync(join(dir, "untidy.json"), JSON.stringify(json, null, 2));
  });
});
