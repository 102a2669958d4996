import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { parseRecord, recordJson } from "../../src/domain/record";
import { addressedTo } from "../../src/domain/record/addressees";
import { htmlToText } from "../../src/domain/record/html";
import { extractItems, splitInlineNumbers } from "../../src/domain/record/items";

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

const record = (lines: string[]) => lines.join("\n");
const texts = (r: ReturnType<typeof parseRecord>) => r.items.map((i) => i.text);
const codes = (r: ReturnType<typeof parseRecord>) => r.warnings.map((w) => w.code);

describeIfReference("the published reference record", () => {
  const source = readFileSync(REFERENCE, "utf8");
  const parsed = parseRecord(source);
  const lines = source.split(/\r?\n/);
  const field = (label: string) => {
    const line = lines.find((l) => l.startsWith(label + "\t"));
    return line === undefined ? undefined : line.slice(label.length + 1);
  };

  test("16 recommendations whose texts are exactly the numbered items of the Recommendations field", () => {
    // Derived independently of the parser: drop tags, split before each "N. ", drop the marker.
    const value = (field("Recommendations") ?? "").replace(/<[^>]+>/g, " ");
    const expected = value
      .split(/\s(?=\d{1,2}\. )/)
      .map((s) => s.trim())
      .filter((s) => /^\d{1,2}\. /.test(s))
      .map((s) =>
        s
          .replace(/^\d{1,2}\. /, "")
          .replace(/\s+/g, " ")
          .trim()
      );
    expect(expected).toHaveLength(16);
    expect(parsed.items).toHaveLength(16);
    expect(texts(parsed)).toEqual(expected);
    expect(parsed.items.map((i) => i.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(parsed.items.every((i) => i.kind === "recommendation")).toBe(true);
  });

  test("7 themes: the commissioner's numbered assurance areas, in order", () => {
    const start = lines.findIndex((l) => /initial response/i.test(l));
    const end = lines.findIndex((l, i) => i > start && /^Chief Constable's response/.test(l));
    const expected = lines
      .slice(start, end)
      .filter((l) => /^\d\. .{3,80}$/.test(l.trim()) && !/\.$/.test(l.trim()))
      .map((l) =>
        l
          .trim()
          .replace(/^\d\. /, "")
          .replace(/:$/, "")
      );
    expect(expected).toHaveLength(7);
    expect(parsed.themes).toEqual(expected);
  });

  test("fields as written; an empty Published Date and Grade are null, with a warning about the date only", () => {
    expect(parsed.inspection.force).toBe(field("Force"));
    expect(parsed.inspection.pcc).toBe(field("Police and Crime Commissioner"));
    expect(parsed.inspection.chiefConstable).toBe(field("Chief Constable"));
    expect(parsed.inspection.title).toBe(field("Title of inspection"));
    // The inspectorate's name, without the strapline the record's field carries after it.
    const inspectorate = (field("Inspectorate") ?? "").replace(/<[^>]+>/g, "").trim();
    expect(inspectorate.startsWith("HMICFRS ")).toBe(true);
    expect(parsed.inspection.inspectorate).toBe("HMICFRS");
    // The field is labelled 'Police and Crime Commissioner', but the record heads the response
    // as the Police, Fire and Crime Commissioner's: the office covers fire too.
    expect(parsed.inspection.commissioner).toBe("Police, Fire and Crime Commissioner");
    expect(parsed.inspection.published).toBeNull();
    expect(parsed.inspection.grade).toBeNull();
    expect(parsed.inspection.summary?.split("\n\n")).toHaveLength(3);
    expect(codes(parsed)).toEqual(["no-date"]);
    expect(parsed.responses.commissionerInitial).toMatch(/welcomes the report/);
    expect(parsed.responses.chiefConstable).not.toBeNull();
    expect(parsed.responses.commissionerOverall).not.toBeNull();
  });

  test("JSON has the shape parse --json prints", () => {
    const json = recordJson(parsed);
    expect(Object.keys(json.inspection).sort()).toEqual(
      [
        "chiefConstable",
        "commissioner",
        "force",
        "grade",
        "inspectorate",
        "pcc",
        "published",
        "summary",
        "title",
      ].sort()
    );
    for (const item of json.items) {
      expect(item).toEqual(
        expect.objectContaining({
          kind: "recommendation",
          number: expect.any(Number),
          text: expect.any(String),
          addressedTo: expect.any(String),
        })
      );
    }
    expect(json.themes).toHaveLength(7);
    expect(json.warnings.every((w) => typeof w === "string")).toBe(true);
  });
});

describe("fields", () => {
  test("Label<TAB>value, Label: value and a label line with the value below read the same", () => {
    const tab = parseRecord(
      record([
        "Force\tWessex Police",
        "Title of inspection\tPEEL 2025",
        "Published Date\t12/03/2025",
        "Recommendations\t1. Do a thing.",
      ])
    );
    const colon = parseRecord(
      record([
        "Force: Wessex Police",
        "Title of inspection: PEEL 2025",
        "Published Date: 12/03/2025",
        "Recommendations: 1. Do a thing.",
      ])
    );
    const below = parseRecord(
      record([
        "Force",
        "Wessex Police",
        "",
        "Title of inspection",
        "PEEL 2025",
        "",
        "Published Date",
        "12/03/2025",
        "",
        "Recommendations",
        "1. Do a thing.",
      ])
    );
    for (const r of [tab, colon, below]) {
      expect(r.inspection).toEqual(
        expect.objectContaining({
          force: "Wessex Police",
          title: "PEEL 2025",
          published: "2025-03-12",
        })
      );
      expect(texts(r)).toEqual(["Do a thing."]);
    }
  });

  test("label variants: Police, Fire and Crime Commissioner; Date published; Acting chief constable", () => {
    const r = parseRecord(
      record([
        "Police, Fire and Crime Commissioner: Sam Okafor",
        "Date published: 2nd March 2017",
        "Chief Constable\tT/CC Jo Reyes",
        "Recommendations",
        "1. A.",
        "Police, Fire and Crime Commissioner's initial response",
        "We welcome it.",
      ])
    );
    expect(r.inspection.pcc).toBe("Sam Okafor");
    expect(r.inspection.published).toBe("2017-03-02");
    expect(r.inspection.chiefConstable).toBe("T/CC Jo Reyes");
    expect(r.responses.commissionerInitial).toBe("We welcome it.");
  });

  test.each([
    ["12/03/2025", "2025-03-12"],
    ["12 March 2025", "2025-03-12"],
    ["2nd March 2017", "2017-03-02"],
    ["10 Apr 2019", "2019-04-10"],
    ["Published on Tuesday 10 Apr 2019 (updated later)", "2019-04-10"],
  ])("UK date %s", (text, iso) => {
    const r = parseRecord(
      record(["Title of inspection: X", `Published Date\t${text}`, "Recommendations: 1. A."])
    );
    expect(r.inspection.published).toBe(iso);
    expect(codes(r)).not.toContain("bad-date");
  });

  test("an unparseable date is null with a warning; the grade is kept as written", () => {
    const r = parseRecord(
      record(["Published Date: sometime in spring", "Grade: Not graded", "Recommendations: 1. A."])
    );
    expect(r.inspection.published).toBeNull();
    expect(r.inspection.publishedAsWritten).toBe("sometime in spring");
    expect(r.warnings.find((w) => w.code === "bad-date")?.message).toMatch(/sometime in spring/);
    expect(r.inspection.grade).toBe("Not graded");
  });

  test("a month without a day is read as its last day, with a warning", () => {
    const r = parseRecord(record(["Published Date: March 2025", "Recommendations: 1. A."]));
    expect(r.inspection.published).toBe("2025-03-31");
    expect(r.warnings.find((w) => w.code === "bad-date")?.message).toMatch(
      /'March 2025' is not a day; it was read as 31\/03\/2025/
    );
  });

  test("a missing field is null, not an error", () => {
    const r = parseRecord(record(["Force: Wessex Police", "Recommendations: 1. A."]));
    expect(r.inspection).toEqual(
      expect.objectContaining({
        pcc: null,
        chiefConstable: null,
        title: null,
        grade: null,
        summary: null,
        inspectorate: null,
      })
    );
  });

  test("a bare label line repeated inside a response is text, not the field again", () => {
    const r = parseRecord(
      record([
        "Summary of inspection\tThe real summary.",
        "Published Date\t12/03/2025",
        "Recommendations\t1. A.",
        "Chief Constable's response",
        "We accept it.",
        "Summary",
        "In summary, we will act.",
        "Date",
        "Next month.",
      ])
    );
    expect(r.inspection.summary).toBe("The real summary.");
    expect(r.inspection.published).toBe("2025-03-12");
    expect(r.responses.chiefConstable).toBe(
      "We accept it. Summary In summary, we will act. Date Next month."
    );
  });

  test("grades over several table rows are kept, joined", () => {
    const r = parseRecord(
      record([
        "Grade\tResponding to the public: Good",
        "\tInvestigating crime: Adequate",
        "Recommendations\t1. A.",
      ])
    );
    expect(r.inspection.grade).toBe(
      "Responding to the public: Good; Investigating crime: Adequate"
    );
  });
});

describe("items", () => {
  const items = (text: string) => extractItems(text).items;

  test("1. … 2. … on one line, in order, markers removed", () => {
    expect(items("1. First thing. 2. Second, with 3.5 million pounds. 3. Third")).toEqual([
      { kind: "recommendation", number: 1, text: "First thing.", numbered: true },
      {
        kind: "recommendation",
        number: 2,
        text: "Second, with 3.5 million pounds.",
        numbered: true,
      },
      { kind: "recommendation", number: 3, text: "Third", numbered: true },
    ]);
    expect(splitInlineNumbers("Meet section 2. of the code")).toEqual([
      "Meet section 2. of the code",
    ]);
  });

  test("inline <ol> HTML and <li> items", () => {
    const r = parseRecord(
      'Recommendations\t<ol><li>Alpha &amp; beta.</li><li><p>Gamma</p></li><li style="color:red">Delta&nbsp;&rsquo;s</li></ol>'
    );
    expect(texts(r)).toEqual(["Alpha & beta.", "Gamma", "Delta ’s"]);
    expect(r.items.map((i) => i.number)).toEqual([1, 2, 3]);
    const own = htmlToText('<ol style="list-style-type:none"><li>1. One</li><li>2. Two</li></ol>');
    expect(own).toBe("1. One\n2. Two");
  });

  test("Recommendation 3: and Recommendation 3 – lines; AFIs numbered separately", () => {
    const r = extractItems(
      [
        "Recommendation 1: One.",
        "Recommendation 2 – Two.",
        "AFI 1: Three.",
        "Area for improvement 2: Four.",
        "Recommendation 3 - Five.",
      ].join("\n")
    );
    expect(r.items.map((i) => [i.kind, i.number, i.text])).toEqual([
      ["recommendation", 1, "One."],
      ["recommendation", 2, "Two."],
      ["area-for-improvement", 1, "Three."],
      ["area-for-improvement", 2, "Four."],
      ["recommendation", 3, "Five."],
    ]);
    expect(r.warnings).toEqual([]);
  });

  test("bullets numbered by position, hard-wrapped lines joined, blank lines between items", () => {
    const r = extractItems(
      [
        "• The force should do one thing and",
        "  carry on here.",
        "",
        "• Another thing.",
        "",
        "- A third thing.",
      ].join("\n")
    );
    expect(r.items.map((i) => [i.number, i.text])).toEqual([
      [1, "The force should do one thing and carry on here."],
      [2, "Another thing."],
      [3, "A third thing."],
    ]);
  });

  test("marker lines with the text below, and Word's symbol-font bullets", () => {
    const r = extractItems(
      [
        "Recommendation 1",
        "By March 2026, the force should act.",
        "",
        "Area for improvement 1",
        "The force should look.",
        "\uf0b7 A symbol bullet.",
        "\uf0b7 Another.",
      ].join("\n")
    );
    expect(r.items.map((i) => [i.kind, i.number, i.text])).toEqual([
      ["recommendation", 1, "By March 2026, the force should act."],
      ["area-for-improvement", 1, "The force should look."],
      ["area-for-improvement", 2, "A symbol bullet."],
      ["area-for-improvement", 3, "Another."],
    ]);
  });

  test("one item per line when there are no markers; a wrapped line that carries on a sentence stays", () => {
    const r = extractItems(
      [
        "The recommendations are:",
        "Improve call handling.",
        "Review staffing levels and the",
        "rota for weekends.",
        "Publish data.",
      ].join("\n")
    );
    expect(r.items.map((i) => i.text)).toEqual([
      "Improve call handling.",
      "Review staffing levels and the rota for weekends.",
      "Publish data.",
    ]);
  });

  test("a Cause of concern lead-in is context, not an item", () => {
    const r = extractItems(
      [
        "Cause of concern: The force does not answer calls quickly enough.",
        "It must improve.",
        "Recommendation 1: Answer calls.",
        "Recommendation 2: Staff the control room.",
      ].join("\n")
    );
    expect(r.items.map((i) => i.text)).toEqual(["Answer calls.", "Staff the control room."]);
  });

  test("an Areas for improvement heading makes the numbered items after it AFIs", () => {
    const r = parseRecord(
      record([
        "Recommendations",
        "1. Rec one.",
        "Areas for improvement",
        "1. Afi one.",
        "2. Afi two.",
      ])
    );
    expect(r.items.map((i) => [i.kind, i.number])).toEqual([
      ["recommendation", 1],
      ["area-for-improvement", 1],
      ["area-for-improvement", 2],
    ]);
  });

  test("whitespace normalised, nothing else changed (case, punctuation, formula-like text)", () => {
    const r = extractItems("1.   =SUM(A1)   keeps   its  text;  \t and CASE!");
    expect(r.items[0].text).toBe("=SUM(A1) keeps its text; and CASE!");
  });
});

describe("warnings, never exceptions", () => {
  test("no recommendations found", () => {
    const r = parseRecord(
      record([
        "Force: Wessex Police",
        "Title of inspection: X",
        "Recommendations:",
        "",
        "Chief Constable's response",
        "Fine.",
      ])
    );
    expect(r.items).toEqual([]);
    expect(codes(r)).toContain("no-items");
  });

  test("numbering gaps and repeats", () => {
    const r = extractItems(["1. A.", "2. B.", "4. D.", "4. D again.", "AFI 2: x."].join("\n"));
    const messages = r.warnings.map((w) => w.message);
    expect(messages).toContain("Recommendation 3 is missing: the numbering goes from 2 to 4");
    expect(messages).toContain("Recommendation 4 appears more than once");
    expect(messages).toContain(
      "Area for improvements start at 2: Area for improvement 1 is missing"
    );
    expect(r.warnings.find((w) => w.code === "numbering-repeat")?.item).toBe(3);
  });

  test("an unusually long item (two run together?) is flagged on that item", () => {
    const long = "The force should " + "improve this and that ".repeat(40);
    const r = extractItems(`1. Short.\n2. ${long}`);
    const w = r.warnings.find((x) => x.code === "long-item");
    expect(w?.item).toBe(1);
    expect(w?.message).toMatch(/Recommendation 2 is unusually long/);
  });

  test("text that is not a record", () => {
    const r = parseRecord("The quick brown fox jumps over the lazy dog.\nNothing here.");
    expect(r.items).toEqual([]);
    expect(codes(r)).toEqual(["not-a-record"]);
  });

  test("a bare list of recommendations is read, with a warning to fill in the details", () => {
    const r = parseRecord("1. Improve X.\n2. Improve Y.");
    expect(texts(r)).toEqual(["Improve X.", "Improve Y."]);
    expect(codes(r)).toContain("not-a-record");
  });

  test("a script is dropped and never part of an item", () => {
    const r = parseRecord(
      "<html><body><p>Recommendations</p><ol><li>Fix it.<script>alert(1)</script></li></ol></body></html>"
    );
    expect(texts(r)).toEqual(["Fix it."]);
    expect(codes(r)).toContain("script");
  });

  test("empty, binary and zip input", () => {
    expect(codes(parseRecord(""))).toEqual(["empty"]);
    expect(codes(parseRecord("\u0000\u0001\u0002binary\u0003\u0004"))).toEqual(["binary"]);
    expect(codes(parseRecord("PK\u0003\u0004rest of a docx"))).toEqual(["binary"]);
    expect(codes(parseRecord(undefined))).toEqual(["empty"]);
  });
});

describe("addressed to", () => {
  test.each([
    ["Chief constables should review their training.", "Force"],
    ["By March 2025, the force should improve call handling.", "Force"],
    ["The NPCC lead for custody should publish data.", "NPCC"],
    ["The National Police Chiefs’ Council should agree a standard.", "NPCC"],
    ["The College of Policing should update APP.", "College of Policing"],
    ["The Home Office should fund the programme.", "Home Office"],
    [
      "The NPCC and the College of Policing should develop guidance with forces.",
      "NPCC and College of Policing",
    ],
    ["Develop national guidance and training.", "unknown"],
    ["Review processes where appropriate.", "unknown"],
  ])("%s → %s", (text, who) => {
    expect(addressedTo(text)).toBe(who);
  });

  test("the force's own name counts as the force", () => {
    expect(addressedTo("Wessex Police should publish its plan.", "Wessex Police")).toBe("Force");
  });
});

describe("HTML documents", () => {
  test("a Word-style paste: label table, paragraphs, entities, styles, comments", () => {
    const html = `<html><head><style>p{color:red}</style></head><body>
      <!--[if gte mso 9]><xml>junk</xml><![endif]-->
      <table><tr><td><p><b>Force</b></p></td><td><p>Wessex&nbsp;Police</p></td></tr>
      <tr><td><b>Title of inspection</b></td><td>Custody &amp; welfare</td></tr>
      <tr><td>Recommendations</td><td><p class=MsoListParagraph style='text-indent:-18pt'>1.<span style='font:7pt'>&nbsp;&nbsp;&nbsp;</span>First.</p>
      <p class=MsoListParagraph>2.<span>&nbsp;&nbsp;</span>Second<br>continued.</p></td></tr></table></body></html>`;
    const r = parseRecord(html);
    expect(r.format).toBe("html");
    expect(r.inspection.force).toBe("Wessex Police");
    expect(r.inspection.title).toBe("Custody & welfare");
    expect(texts(r)).toEqual(["First.", "Second continued."]);
  });
});
