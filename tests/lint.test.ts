/**
 * Lint sees every source file: `scripts/lint-covers.mjs` (run by `npm run lint`) lists the code
 * files under src/, bench/ and tests/ that the ESLint config would skip, and fails if there are
 * any. The config's own plugin matches no .tsx file, so without the config's .tsx block the
 * whole task pane would go unlinted while lint still passed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");
const TMP = resolve(__dirname, ".tmp");

function covers(config?: string): { status: number; skipped: string[] } {
  const args = ["scripts/lint-covers.mjs", ...(config ? ["--config", config] : [])];
  try {
    const out = execFileSync(process.execPath, args, {
      cwd: ROOT,
      encoding: "utf8",
      stdio: "pipe",
    });
    return { status: 0, skipped: JSON.parse(out).skipped };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { status: err.status, skipped: JSON.parse(err.stdout).skipped };
  }
}

describe("lint covers every source file", () => {
  it("the project's config lints every .ts and .tsx under src, bench and tests", () => {
    expect(covers()).toEqual({ status: 0, skipped: [] });
  });

  it("fails, naming the files, with a config that matches only the plugin's own patterns", () => {
    mkdirSync(TMP, { recursive: true });
    const dir = mkdtempSync(join(TMP, "lint-"));
    const config = join(dir, "eslint.config.mjs");
    writeFileSync(
      config,
      [
        'import officeAddins from "eslint-plugin-office-addins";',
        "export default [...officeAddins.configs.recommended];",
      ].join("\n")
    );
    const result = covers(relative(ROOT, config));
    expect(result.status).toBe(1);
    expect(result.skipped).toContain("src/taskpane/App.tsx");
    expect(result.skipped).toContain("src/taskpane/sections/CheckSection.tsx");
    expect(result.skipped.every((f) => f.endsWith(".tsx"))).toBe(true);
  });

  it("fails when the config ignores a source file", () => {
    mkdirSync(TMP, { recursive: true });
    const dir = mkdtempSync(join(TMP, "lint-"));
    const config = join(dir, "eslint.config.mjs");
    writeFileSync(
      config,
      `import base from "../../../eslint.config.mjs";\nexport default [...base, { ignores: ["src/domain/status.ts"] }];\n`
    );
    const result = covers(relative(ROOT, config));
    expect(result).toEqual({ status: 1, skipped: ["src/domain/status.ts"] });
  });
});
