/**
 * `init` through the xlsx host: the file it writes, reopened with excelts, holds the tracker as
 * the design lays it out; running set-up again changes nothing; a removed validation is put back
 * without touching rows; the command line's results and refusals.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Workbook } from "@cj-tech-master/excelts";
import { main } from "../../../src/cli/main";
import { initWorkbook } from "../../../src/cli/commands/init";
import { SHEETS, TABLES, TRACKER_COLUMNS } from "../../../src/domain/columns";
import { DEFAULT_STATUSES } from "../../../src/domain/status";
import { setupTracker } from "../../../src/engine/setup";
import { createXlsxHost } from "../../../src/hosts/xlsx";
import { lostParts } from "../../../src/hosts/xlsx/parts";
import { readZip } from "../../../src/hosts/xlsx/zip";
import { withCustomProperties, withPart } from "../../helpers/zip";
import type { PlanOp } from "../../../src/workbook/plan";
import { planSetup, SETUP_READ } from "../../../src/workbook/setup";
import { applyToFile, newTracker, reopen, snapshotOf, tmpDir } from "./fixtures";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) },
    out,
    err,
  };
}

/** A tracker whose Status validation was removed (so set-up has something to repair). */
async function withoutValidation(dir: string): Promise<Buffer> {
  const wb = await reopen(await newTracker(dir, "base.xlsx"));
  const ws = wb.getWorksheet(SHEETS.tracker)!;
  for (const key of Object.keys(ws.dataValidations.model)) delete ws.dataValidations.model[key];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function tableOn(wb: Workbook, name: string) {
  for (const ws of wb.worksheets) {
    const t = ws.getTables().find((x) => x.name === name);
    if (t)
      return {
        ws,
        model: (
          t as unknown as {
            table: { tableRef: string; columns: { name: string }[]; style?: { theme?: string } };
          }
        ).table,
      };
  }
  return null;
}

describe("init writes a tracker workbook", () => {
  let dir: string;
  let file: string;
  let wb: Workbook;

  beforeAll(async () => {
    dir = tmpDir("init-");
    file = await newTracker(dir);
    wb = await reopen(file);
  });

  test("the tblTracker table with the contract columns on sheet Tracker, styled", () => {
    const t = tableOn(wb, TABLES.tracker);
    expect(t).not.toBeNull();
    expect(t!.ws.name).toBe(SHEETS.tracker);
    expect(t!.model.columns.map((c) => c.name)).toEqual(TRACKER_COLUMNS.map((c) => c.header));
    expect(t!.model.tableRef).toBe(`A1:O2`);
    expect(t!.model.style?.theme).toBe("TableStyleMedium2");
  });

  test("Status has a list validation whose source is the Lists sheet's status names", () => {
    const ws = wb.getWorksheet(SHEETS.tracker)!;
    const status = TRACKER_COLUMNS.findIndex((c) => c.header === "Status");
    const dv = ws.dataValidations.find(`${String.fromCharCode(65 + status)}2`) as {
      type: string;
      formulae: string[];
      showErrorMessage?: boolean;
    };
    expect(dv.type).toBe("list");
    expect(dv.formulae[0]).toBe(`Lists!$A$2:$A$${1 + DEFAULT_STATUSES.length}`);
    expect(dv.showErrorMessage).toBe(true);
    const lists = wb.getWorksheet(SHEETS.lists)!;
    const names = DEFAULT_STATUSES.map((_, i) => lists.getCell(`A${i + 2}`).value);
    expect(names).toEqual(DEFAULT_STATUSES.map((s) => s.name));
  });

  test("one conditional format rule per status, with the status's fill and font colours", () => {
    const ws = wb.getWorksheet(SHEETS.tracker)!;
    const rules = ws.conditionalFormattings.flatMap((cf) =>
      cf.rules.map((r) => ({
        ref: cf.ref,
        r: r as never as {
          type: string;
          operator: string;
          formulae: string[];
          style: { fill: { bgColor: { argb: string } }; font: { color: { argb: string } } };
        },
      }))
    );
    expect(rules).toHaveLength(DEFAULT_STATUSES.length);
    for (const s of DEFAULT_STATUSES) {
      const rule = rules.find((x) => x.r.formulae[0] === `"${s.name}"`);
      expect(rule).toBeDefined();
      expect(rule!.ref).toBe("J2");
      expect(rule!.r.type).toBe("cellIs");
      expect(rule!.r.operator).toBe("equal");
      expect(rule!.r.style.fill.bgColor.argb.slice(-6)).toBe(s.colour.slice(1));
      expect(rule!.r.style.font.color.argb.slice(-6)).toBe(s.fontColour.slice(1));
    }
  });

  test("date columns are dd/mm/yyyy, text columns '@', numbers General; header frozen", () => {
    const ws = wb.getWorksheet(SHEETS.tracker)!;
    TRACKER_COLUMNS.forEach((c, j) => {
      const fmt = ws.getRow(2).getCell(j + 1).numFmt;
      const want = c.kind === "date" ? "dd/mm/yyyy" : c.kind === "number" ? "General" : "@";
      expect([c.header, fmt || "General"]).toEqual([c.header, want]);
      expect(ws.getColumn(j + 1).width).toBe(c.width);
    });
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  test("Lists, Inspections, history and a very hidden metadata sheet; Tracker is the active tab", () => {
    const names = wb.worksheets.map((s) => s.name);
    for (const s of [SHEETS.tracker, SHEETS.lists, SHEETS.inspections, SHEETS.history, SHEETS.meta])
      expect(names).toContain(s);
    expect(wb.getWorksheet(SHEETS.meta)!.state).toBe("veryHidden");
    expect(wb.getWorksheet(SHEETS.meta)!.getCell("A2").value).toBe("app");
    for (const t of Object.values(TABLES)) expect(tableOn(wb, t)).not.toBeNull();
    expect(names[wb.views[0].activeTab]).toBe(SHEETS.tracker);
  });

  test("running set-up again on the reopened file plans nothing and gives the same snapshot", async () => {
    const host = await createXlsxHost({ file });
    const before = await snapshotOf(host, { ...SETUP_READ, sheets: [SHEETS.meta] });
    expect(planSetup(before).plan.ops).toEqual([]);
    const result = await setupTracker(host);
    expect(result.changed).toBe(false);
    const again = await createXlsxHost({ buffer: await host.toBuffer() });
    expect(await snapshotOf(again, { ...SETUP_READ, sheets: [SHEETS.meta] })).toEqual(before);
  });

  test("excelts's OOXML self-check finds nothing wrong with what init writes", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const host = await createXlsxHost({ validate: true });
      await setupTracker(host);
      await host.run("Rows", (s) =>
        s.apply({
          ops: [
            {
              op: "appendRows",
              table: TABLES.tracker,
              rows: [
                TRACKER_COLUMNS.map((c) =>
                  c.key === "status" ? "Red" : c.key === "ref" ? "=WES-1" : null
                ),
              ],
            },
          ],
        })
      );
      await host.toBuffer();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test("a removed Status validation is repaired without touching any row", async () => {
    const copy = join(dir, "repair.xlsx");
    writeFileSync(copy, readFileSync(file));
    const rows = [
      [
        "WES-2025-01",
        "Wessex Police PEEL 2025",
        "Recommendation",
        1,
        "=The force should improve call handling",
        "Chief Constable",
        "Contact",
        "ACC Ops",
        46112,
        "Amber",
        "+ progress noted\nsecond line",
        "",
        "",
        45990,
        null,
      ],
      [
        "WES-2025-02",
        "Wessex Police PEEL 2025",
        "AFI",
        2,
        "@Review vetting",
        "Chief Constable",
        "Vetting",
        "Head of PSD",
        null,
        "Red",
        "",
        "",
        "",
        null,
        null,
      ],
    ];
    await applyToFile(copy, { ops: [{ op: "appendRows", table: TABLES.tracker, rows }] });
    const damaged = await reopen(copy);
    const ws = damaged.getWorksheet(SHEETS.tracker)!;
    for (const key of Object.keys(ws.dataValidations.model)) delete ws.dataValidations.model[key];
    await damaged.xlsx.writeFile(copy);

    const host = await createXlsxHost({ file: copy });
    const result = await setupTracker(host);
    // The owners the two rows name go on the Lists sheet too.
    expect(result.repaired).toEqual(["Lists: 2 owners from the rows", "Status dropdown"]);
    expect(result.rows).toBe(2);
    await host.save(copy);
    const after = await createXlsxHost({ file: copy });
    const snap = await snapshotOf(after, SETUP_READ);
    expect(snap.tables[TABLES.tracker].rows).toEqual(rows);
    expect(snap.tables[TABLES.tracker].statusValidation).toBe(
      `=Lists!$A$2:$A$${1 + DEFAULT_STATUSES.length}`
    );
    expect(planSetup(snap).plan.ops).toEqual([]);
  });
});

describe("inspection-tracker init", () => {
  test("--json creates the file and prints only the result; a second run changes nothing", async () => {
    const dir = tmpDir("cli-");
    const file = join(dir, "new.xlsx");
    const first = capture();
    expect(await main(["init", "--out", file, "--json"], first.io)).toBe(0);
    expect(first.err).toEqual([]);
    expect(JSON.parse(first.out.join(""))).toEqual({ file, created: true, repaired: [], rows: 0 });
    const bytes = readFileSync(file);

    const second = capture();
    expect(await main(["init", "--out", file], second.io)).toBe(0);
    expect(second.out.join("")).toMatch(/Nothing needed changing/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  test("an existing workbook without a tracker is set up in place, keeping its sheets", async () => {
    const dir = tmpDir("cli-");
    const file = join(dir, "mine.xlsx");
    const wb = new Workbook();
    wb.addWorksheet("Notes").getCell("B3").value = "=not a formula, Wessex notes";
    await wb.xlsx.writeFile(file);
    const r = await initWorkbook(file);
    expect(r).toMatchObject({ created: false, changed: true });
    const back = await reopen(file);
    expect(back.getWorksheet("Notes")!.getCell("B3").value).toBe("=not a formula, Wessex notes");
    expect(tableOn(back, TABLES.tracker)).not.toBeNull();
  });

  test("a Tracker sheet that is not ours: exit 1, a message on stderr, the file untouched", async () => {
    const dir = tmpDir("cli-");
    const file = join(dir, "theirs.xlsx");
    const wb = new Workbook();
    wb.addWorksheet("Tracker").getCell("A1").value = "My own tracker";
    await wb.xlsx.writeFile(file);
    const bytes = readFileSync(file);
    const c = capture();
    expect(await main(["init", "--out", file], c.io)).toBe(1);
    expect(c.out).toEqual([]);
    expect(c.err.join("")).toMatch(/did not make.*Nothing was changed/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  test("a file that is not a workbook, a wrong extension, a missing --out", async () => {
    const dir = tmpDir("cli-");
    const bad = join(dir, "bad.xlsx");
    writeFileSync(bad, "Ref,Status\nWES-1,Red\n");
    let c = capture();
    expect(await main(["init", "--out", bad], c.io)).toBe(1);
    expect(c.err.join("")).toMatch(/is not an Excel workbook/);
    expect(readFileSync(bad, "utf8")).toBe("Ref,Status\nWES-1,Red\n");

    c = capture();
    expect(await main(["init", "--out", join(dir, "x.csv")], c.io)).toBe(1);
    expect(c.err.join("")).toMatch(/must be an \.xlsx workbook/);
    expect(existsSync(join(dir, "x.csv"))).toBe(false);

    c = capture();
    expect(await main(["init"], c.io)).toBe(2);
    expect(c.err.join("")).toMatch(/--out FILE\.xlsx is required/);
  });

  test("a folder that does not exist: a clear error, no file, no temporary file left", async () => {
    const dir = tmpDir("cli-");
    const c = capture();
    expect(await main(["init", "--out", join(dir, "missing", "t.xlsx")], c.io)).toBe(1);
    expect(c.err.join("")).toMatch(/The folder .*missing does not exist, so t\.xlsx cannot be written there\. Nothing was written\./);
    expect(readdirSync(dir)).toEqual([]);
  });

  test("a workbook whose operation failed part-way cannot be saved", async () => {
    const host = await createXlsxHost();
    await setupTracker(host);
    const again: PlanOp = {
      op: "createTable",
      sheet: SHEETS.tracker,
      table: {
        name: "tblX",
        row: 20,
        col: 0,
        headers: ["A"],
        rows: [],
        columnFormats: ["@"],
        style: "TableStyleMedium2",
      },
    };
    await expect(host.run("Twice", (s) => s.apply({ ops: [again, again] }))).rejects.toMatchObject({
      name: "TrackerError",
    });
    await expect(host.toBuffer()).rejects.toThrow(/not saved because an operation failed part-way/);
    await expect(host.run("Read", (s) => s.read({}))).rejects.toThrow(/failed part-way/);
  });

  test("a sensitivity label (custom document properties) is kept when the workbook is repaired", async () => {
    const dir = tmpDir("cli-");
    const file = join(dir, "labelled.xlsx");
    writeFileSync(
      file,
      withCustomProperties(await withoutValidation(dir), {
        MSIP_Label_0000_Name: "OFFICIAL-SENSITIVE",
      })
    );
    const c = capture();
    expect(await main(["init", "--out", file], c.io)).toBe(0);
    expect(c.out.join("")).toMatch(/repaired \(Status dropdown\)/);
    const pkg = readZip(readFileSync(file));
    expect(pkg.get("docProps/custom.xml")!.toString("utf8")).toContain("OFFICIAL-SENSITIVE");
    expect(pkg.get("[Content_Types].xml")!.toString("utf8")).toContain(
      'PartName="/docProps/custom.xml"'
    );
    expect(pkg.get("_rels/.rels")!.toString("utf8")).toContain("custom-properties");
    // Still a workbook that opens, now with its dropdown back.
    const host = await createXlsxHost({ file });
    expect(planSetup(await snapshotOf(host, SETUP_READ)).plan.ops).toEqual([]);
  });

  test("a workbook with parts the file writer cannot keep (custom XML data): refused, file untouched", async () => {
    const dir = tmpDir("cli-");
    const file = join(dir, "customxml.xlsx");
    writeFileSync(file, withPart(await withoutValidation(dir), "customXml/item1.xml", "<wessex/>"));
    const bytes = readFileSync(file);
    const c = capture();
    expect(await main(["init", "--out", file], c.io)).toBe(1);
    expect(c.err.join("")).toMatch(
      /Nothing was written: this workbook holds custom XML data .*, which would be lost/
    );
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  test("lost parts are judged by kind and count; rebuilt parts are not a loss", () => {
    expect(
      lostParts(["docProps/custom.xml", "xl/worksheets/sheet1.xml"], ["xl/worksheets/sheet1.xml"])
    ).toEqual(["custom document properties (for example a sensitivity label)"]);
    expect(
      lostParts(
        ["xl/worksheets/sheet1.xml", "xl/calcChain.xml", "xl/printerSettings/printerSettings1.bin"],
        ["xl/worksheets/sheet1.xml"]
      )
    ).toEqual([]);
    expect(
      lostParts(
        ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"],
        ["xl/worksheets/sheet1.xml"]
      )
    ).toEqual(["worksheets"]);
    expect(lostParts(["xl/media/image1.png"], ["xl/media/image3.png"])).toEqual([]);
  });

  test("a protected sheet: nothing is written", async () => {
    const dir = tmpDir("cli-");
    const file = await newTracker(dir);
    const wb = await reopen(file);
    const ws = wb.getWorksheet(SHEETS.tracker)!;
    for (const key of Object.keys(ws.dataValidations.model)) delete ws.dataValidations.model[key];
    await ws.protect("", {});
    await wb.xlsx.writeFile(file);
    const bytes = readFileSync(file);
    const c = capture();
    expect(await main(["init", "--out", file], c.io)).toBe(1);
    expect(c.err.join("")).toMatch(/'Tracker' is protected/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
