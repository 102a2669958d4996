import {
  analyseSheet,
  detectHeaderRow,
  adoptionJson,
  headerCandidates,
  suggestMapping,
} from "../../src/domain/adopt";
import { isTrackerError } from "../../src/domain/errors";
import { DEFAULT_STATUSES } from "../../src/domain/status";
import { toExcelSerial } from "../../src/domain/dates";
import { LITERAL_CELLS, MESSY_ROWS, gridValues } from "./messy";
import type { SourceGrid } from "../../src/domain/adopt";
import { headerScore } from "../../src/domain/adopt/mapping";

const messy = (): SourceGrid => ({
  name: "Sheet1",
  row: 0,
  col: 0,
  values: gridValues(MESSY_ROWS),
});
const rowOf = (p: ReturnType<typeof analyseSheet>, sourceRow: number) =>
  p.rows.find((r) => r.sourceRow === sourceRow)!;
const findingsOf = (p: ReturnType<typeof analyseSheet>, sourceRow: number) =>
  p.findings.filter((f) => f.sourceRow === sourceRow).map((f) => f.rule);

describe("header row and mapping", () => {
  test("skips the title and blank rows above the header", () => {
    const p = analyseSheet(messy());
    expect(p.headerRow).toBe(3);
    expect(p.headerRecognised).toBe(true);
    expect(p.skipped.find((s) => s.sourceRow === 1)).toMatchObject({ kind: "title" });
  });

  test("maps headers by synonyms with a confidence; unmapped columns become extra columns", () => {
    const p = analyseSheet(messy());
    const m = Object.fromEntries(p.columns.map((c) => [c.header, c.mappedTo]));
    expect(m).toEqual({
      Ref: "ref",
      Recommendation: "recommendation",
      Lead: "owner",
      "Target date": "targetDate",
      RAG: "status",
      "Update (Q3)": "progress",
      Evidence: "evidence",
      Notes: null,
      Directorate: null,
    });
    expect(p.columns.find((c) => c.header === "Ref")!.confidence).toBe(1);
    expect(p.columns.find((c) => c.header === "Update (Q3)")!.confidence).toBeLessThan(1);
    expect(p.columns.find((c) => c.header === "Update (Q3)")!.confidence).toBeGreaterThan(0.6);
    expect(p.extraColumns.map((e) => e.header)).toEqual(["Notes", "Directorate"]);
  });

  test.each([
    ["Rec No.", "ref"],
    ["No.", "ref"],
    ["Action", "recommendation"],
    ["Finding", "recommendation"],
    ["Owner", "owner"],
    ["Responsible", "owner"],
    ["Due", "targetDate"],
    ["Deadline", "targetDate"],
    ["Status", "status"],
    ["RAG status", "status"],
    ["Progress", "progress"],
    ["Commentary", "progress"],
    ["Update (Q3)", "progress"],
    ["Progress update Q2 2025/26", "progress"],
    ["Evidence", "evidence"],
    ["Target date\n(dd/mm/yyyy)", "targetDate"],
    ["Date closed", "closedDate"],
  ])("'%s' means %s", (header, key) => {
    expect(headerCandidates(header)[0].key).toBe(key);
  });

  test("'No.' goes to Ref only when no better Ref column exists", () => {
    expect(suggestMapping(["Ref", "No.", "Recommendation"]).map((m) => m.key)).toEqual([
      "ref",
      "number",
      "recommendation",
    ]);
    expect(suggestMapping(["No.", "Action"]).map((m) => m.key)).toEqual(["ref", "recommendation"]);
  });

  test("each tracker column is used once; the weaker candidate is kept as its own column", () => {
    expect(
      suggestMapping(["Update (Q2)", "Progress update", "Recommendation"]).map((m) => m.key)
    ).toEqual([null, "progress", "recommendation"]);
  });

  test("the analyst's mapping overrides the suggestion and frees the column it took", () => {
    const p = analyseSheet(messy(), { mapping: { Notes: "Progress update" } });
    expect(p.columns.find((c) => c.header === "Notes")!.mappedTo).toBe("progress");
    expect(p.columns.find((c) => c.header === "Update (Q3)")!.mappedTo).toBeNull();
    expect(rowOf(p, 5).values.progress).toBe("-see Q2 board minutes");
    expect(rowOf(p, 5).extras["Update (Q3)"]).toBe(MESSY_ROWS[4][5]);
    expect(p.accounting.lost).toEqual([]);
  });

  test("a bad mapping is refused with a message naming the column", () => {
    const attempt = (mapping: Record<string, string | null>) => {
      try {
        analyseSheet(messy(), { mapping });
        return null;
      } catch (e) {
        expect(isTrackerError(e)).toBe(true);
        return (e as Error).message;
      }
    };
    expect(attempt({ Nope: "Ref" })).toMatch(/'Nope'/);
    expect(attempt({ Notes: "Colour" })).toMatch(/'Colour', which is not a tracker column/);
    expect(attempt({ Notes: "Owner", Directorate: "Owner" })).toMatch(
      /'Notes' and 'Directorate'.*'Owner'/
    );
  });

  test("a sheet without any headings is refused, a sheet with unknown headings is guessed and flagged", () => {
    expect(() =>
      analyseSheet({ name: "Notes", row: 0, col: 0, values: [["just one cell"], [null]] })
    ).toThrow(/has no header row/);
    const p = analyseSheet({
      name: "Odd",
      row: 0,
      col: 0,
      values: [
        ["Alpha", "Beta"],
        ["x", "y"],
      ],
    });
    expect(p.headerRecognised).toBe(false);
    expect(p.findings[0].rule).toBe("header-guessed");
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0].extras).toEqual({ Alpha: "x", Beta: "y" });
  });

  test("the header row is found after many title rows and the used range's offset is kept", () => {
    const grid: SourceGrid = {
      name: "Tracker",
      row: 4,
      col: 2,
      values: [
        ["Wessex OPCC"],
        ["Quarterly tracker"],
        [null],
        ["Rec No.", "Action", "Owner", "Status"],
        ["W1", "Do it", "DCC", "G"],
      ],
    };
    expect(detectHeaderRow(grid)).toEqual({ index: 3, recognised: true });
    const p = analyseSheet(grid);
    expect(p.headerRow).toBe(8);
    expect(p.rows[0].sourceRow).toBe(9);
    expect(p.columns.map((c) => c.letter)).toEqual(["C", "D", "E", "F"]);
  });

  test("scoring rows with a shared cache gives each row the score it has alone", () => {
    const rows = [
      ["Ref", "Recommendation", "Owner", "RAG"],
      ["Ref", "Wessex Police should act", "DCI R. Hale", "G"],
      ["RAG", "Owner", "Due", "Ref"],
      ["DCI R. Hale", "G", "Notes", "Ref"],
    ];
    const cache = new Map<string, number>();
    const shared = rows.map((r) => headerScore(r, cache));
    expect(shared).toEqual(rows.map((r) => headerScore(r)));
    expect(shared[0]).toBeGreaterThan(shared[1]);
    // Each distinct text is scored once and kept by its own text.
    expect(cache.size).toBe(new Set(rows.flat()).size);
    expect(cache.get("DCI R. Hale")).toBe(0);
  });
});

describe("rows: sections, skipped rows, statuses, dates", () => {
  test("section rows carry the inspection name into the rows below, and are listed as skipped", () => {
    const p = analyseSheet(messy());
    expect(rowOf(p, 5).values.inspection).toBe("PEEL 2023/25: Wessex Police");
    expect(rowOf(p, 9).values.inspection).toBe("PEEL 2023/25: Wessex Police");
    expect(rowOf(p, 12).values.inspection).toBe("Spotlight: Vetting and counter-corruption (2024)");
    expect(p.skipped.find((s) => s.sourceRow === 11)).toMatchObject({ kind: "section" });
    expect(p.changes.find((c) => c.sourceRow === 12 && c.column === "Inspection")).toMatchObject({
      asWritten: "",
      note: "from the section row 11",
    });
  });

  test("every skipped row has its reason: blank, legend, footnote", () => {
    const p = analyseSheet(messy());
    const kinds = Object.fromEntries(p.skipped.map((s) => [s.sourceRow, s.kind]));
    expect(kinds).toEqual({
      1: "title",
      2: "blank",
      4: "section",
      10: "blank",
      11: "section",
      19: "blank",
      20: "legend",
      21: "legend",
      22: "legend",
      23: "legend",
      24: "legend",
      25: "footnote",
      26: "footnote",
    });
    for (const s of p.skipped) expect(s.reason.length).toBeGreaterThan(5);
    expect(p.rows.map((r) => r.sourceRow)).toEqual([5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18]);
  });

  test("footnotes under a table without a legend are skipped as notes", () => {
    const rows = [
      ["Ref", "Recommendation", "Status"],
      ["A1", "Improve", "G"],
      [null, null, null],
      ["* Financial quarters", null, null],
      ["Prepared by the OPCC", null, null],
    ];
    const p = analyseSheet({ name: "S", row: 0, col: 0, values: rows });
    expect(p.rows).toHaveLength(1);
    expect(p.skipped.filter((s) => s.kind === "footnote").map((s) => s.sourceRow)).toEqual([4, 5]);
  });

  test("statuses are normalised and every change listed; others kept as written and flagged", () => {
    const p = analyseSheet(messy());
    const status = (r: number) => rowOf(p, r).values.status;
    expect([5, 6, 7, 8, 9, 14, 16, 17, 18].map(status)).toEqual([
      "Green",
      "Green",
      "Amber",
      "Complete",
      "Complete",
      "Superseded",
      "Red",
      "Amber",
      "Complete",
    ]);
    expect(p.changes.find((c) => c.sourceRow === 6 && c.column === "Status")).toMatchObject({
      asWritten: "green ",
      asAdopted: "Green",
    });
    expect(p.changes.find((c) => c.sourceRow === 9 && c.column === "Status")).toBeUndefined();
    expect(status(12)).toBe("TBC");
    expect(findingsOf(p, 12)).toContain("status-unknown");
    expect(status(13)).toBe("A/G");
    expect(
      p.findings.find((f) => f.sourceRow === 13 && f.rule === "status-ambiguous")!.severity
    ).toBe("error");
    expect(status(15)).toBeNull();
    expect(findingsOf(p, 15)).toContain("status-blank");
    expect(rowOf(p, 13).statusAsWritten).toBe("A/G");
    expect(rowOf(p, 13).status).toBeNull();
  });

  test("'Superseded' maps only when the vocabulary has it", () => {
    const vocabulary = DEFAULT_STATUSES.filter((s) => s.name !== "Superseded");
    const p = analyseSheet(messy(), { vocabulary });
    expect(rowOf(p, 14).values.status).toBe("Superseded");
    expect(rowOf(p, 14).status).toBeNull();
    expect(findingsOf(p, 14)).toContain("status-unknown");
  });

  test("dates: UK forms read, periods become their last day and are flagged, nonsense kept and flagged", () => {
    const p = analyseSheet(messy());
    const r = (n: number) => rowOf(p, n);
    expect(r(5).values.targetDate).toBe(toExcelSerial({ y: 2025, m: 3, d: 31 }));
    expect(r(5).targetDate).toBe("2025-03-31");
    expect(r(6).targetDate).toBe("2025-06-30");
    expect(r(7)).toMatchObject({ targetDate: "2026-03-31", targetDateApproximate: true });
    expect(findingsOf(p, 7)).toContain("date-approximate");
    expect(r(8)).toMatchObject({ targetDate: "2026-03-31", targetDateApproximate: true });
    expect(r(9)).toMatchObject({ targetDate: "2025-12-31", targetDateApproximate: true });
    const q = p.findings.find((f) => f.sourceRow === 9 && f.rule === "date-ambiguous")!;
    expect(q.message).toMatch(/calendar/);
    expect(q.message).toMatch(/financial/);
    expect(r(12).values.targetDate).toBe("-");
    expect(r(12).targetDate).toBeNull();
    expect(findingsOf(p, 12)).toContain("date-invalid");
    expect(r(14).values.targetDate).toBe("31/02/2026");
    expect(findingsOf(p, 14)).toContain("date-invalid");
    expect(r(15).targetDate).toBe("2026-03-02");
    expect(r(16).targetDate).toBe("2026-04-10");
    expect(r(17)).toMatchObject({ targetDate: "2026-06-30", targetDateApproximate: true });
    expect(r(18).targetDate).toBeNull();
    expect(p.changes.find((c) => c.sourceRow === 7 && c.column === "Target date")).toMatchObject({
      asWritten: "Mar-26",
      asAdopted: "31/03/2026",
    });
  });

  test("xlsx date serials are kept as they are, with no change listed", () => {
    const serial = toExcelSerial({ y: 2026, m: 1, d: 15 });
    const p = analyseSheet({
      name: "S",
      row: 0,
      col: 0,
      values: [
        ["Ref", "Action", "Due"],
        ["X1", "Do", serial],
      ],
      text: [
        ["Ref", "Action", "Due"],
        ["X1", "Do", "15/01/2026"],
      ],
    });
    expect(p.rows[0].values.targetDate).toBe(serial);
    expect(p.rows[0].source.Due).toBe("15/01/2026");
    expect(p.changes).toEqual([]);
  });

  test("duplicate references and missing recommendation text are errors, and the rows are kept", () => {
    const p = analyseSheet(messy());
    expect(p.findings.filter((f) => f.rule === "duplicate-ref").map((f) => f.sourceRow)).toEqual([
      8, 9,
    ]);
    expect(p.findings.find((f) => f.rule === "duplicate-ref")!.severity).toBe("error");
    expect(p.findings.find((f) => f.rule === "missing-recommendation")).toMatchObject({
      sourceRow: 13,
      severity: "error",
    });
    expect(rowOf(p, 13)).toBeDefined();
  });

  test("an Excel error value from a failed formula is kept as written and flagged once", () => {
    const grid: SourceGrid = {
      name: "Recs",
      row: 0,
      col: 0,
      values: [
        ["Ref", "Recommendation", "Lead", "RAG", "Target date", "Update", "Directorate"],
        ["WX-1", "Review custody checks", "#N/A", "Green", "31/03/2026", "#REF!", "#VALUE!"],
        ["WX-2", "Audit cell checks", "DCI Vale", "#N/A", "#DIV/0!", "On track", "Ops"],
        [
          "WX-3",
          "Train staff",
          "DCI Vale",
          "Amber",
          "30/06/2026",
          "#N/A is the code we use",
          "Ops",
        ],
      ],
    };
    const p = analyseSheet(grid);
    const errors = p.findings.filter((f) => f.rule === "source-error");
    // Owner, Progress update and the extra Directorate column on row 2; nothing else.
    expect(errors.map((f) => [f.sourceRow, f.column])).toEqual([
      [2, "Owner"],
      [2, "Progress update"],
      [2, "Directorate"],
    ]);
    expect(errors.every((f) => f.severity === "warning")).toBe(true);
    expect(errors[0].message).toMatch(
      /Lead holds the Excel error #N\/A .*kept as written in Owner/
    );
    // Kept exactly as written.
    expect(rowOf(p, 2).values.owner).toBe("#N/A");
    expect(rowOf(p, 2).extras.Directorate).toBe("#VALUE!");
    // Status and date columns already say what is wrong there, once.
    expect(findingsOf(p, 3)).toEqual(expect.arrayContaining(["status-unknown", "date-invalid"]));
    expect(findingsOf(p, 3)).not.toContain("source-error");
    // Text that merely starts like an error is not one.
    expect(findingsOf(p, 4)).not.toContain("source-error");
  });

  test("literal text, line breaks and quotes are adopted exactly as written", () => {
    const p = analyseSheet(messy());
    expect(rowOf(p, 5).extras.Notes).toBe(LITERAL_CELLS[0]);
    expect(rowOf(p, 6).values.progress).toBe(LITERAL_CELLS[1]);
    expect(rowOf(p, 6).extras.Notes).toBe(LITERAL_CELLS[2]);
    expect(rowOf(p, 7).values.progress).toBe(LITERAL_CELLS[3]);
    expect(rowOf(p, 5).values.progress).toBe(LITERAL_CELLS[4]);
    expect(rowOf(p, 13).values.progress).toBe("Line one\r\nLine two");
  });

  test("nothing is lost: every non-empty cell is in the tracker or the report", () => {
    const p = analyseSheet(messy());
    const nonEmpty = MESSY_ROWS.flat().filter((t) => t.trim() !== "").length;
    expect(p.accounting.sourceCells).toBe(nonEmpty);
    expect(p.accounting.inTracker + p.accounting.inReport).toBe(nonEmpty);
    expect(p.accounting.lost).toEqual([]);
  });

  test("counts add up", () => {
    const p = analyseSheet(messy());
    expect(p.counts).toMatchObject({ sourceRows: 26, rows: 12, skipped: 13 });
    expect(p.counts.rows + p.counts.skipped + 1).toBe(p.counts.sourceRows);
    expect(p.counts.changed).toBe(new Set(p.changes.map((c) => c.sourceRow)).size);
    expect(p.counts.errors).toBe(p.findings.filter((f) => f.severity === "error").length);
  });

  test("a repeated header row and a duplicated header are handled", () => {
    const rows = [
      ["Ref", "Recommendation", "Directorate", "Directorate"],
      ["A1", "Do", "n1", "n2"],
      ["Ref", "Recommendation", "Directorate", "Directorate"],
      ["A2", "Do more", null, "n3"],
    ];
    const p = analyseSheet({ name: "S", row: 0, col: 0, values: rows });
    expect(p.skipped.map((s) => s.kind)).toEqual(["header-repeat"]);
    expect(p.extraColumns.map((e) => e.header)).toEqual(["Directorate", "Directorate (2)"]);
    expect(p.rows[1].extras).toEqual({ Directorate: null, "Directorate (2)": "n3" });
  });

  test("an unmapped column named like a tracker column is kept under a distinct header", () => {
    const rows = [
      ["Ref", "RAG", "Status", "Recommendation"],
      ["A1", "G", "On track really", "Do"],
    ];
    const p = analyseSheet(
      { name: "S", row: 0, col: 0, values: rows },
      { mapping: { RAG: "Status", Status: null } }
    );
    expect(p.extraColumns.map((e) => e.header)).toEqual(["Status (original)"]);
    expect(p.rows[0].extras["Status (original)"]).toBe("On track really");
    expect(p.rows[0].values.status).toBe("Green");
  });
});

describe("JSON", () => {
  test("has the documented shape", () => {
    const j = adoptionJson(analyseSheet(messy()));
    expect(j.headerRow).toBe(3);
    expect(j.mapping).toMatchObject({ RAG: "Status", Lead: "Owner", Notes: null });
    const r = j.rows.find((x) => x.sourceRow === 7)!;
    expect(r).toEqual({
      sourceRow: 7,
      ref: "P3",
      inspection: "PEEL 2023/25: Wessex Police",
      status: "Amber",
      statusAsWritten: "Amber ",
      targetDate: "2026-03-31",
      targetDateApproximate: true,
      values: Object.fromEntries(MESSY_ROWS[2].map((h, k) => [h, MESSY_ROWS[6][k]])),
    });
    expect(j.skipped[0]).toMatchObject({ sourceRow: 1, reason: expect.any(String) });
    expect(j.findings[0]).toEqual({
      sourceRow: expect.any(Number),
      rule: expect.any(String),
      severity: expect.stringMatching(/^(error|warning)$/),
      message: expect.any(String),
      column: expect.anything(),
    });
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});

describe("numbers without their shown text (a large sheet read without text)", () => {
  test("a date-formatted serial is shown as dd/mm/yyyy; other numbers as written", async () => {
    const { isDateFormat } = await import("../../src/domain/dates");
    expect(["dd/mm/yyyy", "d-mmm-yy", "[$-en-GB]dd mmmm yyyy", "mmm-yy"].every(isDateFormat)).toBe(
      true
    );
    expect(["General", "0.00", "@", "hh:mm", '"Day" 0'].some(isDateFormat)).toBe(false);
    const serial = toExcelSerial({ y: 2026, m: 3, d: 31 });
    const p = analyseSheet({
      name: "S",
      row: 0,
      col: 0,
      values: [
        ["Ref", "Action", "Board date", "Cost"],
        ["A1", "Do", serial, 12.5],
      ],
      numberFormats: [
        ["General", "General", "General", "General"],
        ["General", "General", "d-mmm-yy", "0.00"],
      ],
    });
    expect(p.rows[0].source).toEqual({
      Ref: "A1",
      Action: "Do",
      "Board date": "31/03/2026",
      Cost: "12.5",
    });
    expect(p.rows[0].extras["Board date"]).toBe(serial);
  });
});

describe("merged rows", () => {
  test("a section merged across the columns (the same text in every cell) is one section row", () => {
    const s = "PEEL 2025: Wessex Police";
    const p = analyseSheet({
      name: "S",
      row: 0,
      col: 0,
      values: [
        ["Ref", "Action", "Status"],
        [s, s, s],
        ["A1", "Do", "G"],
        ["TBC", "TBC", "TBC"],
      ],
    });
    expect(p.skipped.map((x) => [x.sourceRow, x.kind])).toEqual([[2, "section"]]);
    expect(p.rows.map((r) => r.values.inspection)).toEqual([s, s]);
    expect(p.rows[1].values.ref).toBe("TBC");
    expect(p.accounting.lost).toEqual([]);
  });
});
