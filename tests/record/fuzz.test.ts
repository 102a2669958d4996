/**
 * Property-based tests: the parser never throws and always returns a well-formed result, with a
 * warning whenever it finds nothing, for random text, binary, mutated records, scripts,
 * truncations, shuffled lines and a 5 MB paste; record files decode exactly in every encoding
 * Windows saves, and a mutated or bombed .docx is refused plainly.
 */
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "fs";
import { join } from "path";
import { isTrackerError } from "../../src/domain/errors";
import { decodeText } from "../../src/domain/files/encoding";
import { DOCX_LIMITS, checkZip } from "../../src/domain/files/zip";
import { parseRecord, type ParsedRecord } from "../../src/domain/record";
import { deflatedRun, zipOf } from "../helpers/bombs";
import { cp1252, utf16 } from "../helpers/encodings";

const ROOT = join(__dirname, "..", "..");
const REFERENCE = join(
  ROOT,
  "..",
  "shared",
  "reference",
  "staffordshire-ocsae-mosovo-response.txt"
);
const seeds: string[] = [
  ...readdirSync(join(ROOT, "examples"))
    .filter((f) => /\.(txt|html)$/.test(f))
    .map((f) => readFileSync(join(ROOT, "examples", f), "utf8")),
  ...(existsSync(REFERENCE) ? [readFileSync(REFERENCE, "utf8")] : []),
];

let cases = 0;
const RUNS = 1500;

function wellFormed(r: ParsedRecord): void {
  cases++;
  // Checked in plain code and asserted once: a 5 MB paste yields thousands of items.
  const problems: string[] = [];
  if (!Array.isArray(r.items) || !Array.isArray(r.themes) || !Array.isArray(r.warnings))
    problems.push("shape");
  // The defensive catch-all never fired: every input went through the real parser.
  if (r.warnings.some((w) => /could not be read as a response record \(/.test(w.message)))
    problems.push("parser threw");
  r.items.forEach((it, i) => {
    if (it.kind !== "recommendation" && it.kind !== "area-for-improvement")
      problems.push(`item ${i} kind ${it.kind}`);
    if (!Number.isInteger(it.number) || it.number < 0)
      problems.push(`item ${i} number ${it.number}`);
    if (it.text.length === 0 || it.text.trim() !== it.text || /\s{2}/.test(it.text))
      problems.push(`item ${i} text not normalised`);
    if (typeof it.addressedTo !== "string" || it.addressedTo === "")
      problems.push(`item ${i} addressee`);
  });
  if (r.warnings.some((w) => !w.message)) problems.push("empty warning");
  if (r.items.length === 0 && r.warnings.length === 0)
    problems.push("nothing found and no warning");
  if (r.inspection.published !== null && !/^\d{4}-\d{2}-\d{2}$/.test(r.inspection.published))
    problems.push("published not ISO");
  expect(problems).toEqual([]);
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("shuffle" as const), seed: fc.integer() }),
  fc.record({
    kind: fc.constant("truncate" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.string({ unit: "binary", maxLength: 200 }),
  }),
  fc.record({
    kind: fc.constant("script" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant("dropLines" as const), every: fc.integer({ min: 2, max: 7 }) }),
  fc.record({
    kind: fc.constant("markup" as const),
    tag: fc.constantFrom(
      "<ol>",
      "</li>",
      "<li>",
      "<br>",
      "<p>",
      "</td><td>",
      "<!--",
      "<![CDATA[",
      "&amp",
      "\t",
      "\r",
      "\u0000"
    ),
  })
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const at = (f: number) => Math.floor(f * text.length);
  switch (m.kind) {
    case "shuffle": {
      const lines = text.split("\n");
      let s = m.seed;
      for (let i = lines.length - 1; i > 0; i--) {
        s = (s * 1103515245 + 12345) | 0;
        const j = Math.abs(s) % (i + 1);
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      return lines.join("\n");
    }
    case "truncate":
      return text.slice(0, at(m.at));
    case "insert":
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case "script": {
      // Where a tag may start: inserted inside another tag ('<td s' + '<script>…') the script is
      // an attribute name and what follows it plain text, in a browser as here; so before the
      // next '<', or before a tag the text ends inside, or at the end.
      let p = text.indexOf("<", at(m.at));
      if (p < 0) {
        const last = text.lastIndexOf("<");
        p = last >= 0 && text.indexOf(">", last) < 0 ? last : text.length;
      }
      return (
        text.slice(0, p) +
        "<script>alert('x');document.write('<li>evil</li>')</script>" +
        text.slice(p)
      );
    }
    case "dropLines":
      return text
        .split("\n")
        .filter((_, i) => i % m.every !== 0)
        .join("\n");
    case "markup":
      return text.replace(/\n/g, (nl, offset: number) => (offset % 3 === 0 ? m.tag + nl : nl));
  }
}

describe("the parser never throws", () => {
  afterAll(() => {
    // The figure for the note: how many generated and mutated records were parsed.
    process.stdout.write(`record fuzz: ${cases} cases parsed without an exception\n`);
  });

  test("random text of any characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 2000 }), (s) =>
        wellFormed(parseRecord(s))
      ),
      { numRuns: RUNS }
    );
  });

  test("random binary, decoded as UTF-8 and as Latin-1", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        wellFormed(parseRecord(Buffer.from(bytes).toString("utf8")));
        wellFormed(parseRecord(Buffer.from(bytes).toString("latin1")));
      }),
      { numRuns: RUNS }
    );
  });

  test("random text made of record-like lines (labels, markers, tags)", () => {
    const piece = fc.constantFrom(
      "Force\t",
      "Recommendations\t",
      "Recommendations:",
      "Title of inspection: ",
      "Published Date\t",
      "1. ",
      "2. ",
      "Recommendation 3: ",
      "AFI 1: ",
      "Area for improvement 2 – ",
      "• ",
      "- ",
      "Cause of concern: ",
      "<ol>",
      "<li>",
      "</li>",
      "</ol>",
      "<p>",
      "&nbsp;",
      "<script>",
      "</script>",
      "\n",
      "\n\n",
      "\t",
      "Chief Constable's response",
      "1. Victim care:",
      "12/03/2025",
      "31 February 2025",
      "The force should ",
      "the NPCC lead should ",
      "word ",
      "Areas for improvement\n"
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, fc.string({ maxLength: 20 })), { maxLength: 200 }),
        (parts) => wellFormed(parseRecord(parts.join("")))
      ),
      { numRuns: RUNS }
    );
  });

  test("mutated real and example records (shuffled, truncated, scripts, markup, garbage)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (seed, ms) => {
          const text = ms.reduce(mutate, seed);
          const r = parseRecord(text);
          wellFormed(r);
          for (const it of r.items) expect(it.text).not.toMatch(/alert\('x'\)/);
        }
      ),
      { numRuns: RUNS }
    );
  });

  test("a 5 MB paste returns a result with a clear warning", () => {
    const big = (seeds[0] + "\n")
      .repeat(Math.ceil(5_000_000 / seeds[0].length))
      .slice(0, 5_000_000);
    const t0 = Date.now();
    const r = parseRecord(big);
    wellFormed(r);
    expect(r.warnings.find((w) => w.code === "too-large")?.message).toMatch(/million characters/);
    expect(Date.now() - t0).toBeLessThan(30_000);
    const oneLine = parseRecord("Recommendations\t" + "1. word ".repeat(700_000));
    wellFormed(oneLine);
  });
});

/** Record files as they arrive: in any encoding Windows saves, or as a hostile .docx. */
describe("record files: encodings and zip packages", () => {
  const repertoire = fc.constantFrom(..."abcXYZ 019,;\t\n\r\"'£€éèüñÆ“”‘’–—…•™©½§ÿ".split(""));
  const cp1252Text = fc.array(repertoire, { maxLength: 300 }).map((cs) => cs.join(""));

  test("UTF-8, UTF-16 (either order, with a byte-order mark) and Windows-1252 decode exactly", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), cp1252Text, (any, western) => {
        for (const bytes of [
          Buffer.from(any, "utf8"),
          Buffer.from("\ufeff" + any, "utf8"),
          utf16(any, "le"),
          utf16(any, "be"),
        ]) {
          const d = decodeText(bytes);
          expect([d.text, d.replaced]).toEqual([any, 0]);
        }
        const bytes = cp1252(western);
        const d = decodeText(bytes);
        // Windows-1252 bytes that happen to be valid UTF-8 are read as UTF-8, as they must be.
        if (d.encoding === "windows-1252") expect(d.text).toBe(western);
        expect(d.replaced).toBe(0);
        wellFormed(parseRecord(d.text));
      }),
      { numRuns: 300 }
    );
  });

  test("random bytes decode without throwing, and any '\\ufffd' introduced is counted", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (bytes, html) => {
        const d = decodeText(bytes, { html });
        const had = Buffer.from(bytes).includes(Buffer.from("\ufffd", "utf8"));
        if (!had && d.replaced === 0) expect(d.text).not.toContain("\ufffd");
      }),
      { numRuns: 500 }
    );
  });

  test("a mutated, truncated or bombed .docx is opened or refused with a TrackerError, never worse", async () => {
    const docx = readFileSync(join(ROOT, "examples", "wessex-peel-2022.docx"));
    const bomb = zipOf([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "word/document.xml", deflated: deflatedRun(64), declaredSize: 4096 },
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(docx, bomb),
        fc.array(
          fc.record({
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            byte: fc.integer({ min: 0, max: 255 }),
          }),
          { maxLength: 6 }
        ),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        async (seed, flips, cut) => {
          const bytes = Buffer.from(seed);
          for (const f of flips) bytes[Math.floor(f.at * (bytes.length - 1))] = f.byte;
          const input = cut === null ? bytes : bytes.subarray(0, Math.floor(cut * bytes.length));
          try {
            await checkZip(input, "fuzz.docx", { limits: DOCX_LIMITS, expected: ".docx" });
          } catch (e) {
            expect(isTrackerError(e)).toBe(true);
            expect((e as Error).message).toMatch(/^fuzz\.docx /);
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});
