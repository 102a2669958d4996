import { DEFAULT_STATUSES, isClosedStatus, normaliseStatus } from "../../src/domain/status";

describe("normaliseStatus", () => {
  it.each([
    ["Red", "exact", "Red"],
    ["Amber", "exact", "Amber"],
    ["Complete", "exact", "Complete"],
    ["R", "normalised", "Red"],
    ["r", "normalised", "Red"],
    ["red", "normalised", "Red"],
    ["  RED ", "normalised", "Red"],
    ["amber", "normalised", "Amber"],
    ["Amber ", "normalised", "Amber"],
    ["A", "normalised", "Amber"],
    ["Yellow", "normalised", "Amber"],
    ["G", "normalised", "Green"],
    ["green", "normalised", "Green"],
    ["grn", "normalised", "Green"],
    ["B", "normalised", "Complete"],
    ["Blue", "normalised", "Complete"],
    ["Completed ", "normalised", "Complete"],
    ["closed", "normalised", "Complete"],
    ["Done", "normalised", "Complete"],
    ["No further action", "normalised", "Superseded"],
    ["no  further   action", "normalised", "Superseded"],
    ["superseded", "normalised", "Superseded"],
  ])("%j → %s %s", (input, verdict, status) => {
    const r = normaliseStatus(input);
    expect(r.verdict).toBe(verdict);
    expect(r.status).toBe(status);
    expect(r.asWritten).toBe(input);
  });

  it.each([
    ["", "blank"],
    ["   ", "blank"],
    [null, "blank"],
    ["TBC", "unknown"],
    ["tbc", "unknown"],
    ["A/G", "ambiguous"],
    ["Red/Amber", "ambiguous"],
    ["amber - green", "ambiguous"],
    ["Purple", "unknown"],
    ["Redish", "unknown"],
  ])("%j is not a status (%s) and is never guessed", (input, verdict) => {
    const r = normaliseStatus(input);
    expect(r.verdict).toBe(verdict);
    expect(r.status).toBeNull();
    expect(r.note).toBeTruthy();
  });

  it("names both candidates for an ambiguous value", () => {
    expect(normaliseStatus("A/G").note).toMatch(/Amber or Green/);
  });

  it("maps a synonym only when the vocabulary has its target", () => {
    const noSuperseded = DEFAULT_STATUSES.filter((s) => s.name !== "Superseded");
    const r = normaliseStatus("Superseded", noSuperseded);
    expect(r.status).toBeNull();
    expect(r.verdict).toBe("unknown");
    expect(r.note).toMatch(/not in this workbook's status list/);
    expect(normaliseStatus("No further action", noSuperseded).status).toBeNull();
  });

  it("accepts a workbook's own extra status, case-folded", () => {
    const vocab = [...DEFAULT_STATUSES, { name: "Not started", meaning: "", colour: "#FFFFFF", fontColour: "#000000", closed: false }];
    expect(normaliseStatus("Not started", vocab)).toMatchObject({ verdict: "exact", status: "Not started" });
    expect(normaliseStatus("not STARTED", vocab)).toMatchObject({ verdict: "normalised", status: "Not started" });
  });

  it("knows which statuses close an item", () => {
    expect(isClosedStatus("Complete")).toBe(true);
    expect(isClosedStatus("Superseded")).toBe(true);
    expect(isClosedStatus("Red")).toBe(false);
    expect(isClosedStatus(null)).toBe(false);
  });
});
