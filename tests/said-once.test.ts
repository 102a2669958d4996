/**
 * What the code says once stays said once: each helper below has one home, and no other source
 * file declares a function or constant of its name, nor writes its body again under another name
 * (small copies such as a one-line plural slip past the duplicates tool, which wants six lines).
 * docs/architecture.md lists the homes.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "..");

/** A name and its one home (src-relative). */
const HOMES: Record<string, string> = {
  plural: "src/domain/text.ts",
  foldText: "src/domain/text.ts",
  columnLetter: "src/domain/columns.ts",
  TRACKER_HEADER: "src/domain/columns.ts",
  RESPONSE_DAYS: "src/domain/model.ts",
  toExcelSerial: "src/domain/dates.ts",
  fromExcelSerial: "src/domain/dates.ts",
  sheetsWritten: "src/workbook/plan.ts",
  refuseProtected: "src/workbook/plan.ts",
  protectedError: "src/domain/errors.ts",
  parseArguments: "src/cli/io.ts",
  oneFile: "src/cli/io.ts",
  parseAsAt: "src/cli/as-at.ts",
  tableSnapshotOf: "src/hosts/xlsx/table-snapshot.ts",
  linesIn: "src/domain/wrap.ts",
  LINE_PT: "src/domain/wrap.ts",
  MAX_ROW_PT: "src/domain/wrap.ts",
};

/** Bodies that are one of the helpers above, written again (code only, comments left out). */
const BODIES: { home: string; body: RegExp }[] = [
  { home: "src/domain/text.ts", body: /\$\{n\} \$\{n === 1 \?/ },
  { home: "src/domain/text.ts", body: /\.replace\(\/\\s\+\/g, " "\)\.trim\(\)\.toLowerCase\(\)/ },
  { home: "src/domain/text.ts", body: /normaliseSpace\([^()]*\)\.toLowerCase\(\)/ },
  { home: "src/domain/columns.ts", body: /String\.fromCharCode\(65 \+/ },
  // A table's snapshot put together: its Status column's validation set on the snapshot.
  { home: "src/hosts/xlsx/table-snapshot.ts", body: /\.statusValidation = / },
];

/** The names a file declares (functions, variables, at any depth). */
function declared(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isFunctionDeclaration(node) || ts.isVariableDeclaration(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    )
      names.push(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** A file's code without its comments. */
function code(text: string, jsx: boolean): string {
  const variant = jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, variant, text);
  let out = "";
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (
      kind !== ts.SyntaxKind.SingleLineCommentTrivia &&
      kind !== ts.SyntaxKind.MultiLineCommentTrivia
    )
      out += scanner.getTokenText();
  }
  return out;
}

/** Where the files say again what has a home elsewhere: "file: what". */
export function sayAgain(files: { file: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    for (const name of declared(file, text))
      if (Object.hasOwn(HOMES, name) && HOMES[name] !== file)
        found.push(`${file}: declares ${name}`);
    const plain = code(text, file.endsWith("x"));
    for (const { home, body } of BODIES)
      if (home !== file && body.test(plain)) found.push(`${file}: writes ${body.source} again`);
  }
  return found;
}

describe("said once", () => {
  it("every helper with a home is declared and written only there", () => {
    const files = execFileSync(
      "git",
      ["ls-files", "--cached", "--others", "--exclude-standard", "--", "src"],
      {
        cwd: ROOT,
        encoding: "utf8",
      }
    )
      .split("\n")
      .filter((f) => /\.tsx?$/.test(f))
      .map((file) => ({ file, text: readFileSync(resolve(ROOT, file), "utf8") }));
    expect(files.length).toBeGreaterThan(100);
    for (const home of new Set(Object.values(HOMES)))
      expect(files.map((f) => f.file)).toContain(home);
    expect(sayAgain(files)).toEqual([]);
  });

  it("finds a copy by its name or by its body, and not a use or a comment", () => {
    const planted = [
      {
        file: "src/engine/x.ts",
        text: 'const plural = (n: number, one: string) => `${n} ${n === 1 ? one : one + "s"}`;',
      },
      {
        file: "src/workbook/y.ts",
        text: "export function helper() {\n  const columnLetter = 1;\n  return columnLetter;\n}",
      },
      {
        file: "src/domain/z.ts",
        text: 'export const key = (s: string) => s.replace(/\\s+/g, " ").trim().toLowerCase();',
      },
      {
        file: "src/taskpane/w.tsx",
        text: 'import { plural } from "../domain/text";\n// plural was `${n} ${n === 1 ? one : many}`\nexport const t = plural(2, "row");',
      },
    ];
    expect(sayAgain(planted)).toEqual([
      "src/engine/x.ts: declares plural",
      expect.stringMatching(/^src\/engine\/x\.ts: writes .*n === 1/),
      "src/workbook/y.ts: declares columnLetter",
      expect.stringMatching(/^src\/domain\/z\.ts: writes .*toLowerCase/),
    ]);
  });
});
