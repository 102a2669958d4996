/**
 * docs/excel-behaviour.md names, for every behaviour of Excel the host relies on, the test that
 * covers it. Each test it names must exist (a renamed or removed test makes the page wrong), and
 * every client difference the in-memory Excel models (FakeClient's fields) must be on the page.
 */
import { readFileSync, readdirSync, statSync } from "fs";
import { join } from "path";

const ROOT = join(__dirname, "..", "..", "..");
const PAGE = readFileSync(join(ROOT, "docs", "excel-behaviour.md"), "utf8");

function testTexts(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (f === ".tmp") return [];
    if (statSync(p).isDirectory()) return testTexts(p);
    return /\.test\.tsx?$/.test(f) ? [readFileSync(p, "utf8")] : [];
  });
}

describe("docs/excel-behaviour.md", () => {
  const tests = testTexts(join(ROOT, "tests"));
  // The behaviour tables (after the clients' table): their last column names the tests.
  const rows = PAGE.slice(PAGE.indexOf("## The batch model"))
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("|---"));

  it("names tests that exist", () => {
    const names = rows.flatMap((row) => {
      const testCell = row.split(" | ").pop() ?? "";
      return [...testCell.matchAll(/"([^"]{12,})"/g)].map((m) => m[1]);
    });
    expect(names.length).toBeGreaterThan(40);
    // "…" stands for words left out: the pieces around it must be in one test file.
    const pieces = (n: string) => n.split("…").map((p) => p.trim()).filter(Boolean);
    const missing = names.filter((n) => !tests.some((t) => pieces(n).every((p) => t.includes(p))));
    expect(missing).toEqual([]);
  });

  it("covers every field of the in-memory Excel's clients", () => {
    const fake = readFileSync(join(ROOT, "tests", "fakes", "fake-excel.ts"), "utf8");
    const block = /export interface FakeClient \{([\s\S]*?)\n\}/.exec(fake)![1];
    const fields = [...block.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]).filter((f) => f !== "name");
    expect(fields.length).toBeGreaterThan(8);
    expect(fields.filter((f) => !PAGE.includes(`\`${f}\``))).toEqual([]);
  });
});
