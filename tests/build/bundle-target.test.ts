/**
 * The production pane's scripts run on the webviews the README names: ES2020 syntax, as Safari
 * 14 (macOS 11, iPadOS 14) and Chromium 91 (WebView2) parse it. Dependencies ship newer syntax
 * (class static blocks, `||=`), so the build lowers every script (scripts/bundle-target.cjs);
 * before it did, taskpane.js did not parse at ES2020 (`t||=[...]` from webpack's own runtime
 * helpers and the dependencies' class static blocks), and an older Safari showed a blank pane.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { harness } from "../e2e/support";

const target: {
  TARGET_TEXT: string;
  problemsIn(source: string, name?: string): string[];
  checkDir(dir: string): { files: string[]; problems: string[] };
  lower(source: string): string;
} = require("../../scripts/bundle-target.cjs");

describe("bundle target", () => {
  const modern: Record<string, { source: string; result: unknown }> = {
    "a class static block": {
      source: "class A { static { this.x = 41 + 1; } } result = A.x;",
      result: 42,
    },
    "a logical assignment": { source: "let a = 0; a ||= 7; let b = null; b ??= 2; result = a + b;", result: 9 },
    "class fields and private methods": {
      source: "class C { #n = 3; static s = 4; #twice() { return this.#n * 2; } get v() { return this.#twice() + C.s; } } result = new C().v;",
      result: 10,
    },
    "a regular expression with lookbehind": {
      source: "result = 'x-12'.replace(/(?<=-)\\d+/, 'n');",
      result: "x-n",
    },
  };

  it.each(Object.keys(modern))("refuses %s, and runs it the same once lowered", (name) => {
    const { source, result } = modern[name];
    expect(target.problemsIn(source, "planted.js")).toEqual([expect.stringContaining("planted.js")]);
    const lowered = target.lower(source);
    expect(target.problemsIn(lowered, "lowered.js")).toEqual([]);
    const context: { result?: unknown } = {};
    vm.runInNewContext(lowered, context);
    expect(context.result).toEqual(result);
  });

  it("passes ES2020 as it is", () => {
    expect(target.problemsIn("const o = { a: 1 }; const v = o?.a ?? 2; export_ = 2n ** 3n;")).toEqual([]);
  });

  it("every script of the production build parses at the stated target", async () => {
    const build = await harness.ensureBuild({ log: (s) => console.log(s) });
    const { files, problems } = target.checkDir(build.dir);
    expect(files).toEqual(expect.arrayContaining(["taskpane.js", "commands.js", "taskpane.html"]));
    expect(files.length).toBeGreaterThan(3); // the lazily loaded chunks too
    expect(problems).toEqual([]);
    expect(target.TARGET_TEXT).toMatch(/Safari 14/);
    // The README states the target the check holds the bundle to.
    expect(fs.readFileSync(path.join(harness.ROOT, "README.md"), "utf8")).toContain(
      "Safari 14 (macOS 11 Big Sur, iPadOS 14)"
    );
  }, 600_000);
});
