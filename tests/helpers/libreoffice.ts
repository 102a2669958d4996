/**
 * LibreOffice headless as a second, real spreadsheet engine for tests: convert a workbook to
 * flat ODF (what LibreOffice parsed: database ranges, validations, conditional formats, charts),
 * to CSV per sheet (values, with formulas recalculated on load) or to PDF.
 *
 * - `describeIfSoffice(name, fn)`: runs the suite when soffice is installed. When it is not, one
 *   test says so and passes, unless REQUIRE_SOFFICE=1 (set by .ci/run), where it fails.
 * - Every call uses a private profile under tests/.tmp/lo-profile (one per Jest worker),
 *   pre-seeded to recalculate OOXML formulas on load, with a writable HOME and a timeout.
 * - Calls are serialised machine-wide with a lock directory, so parallel Jest workers never run
 *   two soffice at once.
 *
 * Synchronous on purpose: tests read `const xml = fodsOf(file)`.
 */
import { spawnSync } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, delimiter, extname, join, resolve } from "node:path";
import Papa from "papaparse";

export const TMP_ROOT = resolve(__dirname, "..", ".tmp");
const PROFILE_ROOT = join(TMP_ROOT, "lo-profile");
const LOCK_DIR = join(TMP_ROOT, "lo.lock");
/** Seconds one conversion may take before it is killed. */
export const SOFFICE_TIMEOUT_MS = 120_000;

let cached: string | null | undefined;

/**
 * Path of the soffice binary, or null when LibreOffice is not installed. SOFFICE, when set,
 * names the binary to use and nothing else is searched (SOFFICE=none: behave as if absent).
 */
export function findSoffice(): string | null {
  if (cached !== undefined) return cached;
  const candidates: string[] = [];
  if (process.env.SOFFICE)
    return (cached = isExecutable(process.env.SOFFICE) ? process.env.SOFFICE : null);
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    candidates.push(join(dir, "soffice"), join(dir, "libreoffice"));
  }
  candidates.push(
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice"
  );
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

/** Forget the soffice found (tests of this helper change SOFFICE). */
export function resetSofficeLookup(): void {
  cached = undefined;
}

export const sofficeRequired = (): boolean => process.env.REQUIRE_SOFFICE === "1";

/**
 * describe() when soffice is available. Otherwise one test that says LibreOffice is absent and
 * passes, or fails when REQUIRE_SOFFICE=1.
 */
export function describeIfSoffice(name: string, fn: () => void): void {
  if (findSoffice()) {
    describe(name, fn);
    return;
  }
  describe(name, () => {
    test("LibreOffice (soffice) is not installed: these checks are skipped", () => {
      if (sofficeRequired()) {
        throw new Error(
          "REQUIRE_SOFFICE=1 but soffice was not found on PATH. Install LibreOffice " +
            "(apt-get install -y --no-install-recommends libreoffice-calc-nogui) or set SOFFICE to its path."
        );
      }
      process.stderr.write(`[libreoffice] soffice not found: '${name}' skipped\n`);
    });
  });
}

const RECALC_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

/** This worker's private profile, seeded to recalculate formulas on load. */
export function profileDir(): string {
  const dir = join(PROFILE_ROOT, `w${process.env.JEST_WORKER_ID ?? "0"}-${process.pid}`);
  const xcu = join(dir, "user", "registrymodifications.xcu");
  if (!existsSync(xcu)) {
    mkdirSync(join(dir, "user"), { recursive: true });
    writeFileSync(xcu, RECALC_XCU);
  }
  mkdirSync(join(dir, "home"), { recursive: true });
  return dir;
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Run fn holding the machine-wide soffice lock (a directory holding the owner's pid). */
function withLock<T>(fn: () => T): T {
  mkdirSync(TMP_ROOT, { recursive: true });
  const deadline = Date.now() + SOFFICE_TIMEOUT_MS * 3;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, "pid"), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      // Stale lock: its owner is gone, or it is older than any conversion may take.
      try {
        const pid = Number(readFileSync(join(LOCK_DIR, "pid"), "utf8"));
        const age = Date.now() - statSync(LOCK_DIR).mtimeMs;
        if ((pid && !pidAlive(pid)) || age > SOFFICE_TIMEOUT_MS + 10_000)
          rmSync(LOCK_DIR, { recursive: true, force: true });
      } catch {
        const age = Date.now() - (existsSync(LOCK_DIR) ? statSync(LOCK_DIR).mtimeMs : 0);
        if (age > 5_000) rmSync(LOCK_DIR, { recursive: true, force: true });
      }
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for the LibreOffice lock ${LOCK_DIR}`);
      sleepMs(100);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

export interface CsvFormat {
  kind: "csv";
  /** 1-based sheet number. */
  sheet: number;
  /** Cells as shown (number formats applied, e.g. dd/mm/yyyy) rather than raw values. */
  asShown: boolean;
}

/** "xlsx": the workbook as LibreOffice saves it in Excel's format (into another folder). */
export type ConvertFormat = "fods" | "pdf" | "xlsx" | CsvFormat;

/** CSV of one sheet (1-based), UTF-8, comma separated, double-quoted. */
export function csvSheet(sheet: number, asShown = true): CsvFormat {
  return { kind: "csv", sheet, asShown };
}

function filterOf(format: ConvertFormat): string {
  if (format === "fods" || format === "pdf") return format;
  if (format === "xlsx") return "xlsx:Calc MS Excel 2007 XML";
  // Tokens: separator, quote, charset, first line, cell formats, language, quote all text,
  // detect special numbers, save as shown, export formulas, remove space, sheet number.
  return `csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,${format.asShown},false,false,${format.sheet}`;
}

/** A fresh output folder under tests/.tmp. */
export function tmpDir(prefix = "lo-"): string {
  mkdirSync(TMP_ROOT, { recursive: true });
  return mkdtempSync(join(TMP_ROOT, prefix));
}

/**
 * A fontconfig file that reads "Calibri" (the workbook's Normal font, which sizes its columns) as
 * Liberation Sans Narrow, whose digits are about as wide, so that LibreOffice lays columns out as
 * wide as Excel does. Without it LibreOffice falls back to DejaVu Sans and every column prints a
 * third wider than in Excel (scaled down to one page wide, pages hold more rows). Cell text in
 * Arial is unaffected (Liberation Sans has Arial's metrics).
 */
export function excelWidthFonts(): string {
  const path = join(TMP_ROOT, "excel-widths.fonts.conf");
  if (!existsSync(path)) {
    mkdirSync(TMP_ROOT, { recursive: true });
    writeFileSync(
      path,
      `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test qual="any" name="family"><string>Calibri</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Liberation Sans Narrow</string></edit>
  </match>
</fontconfig>
`
    );
  }
  return path;
}

export interface ConvertOptions {
  /** Lay columns out as Excel does (excelWidthFonts): for printed pages and pictures. */
  excelWidths?: boolean;
}

/**
 * Convert a workbook with LibreOffice headless. Returns the output file(s) LibreOffice wrote
 * (one path for fods and pdf; for CSV, the sheet's file).
 */
export function convertTo(
  file: string,
  format: ConvertFormat,
  outDir: string = tmpDir(),
  options: ConvertOptions = {}
): string {
  const soffice = findSoffice();
  if (!soffice) throw new Error("soffice (LibreOffice) is not installed");
  mkdirSync(outDir, { recursive: true });
  const stem = basename(file, extname(file));
  const ext = typeof format === "string" ? format : "csv";
  const started = Date.now() - 1000;
  const profile = profileDir();
  const result = withLock(() =>
    spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        "--convert-to",
        filterOf(format),
        "--outdir",
        outDir,
        resolve(file),
      ],
      {
        encoding: "utf8",
        timeout: SOFFICE_TIMEOUT_MS,
        env: {
          ...process.env,
          HOME: join(profile, "home"),
          SAL_USE_VCLPLUGIN: "svp",
          ...(options.excelWidths ? { FONTCONFIG_FILE: excelWidthFonts() } : {}),
        },
      }
    )
  );
  if (result.error) throw new Error(`soffice failed to run: ${result.error.message}`);
  const written = readdirSync(outDir).filter(
    (f) =>
      f.toLowerCase().endsWith(`.${ext}`) &&
      (f === `${stem}.${ext}` || f.startsWith(`${stem}-`)) &&
      statSync(join(outDir, f)).mtimeMs >= started
  );
  const exact = written.find((f) => f === `${stem}.${ext}`);
  const pick = exact ?? written.sort()[0];
  if (result.status !== 0 || !pick) {
    throw new Error(
      `soffice could not convert ${file} to ${ext} (exit ${result.status}).\nstdout: ${result.stdout}\nstderr: ${result.stderr}`
    );
  }
  return join(outDir, pick);
}

/** Flat ODF XML of the workbook as LibreOffice parsed it. */
export function fodsOf(file: string): string {
  return readFileSync(convertTo(file, "fods"), "utf8");
}

/** One sheet (1-based) as LibreOffice exports it to CSV, parsed into rows of cells. */
export function csvOfSheet(file: string, sheetNumber: number, asShown = true): string[][] {
  const text = readFileSync(convertTo(file, csvSheet(sheetNumber, asShown)), "utf8").replace(
    /^\uFEFF/,
    ""
  );
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  const rows = parsed.data;
  if (rows.length > 0) {
    const last = rows[rows.length - 1];
    if (last.length === 1 && last[0] === "") rows.pop();
  }
  return rows;
}

/** Text of a PDF (poppler's pdftotext, layout kept), or null when pdftotext is not installed. */
export function pdfText(pdf: string): string | null {
  const r = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", timeout: 60_000 });
  if (r.error) return null;
  if (r.status !== 0) throw new Error(`pdftotext failed on ${pdf}: ${r.stderr}`);
  return r.stdout;
}

/** The workbook printed to PDF by LibreOffice (print areas, page set-up), as text. */
export function pdfTextOf(file: string): string | null {
  return pdfText(convertTo(file, "pdf"));
}
