/**
 * The demo's fictional quarter-by-quarter progress: what an analyst in the (fictional) Wessex
 * office would type into the tracker at two reporting dates. Deterministic, so the demo workbook
 * is the same every time. Only the demo uses it.
 */
import { TABLES, TRACKER_HEADER, headerIndex, type TrackerKey } from "../domain/columns";
import { addDays, fromExcelSerial, toExcelSerial } from "../domain/dates";
import { textOf } from "../domain/model";
import type { WorkbookHost } from "../workbook/host";
import type { CellValue, PlanOp } from "../workbook/plan";

const OWNERS = [
  "ACC Local Policing",
  "Head of Contact Management",
  "Det Supt Crime Standards",
  "Head of Public Protection",
  "Chief Inspector Custody",
  "Director of People",
];

/** A small stable hash of a ref, so each item's story does not depend on row order. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export interface Update {
  owner: string;
  targetDate: number;
  status: string;
  progress: string;
  nextSteps: string;
  evidence: string;
  closedDate: number | null;
  lastUpdated: number;
}

/** What the analyst records for one item at the first and second reporting dates. */
export function storyFor(
  ref: string,
  first: number,
  second: number,
  national: boolean
): [Update, Update] {
  const h = hash(ref);
  const owner = national ? "PCC Office (national liaison)" : OWNERS[h % OWNERS.length];
  // Target dates spread from three months before the first date to a year after it.
  const targetDate = toExcelSerial(addDays(fromExcelSerial(first), -90 + (h % 456)));
  const start = ["Green", "Green", "Amber", "Amber", "Red", "Green", "Complete", "Amber"][h % 8];
  const overdueAtSecond = targetDate < second;
  // Second position: most items move on a step; a few slip.
  let next = start;
  const roll = (h >>> 8) % 10;
  if (start === "Red") next = roll < 7 ? "Amber" : "Red";
  else if (start === "Amber") next = roll < 5 ? "Green" : roll < 8 ? "Amber" : "Red";
  else if (start === "Green")
    next = roll < 4 ? "Complete" : overdueAtSecond ? "Amber" : roll < 9 ? "Green" : "Amber";
  // An analyst does not report Green past the target date.
  if (next === "Green" && overdueAtSecond) next = "Amber";
  const update = (status: string, date: number, quarter: string): Update => {
    const closed = status === "Complete";
    return {
      owner,
      targetDate,
      status,
      progress:
        status === "Complete"
          ? `${quarter}: delivered; the owner has shared the evidence with the PCC's office.`
          : status === "Red"
            ? `${quarter}: delivery plan stalled; resourcing gap reported to the performance board.`
            : status === "Amber"
              ? `${quarter}: work under way but behind plan; mitigation agreed with the owner.`
              : `${quarter}: on track against the delivery plan.`,
      nextSteps: closed
        ? ""
        : status === "Green"
          ? "Continue delivery; report next quarter."
          : "Recovery plan to the next performance board.",
      evidence: closed ? `Closure report and audit results (${quarter})` : "",
      closedDate: closed ? date : null,
      lastUpdated: date,
    };
  };
  const a = update(start, first, "Q1 2025/26");
  const b = update(next, second, "Q2 2025/26");
  if (a.status === "Complete") return [a, a];
  return [a, b];
}

/** Write one reporting date's updates into the tracker (one read, one apply). */
export async function typeUpdates(
  host: WorkbookHost,
  first: number,
  second: number,
  which: 0 | 1,
  themesByCode: Record<string, string[]> = {}
): Promise<number> {
  return host.run("Demo: type the quarter's updates", async (session) => {
    const snap = await session.read({ tables: [TABLES.tracker] });
    const table = snap.tables[TABLES.tracker];
    if (!table) return 0;
    const col = (k: TrackerKey) => headerIndex(table.headers, TRACKER_HEADER[k]);
    const keys: TrackerKey[] = [
      "theme",
      "owner",
      "targetDate",
      "status",
      "progress",
      "nextSteps",
      "evidence",
      "lastUpdated",
      "closedDate",
    ];
    const ops: PlanOp[] = [];
    table.rows.forEach((row, i) => {
      const ref = textOf(row[col("ref")]);
      const national = !/force/i.test(textOf(row[col("addressedTo")]));
      const u = storyFor(ref, first, second, national)[which];
      // Each item sits under one of its inspection's assurance areas (the analyst's choice).
      const themes = themesByCode[ref.replace(/-(R|AFI)\d+$/, "")] ?? [];
      const values: Record<string, CellValue> = {
        theme: themes.length > 0 ? themes[hash(ref + "theme") % themes.length] : null,
        owner: u.owner,
        targetDate: u.targetDate,
        status: u.status,
        progress: u.progress,
        nextSteps: u.nextSteps,
        evidence: u.evidence,
        lastUpdated: u.lastUpdated,
        closedDate: u.closedDate,
      };
      for (const k of keys) {
        const c = col(k);
        if (c >= 0)
          ops.push({
            op: "writeTableCells",
            table: TABLES.tracker,
            row: i,
            col: c,
            values: [[values[k]]],
          });
      }
    });
    // Two slips a real tracker has, for Check to find: a status typed loosely, an owner left blank.
    if (which === 1 && table.rows.length > 3) {
      ops.push({
        op: "writeTableCells",
        table: TABLES.tracker,
        row: 1,
        col: col("status"),
        values: [["grn"]],
      });
      ops.push({
        op: "writeTableCells",
        table: TABLES.tracker,
        row: 3,
        col: col("owner"),
        values: [[null]],
      });
    }
    await session.apply({ ops });
    return table.rows.length;
  });
}

/** The office's own name on the Lists sheet (what the Summary title shows). */
export async function nameOffice(host: WorkbookHost, officeName: string): Promise<void> {
  await host.run("Demo: name the office", async (session) => {
    const snap = await session.read({ tables: [TABLES.settings] });
    const t = snap.tables[TABLES.settings];
    if (!t) return;
    const row = t.rows.findIndex(
      (r) => textOf(r[headerIndex(t.headers, "Setting")]) === "Office name"
    );
    if (row < 0) return;
    await session.apply({
      ops: [
        {
          op: "writeTableCells",
          table: TABLES.settings,
          row,
          col: headerIndex(t.headers, "Value"),
          values: [[officeName]],
        },
      ],
    });
  });
}

/**
 * The commissioner's published responses: every inspection's response went out 49 days after
 * publication, except the newest, whose response is still being drafted (Check flags it).
 */
export async function publishResponses(host: WorkbookHost): Promise<void> {
  await host.run("Demo: record published responses", async (session) => {
    const snap = await session.read({ tables: [TABLES.inspections] });
    const t = snap.tables[TABLES.inspections];
    if (!t) return;
    const pub = headerIndex(t.headers, "Published");
    const resp = headerIndex(t.headers, "Response published");
    const dated = t.rows
      .map((r, i) => ({ i, published: r[pub] }))
      .filter((r) => typeof r.published === "number");
    const newest = dated.reduce(
      (a, b) => ((b.published as number) > (a.published as number) ? b : a),
      dated[0]
    );
    const ops: PlanOp[] = dated
      .filter((r) => r !== newest)
      .map((r) => ({
        op: "writeTableCells",
        table: TABLES.inspections,
        row: r.i,
        col: resp,
        values: [[(r.published as number) + 49]],
      }));
    if (ops.length > 0) await session.apply({ ops });
  });
}
