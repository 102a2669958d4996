/**
 * Every kind of workbook the project writes passes Microsoft's own Open XML SDK validator
 * (tests/openxml-validator, FileFormatVersions.Microsoft365) with no error: Excel would
 * otherwise offer to "repair" it, which LibreOffice's checks cannot tell us. The files are made
 * through the command line, as an analyst makes them, and validated in one call.
 *
 * Skips (saying so) where the .NET SDK is absent; fails then under REQUIRE_DOTNET=1 (.ci/run).
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Workbook } from "@cj-tech-master/excelts";
import { main } from "../../../src/cli/main";
import { readZip, writeZip } from "../../../src/hosts/xlsx/zip";
import { MESSY_ROWS } from "../../adopt/messy";
import { withCustomProperties } from "../../helpers/zip";
import {
  describeErrors,
  describeIfDotnet,
  validateOpenXml,
  type OpenXmlFileResult,
} from "../../helpers/openxml";
import { tmpDir } from "./fixtures";
import { variedWorkbook } from "./varied";

const ROOT = resolve(__dirname, "..", "..", "..");
const EXAMPLES = join(ROOT, "examples");

async function run(args: string[], allowed: number[] = [0]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  if (!allowed.includes(code))
    throw new Error(`inspection-tracker ${args.join(" ")}: exit ${code}\n${err.join("\n")}`);
  return out.join("\n");
}

/**
 * Owner update workbooks (protected Updates sheet, dropdown, date check, very hidden stamp), one
 * per owner of the demo's open items, and the tracker after merging one of them back (the
 * Update log sheet and table the merge creates).
 */
async function ownerUpdateWorkbooks(dir: string, demo: string): Promise<[string, string][]> {
  const folder = join(dir, "requests");
  const out = JSON.parse(
    await run(["updates", "request", demo, "--out", folder, "--due", "2099-01-31", "--json"])
  ) as { requests: { owner: string; file: string }[] };
  const kinds: [string, string][] = out.requests.map((r) => [`owner update (${r.owner})`, r.file]);
  const first = out.requests[0].file;
  const wb = new Workbook();
  await wb.xlsx.readFile(first);
  const ws = wb.getWorksheet("Updates")!;
  ws.getCell("F8").value = "Progress since the last quarter, as the owner wrote it.";
  const returned = join(dir, "returned.xlsx");
  await wb.xlsx.writeFile(returned);
  const merged = join(dir, "merged.xlsx");
  await run(["updates", "merge", demo, returned, "--out", merged]);
  const workbookXml = readZip(readFileSync(merged)).get("xl/workbook.xml")!.toString("utf8");
  if (!workbookXml.includes('name="Update log"')) throw new Error("the merge made no Update log");
  kinds.push(["updates merge (tracker with the Update log)", merged]);
  return kinds;
}

/** A record an analyst might be sent, full of what breaks naive writers. */
const HOSTILE_RECORD = [
  "Force: Wessex Police",
  'Title of inspection: Hostile <input> & "quotes"',
  "Published: 01/04/2025",
  "Recommendations",
  '1. =HYPERLINK("http://example.invalid","click") should be read as text',
  "2. +44 and -ve and @home are text too\u000bwith a vertical tab and a bell\u0007 inside",
  "3. Improve victim care " + "and keep records ".repeat(2400),
  "4. Text with _x0041_ literally, and ]]> and </t> in it",
].join("\n");

/** An analyst's own workbook: a sheet with a note, a picture and a hyperlink. */
async function analystWorkbook(): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet("Notes");
  ws.getCell("A1").value = "Our own notes";
  ws.getCell("A1").note = "A note the analyst left";
  ws.getCell("A2").value = { text: "Inspection page", hyperlink: "https://example.invalid/a" };
  // A 1×1 PNG.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64"
  );
  const image = wb.addImage({ buffer: png as never, extension: "png" });
  ws.addImage(image, "C3:D5");
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeIfDotnet("Microsoft's Open XML SDK accepts every workbook the project writes", () => {
  const kinds: [string, string][] = [];
  let results: Map<string, OpenXmlFileResult>;

  beforeAll(async () => {
    const dir = tmpDir("openxml-");
    const f = (name: string) => join(dir, name);

    await run(["init", "--out", f("init.xlsx")]);
    kinds.push(["init (new tracker)", f("init.xlsx")]);

    // init on an analyst's own workbook, with a sensitivity label carried over.
    const own = new Workbook();
    own.addWorksheet("Notes").getCell("A1").value = "Our own notes";
    writeFileSync(
      f("init-existing.xlsx"),
      withCustomProperties(Buffer.from(await own.xlsx.writeBuffer()), {
        Classification: "OFFICIAL-SENSITIVE",
      })
    );
    await run(["init", "--out", f("init-existing.xlsx")]);
    kinds.push(["init (set up an existing workbook, labelled)", f("init-existing.xlsx")]);

    await run(["build", EXAMPLES, "--out", f("build.xlsx")]);
    kinds.push(["build", f("build.xlsx")]);

    copyFileSync(f("build.xlsx"), f("into.xlsx"));
    await run(["build", join(EXAMPLES, "wessex-peel-2025.txt"), "--into", f("into.xlsx")]);
    await run(["build", EXAMPLES, "--into", f("into.xlsx")]);
    kinds.push(["build --into (round-tripped in place)", f("into.xlsx")]);

    await run(["adopt", join(EXAMPLES, "wessex-old-tracker.csv"), "--out", f("adopt.xlsx")]);
    kinds.push(["adopt (CSV, with the Adoption report)", f("adopt.xlsx")]);

    const old = new Workbook();
    const ws = old.addWorksheet("Old tracker");
    for (const row of MESSY_ROWS) ws.addRow(row);
    writeFileSync(f("old.xlsx"), Buffer.from(await old.xlsx.writeBuffer()));
    await run(["adopt", f("old.xlsx"), "--out", f("adopt-xlsx.xlsx")]);
    kinds.push(["adopt (.xlsx, source sheet copied)", f("adopt-xlsx.xlsx")]);

    // Summary with every chart: two positions give the trend chart too.
    await run([
      "summary",
      f("build.xlsx"),
      "--as-at",
      "2025-06-30",
      "--snapshot",
      "--out",
      f("s1.xlsx"),
    ]);
    const json = JSON.parse(
      await run([
        "summary",
        f("s1.xlsx"),
        "--as-at",
        "2025-09-30",
        "--snapshot",
        "--json",
        "--out",
        f("summary.xlsx"),
      ])
    ) as { charts: { name: string; type: string }[] };
    expect(json.charts.map((c) => c.type).sort()).toEqual([
      "barStacked",
      "barStacked",
      "columnStacked",
      "doughnut",
    ]);
    kinds.push(["summary (all charts)", f("summary.xlsx")]);

    // A summary rebuilt over the last: charts read back by excelts and written again.
    await run([
      "summary",
      f("summary.xlsx"),
      "--as-at",
      "2025-09-30",
      "--out",
      f("summary-again.xlsx"),
    ]);
    kinds.push(["summary rebuilt over a summary", f("summary-again.xlsx")]);

    await run(["demo", "--out", f("demo.xlsx")]);
    kinds.push(["demo", f("demo.xlsx")]);

    kinds.push(...(await ownerUpdateWorkbooks(dir, f("demo.xlsx"))));

    // A position recorded into the tracker in place (only the history sheet is written; every
    // other sheet is copied from the file as it was).
    copyFileSync(f("demo.xlsx"), f("record.xlsx"));
    await run(["record", f("record.xlsx"), "--as-at", "2025-12-31"]);
    kinds.push(["record (a position recorded in place)", f("record.xlsx")]);

    // Set up in place: the analyst's own sheet, with a note, a picture and a link, is copied
    // from the file with the parts it brings (comments, VML, drawing, image).
    writeFileSync(f("own.xlsx"), await analystWorkbook());
    await run(["init", "--out", f("own.xlsx")]);
    kinds.push(["init (set up a workbook with a note, a picture and a link)", f("own.xlsx")]);

    // Set up in place: a workbook as other writers write it (inline and rich strings, phonetic
    // runs, shared formulas, a protected sheet), its sheets copied as they are.
    writeFileSync(f("varied.xlsx"), await variedWorkbook(false));
    await run(["init", "--out", f("varied.xlsx")]);
    kinds.push(["init (set up a workbook other writers wrote)", f("varied.xlsx")]);

    // Hostile input: text that reads as a formula, control characters, a text too long for a
    // cell (cut and marked: exit 1), markup characters.
    writeFileSync(f("hostile.txt"), HOSTILE_RECORD);
    await run(["build", f("hostile.txt"), "--out", f("hostile.xlsx")], [0, 1]);
    kinds.push([
      "build (hostile record: formulas as text, control characters, 40,000 characters)",
      f("hostile.xlsx"),
    ]);

    // The one .docx the project writes: the example record (examples/make-docx.js).
    kinds.push(["example record (.docx)", join(EXAMPLES, "wessex-peel-2022.docx")]);

    const files = validateOpenXml(kinds.map(([, file]) => file));
    results = new Map(files.map((r) => [r.file, r]));
  });

  test("every file was validated", () => {
    expect(results.size).toBe(kinds.length);
    for (const [, file] of kinds) expect(readFileSync(file).length).toBeGreaterThan(0);
  });

  test.each([
    "init (new tracker)",
    "init (set up an existing workbook, labelled)",
    "build",
    "build --into (round-tripped in place)",
    "adopt (CSV, with the Adoption report)",
    "adopt (.xlsx, source sheet copied)",
    "summary (all charts)",
    "summary rebuilt over a summary",
    "demo",
    "record (a position recorded in place)",
    "init (set up a workbook with a note, a picture and a link)",
    "init (set up a workbook other writers wrote)",
    "build (hostile record: formulas as text, control characters, 40,000 characters)",
    "example record (.docx)",
  ])("%s: 0 errors", (kind) => {
    const file = kinds.find(([k]) => k === kind)?.[1];
    expect(file).toBeDefined();
    const result = results.get(file as string);
    expect(result).toBeDefined();
    expect({ kind, errors: describeErrors(result as OpenXmlFileResult) }).toEqual({
      kind,
      errors: [],
    });
  });

  test("owner update workbooks and a merged tracker: 0 errors", () => {
    const updates = kinds.filter(([k]) => /^(owner update|updates merge)/.test(k));
    expect(updates.length).toBeGreaterThan(2);
    for (const [kind, file] of updates) {
      expect({ kind, errors: describeErrors(results.get(file) as OpenXmlFileResult) }).toEqual({
        kind,
        errors: [],
      });
    }
  });

  test("the validator finds errors: a oneCellAnchor with editAs (what excelts writes) is refused", () => {
    // Proves the check can fail: the summary's drawing with excelts's own attribute put back.
    const summary = kinds.find(([k]) => k === "summary (all charts)")![1];
    const bad = join(tmpDir("openxml-bad-"), "bad.xlsx");
    const pkg = readZip(readFileSync(summary));
    const name = [...pkg.keys()].find((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))!;
    pkg.set(
      name,
      Buffer.from(
        pkg
          .get(name)!
          .toString("utf8")
          .replace(/<xdr:oneCellAnchor>/g, '<xdr:oneCellAnchor editAs="oneCell">')
      )
    );
    writeFileSync(bad, writeZip(pkg));
    const [result] = validateOpenXml([bad]);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors[0]).toMatchObject({
      id: "Sch_UndeclaredAttribute",
      part: `/${name}`,
    });
    expect(result.errors[0].path).toMatch(/oneCellAnchor/);
  });
});
