import { TABLES, TRACKER_COLUMNS, INSPECTION_COLUMNS } from "../../src/domain/columns";
import { TrackerError } from "../../src/domain/errors";
import { parseRecord } from "../../src/domain/record";
import type { TableSnapshot, WorkbookSnapshot } from "../../src/workbook/host";
import {
  describeImport,
  draftFromRecord,
  itemRef,
  planImport,
  resolveCode,
  suggestCode,
  type ImportDraft,
} from "../../src/workbook/import";
import type { CellValue, PlanOp } from "../../src/workbook/plan";
import { wessexRecord } from "./records";

function table(
  name: string,
  sheet: string,
  headers: string[],
  rows: CellValue[][] = []
): TableSnapshot {
  return { name, sheet, row: 0, col: 0, headers, rows };
}

/** A tracker workbook as set-up leaves it, optionally with rows. */
function trackerSnapshot(
  opts: {
    trackerHeaders?: string[];
    trackerRows?: CellValue[][];
    inspections?: CellValue[][];
    themes?: string[];
    protectedSheets?: string[];
  } = {}
): WorkbookSnapshot {
  const sheets = ["Tracker", "Inspections", "Lists", "Status history"];
  return {
    sheets: sheets.map((name) => ({
      name,
      visibility: "visible",
      protected: (opts.protectedSheets ?? []).includes(name),
    })),
    activeSheet: "Tracker",
    meta: { app: "Inspection Tracker" },
    sheetValues: {},
    tables: {
      [TABLES.tracker]: table(
        TABLES.tracker,
        "Tracker",
        opts.trackerHeaders ?? TRACKER_COLUMNS.map((c) => c.header),
        opts.trackerRows ?? []
      ),
      [TABLES.inspections]: table(
        TABLES.inspections,
        "Inspections",
        INSPECTION_COLUMNS.map((c) => c.header),
        opts.inspections ?? []
      ),
      [TABLES.themes]: {
        ...table(
          TABLES.themes,
          "Lists",
          ["Theme"],
          (opts.themes ?? []).map((t) => [t])
        ),
        col: 5,
      },
    },
  };
}

const emptyWorkbook: WorkbookSnapshot = {
  sheets: [{ name: "Sheet1", visibility: "visible", protected: false }],
  activeSheet: "Sheet1",
  meta: null,
  tables: {},
  sheetValues: {},
};

const draft = (text = wessexRecord(), code: string | null = "PEEL25"): ImportDraft =>
  draftFromRecord(parseRecord(text), code);
const appended = (ops: PlanOp[], name: string) =>
  ops
    .filter(
      (o): o is Extract<PlanOp, { op: "appendRows" }> => o.op === "appendRows" && o.table === name
    )
    .flatMap((o) => o.rows);

describe("planning an import into an existing tracker", () => {
  test("a row per item in the table's column order, refs from the code, an Inspections row due 56 days after publication, themes", () => {
    const headers = [
      "Status",
      "Ref",
      "My notes",
      ...TRACKER_COLUMNS.map((c) => c.header).filter((h) => h !== "Status" && h !== "Ref"),
    ];
    const o = planImport(trackerSnapshot({ trackerHeaders: headers }), [
      draft(wessexRecord({ afis: 2 })),
    ]);
    const rows = appended(o.plan.ops, TABLES.tracker);
    expect(rows).toHaveLength(18);
    expect(o.added.slice(0, 2)).toEqual(["PEEL25-R1", "PEEL25-R2"]);
    expect(o.added.slice(-2)).toEqual(["PEEL25-AFI1", "PEEL25-AFI2"]);
    const col = (h: string) => headers.indexOf(h);
    expect(rows[0][col("Ref")]).toBe("PEEL25-R1");
    expect(rows[0][col("Status")]).toBeNull();
    expect(rows[0][col("My notes")]).toBeNull();
    expect(rows[0][col("Kind")]).toBe("Recommendation");
    expect(rows[0][col("No.")]).toBe(1);
    expect(rows[0][col("Inspection")]).toBe("PEEL 2025: An inspection of Wessex Police");
    expect(rows[0][col("Addressed to")]).toBe("Force");
    expect(rows[17][col("Kind")]).toBe("Area for improvement");
    expect(rows[17][col("Recommendation")]).toBe("The force should look again at area 2.");

    const insp = appended(o.plan.ops, TABLES.inspections);
    expect(insp).toHaveLength(1);
    const ih = INSPECTION_COLUMNS.map((c) => c.header);
    // 12/03/2025 is serial 45728; + 56 days = 07/05/2025, serial 45784.
    expect(insp[0][ih.indexOf("Published")]).toBe(45728);
    expect(insp[0][ih.indexOf("Response due")]).toBe(45784);
    expect(insp[0][ih.indexOf("Code")]).toBe("PEEL25");
    expect(insp[0][ih.indexOf("Grade")]).toBe("Requires improvement");
    expect(appended(o.plan.ops, TABLES.themes)).toEqual([["Victim care"], ["Partnership working"]]);
    expect(describeImport(o)).toBe("18 added, 0 already tracked; 2 themes added to Lists.");
    // Constant shape: one append per table whatever the number of items.
    expect(o.plan.ops.map((op) => op.op)).toEqual(["appendRows", "appendRows", "appendRows"]);
  });

  test("importing again adds nothing: every item already tracked, the inspection and themes known", () => {
    const first = planImport(trackerSnapshot(), [draft()]);
    const snap = trackerSnapshot({
      trackerRows: appended(first.plan.ops, TABLES.tracker),
      inspections: appended(first.plan.ops, TABLES.inspections),
      themes: ["victim care", "Partnership working"],
    });
    const again = planImport(snap, [draft()]);
    expect(again.plan.ops).toEqual([]);
    expect(again.added).toEqual([]);
    expect(again.alreadyTracked).toHaveLength(16);
    expect(describeImport(again)).toBe("0 added, 16 already tracked.");
  });

  test("same inspection, kind and number under another ref counts as tracked; changed wording is reported, not written", () => {
    const h = TRACKER_COLUMNS.map((c) => c.header);
    const row = (ref: string, no: number, text: string) =>
      h.map(
        (x) =>
          ({
            Ref: ref,
            Inspection: "PEEL 2025: An inspection of Wessex Police",
            Kind: "Rec",
            "No.": no,
            Recommendation: text,
          })[x] ?? null
      );
    const snap = trackerSnapshot({
      trackerRows: [
        row("OLD-1", 1, "Something the analyst typed"),
        row(
          "OLD-2",
          2,
          "The force should improve practice area 2 and report progress to the Commissioner."
        ),
      ],
    });
    const o = planImport(snap, [draft()]);
    expect(o.alreadyTracked).toEqual(["OLD-1", "OLD-2"]);
    expect(o.changed).toEqual([
      {
        ref: "OLD-1",
        sheetRow: 2,
        tracked: "Something the analyst typed",
        incoming:
          "The force should improve practice area 1 and report progress to the Commissioner.",
      },
    ]);
    expect(o.added).toHaveLength(14);
    expect(
      appended(o.plan.ops, TABLES.tracker).some((r) => r.includes("Something the analyst typed"))
    ).toBe(false);
    expect(describeImport(o)).toMatch(
      /^14 added, 2 already tracked; 1 tracked item's wording differs from the record and was not changed \(OLD-1\)/
    );
  });

  test("adopted rows (own refs, no kind or number) with the same wording count as tracked", () => {
    const h = TRACKER_COLUMNS.map((c) => c.header);
    const row = (ref: string, insp: string, text: string) =>
      h.map((x) => ({ Ref: ref, Inspection: insp, Recommendation: text })[x] ?? null);
    const words = (n: number) =>
      `The force should improve practice area ${n} and report progress to the Commissioner.`;
    const snap = trackerSnapshot({
      trackerRows: [
        row("A1", "", words(1)),
        row("A2", "PEEL 2025: An inspection of Wessex Police", `  ${words(2).toUpperCase()} `),
        row("A3", "Another inspection", words(3)),
      ],
    });
    const o = planImport(snap, [draft()]);
    expect(o.alreadyTracked).toEqual(["A1", "A2"]);
    expect(o.added).toContain("PEEL25-R3");
    expect(o.added).toHaveLength(14);
  });

  test("no tracker yet: set up in the same plan, with the rows inside the new tables", () => {
    const o = planImport(emptyWorkbook, [draft()]);
    expect(o.setUp).toBe(true);
    const create = o.plan.ops.find(
      (op): op is Extract<PlanOp, { op: "createTable" }> =>
        op.op === "createTable" && op.table.name === TABLES.tracker
    )!;
    expect(create.table.rows).toHaveLength(16);
    expect(create.table.rows[0][0]).toBe("PEEL25-R1");
    expect(o.plan.ops.some((op) => op.op === "appendRows")).toBe(false);
    const inspections = o.plan.ops.find(
      (op): op is Extract<PlanOp, { op: "createTable" }> =>
        op.op === "createTable" && op.table.name === TABLES.inspections
    )!;
    expect(inspections.table.rows).toHaveLength(1);
  });

  test("several records in one plan get distinct codes; a duplicate number in a record is left out and reported", () => {
    const a = draftFromRecord(parseRecord(wessexRecord({ items: 2 })));
    const b = draftFromRecord(
      parseRecord(wessexRecord({ items: 2, title: "PEEL 2025: a second look" }))
    );
    const o = planImport(trackerSnapshot(), [a, b]);
    expect(o.codes).toEqual(["PEEL25", "PEEL25B"]);
    expect(o.added).toEqual(["PEEL25-R1", "PEEL25-R2", "PEEL25B-R1", "PEEL25B-R2"]);
    const dup = draft(wessexRecord({ items: 2 }));
    dup.items.push({ ...dup.items[1] });
    expect(planImport(trackerSnapshot(), [dup]).duplicates).toEqual(["PEEL25-R2"]);
  });

  test("bad input and protected sheets are refused before anything is planned", () => {
    expect(() => planImport(trackerSnapshot(), [draft(undefined, "PEEL 25!")])).toThrow(
      /inspection code 'PEEL 25!' is not usable/
    );
    const empty = draft();
    empty.items[2].text = "   ";
    expect(() => planImport(trackerSnapshot(), [empty])).toThrow(
      /Item 3 \(Recommendation 3\) has no text/
    );
    try {
      planImport(trackerSnapshot({ protectedSheets: ["Tracker"] }), [draft()]);
      throw new Error("expected a refusal");
    } catch (e) {
      expect(e).toBeInstanceOf(TrackerError);
      expect((e as TrackerError).code).toBe("protected");
    }
  });
});

describe("cells over Excel's 32,767 characters", () => {
  test("the planner cuts an item's text to fit, marks it and reports where, set-up included", () => {
    const long = "The force should keep records ".repeat(1500) + "safely."; // 45,007 characters
    const d = draft(wessexRecord({ items: 2 }));
    d.items[1] = { ...d.items[1], text: long };
    for (const snapshot of [trackerSnapshot(), emptyWorkbook]) {
      const o = planImport(snapshot, [d]);
      const rows =
        snapshot === emptyWorkbook
          ? o.plan.ops.flatMap((op) =>
              op.op === "createTable" && op.table.name === TABLES.tracker ? op.table.rows : []
            )
          : appended(o.plan.ops, TABLES.tracker);
      const text = TRACKER_COLUMNS.findIndex((c) => c.header === "Recommendation");
      expect(rows).toHaveLength(2);
      expect(String(rows[1][text])).toHaveLength(32_767);
      expect(
        /^The force should keep records .*\[… cut: 45,007 characters/.test(String(rows[1][text]))
      ).toBe(true);
      expect(rows[0][text]).toBe(d.items[0].text);
      expect(o.cut.map((c) => [c.where, c.length])).toEqual([
        [expect.stringMatching(/Tracker/), 45_007],
      ]);
    }
  });
});

describe("the office's name from the record", () => {
  const settings = (value: string) => ({
    ...table(
      TABLES.settings,
      "Lists",
      ["Setting", "Value", "Note"],
      [
        ["Protective marking", "OFFICIAL", ""],
        ["Office name", value, "Shown in the Summary title"],
      ]
    ),
    col: 9,
  });

  test("written into Lists' settings while it holds the default, never over the analyst's own", () => {
    const snap = trackerSnapshot();
    snap.tables[TABLES.settings] = settings("Office of the Police and Crime Commissioner");
    const o = planImport(snap, [draft()]);
    expect(o.officeName).toBe("Office of the Wessex Police and Crime Commissioner");
    expect(o.plan.ops).toContainEqual({
      op: "writeTableCells",
      table: TABLES.settings,
      row: 1,
      col: 1,
      values: [["Office of the Wessex Police and Crime Commissioner"]],
    });
    expect(describeImport(o)).toMatch(
      /; the office's name set from the record: 'Office of the Wessex Police and Crime Commissioner' \(Lists, Settings\)\.$/
    );

    snap.tables[TABLES.settings] = settings("Office of the Wessex PCC");
    const own = planImport(snap, [draft()]);
    expect(own.officeName).toBeNull();
    expect(own.plan.ops.some((op) => op.op === "writeTableCells")).toBe(false);

    // A protected Lists sheet: the name is left, and the import is not refused for it.
    const locked = trackerSnapshot({
      themes: ["Victim care", "Partnership working"],
      protectedSheets: ["Lists"],
    });
    locked.tables[TABLES.settings] = settings("");
    const kept = planImport(locked, [draft()]);
    expect(kept.officeName).toBeNull();
    expect(kept.added).toHaveLength(16);
  });

  test("into the settings set up in the same plan", () => {
    const o = planImport(emptyWorkbook, [draft()]);
    const created = o.plan.ops.find(
      (op): op is Extract<PlanOp, { op: "createTable" }> =>
        op.op === "createTable" && op.table.name === TABLES.settings
    )!;
    expect(created.table.rows.find((r) => r[0] === "Office name")![1]).toBe(
      "Office of the Wessex Police and Crime Commissioner"
    );
    expect(o.officeName).toBe("Office of the Wessex Police and Crime Commissioner");
  });
});

describe("codes and refs", () => {
  const insp = (title: string, published: string | null) => ({
    ...parseRecord("").inspection,
    title,
    published,
  });
  test.each([
    ["PEEL 2023–25: An inspection of Wessex Police", "2025-03-14", "PEEL25"],
    ["PEEL Spotlight: Custody", "2025-06-10", "SPOT25"],
    ["Tackling violence against women and girls", "2024-10-02", "TVAWG24"],
    ["An inspection of VAWG partnership work", null, "VAWGPW"],
  ])("%s → %s", (title, published, code) => {
    expect(suggestCode(insp(title, published))).toBe(code);
  });
  test("the workbook's own code for the same title is reused; a clash gets a letter", () => {
    expect(
      resolveCode(insp("PEEL 2025", "2025-01-01"), [{ code: "MYCODE", title: "peel  2025" }])
    ).toBe("MYCODE");
    expect(
      resolveCode(insp("PEEL other", "2025-01-01"), [{ code: "PEEL25", title: "PEEL 2025" }])
    ).toBe("PEEL25B");
    expect(itemRef("PEEL24", "recommendation", 3)).toBe("PEEL24-R3");
    expect(itemRef("PEEL24", "area-for-improvement", 2)).toBe("PEEL24-AFI2");
  });
});
