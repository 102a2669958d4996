import { toExcelSerial } from "../../src/domain/dates";
import {
  classifyMovement,
  historyEntries,
  movementBetweenLatest,
  originalTargets,
  positionEntries,
  statusRank,
  trendOf,
  type HistoryEntry,
} from "../../src/domain/history";
import { DEFAULT_STATUSES } from "../../src/domain/status";
import { planRecordPosition, rowsRecordedOn } from "../../src/workbook/history";
import { TABLES } from "../../src/domain/columns";
import { AS_AT, row, snapshotOf } from "./helpers";

const D1 = toExcelSerial({ y: 2025, m: 12, d: 31 });
const D2 = AS_AT;
const e = (date: number, ref: string, status: string): HistoryEntry => ({
  date,
  ref,
  status,
  owner: "",
  targetDate: null,
});

describe("movement classification", () => {
  test.each([
    ["Red", "Amber", "improved"],
    ["Amber", "Green", "improved"],
    ["Red", "Complete", "completed"],
    ["Green", "Complete", "completed"],
    ["Amber", "Superseded", "superseded"],
    ["Green", "Red", "deteriorated"],
    ["Green", "Amber", "deteriorated"],
    ["Complete", "Amber", "deteriorated"],
    ["Amber", "Amber", "unchanged"],
    ["Complete", "Superseded", "unchanged"],
    // Unknown is not movement: a status that is blank or not in the list is not compared.
    ["red", "Red", "notCompared"],
    ["", "Red", "notCompared"],
    ["Green", "TBC", "notCompared"],
    ["Amber", "grn", "notCompared"],
  ] as const)("%s → %s is %s", (from, to, want) => {
    expect(classifyMovement(from, to)).toBe(want);
  });

  test("absent before is new, absent after is removed from the tracker", () => {
    expect(classifyMovement(null, "Red")).toBe("new");
    expect(classifyMovement(null, "TBC")).toBe("new");
    expect(classifyMovement("Green", null)).toBe("removed");
  });

  test("ranks follow the vocabulary: open in order, every closed status above, no rank for others", () => {
    expect(DEFAULT_STATUSES.map((s) => statusRank(s.name))).toEqual([0, 1, 2, 1000, 1000]);
    expect(statusRank("A/G")).toBe(-1);
    expect(statusRank("grn")).toBe(-1);
  });
});

describe("movement between the latest two positions", () => {
  const entries = [
    e(D1 - 92, "A-1", "Green"), // an older position, ignored
    e(D1, "A-1", "Red"),
    e(D1, "A-2", "Green"),
    e(D1, "A-3", "Amber"),
    e(D1, "A-4", "Amber"),
    e(D1, "A-6", "Green"),
    e(D1, "A-7", "Amber"),
    e(D2, "A-1", "Amber"),
    e(D2, "A-2", "Red"),
    e(D2, "A-3", "Amber"),
    e(D2, "A-5", "Green"),
    e(D2, "A-6", "Complete"),
    e(D2, "A-7", "grn"),
  ];

  test("counts each kind in plain words and lists the items that moved, completed first", () => {
    const m = movementBetweenLatest(entries)!;
    expect(m.from).toBe(D1);
    expect(m.to).toBe(D2);
    expect(m.counts).toEqual({
      completed: 1,
      superseded: 0,
      improved: 1,
      deteriorated: 1,
      unchanged: 1,
      new: 1,
      removed: 1,
      notCompared: 1,
    });
    expect(m.items.map((i) => [i.ref, i.movement, i.marker])).toEqual([
      ["A-6", "completed", "✓"],
      ["A-1", "improved", "▲"],
      ["A-2", "deteriorated", "▼"],
      ["A-5", "new", ""],
      ["A-4", "removed", ""],
      ["A-7", "notCompared", "?"],
    ]);
  });

  test("only positions on or before the as-at date count; fewer than two gives null", () => {
    expect(movementBetweenLatest(entries, DEFAULT_STATUSES, D1)!.to).toBe(D1);
    expect(movementBetweenLatest([e(D1, "A-1", "Red")])).toBeNull();
    expect(movementBetweenLatest([])).toBeNull();
  });

  test("trend counts each position once per ref, blank and not valid apart", () => {
    const t = trendOf([...entries, e(D2, "A-1", "Red"), e(D2, "A-8", "")]);
    expect(t.map((p) => p.date)).toEqual([D1 - 92, D1, D2]);
    expect(t[2].counts).toEqual({ Red: 1, Amber: 2, Green: 1, Complete: 1, Superseded: 0 });
    expect([t[2].noStatus, t[2].notValid, t[2].total]).toEqual([1, 1, 7]);
  });

  test("original target dates: each item's target at its earliest recorded position", () => {
    const withTargets: HistoryEntry[] = [
      { ...e(D2, "A-1", "Red"), targetDate: AS_AT + 60 },
      { ...e(D1, "A-1", "Amber"), targetDate: AS_AT },
      { ...e(D1, "A-2", "Amber"), targetDate: null },
      { ...e(D2, "A-2", "Amber"), targetDate: "Q1 2026/27" },
    ];
    expect(originalTargets(withTargets)).toEqual(
      new Map<string, number | string>([
        ["A-1", AS_AT],
        ["A-2", "Q1 2026/27"],
      ])
    );
  });
});

describe("recording a position", () => {
  const rows = [
    { ref: "PEEL25-R1", status: "red", owner: "ACC Crime", targetDate: "31/03/2026" },
    { ref: "PEEL25-R2", status: "TBC", targetDate: "Q4 2025/26 maybe" },
    { ref: "", status: "Green" },
  ];

  test("one entry per item with a Ref: a status not in the list kept as typed, dates as serials", () => {
    const { entries, skippedNoRef } = positionEntries(
      rows.map((v, i) => row(v, i)),
      D2
    );
    expect(skippedNoRef).toBe(1);
    expect(entries).toEqual([
      { date: D2, ref: "PEEL25-R1", status: "red", owner: "ACC Crime", targetDate: AS_AT },
      { date: D2, ref: "PEEL25-R2", status: "TBC", owner: "", targetDate: "Q4 2025/26 maybe" },
    ]);
  });

  test("appends in the History table's own column order", () => {
    const snap = snapshotOf(rows);
    snap.tables[TABLES.history].headers = [
      "Ref",
      "Snapshot date",
      "Note",
      "Status",
      "Owner",
      "Target date",
    ];
    const p = planRecordPosition(snap, D2);
    expect(p.plan.ops).toEqual([
      {
        op: "appendRows",
        table: TABLES.history,
        rows: [
          ["PEEL25-R1", D2, null, "red", "ACC Crime", AS_AT],
          ["PEEL25-R2", D2, null, "TBC", "", "Q4 2025/26 maybe"],
        ],
      },
    ]);
  });

  test("the same date again deletes that day's rows and appends the new ones", () => {
    const history = [
      [D1, "PEEL25-R1", "Amber", "", null],
      [D2, "PEEL25-R1", "Green", "", null],
      ["31/03/2026", "PEEL25-R9", "Green", "", null],
    ];
    const snap = snapshotOf(rows, history);
    expect(rowsRecordedOn(snap, D2)).toEqual([1, 2]);
    const p = planRecordPosition(snap, D2);
    expect(p.replaced).toBe(2);
    expect(p.plan.ops[0]).toEqual({ op: "deleteRows", table: TABLES.history, rows: [1, 2] });
    expect(p.plan.ops[1].op).toBe("appendRows");
    expect(
      historyEntries([
        {
          "Snapshot date": "31/03/2026",
          Ref: "X",
          Status: "Red",
          Owner: null,
          "Target date": null,
        },
      ])[0].date
    ).toBe(D2);
  });

  test("refuses clearly without a History table, with a column missing, or when protected", () => {
    const noHistory = snapshotOf(rows);
    delete noHistory.tables[TABLES.history];
    expect(() => planRecordPosition(noHistory, D2)).toThrow(/tblHistory\) is missing/);
    const noCol = snapshotOf(rows);
    noCol.tables[TABLES.history].headers = ["Snapshot date", "Ref", "Owner", "Target date"];
    expect(() => planRecordPosition(noCol, D2)).toThrow(/no 'Status' column/);
    const locked = snapshotOf(rows);
    locked.sheets[1].protected = true;
    expect(() => planRecordPosition(locked, D2)).toThrow(/protected/);
  });
});
