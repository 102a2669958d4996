/**
 * Excel's limits on the Summary sheet: no cell over 32,767 characters (the
 * Summary plan cuts, marks and reports a text over it, as the other plans do), and no row over
 * 409 points (a long latest update goes on in the rows below, marked "(continued)", so the
 * whole text shows and prints instead of being hidden under the row's foot). Fictional Wessex
 * data.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { TABLES, TRACKER_COLUMNS, headerIndex, type TrackerKey } from "../../src/domain/columns";
import { buildDemoWorkbook } from "../../src/cli/commands/demo";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { convertTo, describeIfSoffice, tmpDir } from "../helpers/libreoffice";
import { pageFill, summaryOnly } from "./printing";
import type { Value } from "../../src/domain/model";
import { buildSummary, summaryOf } from "../../src/engine/summary";
import { MAX_CELL_CHARS } from "../../src/workbook/cell-limit";
import type { CellValue, PlanOp } from "../../src/workbook/plan";
import {
  CONTINUED,
  MAX_ROW_LINES,
  MAX_ROW_PT,
  pageHeight,
  planSummary,
  rowTops,
  splitText,
} from "../../src/workbook/summary";
import { linesOf } from "../../src/workbook/summary/sheet";
import { createStubHost } from "../helpers/stub-host";
import { AS_AT, snapshotOf, table } from "./helpers";

/** Fictional words, `n` characters or a little more, in sentences. */
function prose(n: number, seed = "custody audit"): string {
  const words = ["the", "Wessex", seed, "review", "found", "delays", "in", "handover", "records"];
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < n; i++) {
    const w = words[(i * 7) % words.length] + (i % 12 === 11 ? "." : "");
    out.push(w);
    length += w.length + 1;
  }
  return out.join(" ");
}

const ROOT = resolve(__dirname, "..", "..");
const squash = (s: string) => s.replace(/\s+/g, "");

const overdue: Partial<Record<TrackerKey, Value>> = {
  ref: "W-9",
  kind: "Recommendation",
  inspection: "PEEL 2025: Wessex Police",
  recommendation: "Wessex Police should improve how it hands over detainees between shifts.",
  addressedTo: "Force",
  owner: "Chief Inspector Custody",
  targetDate: AS_AT - 20,
  status: "Red",
  nextSteps: "Report to the May performance board.",
};

const writes = (ops: PlanOp[]) =>
  ops.flatMap((o) => (o.op === "writeCells" && o.sheet === "Summary" ? [o] : []));
const allValues = (ops: PlanOp[]): CellValue[] => writes(ops).flatMap((o) => o.block.values.flat());

describe("splitText: a long text in pieces that each fit one row", () => {
  test("a short text is one piece, as it was", () => {
    expect(splitText("Latest update: on track.\nNext steps: none")).toEqual([
      "Latest update: on track.\nNext steps: none",
    ]);
  });

  test("each piece fits a row; nothing is lost, in order, with or without spaces or breaks", () => {
    for (const text of [
      prose(9_000),
      "x".repeat(5_000),
      `${prose(300)}\n${prose(2_500)}\n\n${prose(40)}\n${"😀".repeat(3_000)}`,
    ]) {
      const pieces = splitText(text);
      expect(pieces.length).toBeGreaterThan(1);
      for (const p of pieces) expect(linesOf(p)).toBeLessThanOrEqual(MAX_ROW_LINES);
      expect(squash(pieces.join(""))).toBe(squash(text));
      // Never half a surrogate pair at a cut.
      for (const p of pieces) expect(p).not.toMatch(/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/);
    }
  });
});

describe("the Summary sheet within Excel's limits", () => {
  test("a latest update of 40,000 characters: shown whole over several rows, none over 409 pt, none cut", () => {
    const update = prose(40_000);
    const ordinary = (ref: string) => ({
      ...overdue,
      ref,
      targetDate: AS_AT - 40,
      progress: prose(300, "handover audit"),
    });
    const snap = snapshotOf([ordinary("W-7"), ordinary("W-8"), { ...overdue, progress: update }]);
    const summary = summaryOf(snap, AS_AT, AS_AT, null);
    const { plan, cut, layout } = planSummary(summary, snap);

    expect(cut).toEqual([]);
    for (const v of allValues(plan.ops))
      if (typeof v === "string") expect(v.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    const heights = plan.ops.flatMap((o) => (o.op === "rowHeights" ? o.rows : []));
    expect(Math.max(...heights.map((h) => h.height))).toBeLessThanOrEqual(MAX_ROW_PT);

    // The exceptions list: W-9's row, then its continuation rows, marked, the text in order.
    const at = layout.tables.exceptions;
    const list = writes(plan.ops).find(
      (o) => o.block.row === at.row + 1 && o.block.col === at.col && o.block.values[0][0] === "W-7"
    )!;
    expect(list.block.values.map((r) => r[0]).slice(0, 3)).toEqual(["W-7", "W-8", "W-9"]);
    list.block.values.splice(0, 2);
    const refs = list.block.values.map((r) => r[0]);
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.slice(1).every((r) => r === CONTINUED)).toBe(true);
    expect(at.rows).toBe(3 + refs.length);
    const text = list.block.values.map((r) => String(r[1])).join("");
    expect(squash(text)).toContain(squash(update));
    expect(text).toContain("Next steps: Report to the May performance board.");
    // Status, dates and owner once, on the first row only.
    expect(list.block.values[0].slice(2, 7)).toEqual([
      "Red",
      AS_AT - 20,
      null,
      20,
      "Chief Inspector Custody",
    ]);
    expect(list.block.values[1].slice(2).every((v) => v === null)).toBe(true);
    // A page may break between the rows of the long item, and every page but the last is at
    // least half full (a page held two ordinary items, then waited for a row too tall for it).
    const rows = list.block.values.length;
    const breaks = layout.breaks.filter((b) => b > at.row + 1 && b < at.row + 1 + rows);
    expect(breaks.length).toBeGreaterThan(0);
    const widths = plan.ops.flatMap((o) =>
      o.op === "columnWidths" ? o.widths.map((c) => c.width) : []
    );
    const y = rowTops(layout.rows, layout.heights);
    const starts = [0, ...layout.breaks, layout.rows];
    for (let p = 1; p < starts.length - 2; p++)
      expect([p + 1, y[starts[p + 1]] - y[starts[p]] >= pageHeight(widths) / 2]).toEqual([
        p + 1,
        true,
      ]);
  });

  test("a text over 32,767 characters elsewhere (the office's name on Lists) is cut, marked and said", async () => {
    const office = `Office of the Wessex Police and Crime Commissioner ${prose(40_000)}`;
    const full = snapshotOf([{ ...overdue, progress: "Audit booked." }]);
    full.tables[TABLES.settings] = table(
      TABLES.settings,
      "Lists",
      ["Setting", "Value"],
      [["Office name", office]]
    );
    const summary = summaryOf(full, AS_AT, AS_AT, null);
    const { plan, cut } = planSummary(summary, full);
    expect(cut).toHaveLength(1);
    expect(cut[0]).toMatchObject({ where: "Summary!A1", length: office.length });
    const a1 = String(writes(plan.ops)[0].block.values[0][0]);
    expect(a1.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(a1.startsWith("Office of the Wessex Police and Crime Commissioner")).toBe(true);
    expect(a1).toMatch(/\[… cut: [\d,]+ characters, over Excel's 32,767 a cell\]$/);
    for (const v of allValues(plan.ops))
      if (typeof v === "string") expect(v.length).toBeLessThanOrEqual(MAX_CELL_CHARS);

    // Through the engine: what is written is the cut plan, and the message says where and how long.
    const host = createStubHost(full);
    const result = await buildSummary(host, { today: AS_AT });
    expect(result.kind).toBe("built");
    if (result.kind !== "built") return;
    expect(result.cut).toHaveLength(1);
    expect(result.message).toContain(
      `Summary!A1 held ${office.length.toLocaleString("en-GB")} characters, over Excel's limit of 32,767`
    );
    const written = host.plans[0].ops.flatMap((o) =>
      o.op === "writeCells" ? o.block.values.flat() : []
    );
    for (const v of written)
      if (typeof v === "string") expect(v.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
  });
});

describeIfSoffice("printed (LibreOffice, columns as Excel lays them out)", () => {
  test("a long latest update prints whole over several rows, and no page but the last is mostly empty", async () => {
    const dir = tmpDir("long-text-");
    const demo = await buildDemoWorkbook(join(ROOT, "examples"));
    const host = await createXlsxHost({ buffer: Buffer.from(demo.bytes), name: "demo.xlsx" });
    const update = Array.from(
      { length: 60 },
      (_, k) =>
        `Q${k + 1} update: the custody review board met and agreed further actions on handover records.`
    ).join(" ");
    await host.run("A long update", async (s) => {
      const t = (await s.read({ tables: [TABLES.tracker] })).tables[TABLES.tracker];
      const col = (key: TrackerKey) =>
        headerIndex(t.headers, TRACKER_COLUMNS.find((c) => c.key === key)!.header);
      const red = t.rows.findIndex((r) => r[col("status")] === "Red");
      await s.apply({
        ops: [
          {
            op: "writeTableCells",
            table: TABLES.tracker,
            row: red,
            col: col("progress"),
            values: [[update]],
          },
        ],
      });
    });
    const built = await buildSummary(host, { today: AS_AT, force: true });
    expect(built.kind).toBe("built");
    const file = join(dir, "long.xlsx");
    await host.save(file);
    const only = join(dir, "long-summary.xlsx");
    await summaryOnly(file, only);
    const pdf = convertTo(only, "pdf", dir, { excelWidths: true });
    const fill = pageFill(pdf);
    fill.slice(0, -1).forEach((f, i) => expect([i + 1, f > 0.5]).toEqual([i + 1, true]));
    const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).stdout;
    expect(text).toContain(CONTINUED);
    // Every sentence of it is printed (the PDF's text runs the other columns in between rows).
    for (let k = 1; k <= 60; k++) expect(squash(text)).toContain(`Q${k}update:thecustodyreview`);
    expect(squash(text)).toContain(
      "Q60update:thecustodyreviewboardmetandagreedfurtheractionsonhandoverrecords."
    );
  });
});
