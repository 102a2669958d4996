/**
 * Assurance areas and the area suggested for each item: the areas' descriptions, the scoring
 * (words of an area's name count double, words shared by several areas count less), the
 * threshold, ties, and what parse --json and build say. A fictional force (Wessex Police).
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import {
  THEME_THRESHOLD,
  extractAreas,
  parseRecord,
  recordJson,
  suggestThemes,
} from "../../src/domain/record";
import { contentWords, stem } from "../../src/domain/record/themes";
import { draftFromRecord } from "../../src/workbook/import";
import { suggestionLines } from "../../src/cli/commands/build";

const RESPONSE = [
  "The Commissioner welcomes the report and will seek assurance on:",
  "",
  "1. Call handling and first contact:",
  "",
  "The Commissioner expects to see:",
  "- weekly figures for emergency call answering",
  "- repeat and vulnerable callers identified at first contact",
  "",
  "2. Digital forensics",
  "",
  "The backlog of phones and laptops awaiting examination must fall.",
  "",
  "3. Victim care:",
  "",
  "Assurance is sought that:",
  "- the Victims' Code is followed from the first report",
  "- victims are kept informed of their case",
  "",
  "The Commissioner will publish progress every quarter and expects the chief constable to",
  "report on staffing and training at the next board.",
].join("\n");

const RECORD = [
  "Force\tWessex Police",
  "Police, Fire and Crime Commissioner\tAlex Marlow",
  "Title of inspection\tPEEL 2025: An inspection of Wessex Police",
  "Published Date\t14 March 2025",
  "Recommendations\t1. The force should answer emergency calls within ten seconds. " +
    "2. The force should reduce the backlog of phones awaiting examination. " +
    "3. The force should make sure victims are kept informed of their case. " +
    "4. The force should review its estates strategy.",
  "",
  "Police, Fire and Crime Commissioner's initial response",
  "",
  RESPONSE,
  "",
  "Chief Constable's response",
  "Accepted.",
].join("\n");

describe("assurance areas", () => {
  test("each numbered heading with the text below it; the last ends with its bullets", () => {
    const areas = extractAreas([RESPONSE]);
    expect(areas.map((a) => a.name)).toEqual([
      "Call handling and first contact",
      "Digital forensics",
      "Victim care",
    ]);
    expect(areas[0].description).toBe(
      "The Commissioner expects to see: weekly figures for emergency call answering repeat and vulnerable callers identified at first contact"
    );
    expect(areas[1].description).toBe(
      "The backlog of phones and laptops awaiting examination must fall."
    );
    // The closing words after the last area's bullets are not the area's.
    expect(areas[2].description).toBe(
      "Assurance is sought that: the Victims' Code is followed from the first report victims are kept informed of their case"
    );
  });

  test("the last area without bullets keeps its first paragraph only", () => {
    const areas = extractAreas([
      "1. Estates:\n\nThe estate is old.\n\n2. Fleet:\n\nVans are replaced on time.\n\nThe Commissioner thanks staff.",
    ]);
    expect(areas.map((a) => a.description)).toEqual([
      "The estate is old.",
      "Vans are replaced on time.",
    ]);
  });

  test("the parsed record carries them, and themes are their names", () => {
    const r = parseRecord(RECORD);
    expect(r.areas).toHaveLength(3);
    expect(r.themes).toEqual(r.areas.map((a) => a.name));
  });
});

describe("words and stems", () => {
  test("plurals and endings meet; stop words and short words are dropped", () => {
    expect(stem("risks")).toBe(stem("risk"));
    expect(stem("managed")).toBe(stem("management"));
    expect(stem("supervision")).toBe(stem("supervisors"));
    expect(stem("consistency")).toBe(stem("consistent"));
    expect(stem("prioritisation")).toBe(stem("prioritising"));
    expect(stem("investigation")).not.toBe(stem("investment"));
    expect(contentWords("The force should improve its call handling, and the PCC's plan")).toEqual([
      "call",
      "handling",
      "pcc",
      "plan",
    ]);
  });
});

describe("suggesting an area for each item", () => {
  const r = parseRecord(RECORD);
  const s = suggestThemes(
    r.items.map((i) => i.text),
    r.areas
  );

  test("a clear match is suggested, with the words that matched and where", () => {
    expect(s[0].theme).toBe("Call handling and first contact");
    expect(s[0].matched).toEqual([
      { word: "calls", in: "name", weight: 2 },
      { word: "answer", in: "description", weight: 1 },
      { word: "emergency", in: "description", weight: 1 },
    ]);
    expect(s[0].score).toBeGreaterThanOrEqual(THEME_THRESHOLD);
    expect(s[0].reason).toBeNull();
    expect(s[1].theme).toBe("Digital forensics");
    expect(s[1].matched.map((m) => m.word).sort()).toEqual([
      "awaiting",
      "backlog",
      "examination",
      "phones",
    ]);
    expect(s[2].theme).toBe("Victim care");
  });

  test("no guess when nothing matches, with the reason", () => {
    expect(s[3]).toEqual({
      theme: null,
      score: 0,
      best: null,
      matched: [],
      reason: "No word of the item is in an area's name or description.",
    });
  });

  test("no guess below the threshold: one word of a description is not enough", () => {
    const [one] = suggestThemes(["Publish the figures."], r.areas);
    expect(one.theme).toBeNull();
    expect(one.best).toBe("Call handling and first contact");
    expect(one.score).toBe(1);
    expect(one.reason).toBe(
      "The best match, 'Call handling and first contact', scores 1.0, below 1.5."
    );
  });

  test("a word several areas use counts less than one only one area uses", () => {
    const areas = [
      { name: "Risk and safeguarding", description: "Children at risk are safeguarded." },
      { name: "Data quality", description: "Risk registers are accurate." },
    ];
    const [risk] = suggestThemes(["Manage the risk."], areas);
    // "risk": in the first area's name (2) and the second's description (1), each divided by 2.
    expect(risk.matched).toEqual([{ word: "risk", in: "name", weight: 1 }]);
    expect(risk.theme).toBeNull();
    const [children] = suggestThemes(["Safeguard children at risk."], areas);
    expect(children.theme).toBe("Risk and safeguarding");
    expect(children.score).toBe(4);
  });

  test("two areas scoring the same: no guess, and both are named", () => {
    const areas = [
      { name: "Training", description: "" },
      { name: "Vetting", description: "" },
    ];
    const [tie] = suggestThemes(["Training and vetting for new officers."], areas);
    expect(tie.theme).toBeNull();
    expect(tie.reason).toBe("'Training' and 'Vetting' score the same (2.0).");
  });

  test("a record without areas suggests nothing", () => {
    const [none] = suggestThemes(["Answer emergency calls."], []);
    expect(none.theme).toBeNull();
    expect(none.reason).toBe("The record names no assurance areas.");
  });
});

describe("where the suggestion goes", () => {
  test("parse --json gives each item theme, themeScore and themeWords", () => {
    const json = recordJson(parseRecord(RECORD));
    expect(json.items.map((i) => i.theme)).toEqual([
      "Call handling and first contact",
      "Digital forensics",
      "Victim care",
      null,
    ]);
    expect(json.items.every((i) => typeof i.themeScore === "number")).toBe(true);
    expect(json.items[3].themeScore).toBe(0);
    expect(json.items[1].themeWords.sort()).toEqual([
      "awaiting",
      "backlog",
      "examination",
      "phones",
    ]);
  });

  test("an imported record's items carry the suggested theme", () => {
    const draft = draftFromRecord(parseRecord(RECORD));
    expect(draft.items.map((i) => i.theme)).toEqual([
      "Call handling and first contact",
      "Digital forensics",
      "Victim care",
      null,
    ]);
  });

  test("build lists every item's suggested area, or why there is none", () => {
    const lines = suggestionLines("PEEL25", parseRecord(RECORD));
    expect(lines[0]).toBe(
      "  assurance areas suggested for 3 of 4 items (the Theme column; change any that are wrong):"
    );
    expect(lines[2]).toBe(
      "    PEEL25-R2: Digital forensics (score 4.0: backlog, phones, awaiting, examination)"
    );
    expect(lines[4]).toBe(
      "    PEEL25-R4: none. No word of the item is in an area's name or description."
    );
  });
});

const REFERENCE = join(
  __dirname,
  "..",
  "..",
  "..",
  "shared",
  "reference",
  "staffordshire-ocsae-mosovo-response.txt"
);
const describeIfReference = existsSync(REFERENCE) ? describe : describe.skip;

describeIfReference("the published reference record", () => {
  test("14 of its 16 items get an area, each one of the record's own, with its words", () => {
    const r = parseRecord(readFileSync(REFERENCE, "utf8"));
    const s = suggestThemes(
      r.items.map((i) => i.text),
      r.areas
    );
    expect(r.areas).toHaveLength(7);
    expect(r.areas.every((a) => a.description.length > 100)).toBe(true);
    const suggested = s.filter((x) => x.theme !== null);
    expect(suggested.length).toBe(14);
    for (const x of suggested) {
      expect(r.themes).toContain(x.theme);
      expect(x.matched.length).toBeGreaterThan(0);
    }
    // The two without a guess: one below the threshold, one a tie.
    expect(s.map((x, k) => (x.theme ? null : r.items[k].number)).filter(Boolean)).toEqual([9, 12]);
  });
});
