/**
 * The architecture rule, enforced: a file's folder says what it may import.
 * domain/ is pure (no Office, DOM, Node or React); workbook/ and engine/ build on it; only
 * hosts/excel touches Office.js, only hosts/xlsx and cli touch files, only taskpane uses React.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const SRC = join(__dirname, "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [
    ...text.matchAll(
      /(?:import|export)[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g
    ),
  ].map((m) => m[1] ?? m[2]);
}

const layer = (file: string) => relative(SRC, file).split(/[\\/]/).slice(0, 2).join("/");
const target = (file: string, spec: string) =>
  spec.startsWith(".")
    ? relative(SRC, join(file, "..", spec))
        .split(/[\\/]/)
        .slice(0, 2)
        .join("/")
    : spec;

const RULES: { folder: RegExp; allowed: RegExp; what: string }[] = [
  { folder: /^domain\//, allowed: /^(domain\/|htmlparser2$|fflate$)/, what: "domain/ is pure" },
  {
    folder: /^workbook\//,
    allowed: /^(domain\/|workbook\/)/,
    what: "workbook/ builds plans from the domain",
  },
  {
    folder: /^engine\//,
    allowed: /^(domain\/|workbook\/|engine\/)/,
    what: "engine/ works through a host",
  },
  {
    folder: /^hosts\/excel/,
    allowed: /^(domain\/|workbook\/|hosts\/excel)/,
    what: "the Excel host uses Office.js only",
  },
];

describe("architecture", () => {
  const all = files(SRC);

  it.each(RULES)("$what", ({ folder, allowed }) => {
    const bad: string[] = [];
    for (const f of all.filter((f) => folder.test(relative(SRC, f).replace(/\\/g, "/")))) {
      for (const spec of importsOf(f)) {
        const t = target(f, spec);
        if (!allowed.test(t)) bad.push(`${relative(SRC, f)} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("only the task pane uses React, and it never touches files or Node", () => {
    const bad: string[] = [];
    for (const f of all) {
      const inPane = layer(f).startsWith("taskpane");
      for (const spec of importsOf(f)) {
        if (!inPane && /^(react|react-dom|@fluentui\/)/.test(spec))
          bad.push(`${relative(SRC, f)} imports ${spec}`);
        if (inPane && /^node:|^(fs|path|child_process)$/.test(spec))
          bad.push(`${relative(SRC, f)} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("no code outside hosts/excel, taskpane and commands names the Office.js globals", () => {
    const bad = all
      .filter(
        (f) => !/^(hosts\/excel|taskpane|commands)/.test(relative(SRC, f).replace(/\\/g, "/"))
      )
      .filter((f) =>
        /\b(Excel|Office)\.(run|onReady|context|HostType)\b/.test(readFileSync(f, "utf8"))
      )
      .map((f) => relative(SRC, f));
    expect(bad).toEqual([]);
  });

  it("no network calls or raw HTML in the add-in", () => {
    const bad = all
      .filter((f) => !relative(SRC, f).startsWith("cli"))
      .filter((f) =>
        /\bfetch\(|XMLHttpRequest|sendBeacon|dangerouslySetInnerHTML|\.innerHTML\s*=/.test(
          readFileSync(f, "utf8")
        )
      )
      .map((f) => relative(SRC, f));
    expect(bad).toEqual([]);
  });
});
