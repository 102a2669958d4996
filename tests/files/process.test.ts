/**
 * What only a real process shows: `... | head` ends quietly (no EPIPE stack trace), with the
 * command's own exit code.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleCli, shell } from "../helpers/cli-process";

const TMP = join(__dirname, "..", ".tmp", "process");
let cli: string;

beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  cli = bundleCli("process-cli");
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("a closed stdout", () => {
  it("check … | head -1: the first line, no stack trace, check's own exit code", () => {
    const csv = join(TMP, "big.csv");
    const rows = Array.from({ length: 3000 }, (_, i) => `R${i + 1},Purple,`);
    writeFileSync(csv, ["Ref,Status,Owner", ...rows].join("\r\n"));
    const r = shell(cli, `CLI check "${csv}" | head -1; echo "exit=\${PIPESTATUS[0]}"`);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/big\.csv: 3000 rows checked as at .*: 12000 errors/);
    expect(lines[lines.length - 1]).toBe("exit=1");
  });
});
