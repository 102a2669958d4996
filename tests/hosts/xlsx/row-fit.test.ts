/**
 * Tracker rows as tall as their wrapped text, so that long text neither overlaps nor hides in
 * LibreOffice: LibreOffice does not grow a row to its wrapped text on opening, so the xlsx host writes each Tracker row's height, as a cached height (no
 * customHeight) that Excel still auto-fits when the analyst edits the row.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { TABLES, TRACKER_COLUMNS } from "../../../src/domain/columns";
import { createXlsxHost } from "../../../src/hosts/xlsx";
import type { CellValue } from "../../../src/workbook/plan";
import { convertTo, describeIfSoffice, pdfText } from "../../helpers/libreoffice";
import { applyTo, applyToFile, newTracker, reopen, tmpDir } from "./fixtures";

/** Our own fictional recommendation, about 600 characters, ending in words found nowhere else. */
const LONG =
  "By the end of March, Wessex Police should review how its custody suites record the welfare " +
  "checks made on detainees who have been assessed as vulnerable, including those held overnight, " +
  "those waiting for an appropriate adult and those waiting for a mental health assessment. The " +
  "review should establish whether checks are made at the intervals the risk assessment sets, " +
  "whether the custody record shows who made each check and what they saw, and whether sergeants " +
  "review the record at each handover. The force should then act on what the review finds and " +
  "report its progress to the joint audit committee, closing with the harbour lantern quartermaster.";
const LAST_WORDS = "harbour lantern quartermaster";

const row = (ref: string, recommendation: string): CellValue[] =>
  TRACKER_COLUMNS.map((c) =>
    c.key === "ref"
      ? ref
      : c.key === "recommendation"
        ? recommendation
        : c.key === "status"
          ? "Amber"
          : null
  );

/** The Tracker sheet's XML as written. */
function trackerXml(file: string): string {
  const zip = unzipSync(readFileSync(file));
  const workbook = strFromU8(zip["xl/workbook.xml"]);
  const rid = /<sheet [^>]*name="Tracker"[^>]*r:id="([^"]+)"/.exec(workbook)?.[1];
  const rels = strFromU8(zip["xl/_rels/workbook.xml.rels"]);
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!target) throw new Error("no Tracker sheet part");
  return strFromU8(zip[`xl/${target.replace(/^\/?xl\//, "")}`]);
}

/** The <row> start tag of a 1-based sheet row. */
function rowTag(xml: string, r: number): string {
  const tag = new RegExp(`<row [^>]*r="${r}"[^>]*>`).exec(xml)?.[0];
  if (!tag) throw new Error(`row ${r} not written`);
  return tag;
}

async function trackerWithLongRow(name: string): Promise<string> {
  const dir = tmpDir("rowfit-");
  const file = await newTracker(dir, name);
  await applyToFile(file, {
    ops: [
      {
        op: "appendRows",
        table: TABLES.tracker,
        rows: [row("WES-1", LONG), row("WES-2", "Short."), row("WES-3", "Also short.")],
      },
    ],
  });
  return file;
}

describe("Tracker rows written headless", () => {
  test("a row with a long wrapped text has its height, cached, not custom; a short row none", async () => {
    const xml = trackerXml(await trackerWithLongRow("heights.xlsx"));
    const long = rowTag(xml, 2);
    expect(long).not.toMatch(/customHeight/);
    const ht = Number(/\sht="([\d.]+)"/.exec(long)?.[1]);
    // About 600 characters in the 60-wide Recommendation column: 9 lines of 15 points.
    expect(ht).toBeGreaterThanOrEqual(8 * 15);
    expect(ht).toBeLessThanOrEqual(409);
    expect(rowTag(xml, 3)).not.toMatch(/\sht=|customHeight/);
  });

  test("a height the analyst set by hand is kept; a cached one is estimated again on the next save", async () => {
    const file = await trackerWithLongRow("kept.xlsx");
    const wb = await reopen(file);
    const ws = wb.getWorksheet("Tracker")!;
    // excelts alone makes every height it loaded custom when it saves: keep row 2's cached.
    ws.getRow(2).customHeight = false;
    ws.getRow(3).height = 50; // set by hand: excelts writes customHeight
    ws.getRow(4).height = 200;
    ws.getRow(4).customHeight = false; // a stale cached height for one line of text
    await wb.xlsx.writeFile(file);
    for (const lean of [false, true]) {
      const host = await createXlsxHost({ file, lean });
      await applyTo(host, {
        ops: [{ op: "appendRows", table: TABLES.tracker, rows: [row("WES-4", LONG)] }],
      });
      await host.save(file);
      const xml = trackerXml(file);
      expect(rowTag(xml, 2)).not.toMatch(/customHeight/);
      expect(rowTag(xml, 2)).toMatch(/\sht="1[2-9]\d"/);
      expect(rowTag(xml, 3)).toMatch(/ht="50"[^>]*customHeight="1"/);
      // Cached: left as it is for one line (it may be a larger font), and never made custom.
      expect(rowTag(xml, 4)).not.toMatch(/customHeight/);
      expect(rowTag(xml, lean ? 6 : 5)).toMatch(/\sht="1[2-9]\d"/);
    }
  });
});

describeIfSoffice("LibreOffice shows the whole of a long Tracker text", () => {
  test("the recommendation's last words are printed", async () => {
    const file = await trackerWithLongRow("printed.xlsx");
    const text = pdfText(convertTo(file, "pdf", join(tmpDir("rowfit-pdf-"))));
    if (text === null) throw new Error("pdftotext (poppler-utils) is not installed");
    expect(text.replace(/\s+/g, " ")).toContain(LAST_WORDS);
  });
});
