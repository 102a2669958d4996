/* eslint-disable no-undef */
/**
 * The JavaScript the production pane may contain, and the check that it does.
 *
 * Excel runs the pane in the system's webview: WebView2 (Chromium) on Windows, the system
 * Safari (WKWebView) on Mac and iPad (docs "Browsers and webview controls used by Office
 * Add-ins"). A script with syntax the webview cannot parse is never run: the pane stays blank.
 * Our own code is compiled by TypeScript (tsconfig target ES2020), but dependencies ship newer
 * syntax untranspiled (class static blocks, `||=`, class fields), so the production build lowers
 * every emitted script to TARGET with esbuild before minification (LowerBundlePlugin; after it,
 * esbuild's second minification cost 8 KB gzip), checks it again after, and
 * `npm run check:bundle` (CI, after `npm run build`) parses each script in dist/ as ES2020 and
 * refuses regular-expression lookbehind, which Safari parses only from 16.4. The pages' inline
 * scripts (taskpane.html's message for a webview that cannot run the pane) must parse as ES5.
 *
 * TARGET: ES2020 syntax, as Safari 14 (macOS 11 Big Sur, iPadOS 14) and Chromium 91 parse it.
 * Built-in functions newer than that (Array.prototype.at, Object.hasOwn, ...) are not checked:
 * the check is of syntax, which is what blanks the pane.
 *
 *   node scripts/bundle-target.cjs [dir]      check the scripts in dir (default dist)
 */
const fs = require("node:fs");
const path = require("node:path");
const acorn = require("acorn");

/** esbuild's targets: ES2020 syntax, and Safari 14's and Chromium 91's gaps beyond it. */
const TARGET = ["es2020", "safari14", "chrome91"];
const ECMA_VERSION = 2020;
const TARGET_TEXT = "ES2020 (Safari 14 on macOS 11 and iPadOS 14, Chromium 91: WebView2)";

/**
 * What stops `source` (one classic script) from running on the target: a syntax error at
 * ES2020 (or the `ecmaVersion` given), or a regular expression with lookbehind. Empty when it runs.
 */
function problemsIn(source, name = "script", ecmaVersion = ECMA_VERSION) {
  const problems = [];
  try {
    acorn.parse(source, {
      ecmaVersion,
      sourceType: "script",
      allowHashBang: true,
      onToken(token) {
        if (token.type === acorn.tokTypes.regexp && /\(\?<[=!]/.test(token.value.pattern)) {
          const at = acorn.getLineInfo(source, token.start);
          problems.push(
            `${name}:${at.line}:${at.column + 1}: a regular expression with lookbehind ` +
              `(/${token.value.pattern.slice(0, 40)}/): Safari parses it only from 16.4`
          );
        }
      },
    });
  } catch (e) {
    const near = source.slice(Math.max(0, e.pos - 40), e.pos + 40).replace(/\s+/g, " ");
    problems.push(`${name}: not ES${ecmaVersion}: ${e.message} near "${near}"`);
  }
  return problems;
}

/** Every .js file under dir, with its problems. */
function checkDir(dir) {
  const files = [];
  const walk = (d) => {
    for (const f of fs.readdirSync(d)) {
      const p = path.join(d, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (f.endsWith(".js") || f.endsWith(".html")) files.push(p);
    }
  };
  walk(dir);
  const problems = files.flatMap((f) =>
    f.endsWith(".html")
      ? // The pages' inline scripts (the message shown when the scripts cannot run): ES5.
        [...fs.readFileSync(f, "utf8").matchAll(/<script>([\s\S]*?)<\/script>/g)].flatMap((m) =>
          problemsIn(m[1], `${path.relative(dir, f)} (inline script)`, 5)
        )
      : problemsIn(fs.readFileSync(f, "utf8"), path.relative(dir, f))
  );
  return { files: files.map((f) => path.relative(dir, f)), problems };
}

/**
 * Lower one script to TARGET (esbuild; helpers kept inside the script's own function). `minify`
 * for a script no later step minifies.
 */
function lower(source, { minify = false } = {}) {
  const esbuild = require("esbuild");
  return esbuild.transformSync(source, {
    target: TARGET,
    format: "iife",
    minify,
    legalComments: minify ? "none" : "inline",
    charset: "utf8",
  }).code;
}

/**
 * A webpack plugin for production builds: every emitted .js asset lowered to TARGET before
 * minification (terser then minifies it, at ECMAScript 2020 at most), and checked after it; a
 * script that does not parse at the target fails the build.
 */
class LowerBundlePlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.compilation.tap("LowerBundlePlugin", (compilation) => {
      const scripts = (assets) => Object.keys(assets).filter((name) => name.endsWith(".js"));
      compilation.hooks.processAssets.tap(
        { name: "LowerBundlePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_COMPATIBILITY },
        (assets) => {
          for (const name of scripts(assets)) {
            const code = lower(compilation.getAsset(name).source.source().toString());
            compilation.updateAsset(name, new sources.RawSource(code));
          }
        }
      );
      compilation.hooks.processAssets.tap(
        { name: "LowerBundlePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 },
        (assets) => {
          for (const name of scripts(assets)) {
            const code = compilation.getAsset(name).source.source().toString();
            for (const p of problemsIn(code, name)) compilation.errors.push(new Error(p));
          }
        }
      );
    });
  }
}

module.exports = { TARGET, TARGET_TEXT, ECMA_VERSION, problemsIn, checkDir, lower, LowerBundlePlugin };

if (require.main === module) {
  const dir = path.resolve(process.argv[2] || "dist");
  if (!fs.existsSync(dir)) {
    console.error(`check:bundle: ${dir} does not exist: run npm run build first.`);
    process.exit(1);
  }
  const { files, problems } = checkDir(dir);
  for (const p of problems) console.log(`FAIL ${p}`);
  if (files.length === 0) {
    console.log(`FAIL no scripts in ${dir}`);
    process.exit(1);
  }
  if (problems.length) process.exit(1);
  console.log(`ok   ${files.length} scripts and pages in ${path.relative(process.cwd(), dir) || "."} run on ${TARGET_TEXT}`);
}
