/**
 * Adopting from where the office is: a sheet that looks like a tracker the office
 * keeps (the header synonyms Adopt knows) is found when the workbook has no tracker, or an empty
 * one, so the pane leads with Adopt; the read stays a constant number of syncs.
 */
import { trackerLike } from "../../src/domain/adopt";
import { TABLES } from "../../src/domain/columns";
import { readState, setupTracker } from "../../src/engine/setup";
import { adoptSheet } from "../../src/engine/adopt";
import { createExcelHost } from "../../src/hosts/excel";
import { toExcelSerial } from "../../src/domain/dates";
import { createFakeExcel } from "../fakes/fake-excel";
import { MESSY_ROWS, gridValues } from "./messy";

const grid = (rows: string[][], name = "OPCC tracker") => ({
  name,
  row: 0,
  col: 0,
  values: gridValues(rows),
});

describe("trackerLike", () => {
  it("finds the messy tracker's header row and names the headings it recognised", () => {
    const like = trackerLike(grid(MESSY_ROWS));
    expect(like).not.toBeNull();
    expect(like!.sheet).toBe("OPCC tracker");
    expect(like!.headings.length).toBeGreaterThanOrEqual(3);
    expect(like!.headings).toEqual(expect.arrayContaining(["RAG"]));
    expect(like!.rows).toBeGreaterThan(10);
  });

  it("is null for a sheet that is not a tracker, for headings without rows, and for an empty sheet", () => {
    const budget = [
      ["Budget line", "2025/26", "2026/27", "Variance"],
      ["Estates", "120000", "125000", "5000"],
    ];
    expect(trackerLike(grid(budget))).toBeNull();
    expect(trackerLike(grid([MESSY_ROWS[2]]))).toBeNull();
    expect(trackerLike(grid([[""]]))).toBeNull();
    // Owner, status and date alone are a task list, not a tracker of recommendations.
    expect(
      trackerLike(
        grid([
          ["Owner", "Status", "Target date"],
          ["DCI Hale", "Green", "31/03/2026"],
        ])
      )
    ).toBeNull();
  });
});

describe("readState looks for a sheet to adopt", () => {
  function workbook(sheets: string[]) {
    const fake = createFakeExcel({ sheets });
    fake.seed("OPCC tracker", `A1:I${MESSY_ROWS.length}`, MESSY_ROWS);
    return { fake, host: createExcelHost({ excel: fake.Excel }) };
  }

  it("no tracker: names the sheet and its headings; set up: still offered while the tracker is empty; adopted: no longer looked for", async () => {
    const { fake, host } = workbook(["Budget", "OPCC tracker"]);
    let before = fake.syncCount;
    const state = await readState(host);
    const firstSyncs = fake.syncCount - before;
    expect(state.kind).toBe("none");
    expect(state.adoptable).toMatchObject({ sheet: "OPCC tracker" });
    expect(state.message).toMatch(
      /^No tracker yet\. 'OPCC tracker' looks like a tracker you keep \(headings Ref, Recommendation, Lead, Target date…\): adopt it to keep its rows\.$/
    );

    // The natural click: Set up. The tracker is empty, and the sheet is still offered.
    await setupTracker(host);
    const empty = await readState(host);
    expect(empty.kind).toBe("ready");
    expect(empty.adoptable).toMatchObject({ sheet: "OPCC tracker" });
    expect(empty.message).toMatch(/^Tracker ready, with no rows yet\. 'OPCC tracker' looks like/);

    // Adopt fills the empty tracker; then nothing more is read to find a sheet.
    await adoptSheet(host, {
      sheet: "OPCC tracker",
      today: toExcelSerial({ y: 2026, m: 1, d: 20 }),
    });
    before = fake.syncCount;
    const adopted = await readState(host);
    expect(adopted.kind).toBe("ready");
    expect(adopted.rows).toBeGreaterThan(10);
    expect(adopted.adoptable).toBeUndefined();
    // Finding the sheet costs one more sync at most, whatever its size.
    const laterSyncs = fake.syncCount - before;
    expect(laterSyncs).toBeLessThan(firstSyncs);
    console.log(
      `readState syncs: no tracker, a sheet to adopt ${firstSyncs}; a tracker with rows ${laterSyncs}`
    );
    expect(fake.table(TABLES.tracker)!.body.length).toBe(adopted.rows);
  });

  it("a workbook of sheets that are not trackers: plain 'No tracker yet'", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"] });
    fake.seed("Sheet1", "A1:B2", [
      ["Budget line", "Amount"],
      ["Estates", "1200"],
    ]);
    const state = await readState(createExcelHost({ excel: fake.Excel }));
    expect(state).toMatchObject({ kind: "none", message: "No tracker yet" });
    expect(state.adoptable).toBeUndefined();
  });
});
