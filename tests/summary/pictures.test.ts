/**
 * The Summary as a board member sees it, printed: the demo workbook's and the reference
 * record's (built the day it arrives, nothing filled in), each rendered by LibreOffice with
 * columns laid out as Excel lays them out, then to PNG. Each page but the last is at least half
 * full; page 1 is the dashboard. With UPDATE_DOCS_SHOTS=1 the pictures are written to docs/ (the
 * README shows them); otherwise they stay under tests/.tmp, so a test run leaves the clone as
 * it was.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main";
import { buildDemoWorkbook } from "../../src/cli/commands/demo";
import { convertTo, describeIfSoffice, tmpDir } from "../helpers/libreoffice";
import { pageFill, summaryOnly } from "./printing";

const ROOT = resolve(__dirname, "..", "..");
const REFERENCE = resolve(ROOT, "../shared/reference/staffordshire-ocsae-mosovo-response.txt");
const DOCS = join(ROOT, "docs");
const update = process.env.UPDATE_DOCS_SHOTS === "1";

/** Render a workbook's Summary to PDF, then its pages to PNG; returns the PDF and the PNGs. */
function render(file: string, dir: string, stem: string): { pdf: string; pages: string[] } {
  const pdf = convertTo(file, "pdf", dir, { excelWidths: true });
  const r = spawnSync("pdftoppm", ["-r", "80", "-png", pdf, join(dir, stem)], {
    encoding: "utf8",
  });
  expect(r.status).toBe(0);
  const n = Number(
    /Pages:\s+(\d+)/.exec(spawnSync("pdfinfo", [pdf], { encoding: "utf8" }).stdout)![1]
  );
  const width = String(n).length;
  const pages = Array.from({ length: n }, (_, i) =>
    join(dir, `${stem}-${String(i + 1).padStart(width, "0")}.png`)
  );
  return { pdf, pages };
}

describeIfSoffice("the Summary printed, as pictures for the README", () => {
  test("the demo workbook's Summary: a dashboard, then full pages", async () => {
    const dir = tmpDir("pictures-demo-");
    const demo = await buildDemoWorkbook(join(ROOT, "examples"));
    const file = join(dir, "demo.xlsx");
    writeFileSync(file, demo.bytes);
    const only = join(dir, "demo-summary.xlsx");
    await summaryOnly(file, only);
    const { pdf, pages } = render(only, dir, "demo");
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const fill = pageFill(pdf);
    fill.slice(0, -1).forEach((f, i) => expect([i + 1, f > 0.5]).toEqual([i + 1, true]));
    for (const p of pages) expect(readFileSync(p).subarray(1, 4).toString()).toBe("PNG");
    // Every Ref on the exceptions page ends before the recommendation's column starts (a
    // longer one ran into it: 'TVAWG24-R7By 31 December…').
    const words = [
      ...spawnSync("pdftotext", ["-bbox", "-f", "2", "-l", "2", pdf, "-"], {
        encoding: "utf8",
      }).stdout.matchAll(/xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</g),
    ].map((m) => ({ xMin: Number(m[1]), xMax: Number(m[2]), text: m[3] }));
    const column = words.find((w) => w.text === "Recommendation,")!.xMin;
    const refs = words.filter((w) => /^[A-Z]+\d+-[A-Z]+\d+$/.test(w.text));
    expect(refs.length).toBeGreaterThanOrEqual(5);
    for (const r of refs) expect([r.text, r.xMax < column - 1]).toEqual([r.text, true]);
    if (update) {
      copyFileSync(pages[0], join(DOCS, "summary-example.png"));
      copyFileSync(pages[1], join(DOCS, "summary-example-exceptions.png"));
    }
  });

  test("the reference record's Summary, the day it arrives: unknowns read as unknown", async () => {
    const dir = tmpDir("pictures-reference-");
    const io = { out: () => undefined, err: (t: string) => void process.stderr.write(t) };
    const tracker = join(dir, "reference.xlsx");
    const board = join(dir, "reference-board.xlsx");
    expect(await main(["build", REFERENCE, "--out", tracker], io)).toBe(0);
    expect(await main(["summary", tracker, "--as-at", "31/03/2026", "--out", board], io)).toBe(0);
    const only = join(dir, "reference-summary.xlsx");
    await summaryOnly(board, only);
    const { pdf, pages } = render(only, dir, "reference");
    const first = spawnSync("pdftotext", ["-layout", "-f", "1", "-l", "1", pdf, "-"], {
      encoding: "utf8",
    }).stdout;
    expect(first).toMatch(/0 \(16 with no target date\)/);
    expect(first).toMatch(/Addressee not stated\s+16 \(16 open\)/);
    expect(first).toMatch(/deadline cannot be worked out \(no published date\)\s+1 of 1/);
    const fill = pageFill(pdf);
    fill.slice(0, -1).forEach((f, i) => expect([i + 1, f > 0.5]).toEqual([i + 1, true]));
    // Page 1 only: the figures. The later pages quote the record's recommendations, and the
    // record's text is never copied into the repo.
    if (update) copyFileSync(pages[0], join(DOCS, "summary-reference.png"));
    expect(first).not.toMatch(/OCSAE|MOSOVO/);
  });
});
