// Fails (exit 1) if ESLint would skip any source file: every tracked or new code file under
// src/, bench/ and tests/ must be matched by the lint config, not ignored. ESLint 9 skips a
// file no config block's `files` matches ("File ignored because no matching configuration was
// supplied") and still exits 0, which is how every .tsx file once went unlinted.
//
//   node scripts/lint-covers.mjs [--config other.config.mjs]
//
// Prints the JSON list of skipped files. `npm run lint` runs it after ESLint.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { ESLint } from "eslint";

const CODE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const FOLDERS = ["src", "bench", "tests"];

const at = process.argv.indexOf("--config");
const overrideConfigFile = at > 0 ? resolve(process.argv[at + 1]) : undefined;
const eslint = new ESLint(overrideConfigFile ? { overrideConfigFile } : {});

const files = execFileSync(
  "git",
  ["ls-files", "--cached", "--others", "--exclude-standard", "--", ...FOLDERS],
  { encoding: "utf8" }
)
  .split("\n")
  .filter((f) => CODE.test(f));

const skipped = [];
for (const file of files) {
  const config = await eslint.calculateConfigForFile(file);
  if ((await eslint.isPathIgnored(file)) || !config) skipped.push(file);
}
console.log(JSON.stringify({ checked: files.length, skipped }));
if (files.length === 0 || skipped.length > 0) {
  if (skipped.length > 0) console.error(`ESLint skips ${skipped.length} source file(s).`);
  process.exit(1);
}
