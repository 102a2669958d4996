/**
 * Excel's 1900 calendar, exact both ways: 1 January 1900 is serial 1, 28 February 59, the
 * fictitious 29 February 1900 is 60, 1 March 61; and a time that is dropped is said.
 */
import { analyseSheet } from "../../src/domain/adopt";
import { checkSnapshot } from "../../src/workbook/check";
import { formatUk, fromExcelSerial, parseUkDate, toExcelSerial } from "../../src/domain/dates";

describe("Excel's 1900 date system", () => {
  it.each<[string, number]>([
    ["01/01/1900", 1],
    ["02/01/1900", 2],
    ["28/02/1900", 59],
    ["29/02/1900", 60],
    ["01/03/1900", 61],
    ["31/12/1900", 366],
    ["31/03/2026", 46112],
    ["31/12/9999", 2958465],
  ])("%s is serial %i, and back", (uk, serial) => {
    const parsed = parseUkDate(uk);
    expect(parsed.error).toBeNull();
    expect(toExcelSerial(parsed.date!)).toBe(serial);
    expect(formatUk(fromExcelSerial(serial))).toBe(uk);
    expect(formatUk(parseUkDate(serial).date!)).toBe(uk);
  });

  it("every serial from 1 to 800 round-trips through its calendar date", () => {
    for (let n = 1; n <= 800; n++) expect(toExcelSerial(fromExcelSerial(n))).toBe(n);
  });

  it("29/02/1901 is still not a date", () => {
    expect(parseUkDate("29/02/1901").date).toBeNull();
  });

  it("check reads serial 1 as 01/01/1900, not as 'not a date'", () => {
    const report = checkSnapshot(
      {
        sheets: [{ name: "T", visibility: "visible", protected: false }],
        activeSheet: "T",
        meta: null,
        tables: {
          tblTracker: {
            name: "tblTracker",
            sheet: "T",
            row: 0,
            col: 0,
            headers: ["Ref", "Recommendation", "Owner", "Status", "Target date"],
            rows: [["R1", "Do it", "Chief Superintendent", "Not started", 1]],
          },
        },
        sheetValues: {},
      },
      { today: 46112, asAt: null }
    );
    expect(report.findings.map((f) => f.message).join("\n")).not.toMatch(/'1' is not a date/);
  });

  it("a time is dropped only with a word: parse says it, adopt lists it as a change", () => {
    expect(parseUkDate("2026-03-31T14:30:00").timeDropped).toBe("14:30");
    expect(parseUkDate("2026-03-31 00:00").timeDropped).toBeUndefined();
    expect(parseUkDate(46112.75).timeDropped).toBe("18:00");
    const preview = analyseSheet({
      name: "Old",
      row: 0,
      col: 0,
      values: [
        ["Ref", "Recommendation", "Owner", "Status", "Target date"],
        ["R1", "Do it", "Ann", "Red", "2026-03-31T14:30"],
      ],
    });
    expect(preview.changes).toContainEqual(
      expect.objectContaining({
        asWritten: "2026-03-31T14:30",
        asAdopted: "31/03/2026",
        note: "the time 14:30 dropped: the tracker keeps days",
      })
    );
  });
});
