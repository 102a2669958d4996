/**
 * Comments say why, not where a change came from: no comment, string or test name in the code
 * cites an issue or one of its numbered cases ("issue 13", "case 10"), which a reader of the code
 * cannot see. Citing an outside source stays welcome (office-js #1314, a docs page).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "..");
const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** An issue, or a numbered case of one, cited as a reference. */
const CITES_ISSUE = /\bissues? ?#?\d+\b|\bcase \d+\b/i;
/** Outside trackers: their issue numbers are sources a reader can follow. */
const OUTSIDE =
  /\b(office-js(-docs-reference)?|tabster|fluentui|excelts|jest|node|typescript)[\w/-]* ?(issues? ?)?#?\d+/gi;

/** The comments and the string and template texts of a file, with their first lines. */
function prose(text: string, jsx: boolean): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const variant = jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, variant, text);
  const lineOf = (pos: number) => text.slice(0, pos).split("\n").length;
  // The braces open at each template's ${: the } that closes it goes on with the template's text.
  const templates: number[] = [];
  let braces = 0;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) braces++;
    if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (templates.length > 0 && templates[templates.length - 1] === braces)
        kind = scanner.reScanTemplateToken(false);
      else braces--;
    }
    if (kind === ts.SyntaxKind.TemplateHead) templates.push(braces);
    if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
    switch (kind) {
      case ts.SyntaxKind.SingleLineCommentTrivia:
      case ts.SyntaxKind.MultiLineCommentTrivia:
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.TemplateHead:
      case ts.SyntaxKind.TemplateMiddle:
      case ts.SyntaxKind.TemplateTail:
        out.push({ line: lineOf(scanner.getTokenPos()), text: scanner.getTokenText() });
    }
  }
  return out;
}

/** Where a file's text cites an issue: "file:line: the citation". */
function citations(file: string, text: string): string[] {
  return prose(text, file.endsWith("x")).flatMap(({ line, text }) =>
    text.split("\n").flatMap((t, i) => {
      const cited = t.replace(OUTSIDE, "").match(CITES_ISSUE);
      return cited ? [`${file}:${line + i}: ${cited[0]}`] : [];
    })
  );
}

describe("no comment cites an issue", () => {
  it("in src, bench, tests and scripts", () => {
    const files = execFileSync(
      "git",
      [
        "ls-files",
        "--cached",
        "--others",
        "--exclude-standard",
        "--",
        "src",
        "bench",
        "tests",
        "scripts",
      ],
      { cwd: ROOT, encoding: "utf8" }
    )
      .split("\n")
      .filter((f) => CODE.test(f) && f !== "tests/comments.test.ts");
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => citations(f, readFileSync(resolve(ROOT, f), "utf8")));
    expect(found).toEqual([]);
  });

  it("finds one in a comment, a test name and a template, and not an outside source or code", () => {
    const planted = [
      "/** Cut to fit (issue 13). */",
      "// see issue #17",
      'describe("case 10: cells over the limit", () => {});',
      "const s = `x ${1} Issue 4 y`;",
      "// Excel refuses it (office-js #1314, #1012; office-js issue 6711); also tabster#288.",
      "const t = `a ${`b ${{ c: 1 }.c} case 5`} d`;",
      "switch (n) {\n  case 1:\n    break;\n}",
      'const colour = "#000000"; const format = "#,##0";',
    ].join("\n");
    expect(citations("planted.ts", planted)).toEqual([
      "planted.ts:1: issue 13",
      "planted.ts:2: issue #17",
      "planted.ts:3: case 10",
      "planted.ts:4: Issue 4",
      "planted.ts:6: case 5",
    ]);
  });
});
