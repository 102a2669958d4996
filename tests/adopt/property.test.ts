import fc from "fast-check";
import { analyseSheet } from "../../src/domain/adopt";
import { isTrackerError } from "../../src/domain/errors";

const cell = fc.oneof(
  { weight: 4, arbitrary: fc.constant("") },
  fc.constantFrom(
    "G",
    "amber ",
    "Blue",
    "TBC",
    "A/G",
    "Superseded",
    "31/03/2025",
    "Mar-26",
    "Q4 2025",
    "-",
    "=SUM(A1)",
    "+1",
    "@x",
    "Key:",
    "* note",
    "R = Red"
  ),
  fc.constantFrom("Ref", "RAG", "Owner", "Recommendation", "Notes", "Due", "Update (Q3)"),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 0, max: 60000 })
);

describe("adopting any grid", () => {
  test("never crashes, loses nothing, and accounts for every row", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { minLength: 1, maxLength: 25 }),
        (rows) => {
          const values = rows.map((r) => r.map((v) => (v === "" ? null : v)));
          let p;
          try {
            p = analyseSheet({ name: "S", row: 0, col: 0, values });
          } catch (e) {
            expect(isTrackerError(e)).toBe(true);
            return;
          }
          const nonEmpty = values
            .flat()
            .filter((v) => v !== null && !(typeof v === "string" && v.trim() === "")).length;
          expect(p.accounting.lost).toEqual([]);
          expect(p.accounting.sourceCells).toBe(nonEmpty);
          expect(p.accounting.inTracker + p.accounting.inReport).toBe(nonEmpty);
          expect(p.counts.rows + p.counts.skipped + 1).toBe(values.length);
          const mapped = p.columns.filter((c) => c.mappedTo).map((c) => c.mappedTo);
          expect(new Set(mapped).size).toBe(mapped.length);
        }
      ),
      { numRuns: 400 }
    );
  });
});
