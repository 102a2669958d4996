/**
 * Round trips: generated items written in each format the wild uses (one line "1. … 2. …",
 * "Recommendation N:" lines, <ol><li> HTML with entities, hard-wrapped bullets, numbered
 * paragraphs with blank lines, a Word table) parse back to exactly the same texts, numbers and
 * kinds.
 */
import fc from "fast-check";
import { parseRecord } from "../../src/domain/record";

const WORDS = [
  "the",
  "force",
  "should",
  "improve",
  "how",
  "it",
  "records",
  "crime",
  "victims",
  "and",
  "partners",
  "data",
  "within",
  "six",
  "months",
  "O’Brien",
  "safeguarding",
  "R&D",
  "(MAPPA)",
  "risk-based",
  "quality,",
  "“gold”",
  "<urgent>",
  "café",
];
const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 40 })
  .map((w) => w.join(" ") + ".");
const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/’/g, "&rsquo;");
const header = "Force\tWessex Police\nTitle of inspection\tGenerated\n";

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const w of text.split(" ")) {
    if (line && (line + " " + w).length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

const FORMATS: Record<string, (items: string[], width: number) => string> = {
  inline: (items) => header + "Recommendations\t" + items.map((t, i) => `${i + 1}. ${t}`).join(" "),
  labelled: (items) =>
    header +
    "Recommendations:\n" +
    items.map((t, i) => `Recommendation ${i + 1} – ${t}`).join("\n"),
  html: (items) =>
    `<html><body><p><b>Title of inspection</b>: Generated</p><h2>Recommendations</h2><ol>${items.map((t) => `<li style="margin:0"><span>${esc(t)}</span></li>`).join("\n")}</ol></body></html>`,
  bullets: (items, width) =>
    header +
    "Recommendations\n" +
    items
      .map((t) =>
        wrap(t, width)
          .map((l, j) => (j === 0 ? `• ${l}` : `  ${l}`))
          .join("\n")
      )
      .join("\n\n"),
  paragraphs: (items, width) =>
    header +
    "Recommendations\n\n" +
    items
      .map((t, i) => [`${i + 1}.`, ...wrap(t, width)].join("\n").replace(/^(\d+\.)\n/, "$1 "))
      .join("\n\n"),
  wordTable: (items) =>
    `<table><tr><td><p>Force</p></td><td><p>Wessex Police</p></td></tr><tr><td><p>Recommendations</p></td><td>${items.map((t, i) => `<p class=MsoListParagraph>${i + 1}.<span style='font:7pt'>&nbsp;&nbsp;</span>${esc(t)}</p>`).join("")}</td></tr></table>`,
};

let cases = 0;
afterAll(() => process.stdout.write(`record round trips: ${cases} cases\n`));

test.each(Object.keys(FORMATS))("%s: items parse back exactly", (format) => {
  fc.assert(
    fc.property(
      fc.array(sentence, { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 20, max: 90 }),
      (items, width) => {
        cases++;
        const r = parseRecord(FORMATS[format](items, width));
        expect(r.items.map((i) => i.text)).toEqual(items);
        expect(r.items.map((i) => i.number)).toEqual(items.map((_, i) => i + 1));
        expect(r.items.every((i) => i.kind === "recommendation")).toBe(true);
        expect(r.warnings.filter((w) => w.code !== "no-date" && w.code !== "long-item")).toEqual(
          []
        );
      }
    ),
    { numRuns: 300 }
  );
});

test("AFIs and recommendations mixed: numbered separately, in document order", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.boolean(), sentence), { minLength: 1, maxLength: 20 }),
      (entries) => {
        cases++;
        const counts = { r: 0, a: 0 };
        const lines = entries.map(([afi, t]) =>
          afi ? `AFI ${++counts.a}: ${t}` : `Recommendation ${++counts.r}: ${t}`
        );
        const r = parseRecord(header + "Recommendations\n" + lines.join("\n"));
        expect(r.items.map((i) => [i.kind, i.text])).toEqual(
          entries.map(([afi, t]) => [afi ? "area-for-improvement" : "recommendation", t])
        );
        expect(r.warnings.filter((w) => w.code !== "no-date" && w.code !== "long-item")).toEqual(
          []
        );
      }
    ),
    { numRuns: 300 }
  );
});
