/**
 * The Excel and Office API members a set of source files uses, each with the requirement set its
 * typings tag it with ("[Api set: ExcelApi 1.13]" in @types/office-js), and where a member above
 * the manifest's requirement set is used, whether a guard encloses the use: a condition (an if,
 * a ?:, an &&, or an earlier `if (!guard) throw/return` in an enclosing block) that checks the
 * client for that set: `.api(13)`, `isSetSupported("ExcelApi", "1.13")`, or a named check known
 * to imply one (eventsSayWho: 1.14; shouldMerge: 1.20).
 */
import * as ts from "typescript";
import { join } from "node:path";

export interface ApiUse {
  /** "Excel.Table.resize" */
  member: string;
  /** "ExcelApi 1.13", or null when the typings tag none. */
  set: string | null;
  file: string;
  line: number;
  /** The highest ExcelApi minor version the enclosing guards check, or 0. */
  guarded: number;
}

const NAMED_GUARDS: Record<string, number> = { eventsSayWho: 14, shouldMerge: 20 };

function guardLevel(text: string): number {
  let best = 0;
  for (const m of text.matchAll(/\.api\((\d+)\)/g)) best = Math.max(best, Number(m[1]));
  for (const m of text.matchAll(/isSetSupported\(\s*["']ExcelApi["']\s*,\s*["']1\.(\d+)["']/g))
    best = Math.max(best, Number(m[1]));
  for (const [name, level] of Object.entries(NAMED_GUARDS))
    if (new RegExp(`\\b${name}\\(`).test(text)) best = Math.max(best, level);
  return best;
}

/** The text a condition stands for: an identifier's initialiser, else the expression itself. */
function conditionText(expr: ts.Expression, checker: ts.TypeChecker): string {
  if (
    ts.isIdentifier(expr) ||
    (ts.isPrefixUnaryExpression(expr) && ts.isIdentifier(expr.operand))
  ) {
    const id = ts.isIdentifier(expr) ? expr : (expr.operand as ts.Identifier);
    const decl = checker.getSymbolAtLocation(id)?.valueDeclaration;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer)
      return decl.initializer.getText();
  }
  return expr.getText();
}

/** What the conditions around a node check (see the file comment). */
function enclosingGuard(node: ts.Node, checker: ts.TypeChecker): number {
  let level = 0;
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isIfStatement(p) && child !== p.expression)
      level = Math.max(level, guardLevel(conditionText(p.expression, checker)));
    if (ts.isConditionalExpression(p) && child !== p.condition)
      level = Math.max(level, guardLevel(conditionText(p.condition, checker)));
    if (
      ts.isBinaryExpression(p) &&
      p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      child === p.right
    )
      level = Math.max(level, guardLevel(conditionText(p.left, checker)));
    if (ts.isBlock(p) || ts.isSourceFile(p)) {
      // Earlier statements of the block that leave it unless the guard holds.
      for (const st of p.statements) {
        if (st === child) break;
        if (
          ts.isIfStatement(st) &&
          (ts.isThrowStatement(st.thenStatement) ||
            ts.isReturnStatement(st.thenStatement) ||
            (ts.isBlock(st.thenStatement) &&
              st.thenStatement.statements.some(
                (x) => ts.isThrowStatement(x) || ts.isReturnStatement(x)
              )))
        )
          level = Math.max(level, guardLevel(conditionText(st.expression, checker)));
      }
    }
  }
  return level;
}

function apiSetOf(symbol: ts.Symbol): string | null {
  for (const tag of symbol.getJsDocTags()) {
    const text = ts.displayPartsToString(tag.text);
    const m = /\[Api set: ([A-Za-z]+) (\d+\.\d+)/.exec(text);
    if (m) return `${m[1]} ${m[2]}`;
  }
  const docs = ts.displayPartsToString(symbol.getDocumentationComment(undefined));
  const m = /\[Api set: ([A-Za-z]+) (\d+\.\d+)/.exec(docs);
  return m ? `${m[1]} ${m[2]}` : null;
}

/** "Excel.Table.resize" for a member declared in the office-js typings, else null. */
function memberName(symbol: ts.Symbol): string | null {
  const decl = symbol.declarations?.[0];
  if (!decl || !/[\\/]@types[\\/]office-js[\\/]/.test(decl.getSourceFile().fileName)) return null;
  const parts: string[] = [symbol.getName()];
  for (let p: ts.Node | undefined = decl.parent; p; p = p.parent) {
    if (
      (ts.isClassDeclaration(p) || ts.isInterfaceDeclaration(p) || ts.isModuleDeclaration(p)) &&
      p.name
    )
      parts.unshift(p.name.getText());
  }
  return parts[0] === "Excel" || parts[0] === "Office" || parts[0] === "OfficeExtension"
    ? parts.join(".")
    : null;
}

/**
 * Every use in `files` (absolute paths) of an office-js member, with its set and guard. `program`
 * must contain the files; `extra` source texts (name → text) are added as files (to test this).
 */
export function apiUses(
  root: string,
  files: string[],
  extra: Record<string, string> = {}
): ApiUse[] {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(parsed.options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (f in extra ? extra[f] : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => f in extra || exists(f);
  const program = ts.createProgram([...files, ...Object.keys(extra)], parsed.options, host);
  const checker = program.getTypeChecker();
  const out: ApiUse[] = [];
  for (const file of [...files, ...Object.keys(extra)]) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const visit = (node: ts.Node) => {
      let name: ts.Node | null = null;
      if (ts.isPropertyAccessExpression(node)) name = node.name;
      else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node))
        name = node.name;
      if (name) {
        let symbol = checker.getSymbolAtLocation(name);
        if (
          (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
          ts.isObjectLiteralExpression(node.parent)
        ) {
          const type = checker.getContextualType(node.parent);
          const prop = type?.getProperty(name.getText());
          if (prop) symbol = prop;
        }
        const member = symbol ? memberName(symbol) : null;
        if (symbol && member) {
          out.push({
            member,
            set: apiSetOf(symbol),
            file,
            line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            guarded: enclosingGuard(node, checker),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** The minor version of an "ExcelApi 1.N" set, or 0 for other sets and none. */
export function excelMinor(set: string | null): number {
  const m = /^ExcelApi 1\.(\d+)$/.exec(set ?? "");
  return m ? Number(m[1]) : 0;
}
