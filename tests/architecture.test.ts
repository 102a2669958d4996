/**
 * The architecture rule, enforced: a file's folder says what it may import and which
 * environment it may touch (tests/helpers/architecture.ts holds the rules).
 *
 * domain/ is pure (no Office, DOM or Node); workbook/ builds plans on it; engine/ orchestrates
 * over the host contract; the hosts implement the contract (workbook/host, workbook/plan) and
 * nothing else of the layers above; the pane works through the engine; the command line never
 * reaches the pane. Every import form counts (import … from, a bare import, export … from,
 * require(), import(), import = require(), import("…") in a type, /// <reference>), and so do the
 * globals of an environment a folder must not touch (process, Buffer, window, document, Office,
 * Excel, ...), and network calls anywhere.
 *
 * The rules are tested too: each violation below is planted in a copy of src/ under tests/.tmp
 * and must be reported, and the harmless look-alikes beside them must not be.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { programOver, sourceFiles, violations, type Violation } from "./helpers/architecture";

const SRC = resolve(__dirname, "..", "src");
const TMP = resolve(__dirname, ".tmp");

interface Plant {
  /** Where, under the copy's src/. */
  file: string;
  code: string;
  /** What the report must say about it. */
  reported: RegExp;
}

/** Each one breaks a rule. */
const PLANTS: Plant[] = [
  // Folder against folder, in every import form.
  { file: "taskpane/planted-xlsx.ts", code: `import { createXlsxHost } from "../hosts/xlsx";\nexport const h = createXlsxHost;`, reported: /import … from \.\.\/hosts\/xlsx: src\/hosts\/xlsx/ },
  { file: "cli/planted-app.ts", code: `import { App } from "../taskpane/App";\nexport const a = App;`, reported: /src\/taskpane\/App/ },
  { file: "domain/planted-bare.ts", code: `import "../hosts/excel";\nexport {};`, reported: /import \(side effect\) \.\.\/hosts\/excel: src\/hosts\/excel/ },
  { file: "workbook/planted-require.ts", code: `export const x = require("../hosts/xlsx");`, reported: /require\(\) \.\.\/hosts\/xlsx: src\/hosts\/xlsx/ },
  { file: "domain/planted-require-resolve.ts", code: `export const p = require.resolve("../cli/main");`, reported: /require\(\) \.\.\/cli\/main/ },
  { file: "domain/planted-reexport.ts", code: `export { setupTracker } from "../engine/setup";`, reported: /export … from \.\.\/engine\/setup: src\/engine\/setup/ },
  { file: "engine/planted-dynamic.ts", code: `export const load = () => import("../hosts/xlsx");`, reported: /import\(\) \.\.\/hosts\/xlsx/ },
  { file: "domain/planted-type-only.ts", code: `import type { WorkbookHost } from "../workbook/host";\nexport type H = WorkbookHost;`, reported: /src\/workbook\/host/ },
  { file: "workbook/planted-import-equals.ts", code: `import xlsx = require("../hosts/xlsx");\nexport const x = xlsx;`, reported: /import = require\(\) \.\.\/hosts\/xlsx/ },
  { file: "engine/planted-import-type.ts", code: `export type X = typeof import("../hosts/xlsx");`, reported: /import\("…"\) type \.\.\/hosts\/xlsx/ },
  { file: "domain/planted-reference.ts", code: `/// <reference types="node" />\nexport const x = 1;`, reported: /reference types> node: the package node/ },
  { file: "domain/planted-computed.ts", code: `export const load = (m: string) => import(m);`, reported: /computed module name/ },
  { file: "domain/planted-upward.ts", code: `import { checkTracker } from "../engine/check";\nexport const c = checkTracker;`, reported: /src\/engine\/check/ },
  { file: "workbook/planted-engine.ts", code: `import { importDrafts } from "../engine/import";\nexport const i = importDrafts;`, reported: /src\/engine\/import/ },
  { file: "engine/planted-host.ts", code: `import { createExcelHost } from "../hosts/excel";\nexport const e = createExcelHost;`, reported: /src\/hosts\/excel/ },
  { file: "hosts/excel/planted-planner.ts", code: `import { planSetup } from "../../workbook/setup";\nexport const p = planSetup;`, reported: /src\/workbook\/setup/ },
  { file: "hosts/xlsx/planted-engine.ts", code: `import { checkTracker } from "../../engine/check";\nexport const c = checkTracker;`, reported: /src\/engine\/check/ },
  { file: "hosts/xlsx/planted-excel.ts", code: `import { createExcelHost } from "../excel";\nexport const e = createExcelHost;`, reported: /src\/hosts\/excel/ },
  { file: "taskpane/planted-planner.ts", code: `import { planCheck } from "../workbook/check";\nexport const p = planCheck;`, reported: /src\/workbook\/check/ },
  { file: "taskpane/planted-domain.ts", code: `import { parseRecord } from "../domain/record";\nexport const p = parseRecord;`, reported: /src\/domain\/record/ },
  { file: "taskpane/planted-excel-host.ts", code: `import { createExcelHost } from "../hosts/excel";\nexport const e = createExcelHost;`, reported: /src\/hosts\/excel/ },
  { file: "commands/planted-engine.ts", code: `import { readState } from "../engine/setup";\nexport const r = readState;`, reported: /src\/engine\/setup/ },
  { file: "planted-layer/x.ts", code: `export const x = 1;`, reported: /in a folder with no architecture rule/ },
  { file: "domain/planted-outside.ts", code: `import pkg from "../../package.json";\nexport const p = pkg;`, reported: /a file outside src/ },
  // Packages and Node's modules.
  { file: "domain/planted-fs.ts", code: `import { readFileSync } from "node:fs";\nexport const r = readFileSync;`, reported: /Node's node:fs/ },
  { file: "workbook/planted-path.ts", code: `import * as path from "path";\nexport const p = path;`, reported: /Node's path/ },
  { file: "taskpane/planted-path.ts", code: `import { join } from "path";\nexport const j = join;`, reported: /Node's path/ },
  { file: "domain/planted-react.ts", code: `import * as React from "react";\nexport const r = React;`, reported: /the package react/ },
  { file: "hosts/excel/planted-excelts.ts", code: `import { Workbook } from "@cj-tech-master/excelts";\nexport const w = Workbook;`, reported: /the package @cj-tech-master\/excelts/ },
  { file: "cli/planted-fluent.ts", code: `import { Button } from "@fluentui/react-components";\nexport const b = Button;`, reported: /the package @fluentui\/react-components/ },
  // Globals of an environment the folder must not touch.
  { file: "domain/planted-env.ts", code: `export const debug = process.env.DEBUG;`, reported: /Node global process/ },
  { file: "domain/planted-buffer.ts", code: `export const bytes = () => Buffer.from("x");`, reported: /Node global Buffer/ },
  { file: "domain/planted-dirname.ts", code: `export const here = () => __dirname;`, reported: /Node global __dirname/ },
  { file: "domain/planted-document.ts", code: `export const title = () => document.title;`, reported: /DOM global document/ },
  { file: "domain/planted-element.ts", code: `export type E = HTMLElement;`, reported: /DOM global HTMLElement/ },
  { file: "domain/planted-excel.ts", code: `export const run = () => Excel.run(async () => undefined);`, reported: /Office global Excel/ },
  { file: "workbook/planted-office.ts", code: `export const ready = () => Office.onReady();`, reported: /Office global Office/ },
  { file: "engine/planted-office-type.ts", code: `export type R = Excel.Range;`, reported: /Office global Excel/ },
  { file: "workbook/planted-timer.ts", code: `export const later = () => setTimeout(() => undefined, 1);`, reported: /global setTimeout/ },
  { file: "engine/planted-console.ts", code: `export const log = (s: string) => console.log(s);`, reported: /global console/ },
  { file: "domain/planted-global-this.ts", code: `export const env = (globalThis as { process?: unknown }).process;`, reported: /names globalThis/ },
  { file: "domain/planted-window.ts", code: `export const w = () => window.location.href;`, reported: /names window/ },
  { file: "cli/planted-window.ts", code: `export const w = () => window.innerWidth;`, reported: /DOM global window/ },
  { file: "cli/planted-office.ts", code: `export const o = () => Office.context;`, reported: /Office global Office/ },
  { file: "hosts/xlsx/planted-document.ts", code: `export const d = () => document.body;`, reported: /DOM global document/ },
  { file: "taskpane/planted-process.ts", code: `export const env = () => process.env.NODE_ENV;`, reported: /Node global process/ },
  { file: "hosts/excel/planted-buffer.ts", code: `export const b = () => Buffer.alloc(1);`, reported: /Node global Buffer/ },
  { file: "domain/planted-jest.ts", code: `export const f = () => jest.fn();`, reported: /Jest global jest/ },
  // Network calls, anywhere.
  { file: "engine/planted-fetch.ts", code: `export const ping = () => fetch("https://example.org");`, reported: /names fetch: no network calls/ },
  { file: "taskpane/planted-xhr.ts", code: `export const x = () => new XMLHttpRequest();`, reported: /names XMLHttpRequest: no network calls/ },
  { file: "cli/planted-fetch.ts", code: `export const ping = () => fetch("https://example.org");`, reported: /names fetch: no network calls/ },
];

/** Look-alikes that break no rule: none of these may be reported. */
const HARMLESS: Plant[] = [
  { file: "domain/harmless-shadow.ts", code: `export function f(document: string, process: { env: string }) {\n  const window = 1;\n  return document.length + process.env.length + window;\n}`, reported: /./ },
  { file: "domain/harmless-names.ts", code: `export const o = { process: 1, document: 2, fetch: 3 };\nexport const p = (x: typeof o) => x.process + x.document + x.fetch;\nexport interface I { window: number; Excel: string }`, reported: /./ },
  { file: "domain/harmless-text.ts", code: `export const text = (b: Uint8Array) => new TextDecoder().decode(b);\nexport const when = () => new Date(Math.max(1, 2));`, reported: /./ },
  { file: "taskpane/harmless-types.ts", code: `import type { WorkbookHost } from "../workbook/host";\nimport type { ParsedRecord } from "../domain/record";\nimport { formatUk } from "../domain/dates";\nexport type H = WorkbookHost | ParsedRecord;\nexport const f = formatUk;\nexport const t = () => document.title + Office.context.displayLanguage;`, reported: /./ },
  { file: "cli/harmless-node.ts", code: `import { readFileSync } from "node:fs";\nexport const r = () => readFileSync(process.argv[2]) instanceof Buffer;\nexport const log = (s: string) => console.log(s);`, reported: /./ },
  { file: "hosts/excel/harmless-office.ts", code: `export const run = () => Excel.run(async () => undefined);\nexport type R = Excel.Range;`, reported: /./ },
];

describe("architecture", () => {
  let copy: string;
  let found: { src: Violation[]; copy: Violation[] };

  beforeAll(() => {
    mkdirSync(TMP, { recursive: true });
    const dir = mkdtempSync(join(TMP, "architecture-"));
    copy = join(dir, "src");
    cpSync(SRC, copy, { recursive: true });
    for (const p of [...PLANTS, ...HARMLESS]) {
      mkdirSync(dirname(join(copy, p.file)), { recursive: true });
      writeFileSync(join(copy, p.file), `${p.code}\n`);
    }
    const program = programOver([SRC, copy]);
    found = { src: violations(program, SRC), copy: violations(program, copy) };
  });

  afterAll(() => rmSync(dirname(copy), { recursive: true, force: true }));

  it("every file in src/ keeps its folder's rules", () => {
    expect(found.src).toEqual([]);
  });

  it("every folder of src/ has rules", () => {
    const folders = new Set(sourceFiles(SRC).map((f) => relative(SRC, f).split(/[\\/]/)[0]));
    expect([...folders].sort()).toEqual(
      ["cli", "commands", "domain", "engine", "hosts", "taskpane", "workbook"].sort()
    );
  });

  it.each(PLANTS)("reports a planted violation: $file", (plant) => {
    const about = found.copy.filter((v) => v.file === plant.file).map((v) => v.what);
    expect(about).toEqual(expect.arrayContaining([expect.stringMatching(plant.reported)]));
  });

  it("reports nothing else in the planted copy: not the look-alikes, not the copied files", () => {
    const planted = new Set(PLANTS.map((p) => p.file));
    expect(found.copy.filter((v) => !planted.has(v.file))).toEqual([]);
  });

  it("no raw HTML in the add-in", () => {
    const bad = sourceFiles(SRC)
      .filter((f) =>
        /dangerouslySetInnerHTML|\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write/.test(
          readFileSync(f, "utf8")
        )
      )
      .map((f) => relative(SRC, f));
    expect(bad).toEqual([]);
  });
});
