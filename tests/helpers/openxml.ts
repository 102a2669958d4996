/**
 * Microsoft's Open XML SDK validator (tests/openxml-validator, a small .NET console) for tests:
 * it checks .xlsx and .docx files against the Microsoft 365 file format, as Excel's own reader
 * would, and reports each error with its part and XPath.
 *
 * - `describeIfDotnet(name, fn)`: runs the suite when the .NET SDK (`dotnet`) is installed.
 *   When it is not, one test says so and passes, unless REQUIRE_DOTNET=1 (set by .ci/run),
 *   where it fails.
 * - `validateOpenXml(files)`: builds the tool once (into tests/.tmp/openxml-validator, keyed by
 *   a hash of its sources, so a run builds it at most once) and validates all files in one call.
 *
 * Synchronous on purpose, like the LibreOffice helper.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

const PROJECT = resolve(__dirname, "..", "openxml-validator");
const OUT_ROOT = resolve(__dirname, "..", ".tmp", "openxml-validator");
const SOURCES = ["OpenXmlValidate.csproj", "Program.cs"];
/** A first build restores DocumentFormat.OpenXml from the NuGet source: allow for it. */
const BUILD_TIMEOUT_MS = 600_000;
const RUN_TIMEOUT_MS = 300_000;

export interface OpenXmlError {
  id: string;
  type: string;
  description: string;
  part: string | null;
  path: string | null;
  node: string | null;
}

export interface OpenXmlFileResult {
  file: string;
  errors: OpenXmlError[];
  /** Set when the SDK could not open the file as a package at all. */
  openError?: string;
}

const ENV = {
  ...process.env,
  DOTNET_CLI_TELEMETRY_OPTOUT: "1",
  DOTNET_NOLOGO: "1",
  DOTNET_SKIP_FIRST_TIME_EXPERIENCE: "1",
};

let cached: string | null | undefined;

/** Path of dotnet, or null. DOTNET, when set, names the binary (DOTNET=none: absent). */
export function findDotnet(): string | null {
  if (cached !== undefined) return cached;
  if (process.env.DOTNET)
    return (cached = isExecutable(process.env.DOTNET) ? process.env.DOTNET : null);
  const candidates = (process.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, "dotnet"));
  candidates.push("/usr/bin/dotnet", "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet");
  cached = candidates.find(isExecutable) ?? null;
  return cached;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export const dotnetRequired = (): boolean => process.env.REQUIRE_DOTNET === "1";

/**
 * describe() when dotnet is available. Otherwise one test that says the .NET SDK is absent and
 * passes, or fails when REQUIRE_DOTNET=1.
 */
export function describeIfDotnet(name: string, fn: () => void): void {
  if (findDotnet()) {
    describe(name, fn);
    return;
  }
  describe(name, () => {
    test("the .NET SDK (dotnet) is not installed: the Open XML validation is skipped", () => {
      if (dotnetRequired()) {
        throw new Error(
          "REQUIRE_DOTNET=1 but dotnet was not found on PATH. Install the .NET SDK (10.0) or set DOTNET to its path."
        );
      }
      process.stderr.write(`[openxml] dotnet not found: '${name}' skipped\n`);
    });
  });
}

/** The built validator's dll, building it first when its sources changed (or on a clean clone). */
export function validatorDll(): string {
  const dotnet = findDotnet();
  if (!dotnet) throw new Error("dotnet (the .NET SDK) is not installed");
  const hash = createHash("sha1");
  for (const f of SOURCES) hash.update(readFileSync(join(PROJECT, f)));
  const out = join(OUT_ROOT, hash.digest("hex").slice(0, 12));
  const dll = join(out, "bin", "OpenXmlValidate", "release", "OpenXmlValidate.dll");
  if (existsSync(dll)) return dll;
  mkdirSync(out, { recursive: true });
  // --artifacts-path keeps bin/ and obj/ out of the source folder.
  const r = spawnSync(
    dotnet,
    ["build", join(PROJECT, "OpenXmlValidate.csproj"), "-c", "Release", "--artifacts-path", out],
    { env: ENV, encoding: "utf8", timeout: BUILD_TIMEOUT_MS }
  );
  if (r.status !== 0 || !existsSync(dll)) {
    throw new Error(
      `Building the Open XML validator failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ""}):\n${r.stdout}\n${r.stderr}`
    );
  }
  return dll;
}

/** Validate every file in one call of the validator; one result per file, in order. */
export function validateOpenXml(files: readonly string[]): OpenXmlFileResult[] {
  const dotnet = findDotnet();
  if (!dotnet) throw new Error("dotnet (the .NET SDK) is not installed");
  const dll = validatorDll();
  const r = spawnSync(dotnet, [dll, ...files], {
    env: ENV,
    encoding: "utf8",
    timeout: RUN_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`The Open XML validator failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  const parsed = JSON.parse(r.stdout) as { files: OpenXmlFileResult[] };
  return parsed.files;
}

/** One line per error, for a failing test's message. */
export function describeErrors(result: OpenXmlFileResult): string[] {
  const lines = result.errors.map(
    (e) => `${e.part ?? "?"} ${e.path ?? ""}: ${e.id}: ${e.description}`
  );
  if (result.openError) lines.unshift(`cannot open: ${result.openError}`);
  return lines;
}
