/**
 * The task pane's JavaScript: the production pane built by webpack into a folder of
 * its own, then the scripts taskpane.html loads (the initial JavaScript, which the analyst waits
 * for) and the chunks loaded later (mammoth, the record parser with htmlparser2, the sections
 * opened later, the xlsx code of the update round), raw and gzip (level 9). Printed beside the
 * target (under 185 KB gzip initial) and the official Office add-in template's React + Fluent UI
 * v9 task pane, 169 KB gzip initial, as measured for the issue.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = resolve(__dirname, "..", "..");
const KB = 1024;
const TEMPLATE_GZIP_KB = 169;
const TARGET_GZIP_KB = 185;

const kb = (bytes: number) => Math.round((bytes / KB) * 10) / 10;

function size(file: string): { rawKb: number; gzipKb: number } {
  const buf = readFileSync(file);
  return { rawKb: kb(buf.length), gzipKb: kb(gzipSync(buf, { level: 9 }).length) };
}

/** What a built pane folder holds: the initial scripts and each lazy chunk. */
export function paneFigures(dir: string): Record<string, unknown> {
  const html = readFileSync(join(dir, "taskpane.html"), "utf8");
  const initial = [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+)/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src));
  const scripts = readdirSync(dir).filter((f) => f.endsWith(".js") && f !== "commands.js");
  const sum = (files: string[]) =>
    files.reduce(
      (acc, f) => {
        const s = size(join(dir, f));
        return { rawKb: kb((acc.rawKb + s.rawKb) * KB), gzipKb: kb((acc.gzipKb + s.gzipKb) * KB) };
      },
      { rawKb: 0, gzipKb: 0 }
    );
  const lazy = scripts.filter((f) => !initial.includes(f));
  const whatIn = (f: string) => {
    const text = readFileSync(join(dir, f), "utf8");
    const found: string[] = [];
    if (text.includes("An unrecognised element was ignored")) found.push("mammoth");
    if (text.includes("onopentagname")) found.push("htmlparser2");
    if (text.includes("sharedStrings")) found.push("excelts");
    return found;
  };
  const first = sum(initial);
  return {
    initialFiles: initial,
    initial: first,
    lazy: Object.fromEntries(lazy.map((f) => [f, { ...size(join(dir, f)), holds: whatIn(f) }])),
    initialHolds: initial.flatMap(whatIn),
    templateGzipKb: TEMPLATE_GZIP_KB,
    targetGzipKb: TARGET_GZIP_KB,
    ratioToTemplate: Math.round((first.gzipKb / TEMPLATE_GZIP_KB) * 100) / 100,
  };
}

export async function paneBench(): Promise<Record<string, unknown>> {
  const out = mkdtempSync(join(tmpdir(), "pane-bench-"));
  try {
    const t0 = Date.now();
    const r = spawnSync(
      "npx",
      ["--no-install", "webpack", "--mode", "production", "--output-path", out],
      { cwd: ROOT, encoding: "utf8", timeout: 900_000, maxBuffer: 64 * 1024 * 1024 }
    );
    if (r.status !== 0) return { failed: `webpack exited ${r.status}: ${r.stderr.slice(-2000)}` };
    return { buildSeconds: Math.round((Date.now() - t0) / 100) / 10, ...paneFigures(out) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
