/**
 * The Summary checked in a real engine: a tracker generated through the engine (imported-like
 * rows, two recorded positions with statuses changed between them), its Summary opened in
 * LibreOffice headless: values recounted from the tracker (CSV export), charts with their types
 * and status colours (flat ODF), and the page rendered (PDF, then PNG).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { SHEETS, TABLES } from "../../src/domain/columns";
import { isNationalBody } from "../../src/domain/summary";
import { buildSummary } from "../../src/engine/summary";
import { createXlsxHost, type XlsxHost } from "../../src/hosts/xlsx";
import { trackerRows } from "../../src/workbook/read";
import { buildSampleTracker, SAMPLE_AS_AT } from "../../bench/summary.bench";
import { convertTo, csvOfSheet, describeIfSoffice, fodsOf, tmpDir } from "../helpers/libreoffice";

const COLOURS = ["#c00000", "#ffc000", "#00b050", "#0070c0", "#7f7f7f"];

/** Save a copy where every other sheet is hidden, so the PDF holds the Summary's pages alone. */
async function summaryOnly(file: string, out: string): Promise<void> {
  const host = await createXlsxHost({ file });
  for (const ws of host.workbook.worksheets)
    if (ws.name !== SHEETS.summary && ws.state === "visible") ws.state = "hidden";
  await host.save(out);
}

describeIfSoffice("Summary in LibreOffice", () => {
  let dir: string;
  let file: string;
  let host: XlsxHost;

  beforeAll(async () => {
    dir = tmpDir("summary-lo-");
    host = await createXlsxHost();
    await buildSampleTracker(host, { rows: 60, positions: 2 });
    const r = await buildSummary(host, { today: SAMPLE_AS_AT });
    expect(r.kind).toBe("built");
    file = join(dir, "wessex-summary.xlsx");
    await host.save(file);
  });

  test("the Summary's figures match a recount of the tracker's rows", async () => {
    const sheetNo = host.workbook.worksheets.findIndex((w) => w.name === SHEETS.summary) + 1;
    const csv = csvOfSheet(file, sheetNo);
    const table = await host.run(
      "read",
      async (s) => (await s.read({ tables: [TABLES.tracker] })).tables[TABLES.tracker]
    );
    const rows = trackerRows(table);
    const statusOf = (r: (typeof rows)[number]) => String(r.values.status);
    const open = rows.filter((r) => !["Complete", "Superseded"].includes(statusOf(r)));
    /** The number in the cell after the first cell holding the label. */
    const count = (label: string) => {
      const line = csv.find((l) => l.includes(label));
      if (!line) throw new Error(`no '${label}' line in the Summary CSV`);
      return Number(line[line.indexOf(label) + 1]);
    };
    expect(csv.flat()).toContain("Inspection recommendations: position as at 31/03/2026");
    expect(count("Items tracked")).toBe(rows.length);
    expect(count("Open (not Complete or Superseded)")).toBe(open.length);
    expect(count("Overdue (open and past the target date)")).toBe(
      open.filter((r) => Number(r.values.targetDate) < SAMPLE_AS_AT).length
    );
    expect(count("Addressed to national bodies")).toBe(
      rows.filter((r) => isNationalBody(r.values.addressedTo)).length
    );
    // The status table (beside the headline figures): the first cell naming each status.
    for (const status of ["Red", "Amber", "Green", "Complete", "Superseded"]) {
      expect(count(status)).toBe(rows.filter((r) => statusOf(r) === status).length);
    }
    // Each cross-table's Total line adds up to the row count (Total column after five statuses).
    const totals = csv.filter((l) => l[1] === "Total" && l.length > 8 && l[7] !== "");
    expect(totals.length).toBeGreaterThanOrEqual(4);
    for (const t of totals) {
      expect(Number(t[7])).toBe(rows.length);
      expect(t.slice(2, 7).reduce((a, c) => a + Number(c), 0)).toBe(rows.length);
    }
    // The per-inspection lines recount.
    const byInspection = new Map<string, number>();
    for (const r of rows)
      byInspection.set(
        String(r.values.inspection),
        (byInspection.get(String(r.values.inspection)) ?? 0) + 1
      );
    for (const [name, n] of byInspection) {
      const line = csv.find((l) => l[1] === name && l.length > 8);
      expect(line && Number(line[7])).toBe(n);
    }
  });

  test("four native charts with their types, stacking, titles, legend at the bottom and status colours", () => {
    const xml = fodsOf(file);
    const charts =
      xml.match(/<office:document[^>]*opendocument\.chart.*?<\/office:document>/gs) ?? [];
    const described = charts.map((c) => ({
      kind: /<chart:chart [^>]*chart:class="chart:(\w+)"/.exec(c)?.[1],
      title: /<chart:title[^>]*>.*?<text:p>(.*?)<\/text:p>/s.exec(c)?.[1],
      horizontal: /chart:vertical="true"/.test(c),
      stacked: /chart:stacked="true"/.test(c),
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
      "Items by status, 31/03/2026",
      "Status at each recorded position",
      "Status by inspection",
      "Status by theme",
    ]);
    for (const d of described) {
      expect(d.legend).toBe("bottom");
      // The status colours, in the fixed status order.
      const seen = d.colours.filter((c) => COLOURS.includes(c));
      expect(seen.slice(0, 5)).toEqual(COLOURS);
    }
  });

  test("the Summary page renders: A4 landscape PDF with the marking, then PNG", async () => {
    const only = join(dir, "summary-page.xlsx");
    await summaryOnly(file, only);
    const pdf = convertTo(only, "pdf", dir);
    const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout;
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const text = spawnSync("pdftotext", ["-layout", "-f", "1", "-l", "1", pdf, "-"], {
      encoding: "utf8",
    }).stdout;
    expect(text).toMatch(/Inspection recommendations: position as at 31\/03\/2026/);
    expect(text.match(/OFFICIAL/g)!.length).toBeGreaterThanOrEqual(3);
    const png = join(dir, "summary-page");
    const r = spawnSync(
      "pdftoppm",
      ["-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, png],
      { encoding: "utf8" }
    );
    expect(r.status).toBe(0);
    expect(existsSync(`${png}.png`)).toBe(true);
    expect(statSync(`${png}.png`).size).toBeGreaterThan(10_000);
    expect(readFileSync(`${png}.png`).subarray(1, 4).toString()).toBe("PNG");
  });
});
