import { analyseSheet } from "../../src/domain/adopt";
import { TABLES, TRACKER_COLUMNS, SHEETS } from "../../src/domain/columns";
import { isTrackerError } from "../../src/domain/errors";
import type { WorkbookSnapshot } from "../../src/workbook/host";
import type { PlanOp } from "../../src/workbook/plan";
import { planSetup } from "../../src/workbook/setup";
import {
  planAdoption,
  previewFromSnapshot,
  sourceGridOf,
  trackerSheetFor,
} from "../../src/workbook/adopt";
import { MESSY_ROWS, gridValues } from "./messy";

const today = { y: 2026, m: 1, d: 20 };

function snapshot(sheet = "Sheet1", extra: Partial<WorkbookSnapshot> = {}): WorkbookSnapshot {
  const values = gridValues(MESSY_ROWS);
  return {
    sheets: [{ name: sheet, visibility: "visible", protected: true }],
    activeSheet: sheet,
    meta: null,
    tables: {},
    sheetValues: {
      [sheet]: {
        name: sheet,
        row: 0,
        col: 0,
        values,
        text: values.map((r) => r.map((v) => v ?? "")),
        numberFormats: values.map((r) => r.map(() => "General")),
      },
    },
    ...extra,
  };
}

const opsOf = <K extends PlanOp["op"]>(ops: PlanOp[], kind: K) =>
  ops.filter((o): o is Extract<PlanOp, { op: K }> => o.op === kind);

describe("planAdoption", () => {
  test("creates the tracker with the adopted rows and the unmapped columns at its end", () => {
    const snap = snapshot();
    const { preview } = previewFromSnapshot(snap);
    const { plan, trackerSheet } = planAdoption(snap, preview, today);
    expect(trackerSheet).toBe("Tracker");
    const create = opsOf(plan.ops, "createTable").find((o) => o.table.name === TABLES.tracker)!;
    expect(create.sheet).toBe("Tracker");
    expect(create.table.headers).toEqual([
      ...TRACKER_COLUMNS.map((c) => c.header),
      "Notes",
      "Directorate",
    ]);
    expect(create.table.rows).toHaveLength(12);
    expect(create.table.columnFormats.slice(-2)).toEqual(["@", "@"]);
    const ref = create.table.headers.indexOf("Ref");
    const notes = create.table.headers.indexOf("Notes");
    expect(create.table.rows[0][ref]).toBe("P1");
    expect(create.table.rows[0][notes]).toBe("-see Q2 board minutes");
    expect(create.table.rows.every((r) => r.length === create.table.headers.length)).toBe(true);
    // The status dropdown and colours are set up, as set-up does.
    expect(opsOf(plan.ops, "listValidation")).toHaveLength(4);
    expect(opsOf(plan.ops, "conditionalFormats")).toHaveLength(1);
    // The last op shows the tracker.
    expect(plan.ops[plan.ops.length - 1]).toEqual({ op: "activate", sheet: "Tracker" });
  });

  test("never writes to the source sheet (even when it is protected), and records where it came from", () => {
    const snap = snapshot("Recs 2025");
    const { preview } = previewFromSnapshot(snap);
    const { plan } = planAdoption(snap, preview, today);
    const touched = plan.ops.map((o) => ("sheet" in o ? o.sheet : null)).filter(Boolean);
    expect(touched).not.toContain("Recs 2025");
    const meta = opsOf(plan.ops, "writeCells").find((o) => o.sheet === SHEETS.meta)!;
    expect(meta.block.values).toContainEqual(["adoptedFrom", "Recs 2025"]);
    expect(meta.block.values).toContainEqual(["role:tracker", "Tracker"]);
  });

  test("a source sheet named Tracker keeps its name; the tracker goes on 'Tracker (adopted)'", () => {
    const snap = snapshot("Tracker");
    expect(trackerSheetFor(snap)).toBe("Tracker (adopted)");
    const { preview } = previewFromSnapshot(snap);
    const { plan, trackerSheet } = planAdoption(snap, preview, today);
    expect(trackerSheet).toBe("Tracker (adopted)");
    expect(opsOf(plan.ops, "ensureSheet").map((o) => o.sheet)).toContain("Tracker (adopted)");
    expect(opsOf(plan.ops, "ensureSheet").map((o) => o.sheet)).not.toContain("Tracker");
    const withBoth = {
      ...snap,
      sheets: [
        ...snap.sheets,
        { name: "Tracker (adopted)", visibility: "visible" as const, protected: false },
      ],
    };
    expect(trackerSheetFor(withBoth)).toBe("Tracker (adopted 2)");
  });

  test("the Adoption report holds counts, mapping, skipped rows with their cells, changes and findings", () => {
    const snap = snapshot();
    const { preview } = previewFromSnapshot(snap);
    const { plan } = planAdoption(snap, preview, today);
    expect(plan.ops.find((o) => o.op === "clearSheet")).toEqual({
      op: "clearSheet",
      sheet: "Adoption report",
      tabColour: "#7F7F7F",
    });
    const cells = opsOf(plan.ops, "writeCells")
      .filter((o) => o.sheet === "Adoption report")
      .flatMap((o) => o.block.values);
    const flat = cells.flat();
    expect(flat).toContain("Rows adopted");
    expect(cells.find((r) => r[0] === "Rows adopted")![1]).toBe(12);
    expect(cells.find((r) => r[0] === "… lost")![1]).toBe(0);
    // Every skipped row's cells are in the report exactly as written.
    for (const s of preview.skipped.filter((x) => x.kind !== "blank")) {
      expect(cells).toContainEqual(
        expect.arrayContaining([s.sourceRow, s.reason, ...s.cells.filter((t) => t !== "")])
      );
    }
    expect(flat).toContain("Key:");
    expect(flat).toContain("Source: OPCC performance team, January 2026");
    expect(cells).toContainEqual([6, "Status", "green ", "Green", "'green ' read as Green"]);
    // The Inspection filled in from a section row: one line per section.
    expect(cells).toContainEqual([
      "5–9",
      "Inspection",
      "",
      "PEEL 2023/25: Wessex Police",
      "from the section row 4",
    ]);
    expect(cells).toContainEqual([
      "12–18",
      "Inspection",
      "",
      "Spotlight: Vetting and counter-corruption (2024)",
      "from the section row 11",
    ]);
    expect(flat).toContain("duplicate-ref");
    expect(flat).toContain("RAG");
    // Rectangular blocks.
    for (const o of opsOf(plan.ops, "writeCells").filter((x) => x.sheet === "Adoption report")) {
      const w = o.block.values[0].length;
      expect(o.block.values.every((r) => r.length === w)).toBe(true);
    }
  });

  test("refuses when the workbook already has a tracker with rows, unless this sheet was adopted (then nothing to do)", () => {
    const table = {
      name: TABLES.tracker,
      sheet: "Tracker",
      row: 0,
      col: 0,
      headers: TRACKER_COLUMNS.map((c) => c.header),
      rows: [TRACKER_COLUMNS.map((c) => (c.key === "ref" ? "OWN-1" : null))],
    };
    const snap = snapshot("Old", {
      tables: { [TABLES.tracker]: table },
      sheets: [
        { name: "Old", visibility: "visible", protected: false },
        { name: "Tracker", visibility: "visible", protected: false },
      ],
    });
    const { preview } = previewFromSnapshot(snap);
    expect(() => planAdoption(snap, preview, today)).toThrow(
      /already has a tracker.*nothing was changed/
    );
    const again = planAdoption({ ...snap, meta: { adoptedFrom: "Old" } }, preview, today);
    expect(again).toMatchObject({ alreadyAdopted: true, plan: { ops: [] } });
  });

  test("fills a tracker that was set up and is still empty, keeping its columns' order", () => {
    // The workbook as set-up leaves it, plus the analyst's own column, and no rows yet.
    const setUp = planSetup(snapshot("Old")).plan.ops;
    const tables: WorkbookSnapshot["tables"] = {};
    for (const op of opsOf(setUp, "createTable"))
      tables[op.table.name] = {
        name: op.table.name,
        sheet: op.sheet,
        row: op.table.row,
        col: op.table.col,
        headers:
          op.table.name === TABLES.tracker
            ? [...op.table.headers, "Board date"]
            : op.table.headers,
        rows: op.table.rows,
      };
    const snap = snapshot("Old", {
      tables,
      meta: { app: "Inspection Tracker", schemaVersion: "1", trackerLayout: "2" },
      sheets: ["Old", "Tracker", "Inspections", "Lists", "Status history"].map((name) => ({
        name,
        visibility: "visible" as const,
        protected: false,
      })),
    });
    const { preview } = previewFromSnapshot(snap);
    const { plan, trackerSheet } = planAdoption(snap, preview, today);
    expect(trackerSheet).toBe("Tracker");
    expect(opsOf(plan.ops, "createTable").map((o) => o.table.name)).toEqual([]);
    const added = opsOf(plan.ops, "addTableColumn").map((o) => o.header);
    expect(added).toEqual(preview.extraColumns.map((e) => e.header));
    const append = opsOf(plan.ops, "appendRows").find((o) => o.table === TABLES.tracker)!;
    expect(append.rows).toHaveLength(preview.rows.length);
    const width = TRACKER_COLUMNS.length + 1 + added.length;
    expect(append.rows.every((r) => r.length === width)).toBe(true);
    const ref = TRACKER_COLUMNS.findIndex((c) => c.key === "ref");
    expect(append.rows.map((r) => r[ref])).toEqual(preview.rows.map((r) => r.values.ref));
    // The Board date column (the analyst's own, which the sheet lacks) stays empty.
    expect(append.rows.every((r) => r[TRACKER_COLUMNS.length] === null)).toBe(true);
    expect(plan.ops[plan.ops.length - 1]).toEqual({ op: "activate", sheet: "Tracker" });
    // Adopting the same sheet again: the tracker now has rows from it, and nothing is done.
    const again = planAdoption(
      {
        ...snap,
        meta: { adoptedFrom: "Old" },
        tables: { ...tables, [TABLES.tracker]: { ...tables[TABLES.tracker], rows: append.rows } },
      },
      preview,
      today
    );
    expect(again.alreadyAdopted).toBe(true);
  });

  test("the Lists sheet gets the owners, themes and addressees the adopted rows name", () => {
    const snap = snapshot();
    const { preview } = previewFromSnapshot(snap);
    const { plan } = planAdoption(snap, preview, today);
    const created = (name: string) =>
      opsOf(plan.ops, "createTable")
        .find((o) => o.table.name === name)!
        .table.rows.map((r) => r[0]);
    const distinct = (key: "owner" | "theme") => [
      ...new Map(
        preview.rows
          .map((r) => String(r.values[key] ?? "").trim())
          .filter(Boolean)
          .map((v) => [v.toLowerCase(), v])
      ).values(),
    ];
    expect(distinct("owner").length).toBeGreaterThan(1);
    expect(created(TABLES.owners)).toEqual(distinct("owner"));
    expect(created(TABLES.themes)).toEqual(distinct("theme"));
    // The default addressees first, then any other the rows name.
    expect(created(TABLES.addressees).slice(0, 2)).toEqual(["Force", "NPCC"]);
    for (const r of preview.rows) {
      const a = String(r.values.addressedTo ?? "").trim();
      if (a)
        expect(created(TABLES.addressees).map((x) => String(x).toLowerCase())).toContain(
          a.toLowerCase()
        );
    }
  });

  test("refuses a source sheet whose name the add-in's own sheets use (it would be written over)", () => {
    const snap = snapshot("Lists");
    snap.sheets[0].protected = false;
    const { preview } = previewFromSnapshot(snap);
    expect(() => planAdoption(snap, preview, today)).toThrow(
      /'Lists' has a name Inspection Tracker uses.*Nothing was changed/
    );
  });

  test("refuses a protected Adoption report sheet before writing anything", () => {
    const snap = snapshot();
    snap.sheets.push({ name: "Adoption report", visibility: "visible", protected: true });
    // The add-in's own report sheet (its metadata records it), protected since.
    snap.meta = { ...(snap.meta ?? {}), "role:adoptionReport": "Adoption report" };
    const { preview } = previewFromSnapshot(snap);
    expect(() => planAdoption(snap, preview, today)).toThrow(/'Adoption report' is protected/);
  });

  test("refuses the add-in's own sheets, missing sheets and empty sheets with clear messages", () => {
    const snap = snapshot();
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(isTrackerError(e)).toBe(true);
        return (e as Error).message;
      }
      throw new Error("expected a TrackerError");
    };
    expect(err(() => sourceGridOf(snap, "Nope"))).toMatch(/no sheet called 'Nope'/);
    const own = {
      ...snap,
      meta: { ...(snap.meta ?? {}), "role:adoptionReport": "Adoption report" },
      sheets: [
        ...snap.sheets,
        { name: "Adoption report", visibility: "visible" as const, protected: false },
      ],
      activeSheet: "Adoption report",
      sheetValues: { "Adoption report": { ...snap.sheetValues.Sheet1, name: "Adoption report" } },
    };
    expect(err(() => sourceGridOf(own))).toMatch(/Inspection Tracker's own sheets/);
    const empty = {
      ...snap,
      sheetValues: {
        Sheet1: { name: "Sheet1", row: 0, col: 0, values: [], text: [], numberFormats: [] },
      },
    };
    expect(err(() => sourceGridOf(empty))).toMatch(/is empty/);
  });

  test("an extra column keeps the source's number format (dates stay dates)", () => {
    const values = [
      ["Ref", "Recommendation", "Board date"],
      ["A1", "Do", 46000],
      ["A2", "Do more", 46031],
    ];
    const snap: WorkbookSnapshot = {
      sheets: [{ name: "S", visibility: "visible", protected: false }],
      activeSheet: "S",
      meta: null,
      tables: {},
      sheetValues: {
        S: {
          name: "S",
          row: 0,
          col: 0,
          values,
          text: values.map((r) => r.map(String)),
          numberFormats: [
            ["General", "General", "General"],
            ["General", "General", "dd/mm/yyyy"],
            ["General", "General", "dd/mm/yyyy"],
          ],
        },
      },
    };
    const { preview } = previewFromSnapshot(snap);
    expect(preview.extraColumns).toEqual([
      { header: "Board date", source: "Board date", numberFormat: "dd/mm/yyyy" },
    ]);
    expect(analyseSheet(sourceGridOf(snap)).rows[0].extras["Board date"]).toBe(46000);
  });
});

describe("the Adoption report's labels", () => {
  it("column A is as wide as its longest label beside a value, so none is cut off", async () => {
    const { reportOps } = await import("../../src/workbook/adopt-report");
    const preview = analyseSheet({ name: "Recs", row: 0, col: 0, values: gridValues(MESSY_ROWS) });
    const ops = reportOps(preview, "Tracker", { y: 2026, m: 1, d: 20 });
    const widths = ops.find((o): o is Extract<PlanOp, { op: "columnWidths" }> => o.op === "columnWidths")!;
    const a = widths.widths.find((w) => w.col === 0)!.width;
    const labels = ops
      .flatMap((o) => (o.op === "writeCells" ? o.block.values : []))
      .filter((r) => r.filter((v) => v !== null && v !== "").length > 1 && typeof r[0] === "string")
      .map((r) => String(r[0]));
    expect(labels).toContain("Rows skipped (listed below with reasons)");
    for (const l of labels) expect(a).toBeGreaterThanOrEqual(Math.min(l.length, 46));
  });
});
