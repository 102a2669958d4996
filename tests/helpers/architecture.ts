/**
 * The architecture rules as data, and the check that applies them to a source tree: which
 * folders each folder may import (every import form), which packages and Node modules, and
 * which environments' globals (DOM, Node, Office, Jest) it may name. tests/architecture.test.ts
 * runs it on src/ and on a copy with planted violations.
 */
import { builtinModules } from "node:module";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

export type Layer =
  "domain" | "workbook" | "engine" | "hosts/excel" | "hosts/xlsx" | "taskpane" | "cli" | "commands";

/** Where a global is declared: the environment that provides it. */
export type Origin = "DOM" | "Node" | "Office" | "Jest";

export interface Import {
  /** The specifier as written. */
  spec: string;
  /** `import type`, `export type`, every named specifier `type`, or `import("x").T` in a type. */
  typeOnly: boolean;
  form: string;
}

interface Rule {
  /** Folders (src-relative, or a module path) this layer may import; a module path matches it and what is under it. */
  may: string[];
  /** Modules it may import only for their types. */
  typesFrom?: string[];
  /** Packages (npm names; `@scope/*` for a whole scope) it may import. */
  packages?: string[];
  /** Node's own modules (fs, node:path, ...). */
  node?: boolean;
  /** Environments whose globals it must not name. */
  noGlobals: Origin[];
  /** Imports only these files may make (an entry point wiring the layers). */
  entry?: Record<string, string[]>;
  why: string;
}

/** No network from the add-in or the command line: nothing may name these. */
export const NETWORK = ["fetch", "XMLHttpRequest", "WebSocket", "EventSource", "sendBeacon"];

export const RULES: Record<Layer, Rule> = {
  domain: {
    may: ["domain"],
    // Pure JavaScript: HTML parsing, and inflating zip parts to guard against bombs.
    packages: ["htmlparser2", "fflate"],
    noGlobals: ["DOM", "Node", "Office", "Jest"],
    why: "domain/ is pure TypeScript: it decides everything and touches nothing",
  },
  workbook: {
    may: ["domain", "workbook"],
    noGlobals: ["DOM", "Node", "Office", "Jest"],
    why: "workbook/ turns domain values into plans and snapshots into domain values, purely",
  },
  engine: {
    may: ["domain", "workbook", "engine"],
    noGlobals: ["DOM", "Node", "Office", "Jest"],
    why: "engine/ orchestrates over the host contract, purely",
  },
  "hosts/excel": {
    may: ["hosts/excel", "workbook/host", "workbook/plan", "domain"],
    packages: ["office-js"],
    noGlobals: ["Node", "Jest"],
    why: "the Excel host implements the contract (workbook/host, workbook/plan) with Office.js",
  },
  "hosts/xlsx": {
    may: ["hosts/xlsx", "workbook/host", "workbook/plan", "domain"],
    packages: ["@cj-tech-master/excelts"],
    node: true,
    noGlobals: ["DOM", "Office", "Jest"],
    why: "the xlsx host implements the contract (workbook/host, workbook/plan) on files",
  },
  taskpane: {
    // The pane shows domain values: dates as dd/mm/yyyy, shortened text, the sheet and column
    // names, errors and their messages; it guards a .docx the analyst picks as the command line
    // does (domain/files). Everything else it calls goes through the engine.
    may: [
      "taskpane",
      "engine",
      "domain/dates",
      "domain/text",
      "domain/columns",
      "domain/errors",
      "domain/messages",
      "domain/files",
    ],
    typesFrom: ["domain", "workbook/host"],
    packages: ["react", "react-dom", "@fluentui/*", "mammoth"],
    // The entry wires the hosts: Office.js, and (loaded only for the update round) the xlsx
    // code that makes and reads owner update workbooks in memory, with no Node APIs.
    entry: { "taskpane/index.tsx": ["hosts/excel", "hosts/xlsx/memory"] },
    noGlobals: ["Node", "Jest"],
    why: "the pane works through the engine, and never touches files or Node",
  },
  cli: {
    may: ["cli", "engine", "workbook", "domain", "hosts/xlsx"],
    packages: ["mammoth", "papaparse"],
    node: true,
    noGlobals: ["DOM", "Office", "Jest"],
    why: "the command line runs the engine on files, with no pane and no Office",
  },
  commands: {
    may: ["commands"],
    noGlobals: ["Node", "Jest"],
    why: "the ribbon's FunctionFile opens the pane and nothing else",
  },
};

const LAYERS = Object.keys(RULES) as Layer[];
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(tsx?|[cm]?js|jsx)$/.test(f) ? [p] : [];
  });
}

const slash = (p: string) => p.split(sep).join("/");

export function layerOf(rel: string): Layer | null {
  return LAYERS.find((l) => rel === l || rel.startsWith(`${l}/`)) ?? null;
}

/** Every import a file makes, whatever its form. */
export function importsOf(sf: ts.SourceFile): Import[] {
  const found: Import[] = [];
  const add = (spec: string, typeOnly: boolean, form: string) =>
    found.push({ spec, typeOnly, form });
  for (const ref of sf.typeReferenceDirectives) add(ref.fileName, true, "/// <reference types>");
  for (const ref of sf.referencedFiles) add(ref.fileName, true, "/// <reference path>");
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!named &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly, clause ? "import … from" : "import (side effect)");
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const spec = (node.moduleSpecifier as ts.StringLiteral).text;
      const named = node.exportClause;
      const typeOnly =
        node.isTypeOnly ||
        (!!named &&
          ts.isNamedExports(named) &&
          named.elements.length > 0 &&
          named.elements.every((e) => e.isTypeOnly));
      add(spec, typeOnly, "export … from");
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      const e = node.moduleReference.expression;
      add(ts.isStringLiteral(e) ? e.text : "<computed>", node.isTypeOnly, "import = require()");
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire =
        (ts.isIdentifier(callee) && callee.text === "require") ||
        (ts.isPropertyAccessExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === "require");
      if (isImport || isRequire) {
        const arg = node.arguments[0];
        const spec = arg && ts.isStringLiteralLike(arg) ? arg.text : "<computed>";
        add(spec, false, isImport ? "import()" : "require()");
      }
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      const spec =
        ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)
          ? arg.literal.text
          : "<computed>";
      add(spec, true, 'import("…") type');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** A package's name from a specifier: `react-dom/client` → `react-dom`, `@scope/a/b` → `@scope/a`. */
function packageOf(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const within = (module: string, folder: string) =>
  module === folder || module.startsWith(`${folder}/`);

function packageAllowed(name: string, allowed: string[] = []): boolean {
  return allowed.some((p) => (p.endsWith("/*") ? name.startsWith(p.slice(0, -1)) : p === name));
}

/** Why an import breaks the rules of the importing file's layer, or null when it may. */
export function importViolation(root: string, file: string, imp: Import): string | null {
  const rel = slash(relative(root, file));
  const layer = layerOf(rel)!;
  const rule = RULES[layer];
  const { spec } = imp;
  if (spec === "<computed>") return "a computed module name (the rules cannot check it)";
  if (spec.startsWith(".") || spec.startsWith("/")) {
    const target = slash(relative(root, resolve(dirname(file), spec))).replace(
      /\.(tsx?|[cm]?js|jsx)$/,
      ""
    );
    if (target.startsWith("..")) return "a file outside src/";
    const module = target.replace(/\/index$/, "");
    if (rule.may.some((f) => within(module, f))) return null;
    if (imp.typeOnly && rule.typesFrom?.some((f) => within(module, f))) return null;
    if (rule.entry?.[rel]?.some((f) => within(module, f))) return null;
    return `src/${module}`;
  }
  if (NODE.has(spec) || NODE.has(packageOf(spec))) return rule.node ? null : `Node's ${spec}`;
  const name = packageOf(spec);
  return packageAllowed(name, rule.packages) ? null : `the package ${name}`;
}

/**
 * Office.js's globals (Office, Excel, OfficeExtension, ...): the namespaces its typings declare.
 * The typings (8 MB) are not loaded into the program, so these names are found by their text.
 */
export const OFFICE_GLOBALS: ReadonlySet<string> = new Set(
  [
    ...readFileSync(require.resolve("@types/office-js/index.d.ts"), "utf8").matchAll(
      /^declare namespace (\w+)/gm
    ),
  ].map((m) => m[1])
);

/** Globals every runtime the add-in and the command line run on provides, that compute only. */
const PURE_GLOBALS = new Set(["TextDecoder", "TextEncoder"]);

function originOf(file: string): Origin | "language" | "other" {
  const p = slash(file);
  if (/\/typescript\/lib\/lib\.(dom|webworker|scripthost)/.test(p)) return "DOM";
  if (/\/typescript\/lib\/lib\./.test(p)) return "language";
  if (p.includes("/@types/node/")) return "Node";
  if (p.includes("/@types/jest/") || p.includes("/@jest/") || p.includes("/expect/")) return "Jest";
  return "other";
}

/** Identifiers that name something rather than refer to it. */
function isNameOnly(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id)
    return !(ts.isIdentifier(p.expression) && GLOBAL_OBJECTS.has(p.expression.text));
  if (ts.isQualifiedName(p) && p.right === id) return true;
  if (
    (ts.isPropertyAssignment(p) ||
      ts.isPropertySignature(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isMethodSignature(p) ||
      ts.isGetAccessor(p) ||
      ts.isSetAccessor(p) ||
      ts.isEnumMember(p) ||
      ts.isJsxAttribute(p)) &&
    p.name === id
  )
    return true;
  if ((ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) && p.label === id) return true;
  if (ts.isBindingElement(p) && p.propertyName === id) return true;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) return true;
  return false;
}

/** Naming these reaches every global at once. */
const GLOBAL_OBJECTS = new Set(["globalThis", "window", "self", "global"]);

export interface Violation {
  /** The file, relative to its src/. */
  file: string;
  what: string;
}

/**
 * One TypeScript program over the given source trees (each a src/ folder), to tell what each
 * name refers to. Modules are not resolved (the rules read import specifiers as written), so
 * only the trees, the language and DOM libraries and Node's and Jest's typings are loaded.
 */
export function programOver(roots: string[]): ts.Program {
  const configFile = resolve(__dirname, "..", "..", "tsconfig.json");
  const config = ts.readConfigFile(configFile, ts.sys.readFile);
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configFile)).options;
  // Node's typings are a tree of files its index.d.ts references (not followed here): all of them.
  const nodeTypes = dirname(require.resolve("@types/node/package.json"));
  const typings = sourceFiles(nodeTypes).filter(
    (f) => f.endsWith(".d.ts") && !slash(relative(nodeTypes, f)).startsWith("ts5.")
  );
  return ts.createProgram({
    rootNames: [...roots.flatMap(sourceFiles), ...typings],
    options: {
      ...options,
      types: ["node", "jest"],
      noEmit: true,
      allowJs: true,
      noResolve: true,
    },
  });
}

/**
 * Every breach of the rules in a source tree (`root`, a src/ folder in `program`): imports of any
 * form, and globals of environments the file's folder must not touch.
 */
export function violations(program: ts.Program, root: string): Violation[] {
  const checker = program.getTypeChecker();
  const watched = watchedNames(program);
  const found: Violation[] = [];
  for (const file of sourceFiles(root)) {
    const rel = slash(relative(root, file));
    const layer = layerOf(rel);
    if (!layer) {
      found.push({ file: rel, what: "is in a folder with no architecture rule" });
      continue;
    }
    const rule = RULES[layer];
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`${file} is not in the program`);
    for (const imp of importsOf(sf)) {
      const bad = importViolation(root, file, imp);
      if (bad) found.push({ file: rel, what: `${imp.form} ${imp.spec}: ${bad} (${rule.why})` });
    }
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && watched.has(node.text) && !isNameOnly(node)) {
        const bad = globalViolation(checker, node, rule);
        if (bad) found.push({ file: rel, what: `${bad} (${rule.why})` });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

/**
 * The names worth resolving: the globals the DOM library and Node's and Jest's typings declare,
 * Office's namespaces, the network calls and the global objects (resolving every identifier of
 * every file would take several times as long).
 */
function watchedNames(program: ts.Program): Set<string> {
  const checker = program.getTypeChecker();
  const inside = program.getSourceFiles().find((f) => !f.isDeclarationFile);
  const names = new Set<string>([...OFFICE_GLOBALS, ...NETWORK, ...GLOBAL_OBJECTS]);
  if (!inside) return names;
  const flags = ts.SymbolFlags.Value | ts.SymbolFlags.Type | ts.SymbolFlags.Namespace;
  for (const symbol of checker.getSymbolsInScope(inside, flags)) {
    const decls = symbol.declarations ?? [];
    if (decls.some((d) => originOf(d.getSourceFile().fileName) !== "language"))
      names.add(symbol.name);
  }
  return names;
}

function globalViolation(checker: ts.TypeChecker, id: ts.Identifier, rule: Rule): string | null {
  const name = id.text;
  const symbol = checker.getSymbolAtLocation(id);
  const decls = symbol?.declarations ?? [];
  if (decls.some((d) => !d.getSourceFile().isDeclarationFile)) return null; // our own
  if (NETWORK.includes(name)) return `names ${name}: no network calls`;
  // In a folder that must touch no environment, naming the global object reaches them all.
  if (GLOBAL_OBJECTS.has(name) && rule.noGlobals.includes("DOM") && rule.noGlobals.includes("Node"))
    return `names ${name}`;
  if (decls.length === 0) {
    // Not declared anywhere the program knows: Office.js's namespaces (typings not loaded).
    return OFFICE_GLOBALS.has(name) && rule.noGlobals.includes("Office")
      ? `names the Office global ${name}`
      : null;
  }
  if (PURE_GLOBALS.has(name)) return null;
  const origins = new Set<Origin>();
  for (const d of decls) {
    const o = originOf(d.getSourceFile().fileName);
    if (o === "language" || o === "other") return null;
    origins.add(o);
  }
  return [...origins].every((o) => rule.noGlobals.includes(o))
    ? `names the ${[...origins].join(" and ")} global ${name}`
    : null;
}
