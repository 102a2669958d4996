/**
 * The Check column and the error-row format in a real spreadsheet engine: LibreOffice opens the
 * file the xlsx host wrote after a check, sees the format on the table body (not on Status), and
 * evaluates the format's own formula TRUE exactly for the rows with errors.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TABLES, TRACKER_COLUMNS } from "../../src/domain/columns";
import { checkTracker } from "../../src/engine/check";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { ERROR_ROW_FILL, errorRowFormula } from "../../src/workbook/check";
import { columnLetter } from "../../src/domain/columns";
import { TABLE_STYLE, formatFor } from "../../src/workbook/setup";
import { conditionalFormats } from "../helpers/fods";
import { csvOfSheet, describeIfSoffice, fodsOf } from "../helpers/libreoffice";
import { AS_AT, HEADERS, cells, goodValues, serial } from "./helpers";

describeIfSoffice("LibreOffice reads the check's Check column and error-row format", () => {
  const dir = mkdtempSync(join(tmpdir(), "check-lo-"));
  const file = join(dir, "checked.xlsx");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const checkLetter = columnLetter(HEADERS.length);
  const statusLetter = columnLetter(HEADERS.indexOf("Status"));
  const rows = [
    cells(goodValues({ ref: "WP-1" })),
    cells(goodValues({ ref: "WP-2", owner: "" })),
    cells(goodValues({ ref: "WP-3", targetDate: serial("2026-12-10") })),
    cells(goodValues({ ref: "WP-4", status: "Amber", progress: "", targetDate: serial("2026-12-10") })),
  ];

  beforeAll(async () => {
    const host = await createXlsxHost();
    await host.run("seed", (s) =>
      s.apply({
        ops: [
          { op: "ensureSheet", sheet: "Tracker" },
          {
            op: "createTable", sheet: "Tracker",
            table: { name: TABLES.tracker, row: 0, col: 0, headers: [...HEADERS], rows, columnFormats: TRACKER_COLUMNS.map(formatFor), style: TABLE_STYLE },
          },
          { op: "ensureSheet", sheet: "Probe" },
          {
            // The format's own formula, pointed at the Tracker sheet, one per data row.
            op: "writeCells", sheet: "Probe",
            block: {
              row: 0, col: 0, values: rows.map(() => [null]),
              formulas: rows.map((_, i) => [errorRowFormula(checkLetter, i + 2).replace(/\$([A-Z]+\d+)/g, "Tracker!$$$1")]),
            },
          },
        ],
      })
    );
    await checkTracker(host, { today: AS_AT });
    await host.save(file);
  });

  test("the Check column holds each row's text and the format's formula is TRUE only for rows with errors", () => {
    const tracker = csvOfSheet(file, 1);
    expect(tracker[0][HEADERS.length]).toBe("Check");
    expect(tracker.slice(1, 5).map((r) => r[HEADERS.length])).toEqual([
      "OK", "1 error: owner missing", "1 warning: due soon", "1 error, 1 warning: no progress update; due soon",
    ]);
    const probe = csvOfSheet(file, 2);
    expect(probe.slice(0, 4).map((r) => r[0].toUpperCase())).toEqual(["FALSE", "TRUE", "FALSE", "TRUE"]);
  });

  test("the format covers the table body but not the Status column", () => {
    const conds = conditionalFormats(fodsOf(file)).filter((c) => /ISNUMBER/i.test(c.value));
    expect(conds.length).toBe(2);
    for (const c of conds) {
      expect(c.fill?.toUpperCase()).toBe(ERROR_ROW_FILL);
      expect(c.range).not.toContain(`.${statusLetter}2:`);
    }
    expect(conds.map((c) => c.range).join(" ")).toMatch(new RegExp(`\\.A2:.*\\.${checkLetter}5`));
  });
});
