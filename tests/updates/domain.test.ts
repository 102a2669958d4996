/**
 * The update round's decisions, pure: who is asked about which rows, fingerprints and stamps,
 * returned sheets as people leave them, returned values judged, and the merge's lists.
 */
import { toExcelSerial } from "../../src/domain/dates";
import type { Value } from "../../src/domain/model";
import {
  canonicalDate,
  decideMerge,
  ownerFileName,
  readStamp,
  readUpdatesSheet,
  returnedDate,
  returnedStatus,
  rowFingerprint,
  selectRequests,
  type TrackerForMerge,
} from "../../src/domain/updates";
import { TRACKER_COLUMNS } from "../../src/domain/columns";
import { TODAY } from "./fixtures";
import { edit, returnedFile, rowsOf, stampFor, stampGrid, updatesGrid } from "./domain-helpers";

const serial = (y: number, m: number, d: number) => toExcelSerial({ y, m, d });

const ROWS = rowsOf([
  {
    ref: "WP-1",
    owner: "Supt Ada Morgan",
    status: "Red",
    recommendation: "Answer 999 calls faster.",
    targetDate: serial(2026, 9, 30),
    progress: "Recruiting.",
  },
  {
    ref: "WP-2",
    owner: "supt  ada morgan ",
    status: "Amber",
    recommendation: "Record risk at first contact.",
  },
  {
    ref: "WP-3",
    owner: "Supt Ada Morgan",
    status: "Complete",
    recommendation: "Allocate investigations well.",
  },
  {
    ref: "WP-4",
    owner: "DCI Ravi Patel",
    status: "grn",
    recommendation: "Supervise investigations.",
  },
  {
    ref: "WP-5",
    owner: "DCI Ravi Patel",
    status: null,
    recommendation: "Follow the Victims' Code.",
  },
  { ref: "", owner: "DCI Ravi Patel", status: "Green", recommendation: "A row with no Ref." },
  { ref: "WP-7", owner: "Director of HR", status: "Superseded", recommendation: "Closed." },
  { ref: "WP-8", owner: null, status: "Amber", recommendation: "Nobody owns this." },
  { ref: "WP-9", owner: "Head of Contact", status: "Green", recommendation: "One." },
  { ref: "WP-9", owner: "Head of Contact", status: "Green", recommendation: "Same Ref twice." },
]);

describe("asking: who gets a workbook and which rows", () => {
  const sel = selectRequests(ROWS, { date: TODAY });

  test("one workbook per owner with open items, owners grouped whatever their spacing and case", () => {
    expect(sel.requests.map((r) => [r.owner, r.items.map((i) => i.ref)])).toEqual([
      ["DCI Ravi Patel", ["WP-4", "WP-5"]],
      ["Supt Ada Morgan", ["WP-1", "WP-2"]],
    ]);
    // Blank and invalid statuses are open: unknown is not closed.
    expect(sel.requests[0].items[1].sent.status).toBeNull();
    expect(sel.requests[1].fileName).toBe("Updates - Supt Ada Morgan - 2026-06-30.xlsx");
  });

  test("everything not asked is said, with the reason", () => {
    expect(sel.skipped).toEqual([
      { owner: null, reason: "1 open item has no owner (tracker row 9)" },
      {
        owner: "DCI Ravi Patel",
        reason: expect.stringMatching(/^1 open item left out: no Ref.*tracker row 7/),
      },
      { owner: "Director of HR", reason: "no open items (1 closed item)" },
      {
        owner: "Head of Contact",
        reason: expect.stringMatching(
          /^2 open items left out: their Refs are on more than one tracker row \(rows 10, 11\)/
        ),
      },
    ]);
  });

  test("--owner: only those owners, any case; unknown names and owners with nothing open are skipped", () => {
    const only = selectRequests(ROWS, {
      date: TODAY,
      owners: ["SUPT ADA MORGAN", "Nobody Here", "Director of HR"],
    });
    expect(only.requests.map((r) => r.owner)).toEqual(["Supt Ada Morgan"]);
    expect(only.skipped).toEqual([
      { owner: "Nobody Here", reason: "no item in the tracker has this owner" },
      { owner: "Director of HR", reason: "no open items (1 closed item)" },
    ]);
  });

  test("file names every file system takes, unique within the request", () => {
    expect(ownerFileName('Head of "Crime"/Justice: North*', TODAY)).toBe(
      "Updates - Head of Crime Justice North - 2026-06-30.xlsx"
    );
    const clash = selectRequests(
      rowsOf([
        { ref: "A", owner: "A/B", status: "Red" },
        { ref: "B", owner: "A:B", status: "Red" },
      ]),
      { date: TODAY }
    );
    expect(clash.requests.map((r) => r.fileName)).toEqual([
      "Updates - A B - 2026-06-30.xlsx",
      "Updates - A B (2) - 2026-06-30.xlsx",
    ]);
  });
});

describe("fingerprints and stamps", () => {
  const base = {
    ref: "WP-1",
    status: "Red",
    targetDate: serial(2026, 9, 30),
    progress: "Line one\nline two",
  };

  test("a fingerprint ignores how a value is written, not what it says", () => {
    const fp = rowFingerprint(base);
    expect(rowFingerprint({ ...base, progress: "Line one  \r\nline two  " })).toBe(fp);
    expect(rowFingerprint({ ...base, targetDate: "30/09/2026" })).toBe(fp);
    expect(rowFingerprint({ ...base, status: "Amber" })).not.toBe(fp);
    // Check's Fix all re-spelling a status ("red " to "Red") does not change the row.
    expect(rowFingerprint({ ...base, status: " red " })).toBe(fp);
    expect(rowFingerprint({ ...base, owner: "Someone else" })).not.toBe(fp);
    expect(rowFingerprint({ ...base, targetDate: serial(2026, 10, 1) })).not.toBe(fp);
    expect(canonicalDate("Q4 2026/27")).toBe("t:Q4 2026/27");
  });

  const req = selectRequests(ROWS, { date: TODAY }).requests[1];
  const stamp = stampFor(req);

  test("a stamp reads back as written", () => {
    const read = readStamp(stampGrid(stamp));
    expect(read).toEqual({ ok: true, stamp });
  });

  test("an edited stamp, a missing one and another kind of workbook are refused", () => {
    const grid = stampGrid(stamp);
    grid.values[1][4] = "WP-1 (edited)";
    expect(readStamp(grid)).toEqual({
      ok: false,
      reason: expect.stringContaining("request stamp has been changed (row 2)"),
    });
    const keys = stampGrid(stamp);
    keys.values[4][1] = "R-OTHER";
    expect(readStamp(keys)).toEqual({
      ok: false,
      reason: expect.stringContaining("(its checksum)"),
    });
    expect(readStamp(null)).toEqual({
      ok: false,
      reason: expect.stringContaining("not an update workbook made by Inspection Tracker"),
    });
    const other = stampGrid(stamp);
    other.values[1][1] = "Someone else's tool";
    expect(readStamp(other).ok).toBe(false);
    const version = stampGrid(stamp);
    version.values[2][1] = "9";
    expect(readStamp(version)).toEqual({ ok: false, reason: expect.stringContaining("version 9") });
  });
});

describe("a returned Updates sheet as people leave it", () => {
  const req = selectRequests(ROWS, { date: TODAY }).requests[1];

  test("the header is found below inserted rows, columns by header wherever they were moved", () => {
    const grid = updatesGrid(req);
    grid.splice(2, 0, ["A note the owner added above the table"], []);
    // Move Status to the end and add a column of the owner's own.
    for (const row of grid.slice(8)) row.push(row.splice(4, 1)[0] ?? null, "my note");
    grid[8] = [...grid[8].slice(0, -1), "Owner's notes"];
    const read = readUpdatesSheet({ row: 0, col: 0, values: grid }, "Updates");
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.sheet.headerRow).toBe(9);
    expect(read.sheet.rows.map((r) => [r.ref, r.cells.Status.value])).toEqual([
      ["WP-1", "Red"],
      ["WP-2", "Amber"],
    ]);
  });

  test("a sheet without the header row is refused with the reason", () => {
    expect(readUpdatesSheet({ row: 0, col: 0, values: [["Hello"], ["World"]] }, "Updates")).toEqual(
      {
        ok: false,
        reason: "its 'Updates' sheet has no header row with Ref and the update columns",
      }
    );
  });
});

describe("returned values judged", () => {
  const cell = (value: Value, numberFormat = "General") => ({
    value,
    text: String(value ?? ""),
    numberFormat,
  });

  test("statuses: names in any case, whole-word synonyms; abbreviations and misspellings refused", () => {
    expect(returnedStatus(cell("Green"))).toEqual({ ok: true, value: "Green", note: null });
    expect(returnedStatus(cell(" green "))).toEqual({
      ok: true,
      value: "Green",
      note: "'green' read as Green",
    });
    expect(returnedStatus(cell("Completed"))).toEqual({
      ok: true,
      value: "Complete",
      note: "'Completed' read as Complete",
    });
    expect(returnedStatus(cell("grn"))).toEqual({
      ok: false,
      reason: "'grn' is not a status: choose one of Red, Amber, Green, Complete, Superseded",
    });
    expect(returnedStatus(cell("G")).ok).toBe(false);
    expect(returnedStatus(cell("A/G"))).toEqual({
      ok: false,
      reason: expect.stringContaining("names more than one status"),
    });
    expect(returnedStatus(cell("#N/A"))).toEqual({
      ok: false,
      reason: "#N/A is an Excel error, not an answer",
    });
  });

  test("dates: a date cell, a day written as text, a period's last day said so; anything else refused", () => {
    expect(returnedDate(cell(serial(2026, 12, 31), "dd/mm/yyyy"))).toEqual({
      ok: true,
      value: serial(2026, 12, 31),
      note: null,
    });
    expect(returnedDate(cell("31/12/2026"))).toEqual({
      ok: true,
      value: serial(2026, 12, 31),
      note: null,
    });
    expect(returnedDate(cell("31 December 2026")).ok).toBe(true);
    expect(returnedDate(cell("Q4 2026/27"))).toEqual({
      ok: true,
      value: serial(2027, 3, 31),
      note: "'Q4 2026/27' read as 31/03/2027, the last day of that period",
    });
    expect(returnedDate(cell("next month"))).toEqual({
      ok: false,
      reason: "'next month' is not a date (write dd/mm/yyyy)",
    });
    expect(returnedDate(cell("Q4 2026"))).toEqual({
      ok: false,
      reason: expect.stringContaining("could be calendar Q4 2026"),
    });
    expect(returnedDate(cell(2027))).toEqual({
      ok: false,
      reason: "'2027' is not a date (write dd/mm/yyyy)",
    });
    expect(returnedDate(cell(46387))).toEqual({ ok: true, value: 46387, note: null });
  });
});

describe("the merge's lists", () => {
  const tracker = (rows = ROWS, trackerId: string | null = "T-TEST"): TrackerForMerge => ({
    trackerId,
    rows,
    columns: new Set(TRACKER_COLUMNS.map((c) => c.key)),
    vocabulary: [
      { name: "Red", meaning: "", colour: "#C00000", fontColour: "#FFFFFF", closed: false },
      { name: "Amber", meaning: "", colour: "#FFC000", fontColour: "#000000", closed: false },
      { name: "Green", meaning: "", colour: "#00B050", fontColour: "#000000", closed: false },
      { name: "Complete", meaning: "", colour: "#0070C0", fontColour: "#FFFFFF", closed: true },
      { name: "Superseded", meaning: "", colour: "#7F7F7F", fontColour: "#FFFFFF", closed: true },
    ],
  });
  const req = selectRequests(ROWS, { date: TODAY }).requests[1]; // Supt Ada Morgan: WP-1, WP-2
  const stamp = stampFor(req);

  test("every change listed with ref, column, from, to and owner; green normalised, grn refused", () => {
    const grid = updatesGrid(req);
    edit(grid, "WP-1", "Status", "green");
    edit(grid, "WP-1", "Progress update", "=Twelve call handlers recruited");
    edit(grid, "WP-1", "Revised target date", "31/12/2026");
    edit(grid, "WP-2", "Status", "grn");
    edit(grid, "WP-2", "Next steps", "Train the contact centre.");
    const d = decideMerge(tracker(), [returnedFile("ada.xlsx", stamp, grid)]);
    expect(d.changes.map((c) => [c.ref, c.column, c.from, c.to, c.owner, c.note])).toEqual([
      ["WP-1", "Target date", serial(2026, 9, 30), serial(2026, 12, 31), "Supt Ada Morgan", null],
      ["WP-1", "Status", "Red", "Green", "Supt Ada Morgan", "'green' read as Green"],
      [
        "WP-1",
        "Progress update",
        "Recruiting.",
        "=Twelve call handlers recruited",
        "Supt Ada Morgan",
        null,
      ],
      ["WP-2", "Next steps", null, "Train the contact centre.", "Supt Ada Morgan", null],
    ]);
    expect(d.rejected).toEqual([
      {
        file: "ada.xlsx",
        ref: "WP-2",
        column: "Status",
        value: "grn",
        reason: "'grn' is not a status: choose one of Red, Amber, Green, Complete, Superseded.",
      },
    ]);
    expect(d.conflicts).toEqual([]);
    expect(d.unknown).toEqual([]);
    expect(d.files[0]).toMatchObject({
      file: "ada.xlsx",
      read: true,
      owner: "Supt Ada Morgan",
      rows: 2,
      missing: [],
    });
  });

  test("a tracker row changed since the request: a conflict with both values, nothing applied", () => {
    const rows = rowsOf(ROWS.map((r) => ({ ...r.values })));
    rows[0].values.status = "Amber"; // the analyst changed WP-1 after sending
    const grid = updatesGrid(req);
    edit(grid, "WP-1", "Status", "Green");
    edit(grid, "WP-1", "Progress update", "All recruited.");
    const d = decideMerge(tracker(rows), [returnedFile("ada.xlsx", stamp, grid)]);
    expect(d.changes).toEqual([]);
    expect(d.conflicts.map((c) => [c.ref, c.column, c.tracker, c.returned])).toEqual([
      ["WP-1", "Status", "Amber", "Green"],
      ["WP-1", "Progress update", "Recruiting.", "All recruited."],
    ]);
    // The reason says what changed in the tracker, as sent and now.
    expect(d.conflicts[0].reason).toBe(
      "The tracker row changed since the request of 30/06/2026 (Status was 'Red' when sent, 'Amber' now), so the owner's answer was not applied: compare the two, and apply it by hand if it still stands."
    );
  });

  test("an item given to another owner since the request: the answer is not applied, and why", () => {
    const rows = rowsOf(ROWS.map((r) => ({ ...r.values })));
    rows[0].values.owner = "DCI Ravi Patel"; // WP-1 moved from Ada to Ravi after sending
    const grid = updatesGrid(req);
    edit(grid, "WP-1", "Status", "Green");
    edit(grid, "WP-2", "Status", "Red");
    const d = decideMerge(tracker(rows), [returnedFile("ada.xlsx", stamp, grid)]);
    // WP-2 is still Ada's: her answer there is applied.
    expect(d.changes.map((c) => [c.ref, c.column, c.to])).toEqual([["WP-2", "Status", "Red"]]);
    expect(d.conflicts.map((c) => [c.ref, c.column, c.owner, c.reason])).toEqual([
      [
        "WP-1",
        "Status",
        "Supt Ada Morgan",
        "Since the request of 30/06/2026 this item has been given to DCI Ravi Patel (it was sent to Supt Ada Morgan), so this answer was not applied: the tracker row changed since the request. Ask DCI Ravi Patel for an update, or apply it by hand if it still stands.",
      ],
    ]);
  });

  test("a stale reply: answers to a later request were merged into the row since", () => {
    const grid = updatesGrid(req);
    edit(grid, "WP-1", "Status", "Amber");
    // After this request (30/06/2026) a later one (30/09/2026) set WP-1 to Green and was merged.
    const rows = rowsOf(ROWS.map((r) => ({ ...r.values })));
    rows[0].values.status = "Green";
    const log = [
      { ref: "WP-1", requestId: "R-2026-09-30-LATER", requestedOn: serial(2026, 9, 30) },
      { ref: "WP-2", requestId: "R-2026-03-31-OLDER", requestedOn: serial(2026, 3, 31) },
    ];
    const d = decideMerge({ ...tracker(rows), log }, [returnedFile("ada.xlsx", stamp, grid)]);
    expect(d.changes).toEqual([]);
    expect(d.conflicts.map((c) => [c.ref, c.tracker, c.returned, c.reason])).toEqual([
      [
        "WP-1",
        "Green",
        "Amber",
        "This reply answers an older request (R-2026-06-30-TEST, sent 30/06/2026); answers to a later request (R-2026-09-30-LATER, sent 30/09/2026) have been merged into this row since, so it was not applied: the tracker row changed since the request.",
      ],
    ]);
  });

  test("merged in part (one answer unticked), the rest can be merged later without a conflict", () => {
    const grid = updatesGrid(req);
    edit(grid, "WP-1", "Status", "Green");
    edit(grid, "WP-1", "Progress update", "All recruited.");
    const file = returnedFile("ada.xlsx", stamp, grid);
    // Only the status was applied the first time.
    const after = rowsOf(ROWS.map((r) => ({ ...r.values })));
    after[0].values.status = "Green";
    const again = decideMerge(tracker(after), [file]);
    expect(again.conflicts).toEqual([]);
    expect(again.changes.map((c) => [c.ref, c.column, c.from, c.to])).toEqual([
      ["WP-1", "Progress update", "Recruiting.", "All recruited."],
    ]);
    // But a change someone else made to the row still stops it.
    after[0].values.nextSteps = "Analyst's note";
    expect(decideMerge(tracker(after), [file]).conflicts.map((c) => c.reason)).toEqual([
      expect.stringContaining("(Next steps was blank when sent, 'Analyst's note' now)"),
    ]);
  });

  test("rows removed from the returned sheet are named; rows added to the tracker since are not asked about", () => {
    const grid = updatesGrid(req);
    grid.splice(
      grid.findIndex((r) => r[0] === "WP-2"),
      1
    ); // the owner deleted WP-2's row
    edit(grid, "WP-1", "Status", "Green");
    const rows = rowsOf([
      ...ROWS.map((r) => ({ ...r.values })),
      { ref: "WP-10", owner: "Supt Ada Morgan", status: "Red" },
    ]);
    const d = decideMerge(tracker(rows), [returnedFile("ada.xlsx", stamp, grid)]);
    expect(d.changes.map((c) => c.ref)).toEqual(["WP-1"]);
    expect(d.files[0].missing).toEqual(["WP-2"]);
    expect(d.conflicts).toEqual([]);
    expect(d.unknown).toEqual([]);
  });

  test("applied once, the same file changes nothing the second time", () => {
    const grid = updatesGrid(req);
    edit(grid, "WP-1", "Status", "Green");
    edit(grid, "WP-2", "Status", "grn");
    const file = returnedFile("ada.xlsx", stamp, grid);
    const first = decideMerge(tracker(), [file]);
    expect(first.changes).toHaveLength(1);
    const after = rowsOf(ROWS.map((r) => ({ ...r.values })));
    after[0].values.status = "Green";
    const second = decideMerge(tracker(after), [file]);
    expect(second.changes).toEqual([]);
    expect(second.conflicts).toEqual([]);
    // What was refused stays refused, for the same reason.
    expect(second.rejected).toEqual(first.rejected);
  });

  test("rows added by hand, a Ref the tracker no longer has, locked columns, cleared cells", () => {
    const grid = updatesGrid(req);
    grid.push(["WP-99", "PEEL", "A row the owner added", null, "Green"]);
    grid.push([null, null, null, null, null, "A note under the table"]);
    edit(grid, "WP-1", "Recommendation", "Answer calls faster (reworded by the owner).");
    edit(grid, "WP-1", "Target date", "31/03/2027");
    edit(grid, "WP-1", "Progress update", null);
    const rows = rowsOf(ROWS.filter((r) => r.values.ref !== "WP-2").map((r) => ({ ...r.values })));
    const d = decideMerge(tracker(rows), [returnedFile("ada.xlsx", stamp, grid)]);
    expect(d.changes).toEqual([]);
    expect(d.unknown.map((u) => [u.ref, u.row, u.reason])).toEqual([
      ["WP-2", 9, "the tracker has no item with this Ref (removed or renamed since the request)"],
      ["WP-99", 10, expect.stringContaining("was not sent in this request")],
      ["", 11, "the row has no Ref, so it was not read"],
    ]);
    expect(d.rejected.map((r) => [r.ref, r.column, r.reason])).toEqual([
      [
        "WP-1",
        "Recommendation",
        "Recommendation is not for owners to change: the edit was ignored.",
      ],
      ["WP-1", "Target date", "Target date is not for owners to change: the edit was ignored."],
      [
        "WP-1",
        "Progress update",
        "Progress update was cleared: a blank answer never erases what the tracker holds.",
      ],
    ]);
  });

  test("files that are not ours, or come from another tracker, are refused whole", () => {
    const grid = updatesGrid(req);
    edit(grid, "WP-1", "Status", "Green");
    const d = decideMerge(tracker(), [
      returnedFile("someones-own.xlsx", null, grid),
      returnedFile("other-tracker.xlsx", { ...stamp, trackerId: "T-OTHER" }, grid),
    ]);
    expect(d.changes).toEqual([]);
    expect(d.files.map((f) => [f.file, f.read, f.reason])).toEqual([
      [
        "someones-own.xlsx",
        false,
        expect.stringContaining("not an update workbook made by Inspection Tracker"),
      ],
      [
        "other-tracker.xlsx",
        false,
        "it comes from another tracker: merge it into the tracker that sent it",
      ],
    ]);
    expect(d.rejected.map((r) => [r.ref, r.column, r.value])).toEqual([
      [null, null, "someones-own.xlsx"],
      [null, null, "other-tracker.xlsx"],
    ]);
    // A tracker that never sent a request has no id: nothing can be from it.
    expect(
      decideMerge(tracker(ROWS, null), [returnedFile("a.xlsx", stamp, grid)]).files[0].reason
    ).toContain("never sent a request");
  });

  test("two files, one cell: the same answer once; different answers conflict", () => {
    const a = updatesGrid(req);
    const b = updatesGrid(req);
    edit(a, "WP-1", "Status", "Green");
    edit(b, "WP-1", "Status", "green");
    const same = decideMerge(tracker(), [
      returnedFile("a.xlsx", stamp, a),
      returnedFile("b.xlsx", stamp, b),
    ]);
    expect(same.changes.map((c) => [c.file, c.to])).toEqual([["a.xlsx", "Green"]]);
    edit(b, "WP-1", "Status", "Amber");
    const differ = decideMerge(tracker(), [
      returnedFile("a.xlsx", stamp, a),
      returnedFile("b.xlsx", stamp, b),
    ]);
    expect(differ.changes.filter((c) => c.column === "Status")).toEqual([]);
    expect(differ.conflicts.map((c) => [c.file, c.returned])).toEqual([
      ["a.xlsx", "Green"],
      ["b.xlsx", "Amber"],
    ]);
  });

  test("a column the tracker lacks is refused, not guessed", () => {
    const grid = updatesGrid(req);
    edit(grid, "WP-1", "Evidence", "Recruitment report");
    const t = tracker();
    const cols = new Set(t.columns);
    cols.delete("evidence");
    const d = decideMerge({ ...t, columns: cols }, [returnedFile("ada.xlsx", stamp, grid)]);
    expect(d.rejected.map((r) => r.reason)).toEqual([
      "The tracker has no 'Evidence' column to write it to.",
    ]);
  });
});
