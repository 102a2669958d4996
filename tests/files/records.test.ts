/**
 * Hostile records: HTML nested 400,000 deep, 160,000 bullets, 100,000 numbered items, a 52
 * million character record. Each is read up to a stated limit, with a warning naming it, in the
 * parser (which the pane runs) and on the command line; no stack overflow, no giant item.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../helpers/cli";
import { parseRecord } from "../../src/domain/record";
import { MAX_HTML_DEPTH } from "../../src/domain/record/html";
import { MAX_ITEMS } from "../../src/domain/record/items";
import { MAX_INPUT_CHARS } from "../../src/domain/record/parse";

const TMP = join(__dirname, "..", ".tmp", "records");
beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const HEAD =
  "<html><body><p>Force: Wessex Police</p><p>Title of inspection: Nested</p><p>Recommendations</p><ol><li>Improve the first thing.</li></ol>";
const nested = (depth: number) =>
  HEAD + "<div>".repeat(depth) + "deep text" + "</div>".repeat(depth) + "</body></html>";

describe("deeply nested HTML", () => {
  it("400,000 nested <div> (4.4 MB): read up to the depth limit, with a warning naming it", () => {
    const html = nested(400_000);
    expect(html.length).toBeGreaterThan(4_000_000);
    const r = parseRecord(html);
    expect(r.items.map((i) => i.text)).toEqual(["Improve the first thing."]);
    expect(r.inspection.title).toBe("Nested");
    const w = r.warnings.find((x) => /nested more than/.test(x.message));
    expect(w?.message).toMatch(
      new RegExp(
        `^The HTML is nested more than ${MAX_HTML_DEPTH.toLocaleString("en-GB")} elements deep \\(the limit; .*\\), so reading stopped at character [\\d,]+ of 4,400,`
      )
    );
  });

  it("a document nested within the limit is read whole, with no warning", () => {
    const r = parseRecord(nested(MAX_HTML_DEPTH - 10));
    expect(r.warnings.some((x) => /nested more than/.test(x.message))).toBe(false);
  });

  it("parse on the command line: exit 0, the warning printed", async () => {
    const file = join(TMP, "nested.html");
    writeFileSync(file, nested(400_000));
    const r = await run("parse", file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Warnings:\n(.|\n)*The HTML is nested more than 1,000 elements deep/);
  });
});

describe("huge records", () => {
  it("160,000 bullets: no stack overflow; the first 1,000 items, and the limit named", () => {
    const text =
      "Recommendations\n" +
      Array.from({ length: 160_000 }, (_, i) => `• Item ${i + 1}.`).join("\n");
    const r = parseRecord(text);
    expect(r.items).toHaveLength(MAX_ITEMS);
    expect(r.items[999].text).toBe("Item 1000.");
    expect(r.warnings.map((w) => w.message)).toContain(
      "The record holds more than 1,000 items (the limit; a response record has a few dozen): only the first 1,000 were read. Check what was pasted or chosen."
    );
    expect(r.warnings.some((w) => /call stack/.test(w.message))).toBe(false);
  });

  it("100,000 numbered items: 1,000 items, none swallowing the rest", () => {
    const text =
      "Recommendations\n" +
      Array.from({ length: 100_000 }, (_, i) => `${i + 1}. Item ${i + 1}.`).join("\n");
    const r = parseRecord(text);
    expect(r.items).toHaveLength(MAX_ITEMS);
    expect(Math.max(...r.items.map((i) => i.text.length))).toBeLessThan(20);
  });

  it("a 52-million-character record is not read at all, and says why", async () => {
    const text = "Force: Wessex Police\nSummary\n" + "Word ".repeat(10_400_000);
    const r = parseRecord(text);
    expect([r.items.length, r.inspection.summary]).toEqual([0, null]);
    expect(r.warnings[0].message).toBe(
      `This text is 52.0 million characters, over the limit of ${(MAX_INPUT_CHARS / 1e6).toFixed(1)} million for a record (a response record is a few tens of thousands): nothing was imported. Check what was pasted or chosen.`
    );
    // On the command line a file that large is not even read.
    const file = join(TMP, "huge.txt");
    writeFileSync(file, text);
    const p = await run("parse", file);
    expect(p.code).toBe(1);
    expect(p.err).toMatch(
      /huge\.txt is 49\.6 MB, over the 32 MB a response record may be\. Nothing was read\./
    );
    const b = await run("build", file, "--out", join(TMP, "t.xlsx"));
    expect(b.code).toBe(1);
  });

  it("build with 160,000 bullets writes 1,000 rows and prints the limit", async () => {
    const file = join(TMP, "bullets.txt");
    writeFileSync(
      file,
      "Force: Wessex Police\nTitle of inspection: Bullets\nPublished: 01/04/2025\nRecommendations\n" +
        Array.from({ length: 160_000 }, (_, i) => `• Item ${i + 1}.`).join("\n")
    );
    const r = await run("build", file, "--out", join(TMP, "bullets.xlsx"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/bullets\.txt: \w+, 1000 items/);
    expect(r.out).toContain("warning: The record holds more than 1,000 items (the limit");
  });
});
