/**
 * No cell over Excel's 32,767 characters is ever written: what fits is kept, the cell
 * is marked, an error names where and the original length; check flags a cell at the limit.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../helpers/cli";
import { TABLES } from "../../src/domain/columns";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { MAX_CELL_CHARS, fitPlanToCells } from "../../src/workbook/cell-limit";
import { IMPORT_READ } from "../../src/workbook/import";

const TMP = join(__dirname, "..", ".tmp", "cell-limit");
beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("cells over 32,767 characters", () => {
  it("fitPlanToCells keeps what fits, marks it and names the cell and the length", () => {
    const long = "The force should ".repeat(3000); // 51,000 characters
    const { plan, cut } = fitPlanToCells({
      ops: [
        { op: "writeCells", sheet: "Notes", block: { row: 2, col: 1, values: [["short", long]] } },
      ],
    });
    const op = plan.ops[0] as { block: { values: string[][] } };
    expect(op.block.values[0][0]).toBe("short");
    expect(op.block.values[0][1]).toHaveLength(MAX_CELL_CHARS);
    expect(op.block.values[0][1]).toMatch(
      /^The force should .* \[… cut: 51,000 characters, over Excel's 32,767 a cell\]$/
    );
    expect(cut.map((c) => [c.where, c.length])).toEqual([["Notes!C3", 51_000]]);
  });

  it("build: the item is cut and marked, an error names it, exit 1; check then flags the cell", async () => {
    const record = join(TMP, "long.txt");
    const item = "Improve victim care " + "and keep records ".repeat(2400); // over 40,000 characters
    writeFileSync(
      record,
      `Force: Wessex Police\nTitle of inspection: Long\nPublished: 01/04/2025\nRecommendations\n1. ${item.trim()}\n2. A short one.\n`
    );
    const out = join(TMP, "long.xlsx");
    const r = await run("build", record, "--out", out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^error: Tracker!\w+\d+ \(row \d+, Recommendation\) held 40,\d{3} characters, over Excel's limit of 32,767 for a cell: the first 32,\d{3} were kept and the cell is marked/
    );
    const host = await createXlsxHost({ file: out });
    const snap = await host.run("read", (s) => s.read(IMPORT_READ));
    const t = snap.tables[TABLES.tracker]!;
    const col = t.headers.indexOf("Recommendation");
    const cell = String(t.rows[0][col]);
    expect(cell).toHaveLength(MAX_CELL_CHARS);
    expect(cell.startsWith("Improve victim care and keep records")).toBe(true);
    expect(cell).toMatch(/\[… cut: 40,\d{3} characters/);
    expect(String(t.rows[1][col])).toBe("A short one.");
    const checked = await run("check", out, "--json");
    const findings = JSON.parse(checked.out).findings.filter(
      (f: { rule: string }) => f.rule === "cell-at-limit"
    );
    expect(findings).toEqual([
      expect.objectContaining({
        column: "Recommendation",
        severity: "error",
        message: expect.stringMatching(/holds 32,767 characters, Excel's limit for a cell/),
      }),
    ]);
  });
});
