/**
 * The command line as a real process (for what only a process shows: a closed stdout, exit
 * codes, stack traces on stderr): bundled once per test file with esbuild, as
 * scripts/build-cli.mjs bundles it, into tests/.tmp.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";

const ROOT = join(__dirname, "..", "..");

export function bundleCli(name: string): string {
  const dir = join(ROOT, "tests", ".tmp", name);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, "main.js");
  buildSync({
    entryPoints: [join(ROOT, "src", "cli", "main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["mammoth", "htmlparser2", "papaparse", "fflate"],
    logLevel: "error",
  });
  return outfile;
}

/** Run a shell line in which `$CLI` is the bundled command line. */
export function shell(cli: string, line: string): SpawnSyncReturns<string> {
  const script = `CLI() { node -e 'require(process.argv[1]).main(process.argv.slice(2)).then((c) => { process.exitCode = c; })' "${cli}" "$@"; }\n${line}`;
  return spawnSync("bash", ["-c", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
}
