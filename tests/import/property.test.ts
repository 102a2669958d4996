/**
 * Properties of the import planner over generated records and trackers: it only ever appends
 * (never rewrites a row the analyst has), a second import of the same records plans nothing, and
 * every item is accounted for (added, already tracked, or a duplicate number).
 */
import fc from "fast-check";
import { INSPECTION_COLUMNS, TABLES, TRACKER_COLUMNS } from "../../src/domain/columns";
import { emptyInspection } from "../../src/domain/record/parse";
import type { WorkbookSnapshot } from "../../src/workbook/host";
import { planImport, type ImportDraft } from "../../src/workbook/import";
import type { CellValue, PlanOp } from "../../src/workbook/plan";

const HEADERS = [...TRACKER_COLUMNS.map((c) => c.header), "Analyst notes"];

function snapshotWith(rows: CellValue[][]): WorkbookSnapshot {
  const t = (name: string, sheet: string, headers: string[], r: CellValue[][] = []) => ({
    name,
    sheet,
    row: 0,
    col: 0,
    headers,
    rows: r,
  });
  return {
    sheets: ["Tracker", "Inspections", "Lists"].map((name) => ({
      name,
      visibility: "visible" as const,
      protected: false,
    })),
    activeSheet: "Tracker",
    meta: {},
    sheetValues: {},
    tables: {
      [TABLES.tracker]: t(TABLES.tracker, "Tracker", HEADERS, rows),
      [TABLES.inspections]: t(
        TABLES.inspections,
        "Inspections",
        INSPECTION_COLUMNS.map((c) => c.header)
      ),
      [TABLES.themes]: t(TABLES.themes, "Lists", ["Theme"]),
    },
  };
}

/** What a host does with the plan's appendRows, on a copy of the snapshot. */
function applied(snap: WorkbookSnapshot, ops: PlanOp[]): WorkbookSnapshot {
  const next: WorkbookSnapshot = { ...snap, tables: { ...snap.tables } };
  for (const op of ops) {
    if (op.op !== "appendRows") throw new Error(`unexpected op ${op.op}`);
    const t = next.tables[op.table];
    next.tables[op.table] = { ...t, rows: [...t.rows, ...op.rows] };
  }
  return next;
}

const text = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== "");
const item = fc.record({
  kind: fc.constantFrom("recommendation" as const, "area-for-improvement" as const),
  number: fc.integer({ min: 1, max: 12 }),
  text,
  addressedTo: fc.constantFrom("Force", "NPCC", "unknown"),
  theme: fc.option(fc.constantFrom("Victim care", "Partnership working", "victim  care"), {
    nil: null,
  }),
});
const draft: fc.Arbitrary<ImportDraft> = fc
  .record({
    code: fc.option(fc.constantFrom("PEEL25", "SPOT24", "VAWG23"), { nil: null }),
    title: fc.constantFrom(
      "PEEL 2025: Wessex",
      "Spotlight on custody",
      "VAWG thematic",
      "=A formula-looking title"
    ),
    items: fc.array(item, { maxLength: 15 }),
    themes: fc.array(fc.constantFrom("Victim care", "Partnership working", "Workforce"), {
      maxLength: 3,
    }),
  })
  .map(({ code, title, items, themes }) => ({
    code,
    inspection: { ...emptyInspection(), title, published: "2025-03-12" },
    items,
    themes,
  }));
const analystRow = fc
  .record({
    ref: fc.constantFrom("PEEL25-R1", "OWN-1", "SPOT24-AFI2", ""),
    text,
    note: fc.string({ maxLength: 20 }),
  })
  .map((r): CellValue[] =>
    HEADERS.map((h) =>
      h === "Ref" ? r.ref : h === "Recommendation" ? r.text : h === "Analyst notes" ? r.note : null
    )
  );

let cases = 0;
afterAll(() => process.stdout.write(`import planner properties: ${cases} cases\n`));

test("appends only, accounts for every item, and a second import plans nothing", () => {
  fc.assert(
    fc.property(
      fc.array(analystRow, { maxLength: 6 }),
      fc.array(draft, { minLength: 1, maxLength: 3 }),
      (rows, drafts) => {
        cases++;
        const snap = snapshotWith(rows);
        const first = planImport(snap, drafts);
        expect(first.plan.ops.every((op) => op.op === "appendRows")).toBe(true);
        const total = drafts.reduce((n, d) => n + d.items.length, 0);
        expect(first.added.length + first.alreadyTracked.length + first.duplicates.length).toBe(
          total
        );
        const after = applied(snap, first.plan.ops);
        // The analyst's rows are exactly as they were, at the top.
        expect(after.tables[TABLES.tracker].rows.slice(0, rows.length)).toEqual(rows);
        // Every added row is in the table's column order with its ref in the Ref column.
        const added = after.tables[TABLES.tracker].rows.slice(rows.length);
        expect(added.map((r) => r[HEADERS.indexOf("Ref")])).toEqual(first.added);
        expect(
          added.every(
            (r) => r.length === HEADERS.length && r[HEADERS.indexOf("Analyst notes")] === null
          )
        ).toBe(true);
        const second = planImport(after, drafts);
        expect(second.plan.ops).toEqual([]);
        expect(second.added).toEqual([]);
        expect(second.alreadyTracked.length + second.duplicates.length).toBe(total);
      }
    ),
    { numRuns: 500 }
  );
});
