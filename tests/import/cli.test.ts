/**
 * `inspection-tracker parse` and `build` through the xlsx host: the JSON shape, every example
 * format (.txt, .html, .docx via mammoth), a new tracker and an idempotent --into, the analyst's
 * own columns kept, refusals with exit codes.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { TABLES } from "../../src/domain/columns";
import { fromExcelSerial, toExcelSerial, addDays, parseIso } from "../../src/domain/dates";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { IMPORT_READ } from "../../src/workbook/import";
import { wessexRecord } from "./records";

const ROOT = join(__dirname, "..", "..");
const EXAMPLES = join(ROOT, "examples");
const REFERENCE = join(
  ROOT,
  "..",
  "shared",
  "reference",
  "staffordshire-ocsae-mosovo-response.txt"
);
const dir = mkdtempSync(join(tmpdir(), "import-cli-"));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function snapshotOf(file: string) {
  const host = await createXlsxHost({ file });
  return host.run("read", (s) => s.read(IMPORT_READ));
}

describe("parse", () => {
  test.each([
    [
      "wessex-peel-2025.txt",
      8,
      4,
      "2025-03-14",
      "Responding to the public: Requires improvement; Investigating crime: Adequate; Preventing crime: Good",
    ],
    ["wessex-vawg-thematic.txt", 8, 3, "2024-10-02", "Not graded"],
    ["wessex-custody-spotlight.html", 6, 3, "2025-06-10", "Not graded"],
    ["wessex-peel-2022.docx", 8, 3, "2022-02-03", "Adequate"],
  ])("%s --json: the shape parse --json prints", async (file, items, themes, published, grade) => {
    const r = await cli("parse", join(EXAMPLES, file), "--json");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(["inspection", "items", "themes", "warnings"])
    );
    expect(Object.keys(json.inspection).sort()).toEqual([
      "chiefConstable",
      "commissioner",
      "force",
      "grade",
      "inspectorate",
      "pcc",
      "published",
      "summary",
      "title",
    ]);
    expect(json.inspection.force).toBe("Wessex Police");
    expect(json.inspection.pcc).toBe("Alex Marlow");
    expect(json.inspection.published).toBe(published);
    expect(json.inspection.grade).toBe(grade);
    expect(json.items).toHaveLength(items);
    for (const it of json.items) {
      expect(["recommendation", "area-for-improvement"]).toContain(it.kind);
      expect(typeof it.number).toBe("number");
      expect(typeof it.text).toBe("string");
      expect(typeof it.addressedTo).toBe("string");
    }
    expect(json.themes).toHaveLength(themes);
    expect(json.warnings).toEqual([]);
  });

  test("addressees across the examples: force and national bodies", async () => {
    const json = JSON.parse(
      (await cli("parse", join(EXAMPLES, "wessex-vawg-thematic.txt"), "--json")).out
    );
    expect(json.items.map((i: { addressedTo: string }) => i.addressedTo)).toEqual([
      "Force",
      "NPCC",
      "College of Policing",
      "Home Office",
      "Force",
      "NPCC and College of Policing",
      "Force and Crown Prosecution Service",
      "Force",
    ]);
  });

  (existsSync(REFERENCE) ? test : test.skip)(
    "the reference record: 16 recommendations, 7 themes",
    async () => {
      const json = JSON.parse((await cli("parse", REFERENCE, "--json")).out);
      expect(json.items).toHaveLength(16);
      expect(json.themes).toHaveLength(7);
      const source = readFileSync(REFERENCE, "utf8");
      for (const it of json.items) expect(source).toContain(it.text);
    }
  );

  test("plain output, and bad use", async () => {
    const r = await cli("parse", join(EXAMPLES, "wessex-peel-2025.txt"));
    expect(r.out).toMatch(/Published: +14\/03\/2025/);
    expect(r.out).toMatch(
      /Area for improvement 6 \[Force\]: The force should make sure that its neighbourhood teams use problem-solving plans and evaluate what works\./
    );
    expect((await cli("parse")).code).toBe(2);
    const missing = await cli("parse", join(dir, "nope.txt"));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/file not found/);
    const bin = join(dir, "binary.txt");
    writeFileSync(bin, Buffer.from([0, 1, 2, 3, 4, 5, 0, 0, 9, 200, 201]));
    const b = await cli("parse", bin, "--json");
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out).warnings[0]).toMatch(/binary file/);
  });
});

describe("build", () => {
  test("writes each item's suggested assurance area into Theme and lists every suggestion", async () => {
    const record = join(dir, "areas.txt");
    writeFileSync(
      record,
      [
        "Force\tWessex Police",
        "Title of inspection\tWessex Police: call handling",
        "Published Date\t14 March 2025",
        "Recommendations\t1. The force should answer emergency calls within ten seconds. " +
          "2. The force should reduce the backlog of phones awaiting examination. " +
          "3. The force should review its estates strategy.",
        "",
        "Police and Crime Commissioner's initial response",
        "1. Call handling:",
        "Emergency calls are answered on time.",
        "2. Digital forensics:",
        "The backlog of phones awaiting examination falls.",
      ].join("\n")
    );
    const file = join(dir, "areas.xlsx");
    const r = await cli("build", record, "--out", file);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "  assurance areas suggested for 2 of 3 items (the Theme column; change any that are wrong):"
    );
    expect(r.out).toContain("    WCH25-R1: Call handling (score 4.0: calls, answer, emergency)");
    expect(r.out).toContain(
      "    WCH25-R3: none. No word of the item is in an area's name or description."
    );
    const t = (await snapshotOf(file)).tables[TABLES.tracker];
    expect(t.rows.map((row) => row[t.headers.indexOf("Theme")])).toEqual([
      "Call handling",
      "Digital forensics",
      null,
    ]);
  });

  test("--out: a tracker from every example; --into again adds nothing and keeps the analyst's columns", async () => {
    const file = join(dir, "wessex.xlsx");
    const first = await cli("build", EXAMPLES, "--out", file);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /30 added, 0 already tracked; 9 themes added to Lists; the tracker was set up first; the office's name set from the record: 'Office of the Wessex Police and Crime Commissioner' \(Lists, Settings\)\./
    );
    let snap = await snapshotOf(file);
    const t = snap.tables[TABLES.tracker];
    expect(t.rows).toHaveLength(30);
    const ref = t.headers.indexOf("Ref");
    expect(t.rows.map((r) => r[ref])).toContain("PEEL25-AFI6");
    expect(t.rows.map((r) => r[ref])).toContain("SPOT25-R4");
    const insp = snap.tables[TABLES.inspections];
    expect(insp.rows).toHaveLength(4);
    const col = (h: string) => insp.headers.indexOf(h);
    for (const row of insp.rows) {
      const published = row[col("Published")] as number;
      expect(row[col("Response due")]).toBe(published + 56);
    }
    const peel = insp.rows.find((r) => r[col("Code")] === "PEEL25")!;
    expect(fromExcelSerial(peel[col("Response due")] as number)).toEqual({ y: 2025, m: 5, d: 9 });
    expect(peel[col("Published")]).toBe(toExcelSerial(parseIso("2025-03-14")!));
    expect(toExcelSerial(addDays(parseIso("2025-03-14")!, 56))).toBe(peel[col("Response due")]);
    expect(snap.tables[TABLES.themes].rows.map((r) => r[0])).toEqual([
      "Detainee safety",
      "Victim care",
      "Partnership working",
      "Workforce capability",
      "Workforce wellbeing",
      "Governance and planning",
      "Call handling and first contact",
      "Investigation standards",
      "Digital forensics",
    ]);

    // The analyst adds a column and types in it; a status too.
    const host = await createXlsxHost({ file });
    await host.run("analyst", (s) =>
      s.apply({
        ops: [
          {
            op: "addTableColumn",
            table: TABLES.tracker,
            header: "Directorate",
            values: t.rows.map((_, i) => `Dir ${i}`),
          },
        ],
      })
    );
    await host.save(file);

    const again = await cli("build", EXAMPLES, "--into", file, "--json");
    expect(again.code).toBe(0);
    const json = JSON.parse(again.out);
    expect(json.added).toEqual([]);
    expect(json.alreadyTracked).toHaveLength(30);
    expect(json.records.filter((r: { skipped: boolean }) => !r.skipped)).toHaveLength(4);
    snap = await snapshotOf(file);
    const after = snap.tables[TABLES.tracker];
    expect(after.rows).toHaveLength(30);
    expect(after.rows.map((r) => r[after.headers.indexOf("Directorate")])).toEqual(
      t.rows.map((_, i) => `Dir ${i}`)
    );
    expect(snap.tables[TABLES.inspections].rows).toHaveLength(4);

    // A new record goes in after the analyst's rows, in the table's column order.
    const extra = join(dir, "extra.txt");
    writeFileSync(
      extra,
      wessexRecord({
        items: 3,
        title: "Building the picture: an inspection of Wessex Police intelligence",
      })
    );
    const more = await cli("build", extra, "--into", file);
    expect(more.out).toMatch(/3 added, 0 already tracked/);
    const last = (await snapshotOf(file)).tables[TABLES.tracker];
    expect(last.rows).toHaveLength(33);
    expect(last.rows[32][last.headers.indexOf("Ref")]).toBe("BPWI25-R3");
    expect(last.rows[32][last.headers.indexOf("Directorate")]).toBeNull();
  });

  test("refusals: an existing --out file, a missing --into file, no target, no records", async () => {
    const file = join(dir, "exists.xlsx");
    writeFileSync(file, "not really");
    const r = await cli("build", join(EXAMPLES, "wessex-peel-2025.txt"), "--out", file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/already exists and was not changed/);
    expect(readFileSync(file, "utf8")).toBe("not really");
    const into = await cli(
      "build",
      join(EXAMPLES, "wessex-peel-2025.txt"),
      "--into",
      join(dir, "missing.xlsx")
    );
    expect(into.code).toBe(1);
    expect((await cli("build", join(EXAMPLES, "wessex-peel-2025.txt"))).code).toBe(2);
    expect((await cli("build", "--out", join(dir, "x.xlsx"))).code).toBe(2);
    const notXlsx = await cli("build", join(EXAMPLES, "wessex-peel-2025.txt"), "--into", file);
    expect(notXlsx.code).toBe(1);
    expect(notXlsx.err).toMatch(/not an Excel workbook/);
    expect(readFileSync(file, "utf8")).toBe("not really");
  });
});

describe("command-line niceties", () => {
  test("--version prints package.json's version", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-v", "version"]) {
      const r = await cli(flag);
      expect(r).toEqual({ code: 0, out: `inspection-tracker ${pkg.version}`, err: "" });
    }
    expect((await cli("--help")).out).toContain("inspection-tracker --version");
  });

  test("an unknown option gets our own message, its quotes balanced", async () => {
    const r = await cli("parse", join(EXAMPLES, "wessex-peel-2025.txt"), "--jsn");
    expect(r.code).toBe(2);
    const first = r.err.split("\n")[0];
    expect(first).toBe(
      "inspection-tracker parse: Unknown option '--jsn'. The options are below; a file whose name starts with '-' goes after '--' (as in -- --jsn)."
    );
    expect((first.match(/'/g) ?? []).length % 2).toBe(0);
  });

  test("every command's help has the same layout: usage, what it does, then its options", async () => {
    const { COMMANDS } = await import("../../src/cli/commands");
    for (const c of COMMANDS) {
      const r = await cli(c.name, "--help");
      expect(r.code).toBe(0);
      expect(r.out.startsWith(`Usage: inspection-tracker ${c.name} `)).toBe(true);
      const blocks = r.out.split("\n\n");
      expect(blocks.length).toBeGreaterThanOrEqual(3);
      // updates has two steps, each with its own options; the others one Options: block.
      if (c.name !== "updates") expect(r.out).toMatch(/\n\nOptions:\n {2}-/);
    }
  });

  test("build refuses a named file that is not a response record, and writes nothing", async () => {
    const notes = join(dir, "minutes.txt");
    writeFileSync(
      notes,
      "Minutes of the estates board, 3 March.\nAttendees: the finance director.\n"
    );
    const out = join(dir, "from-minutes.xlsx");
    for (const args of [[notes], [join(EXAMPLES, "wessex-peel-2025.txt"), notes]]) {
      const r = await cli("build", ...args, "--out", out);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(
        /^inspection-tracker build: minutes\.txt: this does not look like an inspection response record, so nothing was written\. A response record has labelled fields/
      );
      expect(existsSync(out)).toBe(false);
    }
    // In a folder, a file that is not a record is skipped and said; a folder of none is refused.
    const folder = mkdtempSync(join(dir, "records-"));
    writeFileSync(join(folder, "minutes.txt"), readFileSync(notes));
    const none = await cli("build", folder, "--out", out);
    expect(none.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    writeFileSync(join(folder, "peel.txt"), readFileSync(join(EXAMPLES, "wessex-peel-2025.txt")));
    const some = await cli("build", folder, "--out", out);
    expect(some.code).toBe(0);
    expect(some.out).toMatch(/minutes\.txt: skipped, not a response record/);
    expect(some.out).toMatch(/8 added, 0 already tracked/);
  });

  test("the README's build example names only response records", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const line = readme.split("\n").find((l) => /^npx inspection-tracker build /.test(l))!;
    const globs = line
      .replace(/ --out .*$/, "")
      .split(" ")
      .slice(3);
    const named = globs.flatMap((g) => {
      const m = /^examples\/\*(\.\w+)$/.exec(g);
      if (!m) return [g.replace(/^examples\//, "")];
      return readdirSync(EXAMPLES).filter((f) => f.endsWith(m[1]));
    });
    expect(named.sort()).toEqual([
      "wessex-custody-spotlight.html",
      "wessex-peel-2022.docx",
      "wessex-peel-2025.txt",
      "wessex-vawg-thematic.txt",
    ]);
  });
});
