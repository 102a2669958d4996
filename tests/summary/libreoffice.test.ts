/**
 * The Summary checked in a real engine: an untidy fictional tracker (kinds mixed, statuses not in
 * the list or blank, items without an owner, target date or stated addressee, three recorded
 * positions) built through the engine, its Summary opened in LibreOffice headless. Every figure
 * and table is recounted here from the tracker's rows and History (CSV export), independently of
 * the domain code; the charts are checked in the flat ODF; the pages in the PDF (page 1 the
 * dashboard, "Page N of M" beside the marking, no page but the last mostly empty).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  SHEETS,
  TABLES,
  TRACKER_HEADER,
  columnLetter,
  headerIndex,
  type TrackerKey,
} from "../../src/domain/columns";
import { buildSummary } from "../../src/engine/summary";
import { createXlsxHost, type XlsxHost } from "../../src/hosts/xlsx";
import { tableRecords, trackerRows } from "../../src/workbook/read";
import type { TrackerRow } from "../../src/domain/model";
import { SAMPLE_AS_AT } from "../../bench/summary.bench";
import { convertTo, csvOfSheet, describeIfSoffice, fodsOf, tmpDir } from "../helpers/libreoffice";
import { pageFill, summaryOnly } from "./printing";
import { buildMixedTracker } from "./trackers";

const COLOURS = ["#c00000", "#ffc000", "#00b050", "#0070c0", "#7f7f7f"];
const STATUSES = ["Red", "Amber", "Green", "Complete", "Superseded"];
const CLOSED = new Set(["Complete", "Superseded"]);
const NATIONAL = /NPCC|College of Policing|Home Office/;

/** The independent recount: what each figure must be, from the rows as they stand. */
function recount(rows: TrackerRow[]) {
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
  const status = (r: TrackerRow) => {
    const s = r.values.status;
    if (text(s) === "") return "No status";
    return typeof s === "string" && STATUSES.includes(s) ? s : "Not valid";
  };
  const target = (r: TrackerRow) =>
    typeof r.values.targetDate === "number" ? r.values.targetDate : null;
  const open = rows.filter((r) => !CLOSED.has(status(r)));
  const overdue = open.filter((r) => target(r) !== null && target(r)! < SAMPLE_AS_AT);
  const needs = open.filter(
    (r) =>
      !["Red", "Amber", "Green"].includes(status(r)) ||
      text(r.values.owner) === "" ||
      target(r) === null
  );
  const exceptions = new Set([...open.filter((r) => status(r) === "Red"), ...overdue, ...needs]);
  const kind = (r: TrackerRow) => {
    const k = text(r.values.kind);
    return k === "Recommendation"
      ? "Recommendations"
      : k === "Area for improvement"
        ? "Areas for improvement"
        : k === "Cause of concern"
          ? "Causes of concern"
          : "Kind not stated";
  };
  const addressee = (r: TrackerRow) => {
    const a = text(r.values.addressedTo);
    if (a === "" || a === "Not stated" || a === "Unknown") return "Not stated";
    return NATIONAL.test(a) ? "National bodies" : "The force";
  };
  return { status, open, overdue, needs, exceptions, kind, addressee, target };
}

describeIfSoffice("Summary in LibreOffice", () => {
  let dir: string;
  let file: string;
  let host: XlsxHost;
  let csv: string[][];
  let pdf: string;

  beforeAll(async () => {
    dir = tmpDir("summary-lo-");
    host = await createXlsxHost();
    await buildMixedTracker(host, { rows: 60, positions: 3 });
    const r = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(r.kind).toBe("built");
    file = join(dir, "wessex-summary.xlsx");
    await host.save(file);
    const sheetNo = host.workbook.worksheets.findIndex((w) => w.name === SHEETS.summary) + 1;
    csv = csvOfSheet(file, sheetNo);
    const only = join(dir, "summary-page.xlsx");
    await summaryOnly(file, only);
    pdf = convertTo(only, "pdf", dir, { excelWidths: true });
  });

  /** The first number in the cell after the first cell holding the label ("23 (14 open)" → 23). */
  const count = (label: string, from = 0) => {
    const line = csv.slice(from).find((l) => l.includes(label));
    if (!line) throw new Error(`no '${label}' line in the Summary CSV`);
    const cell = line[line.indexOf(label) + 1];
    const n = /^\d+/.exec(cell.trim());
    if (!n) throw new Error(`'${label}' is followed by '${cell}', not a number`);
    return Number(n[0]);
  };
  /** The line of a table whose label column holds the label, after the table's heading. */
  const tableLine = (heading: string, label: string) => {
    const at = csv.findIndex((l) => l.some((c) => c.startsWith(heading)));
    if (at < 0) throw new Error(`no '${heading}' heading`);
    const line = csv.slice(at).find((l) => l[1] === label);
    if (!line) throw new Error(`no '${label}' line under '${heading}'`);
    return line;
  };

  test("the headline figures, status table, kinds, addressees and national bodies recount from the rows", async () => {
    const table = await host.run(
      "read",
      async (s) => (await s.read({ tables: [TABLES.tracker] })).tables[TABLES.tracker]
    );
    const rows = trackerRows(table);
    const c = recount(rows);
    expect(csv.flat()).toContain("Inspection findings: position as at 31/03/2026");
    const tracked = csv.find((l) => l.some((x) => x.endsWith(" tracked")))!;
    expect(Number(tracked[2])).toBe(rows.length);
    expect(count("Open (not Complete or Superseded)")).toBe(c.open.length);
    expect(count("Exceptions: Red, overdue or needing information")).toBe(c.exceptions.size);
    expect(count("   Overdue (open and past the target date)")).toBe(c.overdue.length);
    expect(count("   Needs information (open, without a status, owner or target date)")).toBe(
      c.needs.length
    );
    const due = c.open.filter(
      (r) =>
        c.target(r) !== null && c.target(r)! >= SAMPLE_AS_AT && c.target(r)! <= SAMPLE_AS_AT + 30
    );
    expect(count("Due in the next 30 days (Lists: Due soon)")).toBe(due.length);
    // Unknowns are counted, never folded in: 'Not valid' and 'No status' rows in the status table.
    for (const status of [...STATUSES, "No status", "Not valid"])
      expect(count(status)).toBe(rows.filter((r) => c.status(r) === status).length);
    expect(rows.some((r) => c.status(r) === "Not valid")).toBe(true);

    // Kinds apart: the "of which" rows under the total, and the by-kind table.
    for (const kind of [
      "Recommendations",
      "Areas for improvement",
      "Causes of concern",
      "Kind not stated",
    ]) {
      const n = rows.filter((r) => c.kind(r) === kind).length;
      expect(n).toBeGreaterThan(0);
      expect(count(`   of which ${kind.toLowerCase()}`)).toBe(n);
      const line = tableLine("Findings by kind", kind);
      expect(Number(line[9])).toBe(n);
    }
    // Addressees: force, national and not stated add up; every national body itemised.
    const force = rows.filter((r) => c.addressee(r) === "The force").length;
    const national = rows.filter((r) => c.addressee(r) === "National bodies").length;
    const notStated = rows.filter((r) => c.addressee(r) === "Not stated").length;
    expect(notStated).toBeGreaterThan(0);
    expect([count("Addressed to the force"), count("Addressed to national bodies")]).toEqual([
      force,
      national,
    ]);
    expect(count("Addressee not stated")).toBe(notStated);
    const bodies = csv.filter((l) => /^ {3}of which (NPCC|College|Home)/.test(l[1] ?? ""));
    expect(bodies.reduce((sum, l) => sum + Number(l[2]), 0)).toBe(national);
    for (const label of ["The force", "National bodies", "Not stated"]) {
      const line = tableLine("Findings by who they are addressed to", label);
      expect(Number(line[9])).toBe(rows.filter((r) => c.addressee(r) === label).length);
    }
  });

  test("LibreOffice's own formulas over the Tracker give every headline figure and status count", async () => {
    // A copy with a Recount sheet of formulas over the Tracker's cells (A1 ranges, no help from
    // our code), which LibreOffice calculates on opening; each must equal the Summary's figure.
    const table = await host.run(
      "read",
      async (s) => (await s.read({ tables: [TABLES.tracker] })).tables[TABLES.tracker]
    );
    const n = table.rows.length;
    const range = (key: TrackerKey) => {
      const col = headerIndex(table.headers, TRACKER_HEADER[key]);
      expect(col).toBeGreaterThanOrEqual(0);
      const letter = columnLetter(table.col + col);
      return `Tracker!$${letter}$${table.row + 2}:$${letter}$${table.row + 1 + n}`;
    };
    const [R, O, T, K, D, REF] = (
      ["status", "owner", "targetDate", "kind", "addressedTo", "ref"] as TrackerKey[]
    ).map(range);
    const AS_AT = SAMPLE_AS_AT;
    const is = (v: string) => `EXACT(TRIM(${R}),"${v}")`;
    const closed = `(${is("Complete")}+${is("Superseded")})`;
    const open = `(1-${closed})`;
    const valid = `(${is("Red")}+${is("Amber")}+${is("Green")})`;
    const dated = `ISNUMBER(${T})`;
    const overdue = `${dated}*(${T}<${AS_AT})`;
    const needs = `(((1-${valid})+(TRIM(${O})="")+(1-${dated}))>0)`;
    const kind = (k: string) => `SUMPRODUCT(--(TRIM(${K})="${k}"))`;
    const notStated = `((TRIM(${D})="")+(TRIM(${D})="Not stated")+(TRIM(${D})="Unknown"))`;
    const national = `((ISNUMBER(SEARCH("NPCC",${D}))+ISNUMBER(SEARCH("College of Policing",${D}))+ISNUMBER(SEARCH("Home Office",${D})))>0)`;
    const formulas: [string, string][] = [
      ["Findings tracked", `COUNTA(${REF})`],
      ["Open (not Complete or Superseded)", `SUMPRODUCT(${open})`],
      [
        "Exceptions: Red, overdue or needing information",
        `SUMPRODUCT(${open}*((${is("Red")}+${overdue}+${needs})>0))`,
      ],
      ["   Overdue (open and past the target date)", `SUMPRODUCT(${open}*${overdue})`],
      [
        "   Needs information (open, without a status, owner or target date)",
        `SUMPRODUCT(${open}*${needs})`,
      ],
      [
        "Due in the next 30 days (Lists: Due soon)",
        `SUMPRODUCT(${open}*${dated}*(${T}>=${AS_AT})*(${T}<=${AS_AT + 30}))`,
      ],
      ...STATUSES.map((st): [string, string] => [st, `SUMPRODUCT(--${is(st)})`]),
      ["No status", `SUMPRODUCT(--(TRIM(${R})=""))`],
      ["Not valid", `SUMPRODUCT((1-${valid}-${closed})*(TRIM(${R})<>""))`],
      ["   of which recommendations", kind("Recommendation")],
      ["   of which areas for improvement", kind("Area for improvement")],
      ["   of which causes of concern", kind("Cause of concern")],
      [
        "   of which kind not stated",
        `COUNTA(${REF})-${kind("Recommendation")}-${kind("Area for improvement")}-${kind("Cause of concern")}`,
      ],
      ["Addressee not stated", `SUMPRODUCT(--(${notStated}>0))`],
      ["Addressed to national bodies", `SUMPRODUCT((1-(${notStated}>0))*${national})`],
      [
        "Addressed to the force",
        `COUNTA(${REF})-SUMPRODUCT(--(${notStated}>0))-SUMPRODUCT((1-(${notStated}>0))*${national})`,
      ],
    ];
    const copy = await createXlsxHost({ file });
    const ws = copy.workbook.addWorksheet("Recount");
    formulas.forEach(([label, formula], i) => {
      ws.getCell(i + 1, 1).value = label;
      ws.getCell(i + 1, 2).value = { formula };
    });
    const recountFile = join(dir, "recount.xlsx");
    await copy.save(recountFile);
    const recounted = csvOfSheet(recountFile, copy.workbook.worksheets.length);
    expect(recounted).toHaveLength(formulas.length);
    const pairs = recounted.map(([label, value]) => [
      label,
      label === "Findings tracked"
        ? Number(csv.find((l) => l.some((x) => x.endsWith(" tracked")))![2])
        : count(label),
      Number(value),
    ]);
    // The figures are not all zero (a recount of nothing would agree with anything).
    expect(pairs.filter(([, , v]) => Number(v) > 0).length).toBeGreaterThan(12);
    for (const [label, summary, libre] of pairs) expect([label, summary]).toEqual([label, libre]);
  });

  test("every cross-table adds up, with No status and Not valid columns; the inspections recount", async () => {
    const rows = trackerRows(
      await host.run(
        "read",
        async (s) => (await s.read({ tables: [TABLES.tracker] })).tables[TABLES.tracker]
      )
    );
    // Each cross-table's Total line (Total column after seven status columns).
    const totals = csv.filter((l) => l[1] === "Total" && l.length > 10 && l[9] !== "");
    expect(totals.length).toBeGreaterThanOrEqual(5);
    for (const t of totals) {
      expect(Number(t[9])).toBe(rows.length);
      expect(t.slice(2, 9).reduce((a, x) => a + Number(x), 0)).toBe(rows.length);
    }
    const byInspection = new Map<string, number>();
    for (const r of rows)
      byInspection.set(
        String(r.values.inspection),
        (byInspection.get(String(r.values.inspection)) ?? 0) + 1
      );
    for (const [name, n] of byInspection) {
      const line = csv.find((l) => l[1] === name && l.length > 10);
      expect(line && Number(line[9])).toBe(n);
    }
  });

  test("movement recounts from the last two recorded positions, in plain words; not valid is not compared", async () => {
    const history = tableRecords(
      (await host.run("read", (s) => s.read({ tables: [TABLES.history] }))).tables[TABLES.history]
    );
    const dates = [...new Set(history.map((h) => Number(h["Snapshot date"])))].sort(
      (a, b) => a - b
    );
    expect(dates).toHaveLength(3);
    const at = (d: number) =>
      new Map(
        history
          .filter((h) => h["Snapshot date"] === d)
          .map((h) => [String(h.Ref), String(h.Status ?? "")])
      );
    const before = at(dates[1]);
    const after = at(dates[2]);
    const rank = (s: string) => (CLOSED.has(s) ? 9 : ["Red", "Amber", "Green"].indexOf(s));
    const tally: Record<string, number> = {};
    const add = (k: string) => (tally[k] = (tally[k] ?? 0) + 1);
    for (const ref of new Set([...before.keys(), ...after.keys()])) {
      const f = before.get(ref);
      const t = after.get(ref);
      if (f === undefined) add("New since last position");
      else if (t === undefined) add("Removed from the tracker");
      else if (!STATUSES.includes(f) || !STATUSES.includes(t)) add("Not compared");
      else if (f === t || (CLOSED.has(f) && CLOSED.has(t))) add("Unchanged");
      else if (t === "Complete" && !CLOSED.has(f)) add("Completed since last position");
      else if (t === "Superseded" && !CLOSED.has(f)) add("Closed without action (Superseded)");
      else if (rank(t) > rank(f)) add("Improved");
      else add("Deteriorated");
    }
    expect(tally["Not compared"]).toBeGreaterThan(0);
    const heading = csv.findIndex((l) =>
      l[0].startsWith("Movement since the last recorded position")
    );
    for (const [label, n] of Object.entries(tally)) {
      const line = csv.slice(heading).find((l) => l[1].startsWith(label))!;
      expect([label, Number(line[2])]).toEqual([label, n]);
    }
    expect(count("Items in either position", heading)).toBe(
      new Set([...before.keys(), ...after.keys()]).size
    );
  });

  test("four native charts: types, titles naming what they count, legend at the bottom, status colours, bars in the tables' order", () => {
    const xml = fodsOf(file);
    const charts =
      xml.match(/<office:document[^>]*opendocument\.chart.*?<\/office:document>/gs) ?? [];
    const described = charts.map((c) => ({
      kind: /<chart:chart [^>]*chart:class="chart:(\w+)"/.exec(c)?.[1],
      title: /<chart:title[^>]*>.*?<text:p>(.*?)<\/text:p>/s.exec(c)?.[1],
      horizontal: /chart:vertical="true"/.test(c),
      stacked: /chart:stacked="true"/.test(c),
      reversed: /chart:reverse-direction="true"/.test(c),
      legend: /chart:legend-position="(\w+)"/.exec(c)?.[1],
      colours: [...c.matchAll(/draw:fill-color="(#\w+)"/g)].map((m) => m[1].toLowerCase()),
    }));
    expect(described.map((d) => [d.kind, d.horizontal, d.stacked])).toEqual([
      ["ring", false, false],
      ["bar", false, true],
      ["bar", true, true],
      ["bar", true, true],
    ]);
    expect(described.map((d) => d.title)).toEqual([
      "Findings by status, 31/03/2026",
      "Status at each recorded position",
      "Findings by inspection and status",
      "Findings by theme and status",
    ]);
    // Horizontal bars list the categories from the top, in the table's order.
    expect(described.slice(1).map((d) => d.reversed)).toEqual([false, true, true]);
    for (const d of described) {
      expect(d.legend).toBe("bottom");
      const seen = d.colours.filter((c) => COLOURS.includes(c));
      expect(seen.slice(0, 5)).toEqual(COLOURS);
    }
  });

  test("the pages: A4 landscape, page 1 the dashboard, 'Page N of M' beside the marking, no page but the last mostly empty", () => {
    const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(2);
    const page = (n: number) =>
      spawnSync("pdftotext", ["-layout", "-f", String(n), "-l", String(n), pdf, "-"], {
        encoding: "utf8",
      }).stdout;
    const first = page(1);
    expect(first).toMatch(/position as at 31\/03\/2026/);
    expect(first).toMatch(/Exceptions: Red, overdue or needing information/);
    expect(first).toMatch(/What it means \(from the Lists sheet\)/);
    expect(first).toMatch(/by status, 31\/03\/2026/);
    expect(first).not.toMatch(/every Red and every overdue item/);
    for (let n = 1; n <= pages; n++) {
      const text = page(n);
      expect(text).toMatch(new RegExp(`OFFICIAL\\s+Page ${n} of ${pages}`));
    }
    const fill = pageFill(pdf);
    expect(fill).toHaveLength(pages);
    fill.slice(0, -1).forEach((f, i) => expect([i + 1, f > 0.5]).toEqual([i + 1, true]));
    const png = join(dir, "summary-page");
    const r = spawnSync(
      "pdftoppm",
      ["-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, png],
      {
        encoding: "utf8",
      }
    );
    expect(r.status).toBe(0);
    expect(existsSync(`${png}.png`)).toBe(true);
    expect(statSync(`${png}.png`).size).toBeGreaterThan(10_000);
    expect(readFileSync(`${png}.png`).subarray(1, 4).toString()).toBe("PNG");
  });
});
