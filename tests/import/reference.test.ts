/**
 * The first hour on the real response record in ../shared/reference (read, never copied into the
 * repo): built through the command line, its items get assurance areas (14 of 16), the six whose
 * words suggest national work are listed for the analyst to confirm, the office's name comes from
 * the record (the Summary's title says whose office it is), and the inspectorate has no strapline.
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { SHEETS, TABLES } from "../../src/domain/columns";
import { run } from "../helpers/cli";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { IMPORT_READ } from "../../src/workbook/import";

const REFERENCE = resolve(
  __dirname,
  "../../../shared/reference/staffordshire-ocsae-mosovo-response.txt"
);
const TMP = resolve(__dirname, "..", ".tmp");

describe("the reference record, built", () => {
  const OFFICE = "Office of the Staffordshire Police, Fire and Crime Commissioner";

  it("areas for 14 of 16 items, 6 addressee suggestions, the office's name from the record", async () => {
    expect(existsSync(REFERENCE)).toBe(true);
    mkdirSync(TMP, { recursive: true });
    const dir = mkdtempSync(join(TMP, "reference-import-"));
    const tracker = join(dir, "tracker.xlsx");

    const parsed = JSON.parse((await run("parse", REFERENCE, "--json")).out);
    const themed = parsed.items
      .filter((i: { theme: string | null }) => i.theme !== null)
      .map((i: { number: number }) => i.number);
    expect(themed).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 14, 15, 16]);
    expect(parsed.inspection).toMatchObject({
      inspectorate: "HMICFRS",
      commissioner: "Police, Fire and Crime Commissioner",
    });

    const built = await run("build", REFERENCE, "--out", tracker);
    expect(built.code).toBe(0);
    expect(built.out).toContain("assurance areas suggested for 14 of 16 items");
    expect(built.out).toMatch(/SPOT-R9: none\. The best match, .* below 1\.5\./);
    expect(built.out).toContain(`the office's name set from the record: '${OFFICE}'`);
    expect(built.out).toMatch(/6 items name no addressee and were written 'Not stated'/);

    const host = await createXlsxHost({ file: tracker });
    const snap = await host.run("read", (s) => s.read(IMPORT_READ));
    const t = snap.tables[TABLES.tracker]!;
    const themes = t.rows.map((r) => r[t.headers.indexOf("Theme")]);
    expect(themes.filter((v) => v !== null)).toHaveLength(14);
    const settings = snap.tables[TABLES.settings]!;
    expect(settings.rows.find((r) => r[0] === "Office name")?.[1]).toBe(OFFICE);
    const insp = snap.tables[TABLES.inspections]!;
    expect(insp.rows[0][insp.headers.indexOf("Inspectorate")]).toBe("HMICFRS");

    // The Summary's title names the office; its theme table has the areas, not one
    // "(No theme) 16" row.
    const board = join(dir, "board.xlsx");
    expect((await run("summary", tracker, "--as-at", "31/03/2026", "--out", board)).code).toBe(0);
    const summary = await createXlsxHost({ file: board });
    const cells = await summary.run("read", async (s) =>
      ((await s.read({ sheets: [SHEETS.summary] })).sheetValues[SHEETS.summary]?.values ?? [])
        .flat()
        .map((v) => (v === null ? "" : String(v)))
    );
    expect(cells).toContain(OFFICE);
    expect(cells).toContain("Partnership working");
  });
});
