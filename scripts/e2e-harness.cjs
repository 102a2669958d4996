/**
 * The browser harness shared by the end-to-end journeys (tests/e2e) and scripts/pane-figures.mjs.
 *
 * - builds the PRODUCTION task pane once (webpack --mode production, into tests/.tmp/e2e-builds),
 *   guarded by a lock directory so parallel Jest workers never build twice, and reused while no
 *   source file is newer than the build;
 * - serves it from a tiny http server on 127.0.0.1 (random port);
 * - launches Debian's Chromium through playwright-core (never a downloaded browser);
 * - answers the office.js CDN URL with a local stub Office (host Excel, the light or dark Office
 *   theme) and records every other request that would leave 127.0.0.1 (and aborts it);
 * - injects the in-memory Excel (tests/fakes/fake-excel.ts, transpiled into a browser script) as
 *   `window.Excel`, with `window.__fake` for the test to read and to switch failures on.
 *
 * Plain CommonJS so that both Jest (ts-jest) and a Node script can use it.
 */
const fs = require("fs");
const path = require("path");
const http = require("http");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const TMP = path.join(ROOT, "tests", ".tmp");
/**
 * Each build goes into its own folder under BUILDS and CURRENT names the newest, so a process
 * still serving an older build (another engineer's test run) is never pulled from under it.
 */
const BUILDS = path.join(TMP, "e2e-builds");
const CURRENT = path.join(BUILDS, "current.json");
const LOCK = path.join(TMP, "e2e-build.lock");
const FAILED = path.join(TMP, "e2e-build-failed.json");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/** Newest modification time (ms) of the files the task-pane build reads. */
function newestSource() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const p of [
    "src",
    "assets",
    "webpack.config.js",
    "scripts/e2e-webpack.config.cjs",
    "scripts/bundle-target.cjs",
    "scripts/manifest.cjs",
    "tsconfig.json",
    "tsconfig.build.json",
    "manifest.xml",
    "package-lock.json",
  ]) {
    visit(path.join(ROOT, p));
  }
  return newest;
}

/**
 * Which test run this process belongs to: Jest workers share their parent (the Jest process), so
 * one build serves the whole run even while someone edits src/ during it.
 */
function runId() {
  return String(typeof process.send === "function" ? process.ppid : process.pid);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** The current build's folder when it can be used, else null. */
function upToDate() {
  const current = readJson(CURRENT);
  if (!current || !current.dir || !fs.existsSync(path.join(current.dir, "taskpane.html")))
    return null;
  if (current.run === runId()) return current.dir;
  // E2E_REUSE_DIST=1: reuse whatever build is there (iterating on the tests themselves).
  if (process.env.E2E_REUSE_DIST === "1") return current.dir;
  return current.sourceTime >= newestSource() ? current.dir : null;
}

/** Remove builds older than an hour (never the current one). */
function prune(keep) {
  for (const name of fs.readdirSync(BUILDS)) {
    const dir = path.join(BUILDS, name);
    if (dir === keep || !name.startsWith("b-")) continue;
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > 60 * 60 * 1000)
        fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* another process pruned it */
    }
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

/**
 * Build the production task pane into tests/.tmp/e2e-dist unless an up-to-date build is there.
 * Returns { dir, built: boolean, ms }.
 */
async function ensureBuild({ force = false, log = () => {} } = {}) {
  fs.mkdirSync(BUILDS, { recursive: true });
  const started = Date.now();
  for (;;) {
    const ready = force ? null : upToDate();
    if (ready) return { dir: ready, built: false, ms: Date.now() - started };
    const failed = readJson(FAILED);
    if (!force && failed && failed.run === runId()) throw new Error(failed.message);
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, "pid"), String(process.pid));
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      // Another worker is building: wait for it. A lock whose builder has gone (a run that was
      // killed) or that is older than 10 minutes is stale.
      try {
        const pid = Number(fs.readFileSync(path.join(LOCK, "pid"), "utf8"));
        const stale =
          Date.now() - fs.statSync(LOCK).mtimeMs > 10 * 60 * 1000 || (pid > 0 && !alive(pid));
        if (stale) fs.rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* gone already, or the pid is not written yet */
      }
      await sleep(500);
      continue;
    }
    try {
      const again = force ? null : upToDate();
      if (again) return { dir: again, built: false, ms: Date.now() - started };
      const sourceTime = Date.now();
      const dir = path.join(BUILDS, `b-${sourceTime}-${process.pid}`);
      log(`[e2e] building the production task pane into ${path.relative(ROOT, dir)} …`);
      const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
      const env = { ...process.env };
      delete env.OFFICE_JS; // the production page loads office.js from the CDN URL (answered locally)
      const config = path.join(ROOT, "scripts", "e2e-webpack.config.cjs");
      const r = spawnSync(
        process.execPath,
        [webpackCli, "--mode", "production", "--config", config, "--output-path", dir],
        {
          cwd: ROOT,
          env,
          encoding: "utf8",
          maxBuffer: 64 * 1024 * 1024,
        }
      );
      if (r.status !== 0) {
        const out = `${r.stdout || ""}\n${r.stderr || ""}`
          .split("\n")
          .filter((l) => /error|ERROR/.test(l))
          .slice(0, 30);
        const message = `The production build failed (webpack exit ${r.status}):\n${out.join("\n")}`;
        // Other workers of this run report the same failure instead of building again.
        fs.writeFileSync(FAILED, JSON.stringify({ run: runId(), message }));
        throw new Error(message);
      }
      fs.rmSync(FAILED, { force: true });
      const tmp = `${CURRENT}.${process.pid}`;
      fs.writeFileSync(tmp, JSON.stringify({ dir, run: runId(), sourceTime }));
      fs.renameSync(tmp, CURRENT);
      prune(dir);
      return { dir, built: true, ms: Date.now() - started };
    } finally {
      fs.rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

/** tests/fakes/fake-excel.ts as a browser script defining window.FakeExcelLib. */
function fakeExcelScript() {
  const ts = require("typescript");
  const source = fs.readFileSync(path.join(ROOT, "tests", "fakes", "fake-excel.ts"), "utf8");
  const out = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      esModuleInterop: false,
    },
    fileName: "fake-excel.ts",
  });
  return `(function(){var exports={};var module={exports:exports};\n${out.outputText}\n;window.FakeExcelLib=module.exports;})();`;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/** Serve a directory on 127.0.0.1 (random port). Returns { origin, close }. */
function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url || "/", "http://127.0.0.1");
    const file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

/** The local answer to the office.js CDN URL: Office in Excel, with the given Office theme. */
function officeStub({ dark }) {
  const theme = dark
    ? {
        isDarkTheme: true,
        bodyBackgroundColor: "#1F1F1F",
        bodyForegroundColor: "#FFFFFF",
        controlBackgroundColor: "#292929",
        controlForegroundColor: "#FFFFFF",
      }
    : {
        isDarkTheme: false,
        bodyBackgroundColor: "#FFFFFF",
        bodyForegroundColor: "#000000",
        controlBackgroundColor: "#FFFFFF",
        controlForegroundColor: "#000000",
      };
  return `(function () {
  var base = (window.__fake && window.__fake.Office) || null;
  var requirements = base && base.context && base.context.requirements
    ? base.context.requirements
    : { isSetSupported: function () { return true; } };
  var info = { host: "Excel", platform: "OfficeOnline" };
  window.Office = {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote", Project: "Project", Access: "Access" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" },
    context: { officeTheme: ${JSON.stringify(theme)}, requirements: requirements, displayLanguage: "en-GB", contentLanguage: "en-GB" },
    onReady: function (cb) {
      return new Promise(function (resolve) {
        setTimeout(function () { if (cb) cb(info); resolve(info); }, 0);
      });
    },
  };
})();`;
}

function chromiumPresent() {
  return fs.existsSync(CHROMIUM);
}

/** Launch Debian's Chromium (Playwright gives it a fresh, temporary --user-data-dir). */
async function launch() {
  const { chromium } = require("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh browser context and page on the task pane.
 * - theme: "light" | "dark"; width/height: the viewport (task-pane size);
 * - seed: source of a function `(fake, FakeExcelLib) => void` run before the add-in loads
 *   (make sheets, seed messy data); seedArg is passed as its third argument.
 * Returns { page, context, outside: string[] (requests that tried to leave 127.0.0.1), errors }.
 */
async function openPane(browser, origin, opts = {}) {
  const {
    theme = "light",
    width = 320,
    height = 720,
    seed = null,
    seedArg = null,
    fakeScript = fakeExcelScript(),
  } = opts;
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    reducedMotion: "reduce",
    locale: "en-GB",
    timezoneId: "Europe/London",
  });
  const outside = [];
  const errors = [];
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS_CDN || url.startsWith(OFFICE_JS_CDN + "?")) {
      await route.fulfill({
        status: 200,
        contentType: "text/javascript",
        body: officeStub({ dark: theme === "dark" }),
      });
      return;
    }
    const u = new URL(url);
    if ((u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "127.0.0.1") {
      outside.push(url);
      await route.abort("blockedbyclient");
      return;
    }
    await route.continue();
  });
  const install = `;(function(){
  var fake = window.FakeExcelLib.createFakeExcel({ sheets: ["Sheet1"] });
  window.__fake = fake;
  window.Excel = fake.Excel;
  ${seed ? `(${seed})(fake, window.FakeExcelLib, ${JSON.stringify(seedArg)});` : ""}
  // When the pane first shows where the workbook stands, it is interactive.
  window.__paneReadyAt = null;
  var obs = new MutationObserver(function () {
    if (window.__paneReadyAt !== null) return;
    var badge = document.querySelector("#container [role=status]");
    var text = badge ? badge.textContent || "" : "";
    if (text && text.indexOf("Reading") < 0) { window.__paneReadyAt = performance.now(); obs.disconnect(); }
  });
  obs.observe(document, { subtree: true, childList: true, characterData: true });
})();`;
  await context.addInitScript({ content: fakeScript + install });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(String(e && e.stack ? e.stack : e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return { page, context, outside, errors };
}

module.exports = {
  ROOT,
  TMP,
  BUILDS,
  CHROMIUM,
  CHROMIUM_ARGS,
  OFFICE_JS_CDN,
  ensureBuild,
  fakeExcelScript,
  serve,
  officeStub,
  chromiumPresent,
  launch,
  openPane,
};
