/**
 * The update round in the in-memory Excel: asking and merging in a constant number of syncs for
 * 10 and 1,000 items; each owner's workbook opened with Excel.createWorkbook (guarded, with a
 * plain message where ExcelApi 1.8 is missing); the new plan ops (protection with unlocked
 * columns, date validation) through the Excel host.
 */
import { TABLES } from "../../src/domain/columns";
import { isTrackerError } from "../../src/domain/errors";
import { setupTracker } from "../../src/engine/setup";
import {
  applyMerge,
  makeOwnerWorkbook,
  openUpdateLog,
  previewMerge,
  readReturned,
  requestUpdates,
} from "../../src/engine/updates";
import { NO_NEW_WORKBOOKS, createExcelHost, type ExcelHost } from "../../src/hosts/excel";
import * as memory from "../../src/hosts/xlsx/memory";
import { UPDATE_LOG_TABLE } from "../../src/workbook/updates";
import { createFakeExcel, type FakeExcel } from "../fakes/fake-excel";
import { DUE, TODAY, rowCells, trackerRow } from "./fixtures";
import { edited } from "./returned";

const NEXT = { y: 2026, m: 9, d: 30 };
const NEXT_DUE = { y: 2026, m: 10, d: 14 };

const OWNERS = Array.from({ length: 10 }, (_, i) => `Owner ${String.fromCharCode(65 + i)}`);

async function excelTracker(
  n: number,
  client?: Parameters<typeof createFakeExcel>[0]
): Promise<{ fake: FakeExcel; host: ExcelHost }> {
  const fake = createFakeExcel({ sheets: ["Sheet1"], ...client });
  const host = createExcelHost({
    excel: fake.Excel,
    office: fake.Office,
    workbookFiles: async () => memory,
  });
  await setupTracker(host);
  const rows = Array.from({ length: n }, (_, i) => rowCells(trackerRow(i, OWNERS)));
  await host.run("seed", (s) =>
    s.apply({ ops: [{ op: "appendRows", table: TABLES.tracker, rows }] })
  );
  return { fake, host };
}

function bytesOf(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, "base64"));
}

async function round(n: number) {
  const T = Date.now();
  const lap = (w: string) => process.env.LAP && console.log(w, Date.now() - T);
  const { fake, host } = await excelTracker(n);
  lap("tracker");
  let before = fake.syncCount;
  const request = await requestUpdates(host, { today: TODAY, due: DUE });
  const requestSyncs = fake.syncCount - before;
  const items = request.requests.reduce((k, r) => k + r.items, 0);

  lap("request");
  before = fake.syncCount;
  for (const r of request.requests) await makeOwnerWorkbook(host, r);
  const createSyncs = fake.syncCount - before;
  expect(fake.createdWorkbooks).toHaveLength(request.requests.length);

  // Every owner answers: each open row's Status becomes Green (or Amber where it was Green).
  const returned = await Promise.all(
    request.requests.map(async (r, i) => {
      const bytes = bytesOf(fake.createdWorkbooks[i]);
      const edits = r.refs.map((ref): [string, string, string] => [
        ref,
        "Progress update",
        `Answer for ${ref}`,
      ]);
      return { name: r.fileName, bytes: await edited(bytes, edits) };
    })
  );
  lap("made+edited");
  const files = await readReturned(
    returned.map((f) => ({ name: f.name, open: () => host.openWorkbook!(f.name, f.bytes) }))
  );
  lap("read returned");
  before = fake.syncCount;
  const preview = await previewMerge(host, files);
  const previewSyncs = fake.syncCount - before;
  lap("preview");
  before = fake.syncCount;
  const merged = await applyMerge(host, files, { today: TODAY });
  const mergeSyncs = fake.syncCount - before;
  lap("merged");

  // The same files again: one read, nothing to write.
  before = fake.syncCount;
  const again = await applyMerge(host, files, { today: TODAY });
  const mergeAgainSyncs = fake.syncCount - before;
  expect(again.applied).toEqual([]);
  // Open the Update log.
  before = fake.syncCount;
  await openUpdateLog(host, merged.logSheet);
  const openLogSyncs = fake.syncCount - before;

  // The next quarter: the tracker has its id (one read); the merge adds to the Update log.
  before = fake.syncCount;
  const next = await requestUpdates(host, { today: NEXT, due: NEXT_DUE });
  const nextRequestSyncs = fake.syncCount - before;
  const made = fake.createdWorkbooks.length;
  for (const r of next.requests) await makeOwnerWorkbook(host, r);
  const nextFiles = await readReturned(
    await Promise.all(
      next.requests.map(async (r, i) => {
        const bytes = await edited(
          bytesOf(fake.createdWorkbooks[made + i]),
          r.refs.map((ref): [string, string, string] => [ref, "Next steps", `Next for ${ref}`])
        );
        return { name: r.fileName, open: () => host.openWorkbook!(r.fileName, bytes) };
      })
    )
  );
  before = fake.syncCount;
  const nextMerged = await applyMerge(host, nextFiles, { today: NEXT });
  const nextMergeSyncs = fake.syncCount - before;
  expect(nextMerged.applied).toHaveLength(items);
  lap("next quarter");
  return {
    fake,
    host,
    request,
    items,
    preview,
    merged,
    syncs: {
      requestSyncs,
      createSyncs,
      previewSyncs,
      mergeSyncs,
      mergeAgainSyncs,
      openLogSyncs,
      nextRequestSyncs,
      nextMergeSyncs,
    },
  };
}

describe("the update round in the Excel double", () => {
  test("asking and merging take the same few syncs for 10 and 1,000 items", async () => {
    const small = await round(10);
    const large = await round(1_000);
    expect(small.items).toBeGreaterThan(5);
    expect(large.items).toBeGreaterThan(600);
    expect(large.merged.applied).toHaveLength(large.items);
    // Ask: one read, one write (the tracker's id, the first time); the workbooks are no syncs.
    // Merge: one read to list, one read and one write to apply; again: the read alone. Open the
    // log: one. The next quarter: asking is one read; merging adds to the Update log in one write.
    expect(small.syncs).toEqual({
      requestSyncs: 2,
      createSyncs: 0,
      previewSyncs: 1,
      mergeSyncs: 2,
      mergeAgainSyncs: 1,
      openLogSyncs: 1,
      nextRequestSyncs: 1,
      nextMergeSyncs: 2,
    });
    expect(large.syncs).toEqual(small.syncs);
    expect(large.fake.table(UPDATE_LOG_TABLE)!.body).toHaveLength(2 * large.items);
    // What the merge wrote, as Excel holds it.
    const t = large.fake.table(TABLES.tracker)!;
    const col = (h: string) => t.headers.indexOf(h);
    const first = large.request.requests[0].refs[0];
    const row = t.body.find((r) => r[col("Ref")] === first)!;
    expect(row[col("Progress update")]).toBe(`Answer for ${first}`);
    expect(row[col("Next steps")]).toBe(`Next for ${first}`);
    expect(row[col("Last updated")]).toBe(46295); // 30/09/2026, the second merge
  });

  test("each owner's workbook opens with Excel.createWorkbook: the bytes the command line writes", async () => {
    const { fake, host } = await excelTracker(10);
    const request = await requestUpdates(host, { today: TODAY, due: DUE, newId: () => "X" });
    await makeOwnerWorkbook(host, request.requests[0]);
    const opened = bytesOf(fake.createdWorkbooks[0]);
    expect(Buffer.from(opened.subarray(0, 2)).toString()).toBe("PK");
    const back = await memory.openWorkbookBytes("opened.xlsx", opened);
    const snap = await back.run("r", (s) => s.read({ sheets: ["Updates"] }));
    expect(snap.sheets.map((s) => [s.name, s.visibility, s.protected])).toEqual([
      ["Updates", "visible", true],
      ["_UpdateRequest", "veryHidden", false],
    ]);
    expect(snap.sheetValues.Updates.values[0][0]).toBe(
      `Update request for ${request.requests[0].owner}`
    );
  });

  test("without ExcelApi 1.8 (volume-licensed Office 2019) the pane says so plainly and opens nothing", async () => {
    const { fake, host } = await excelTracker(10, { client: { name: "windows", api: 7 } });
    const request = await requestUpdates(host, { today: TODAY, due: DUE });
    const e = await makeOwnerWorkbook(host, request.requests[0]).catch((x) => x);
    expect(isTrackerError(e)).toBe(true);
    expect(e.code).toBe("unsupported");
    expect(e.message).toBe(NO_NEW_WORKBOOKS);
    expect(fake.createdWorkbooks).toEqual([]);
  });

  test("protection with unlocked columns and date validation, applied by the Excel host", async () => {
    const fake = createFakeExcel({ sheets: ["Sheet1"] });
    const host = createExcelHost({ excel: fake.Excel });
    const ops = [
      { op: "ensureSheet", sheet: "Updates" },
      {
        op: "createTable",
        sheet: "Updates",
        table: {
          name: "tblU",
          row: 0,
          col: 0,
          headers: ["Ref", "Status", "Due"],
          rows: [
            ["A", "Red", null],
            ["B", "Green", null],
          ],
          columnFormats: ["@", "@", "dd/mm/yyyy"],
          style: "TableStyleMedium2",
        },
      },
      {
        op: "dateValidation",
        target: { table: "tblU", column: "Due" },
        from: 36526,
        to: 73415,
        title: "Due",
        prompt: "A date",
        error: "Not a date",
      },
      {
        op: "protectSheet",
        sheet: "Updates",
        unlocked: [
          { table: "tblU", column: "Status" },
          { table: "tblU", column: "Due" },
        ],
      },
    ] as const;
    const before = fake.syncCount;
    await host.run("protect", async (s) => {
      await s.read({});
      await s.apply({ ops: ops as never });
    });
    // One read, then every op in one sync.
    expect(fake.syncCount - before).toBe(2);
    const sheet = fake.sheet("Updates")!;
    expect(sheet.protected).toBe(true);
    expect(sheet.protectionOptions).toEqual({
      allowFormatColumns: true,
      allowFormatRows: true,
      allowAutoFilter: true,
    });
    expect(fake.cell("Updates", "A2")?.fmt?.locked).toBeUndefined();
    expect(fake.cell("Updates", "B2")?.fmt?.locked).toBe(false);
    expect(fake.cell("Updates", "C3")?.fmt?.locked).toBe(false);
    const [dv] = fake.validationsOn("Updates", "C2:C3");
    expect(dv.rule).toEqual({
      date: { formula1: "2000-01-01", formula2: "2100-12-31", operator: "Between" },
    });
    // Protecting has no undo support (docs "Undo capabilities"): the plan ran unmerged.
    expect(fake.syncLog.some((r) => r.failed === "UndoNotSupported")).toBe(false);
    // A protected sheet is refused before anything is sent, with the plain message.
    const again = await host
      .run("again", (s) => s.apply({ ops: [ops[3]] as never }))
      .catch((x) => x);
    expect(again.code).toBe("protected");
  });
});
