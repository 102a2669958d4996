import fc from "fast-check";
import {
  addDays, financialQuarter, formatIso, formatUk, fromExcelSerial, parseIso, parseUkDate, toExcelSerial,
} from "../../src/domain/dates";

const d = (y: number, m: number, day: number) => ({ y, m, d: day });

describe("parseUkDate", () => {
  it.each([
    ["31/03/2025", d(2025, 3, 31)],
    ["1/4/2025", d(2025, 4, 1)],
    ["31-03-2025", d(2025, 3, 31)],
    ["31.03.25", d(2025, 3, 31)],
    ["31 March 2025", d(2025, 3, 31)],
    ["2nd March 2017", d(2017, 3, 2)],
    ["1st of May 2024", d(2024, 5, 1)],
    ["10 Apr 2019", d(2019, 4, 10)],
    ["12 Sept 2024", d(2024, 9, 12)],
    ["31-Mar-2025", d(2025, 3, 31)],
    ["Monday 3 June 2024", d(2024, 6, 3)],
    ["March 31, 2025", d(2025, 3, 31)],
    ["2025-06-30", d(2025, 6, 30)],
    ["2025-06-30T00:00:00Z", d(2025, 6, 30)],
  ])("%s is an exact date", (text, want) => {
    const r = parseUkDate(text);
    expect(r.date).toEqual(want);
    expect(r.approximate).toBe(false);
    expect(r.error).toBeNull();
  });

  it("reads 03/04/2025 the UK way (3 April), never the US way", () => {
    expect(parseUkDate("03/04/2025").date).toEqual(d(2025, 4, 3));
  });

  it.each([
    ["Mar-26", d(2026, 3, 31)],
    ["March 2026", d(2026, 3, 31)],
    ["Feb 2024", d(2024, 2, 29)],
    ["Feb-25", d(2025, 2, 28)],
    ["06/2025", d(2025, 6, 30)],
    ["Q4 2025/26", d(2026, 3, 31)],
    ["Q1 2025/26", d(2025, 6, 30)],
    ["Q2 2025-26", d(2025, 9, 30)],
    ["Q3 FY2025/26", d(2025, 12, 31)],
    ["2025/26 Q4", d(2026, 3, 31)],
    ["Q4 1999/00", d(2000, 3, 31)],
  ])("%s is the last day of its period, flagged approximate", (text, want) => {
    const r = parseUkDate(text);
    expect(r.date).toEqual(want);
    expect(r.approximate).toBe(true);
    expect(r.ambiguity).toBeNull();
  });

  it("says Q4 2025 is ambiguous between calendar and financial year", () => {
    const r = parseUkDate("Q4 2025");
    expect(r.date).toEqual(d(2025, 12, 31));
    expect(r.approximate).toBe(true);
    expect(r.ambiguity).toMatch(/calendar Q4 2025/);
    expect(r.ambiguity).toMatch(/financial Q4 2025\/26/);
    expect(r.ambiguity).toMatch(/31\/03\/2026/);
  });

  it.each(["", "-", "TBC", "31/02/2025", "32/01/2025", "13/13/2025", "Q5 2025/26", "Q4 2025/27", "soon", "Marchish 2025"])(
    "%j is not a date, with a reason",
    (text) => {
      const r = parseUkDate(text);
      expect(r.date).toBeNull();
      expect(r.error).toBeTruthy();
    }
  );

  it("accepts Excel serial numbers and rejects numbers that are not dates", () => {
    expect(parseUkDate(45747).date).toEqual(d(2025, 3, 31));
    expect(parseUkDate(45747.75).date).toEqual(d(2025, 3, 31));
    expect(parseUkDate(-3).date).toBeNull();
    expect(parseUkDate(Number.NaN).date).toBeNull();
  });
});

describe("Excel serial numbers", () => {
  it.each([
    [d(1900, 3, 1), 61],
    [d(1970, 1, 1), 25569],
    [d(2025, 3, 31), 45747],
    [d(2024, 2, 29), 45351],
    [d(9999, 12, 31), 2958465],
  ])("%j is serial %d, both ways", (date, serial) => {
    expect(toExcelSerial(date)).toBe(serial);
    expect(fromExcelSerial(serial)).toEqual(date);
  });

  it("round-trips every day from 1900 to 9999 without time-zone drift", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        expect(toExcelSerial(fromExcelSerial(serial))).toBe(serial);
      }),
      { numRuns: 5000 }
    );
  });

  it("does not depend on the process time zone", () => {
    // The conversions use UTC arithmetic only; a date formatted and parsed back is the same day.
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        const date = fromExcelSerial(serial);
        expect(parseUkDate(formatUk(date)).date).toEqual(date);
        expect(parseIso(formatIso(date))).toEqual(date);
      }),
      { numRuns: 2000 }
    );
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays(d(2025, 1, 31), 56)).toEqual(d(2025, 3, 28));
    expect(addDays(d(2024, 2, 28), 1)).toEqual(d(2024, 2, 29));
    expect(addDays(d(2024, 12, 31), 1)).toEqual(d(2025, 1, 1));
  });
});

describe("display and financial quarters", () => {
  it("shows dd/mm/yyyy", () => {
    expect(formatUk(d(2025, 3, 1))).toBe("01/03/2025");
  });
  it.each([
    [d(2025, 4, 1), "Q1 2025/26"],
    [d(2025, 12, 31), "Q3 2025/26"],
    [d(2026, 3, 31), "Q4 2025/26"],
  ])("%j is in %s", (date, label) => {
    expect(financialQuarter(date).label).toBe(label);
  });
  it("parses ISO strictly", () => {
    expect(parseIso("2025-02-30")).toBeNull();
    expect(parseIso("31/03/2025")).toBeNull();
  });
});
