/**
 * Check's gaps, closed: a closed date in the future, a last-updated date in the future,
 * and a date typed as text in a date column of an .xlsx are flagged (a CSV's cells are all text,
 * so there a date as text is simply a date).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { TABLES } from "../../src/domain/columns";
import { toExcelSerial } from "../../src/domain/dates";
import { checkSnapshot } from "../../src/workbook/check";
import type { WorkbookSnapshot } from "../../src/workbook/host";

const TODAY = toExcelSerial({ y: 2026, m: 3, d: 31 });
const HEADERS = [
  "Ref",
  "Recommendation",
  "Owner",
  "Status",
  "Target date",
  "Last updated",
  "Closed date",
  "Evidence",
  "Progress update",
];

function snapshot(rows: (string | number | null)[][]): WorkbookSnapshot {
  return {
    sheets: [{ name: "Tracker", visibility: "visible", protected: false }],
    activeSheet: "Tracker",
    meta: null,
    tables: {
      [TABLES.tracker]: {
        name: TABLES.tracker,
        sheet: "Tracker",
        row: 0,
        col: 0,
        headers: HEADERS,
        rows,
      },
    },
    sheetValues: {},
  };
}

const rules = (s: WorkbookSnapshot, typedCells = true) =>
  checkSnapshot(s, { today: TODAY, typedCells }).findings.map(
    (f) => `${f.rule} ${f.column}: ${f.message}`
  );

describe("check's gaps", () => {
  it("a closed date and a last-updated date after today are errors", () => {
    const f = rules(
      snapshot([
        ["R1", "Do it", "Ann", "Complete", TODAY - 10, TODAY + 5, TODAY + 30, "Report", "Done"],
      ])
    );
    expect(f).toContain(
      "date-in-future Closed date: Closed date 30/04/2026 is after today (31/03/2026): a row cannot have been closed in the future."
    );
    expect(f).toContain(
      "date-in-future Last updated: Last updated 05/04/2026 is after today (31/03/2026): a row cannot have been updated in the future."
    );
    expect(
      rules(
        snapshot([["R1", "Do it", "Ann", "Complete", TODAY - 10, TODAY, TODAY, "Report", "Done"]])
      )
    ).toEqual([]);
  });

  it("a date typed as text in a workbook's date column is flagged; in a CSV it is not", () => {
    const s = snapshot([
      ["R1", "Do it", "Ann", "Amber", "30/06/2026", TODAY - 1, null, "", "Going"],
    ]);
    expect(rules(s).filter((f) => f.startsWith("date-"))).toEqual([
      "date-as-text Target date: Target date '30/06/2026' is text, not a date: it reads as 30/06/2026, but Excel will not sort, filter or count it as a date.",
    ]);
    expect(rules(s, false).filter((f) => f.startsWith("date-"))).toEqual([]);
  });

  it("check on the command line: a CSV's text dates pass, its future closed date does not", async () => {
    const dir = join(__dirname, "..", ".tmp", "check-gaps");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const csv = join(dir, "t.csv");
    writeFileSync(
      csv,
      [
        HEADERS.join(","),
        "R1,Do it,Ann,Complete,01/01/2026,01/01/2099,01/01/2099,Report,Done",
      ].join("\r\n")
    );
    const err: string[] = [];
    const out: string[] = [];
    const code = await main(["check", csv], {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
    });
    expect(code).toBe(1);
    expect(out.join("\n")).toMatch(/Closed date 01\/01\/2099 is after today/);
    expect(out.join("\n")).not.toMatch(/typed as text/);
    rmSync(dir, { recursive: true, force: true });
  });
});
