/**
 * The task pane's figures, printed as JSON:
 * - initial JavaScript (the scripts taskpane.html loads, not the lazy chunks): raw and gzip bytes;
 * - the lazy chunks (e.g. mammoth for .docx import), raw and gzip;
 * - time from navigation to an interactive pane in headless Chromium (median of 5 fresh
 *   contexts; "interactive" = the pane has read the workbook and shows where it stands);
 * - the e2e journeys' run times and axe results recorded by the last `npx jest tests/e2e`.
 *
 * Usage: node scripts/pane-figures.mjs   (builds the production pane if it is out of date)
 */
import fs from "fs";
import path from "path";
import zlib from "zlib";
import { createRequire } from "module";

const require = createRequire(import.meta.url);
const h = require("./e2e-harness.cjs");

function size(file) {
  const buf = fs.readFileSync(file);
  return { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
}

export function bundleFigures(dir) {
  const html = fs.readFileSync(path.join(dir, "taskpane.html"), "utf8");
  const initial = [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+)/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src));
  const all = fs.readdirSync(dir).filter((f) => f.endsWith(".js") && f !== "commands.js");
  const sum = (files) =>
    files.reduce(
      (acc, f) => {
        const s = size(path.join(dir, f));
        return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip };
      },
      { raw: 0, gzip: 0 }
    );
  const lazy = all.filter((f) => !initial.includes(f));
  return {
    initialFiles: initial,
    initial: sum(initial),
    lazy: Object.fromEntries(lazy.map((f) => [f, size(path.join(dir, f))])),
    targetGzip: 350 * 1024,
  };
}

async function timeToInteractive(origin, runs = 5) {
  const browser = await h.launch();
  const fakeScript = h.fakeExcelScript();
  const times = [];
  try {
    for (let i = 0; i < runs; i++) {
      const { page, context, outside } = await h.openPane(browser, origin, {
        theme: "light",
        width: 320,
        fakeScript,
      });
      await page.goto(`${origin}/taskpane.html`);
      await page.waitForFunction(() => window.__paneReadyAt !== null, null, { timeout: 30000 });
      times.push(Math.round(await page.evaluate(() => window.__paneReadyAt)));
      if (outside.length) throw new Error(`Requests left the machine: ${outside.join(", ")}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { runsMs: times, medianMs: sorted[Math.floor(sorted.length / 2)], targetMs: 1500 };
}

function recorded() {
  const dir = path.join(h.TMP, "e2e-figures");
  if (!fs.existsSync(dir)) return null;
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [
        f.replace(/\.json$/, ""),
        JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")),
      ])
  );
}

async function main() {
  const build = await h.ensureBuild({ log: (s) => console.error(s) });
  const figures = { bundle: bundleFigures(build.dir) };
  if (h.chromiumPresent()) {
    const server = await h.serve(build.dir);
    try {
      figures.timeToInteractive = await timeToInteractive(server.origin);
    } finally {
      await server.close();
    }
  } else figures.timeToInteractive = `Chromium is not installed at ${h.CHROMIUM}`;
  figures.journeys = recorded();
  console.log(JSON.stringify(figures, null, 2));
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
) {
  main().catch((e) => {
    console.error(e.message || e);
    process.exit(1);
  });
}
