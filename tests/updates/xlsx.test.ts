/**
 * The update round through the xlsx host: each owner's workbook as the request makes it (what
 * is locked, the dropdown, colours and date check, the very hidden stamp), then returned
 * workbooks edited the way people edit them, merged into the tracker.
 */
import { TABLES } from "../../src/domain/columns";
import { toExcelSerial } from "../../src/domain/dates";
import { STAMP_SHEET, UPDATES_SHEET } from "../../src/domain/updates";
import {
  applyMerge,
  makeOwnerWorkbook,
  previewMerge,
  readReturned,
  requestUpdates,
  type RequestResult,
} from "../../src/engine/updates";
import { createXlsxHost, type XlsxHost } from "../../src/hosts/xlsx";
import { openWorkbookBytes } from "../../src/hosts/xlsx/memory";
import { META_TRACKER_ID, RETURNED_READ, UPDATE_LOG_TABLE } from "../../src/workbook/updates";
import { DUE, TODAY, trackerWith, type RowValues } from "./fixtures";
import { cellOf, edited, load, rebuiltByHand } from "./returned";

const serial = (y: number, m: number, d: number) => toExcelSerial({ y, m, d });

const ROWS: RowValues[] = [
  {
    ref: "WP-1",
    inspection: "PEEL 2025",
    recommendation: "Answer 999 calls faster.",
    owner: "Supt Ada Morgan",
    targetDate: serial(2026, 9, 30),
    status: "Red",
    progress: "Recruiting call handlers.",
  },
  {
    ref: "WP-2",
    inspection: "PEEL 2025",
    recommendation: "Record risk at first contact.",
    owner: "Supt Ada Morgan",
    targetDate: serial(2026, 10, 31),
    status: "Amber",
    nextSteps: "=Train staff",
  },
  {
    ref: "WP-3",
    inspection: "PEEL 2025",
    recommendation: "Allocate investigations well.",
    owner: "Supt Ada Morgan",
    status: "Complete",
  },
  {
    ref: "WP-4",
    inspection: "Spotlight",
    recommendation: "Supervise investigations.",
    owner: "DCI Ravi Patel",
    targetDate: serial(2026, 12, 31),
    status: "Green",
  },
  {
    ref: "WP-5",
    inspection: "Spotlight",
    recommendation: "Follow the Victims' Code.",
    owner: "DCI Ravi Patel",
    status: null,
  },
];

async function requested(
  rows = ROWS,
  prefix = "ID"
): Promise<{ host: XlsxHost; result: RequestResult; files: Map<string, Uint8Array> }> {
  const host = await trackerWith(rows);
  const result = await requestUpdates(host, { today: TODAY, due: DUE, newId: counter(prefix) });
  const files = new Map<string, Uint8Array>();
  for (const r of result.requests) files.set(r.owner, (await makeOwnerWorkbook(host, r)).bytes!);
  return { host, result, files };
}

function counter(prefix = "ID") {
  let n = 0;
  return () => `${prefix}${++n}`;
}

function trackerValues(host: XlsxHost, ref: string, header: string) {
  return host.run("t", async (s) => {
    const t = (await s.read({ tables: [TABLES.tracker] })).tables[TABLES.tracker];
    const row = t.rows.find((r) => r[t.headers.indexOf("Ref")] === ref)!;
    return row[t.headers.indexOf(header)];
  });
}

async function merge(host: XlsxHost, files: [string, Uint8Array][], accept?: Set<string>) {
  const returned = await readReturned(
    files.map(([name, bytes]) => ({ name, open: () => openWorkbookBytes(name, bytes) }))
  );
  return applyMerge(host, returned, { today: { y: 2026, m: 7, d: 10 }, accept });
}

describe("asking: each owner's workbook", () => {
  test("one workbook per owner with open items, the tracker given an id once", async () => {
    const { host, result } = await requested();
    expect(result.requests.map((r) => [r.owner, r.fileName, r.refs])).toEqual([
      ["DCI Ravi Patel", "Updates - DCI Ravi Patel - 2026-06-30.xlsx", ["WP-4", "WP-5"]],
      ["Supt Ada Morgan", "Updates - Supt Ada Morgan - 2026-06-30.xlsx", ["WP-1", "WP-2"]],
    ]);
    expect(result.trackerIdCreated).toBe(true);
    expect(result.trackerId).toBe("T-ID1");
    const meta = await host.run("m", async (s) => (await s.read({})).meta);
    expect(meta?.[META_TRACKER_ID]).toBe("T-ID1");
    expect(meta?.schemaVersion).toBe("1"); // every key set-up recorded is kept
    const again = await requestUpdates(host, { today: TODAY, due: DUE, newId: counter() });
    expect(again.trackerIdCreated).toBe(false);
    expect(again.trackerId).toBe("T-ID1");
  });

  test("Updates first: title, instructions, the rows with their values; only five columns unlocked", async () => {
    const { files } = await requested();
    const wb = await load(files.get("Supt Ada Morgan")!);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      [UPDATES_SHEET, "visible"],
      [STAMP_SHEET, "veryHidden"],
    ]);
    const ws = wb.getWorksheet(UPDATES_SHEET)!;
    expect(ws.getCell("A1").value).toBe("Update request for Supt Ada Morgan");
    expect(ws.getCell("A2").value).toBe(
      "Office of the Police and Crime Commissioner: please reply by 17/07/2026."
    );
    expect(String(ws.getCell("A3").value)).toMatch(
      /^Requested on 30\/06\/2026: 2 open items\. Write in the white columns only/
    );
    expect((ws.getRow(7).values as unknown[]).slice(1)).toEqual([
      "Ref",
      "Inspection",
      "Recommendation",
      "Target date",
      "Status",
      "Progress update",
      "Next steps",
      "Evidence",
      "Revised target date",
    ]);
    expect(cellOf(ws, "WP-1", "Progress update").value).toBe("Recruiting call handlers.");
    // Text that looks like a formula stays text.
    expect(cellOf(ws, "WP-2", "Next steps").value).toBe("=Train staff");
    expect(cellOf(ws, "WP-2", "Next steps").formula).toBeUndefined();
    const target = cellOf(ws, "WP-1", "Target date");
    expect(target.numFmt).toBe("dd/mm/yyyy");
    const prot = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(prot).toMatchObject({ sheet: true });
    expect(prot.hashValue).toBeUndefined(); // no password
    const locked = (ref: string, h: string) => cellOf(ws, ref, h).protection?.locked !== false;
    for (const h of ["Ref", "Inspection", "Recommendation", "Target date"])
      expect(locked("WP-1", h)).toBe(true);
    for (const h of ["Status", "Progress update", "Next steps", "Evidence", "Revised target date"])
      expect([h, locked("WP-2", h)]).toEqual([h, false]);
    const dv = ws.dataValidations.model as Record<string, { type: string; formulae: unknown[] }>;
    expect(Object.entries(dv).map(([k, v]) => [k, v.type])).toEqual([
      ["range:E8:E9", "list"],
      ["range:I8:I9", "date"],
    ]);
    expect(dv["range:E8:E9"].formulae).toEqual(['"Red,Amber,Green,Complete,Superseded"']);
    const status = ws.conditionalFormattings.find((cf) => cf.ref === "E8:E9")!;
    expect(status.rules.map((r) => (r as { formulae?: string[] }).formulae?.[0])).toEqual([
      '"Red"',
      '"Amber"',
      '"Green"',
      '"Complete"',
      '"Superseded"',
    ]);
  });
});

describe("merging returned workbooks, edited as people do", () => {
  test("statuses typed by hand, a date as text: changes listed, applied, logged; grn refused", async () => {
    const { host, files } = await requested();
    const ada = await edited(files.get("Supt Ada Morgan")!, [
      ["WP-1", "Status", "green"],
      ["WP-1", "Progress update", "All twelve call handlers in post."],
      ["WP-1", "Revised target date", "31/12/2026"],
      ["WP-2", "Status", "grn"],
      ["WP-2", "Evidence", "Training register, June"],
    ]);
    const preview = await previewMerge(
      host,
      await readReturned([{ name: "ada.xlsx", open: () => openWorkbookBytes("ada.xlsx", ada) }])
    );
    expect(preview.changes.map((c) => [c.ref, c.column, c.from, c.to, c.owner])).toEqual([
      ["WP-1", "Target date", serial(2026, 9, 30), serial(2026, 12, 31), "Supt Ada Morgan"],
      ["WP-1", "Status", "Red", "Green", "Supt Ada Morgan"],
      [
        "WP-1",
        "Progress update",
        "Recruiting call handlers.",
        "All twelve call handlers in post.",
        "Supt Ada Morgan",
      ],
      ["WP-2", "Evidence", null, "Training register, June", "Supt Ada Morgan"],
    ]);
    // The preview wrote nothing.
    expect(await trackerValues(host, "WP-1", "Status")).toBe("Red");

    const result = await merge(host, [["ada.xlsx", ada]]);
    expect(result.applied).toHaveLength(4);
    expect(result.decision.rejected.map((r) => [r.ref, r.column, r.value])).toEqual([
      ["WP-2", "Status", "grn"],
    ]);
    expect(await trackerValues(host, "WP-1", "Status")).toBe("Green");
    expect(await trackerValues(host, "WP-1", "Target date")).toBe(serial(2026, 12, 31));
    expect(await trackerValues(host, "WP-1", "Last updated")).toBe(serial(2026, 7, 10));
    expect(await trackerValues(host, "WP-2", "Status")).toBe("Amber");
    expect(await trackerValues(host, "WP-3", "Last updated")).toBeNull();
    const log = await host.run(
      "log",
      async (s) => (await s.read({ tables: [UPDATE_LOG_TABLE] })).tables[UPDATE_LOG_TABLE]
    );
    expect(log.sheet).toBe("Update log");
    expect(log.rows.map((r) => r.slice(0, 7))).toEqual([
      [
        serial(2026, 7, 10),
        "WP-1",
        "Target date",
        "30/09/2026",
        "31/12/2026",
        "Supt Ada Morgan",
        "R-2026-06-30-ID2",
      ],
      [
        serial(2026, 7, 10),
        "WP-1",
        "Status",
        "Red",
        "Green",
        "Supt Ada Morgan",
        "R-2026-06-30-ID2",
      ],
      [
        serial(2026, 7, 10),
        "WP-1",
        "Progress update",
        "Recruiting call handlers.",
        "All twelve call handlers in post.",
        "Supt Ada Morgan",
        "R-2026-06-30-ID2",
      ],
      [
        serial(2026, 7, 10),
        "WP-2",
        "Evidence",
        "",
        "Training register, June",
        "Supt Ada Morgan",
        "R-2026-06-30-ID2",
      ],
    ]);
    const meta = await host.run("m", async (s) => (await s.read({})).meta);
    expect(meta?.["role:updateLog"]).toBe("Update log");

    // The same file again changes nothing, and the log gains nothing.
    const before = await host.toBuffer();
    const second = await merge(host, [["ada.xlsx", ada]]);
    expect(second.applied).toEqual([]);
    expect(second.decision.conflicts).toEqual([]);
    expect(second.message).toMatch(/^Nothing was changed/);
    const log2 = await host.run(
      "log",
      async (s) => (await s.read({ tables: [UPDATE_LOG_TABLE] })).tables[UPDATE_LOG_TABLE]
    );
    expect(log2.rows).toHaveLength(4);
    expect((await host.toBuffer()).length).toBe(before.length);
  });

  test("columns reordered, protection gone, rows added, locked cells edited: matched by Ref and header", async () => {
    const { host, files } = await requested();
    const ada = await rebuiltByHand(
      files.get("Supt Ada Morgan")!,
      [
        "Status",
        "Ref",
        "Revised target date",
        "Progress update",
        "Recommendation",
        "Next steps",
        "Evidence",
        "Inspection",
        "Target date",
      ],
      {
        "WP-1": { Status: "Completed", Recommendation: "Answer calls (we reworded it)" },
        "WP-2": { "Revised target date": "sometime in spring" },
      }
    );
    const more = await edited(ada, [], (ws) => {
      ws.getRow(7).values = ["Amber", "WP-77", null, "A row I added"];
    });
    const result = await merge(host, [["ada.xlsx", more]]);
    expect(result.applied.map((c) => [c.ref, c.column, c.to, c.note])).toEqual([
      ["WP-1", "Status", "Complete", "'Completed' read as Complete"],
    ]);
    expect(result.decision.rejected.map((r) => [r.ref, r.column, r.reason])).toEqual([
      [
        "WP-1",
        "Recommendation",
        "Recommendation is not for owners to change: the edit was ignored.",
      ],
      ["WP-2", "Revised target date", "'sometime in spring' is not a date (write dd/mm/yyyy)."],
    ]);
    expect(result.decision.unknown.map((u) => [u.ref, u.row])).toEqual([["WP-77", 7]]);
    expect(await trackerValues(host, "WP-1", "Recommendation")).toBe("Answer 999 calls faster.");
  });

  test("a conflict: the tracker row changed since the request; both values shown, nothing applied", async () => {
    const { host, files } = await requested();
    await host.run("analyst edits", (s) =>
      s.apply({
        ops: [
          { op: "writeTableCells", table: TABLES.tracker, row: 0, col: 9, values: [["Amber"]] },
        ],
      })
    );
    const ada = await edited(files.get("Supt Ada Morgan")!, [["WP-1", "Status", "Green"]]);
    const result = await merge(host, [["ada.xlsx", ada]]);
    expect(result.applied).toEqual([]);
    expect(result.decision.conflicts.map((c) => [c.ref, c.column, c.tracker, c.returned])).toEqual([
      ["WP-1", "Status", "Amber", "Green"],
    ]);
    expect(await trackerValues(host, "WP-1", "Status")).toBe("Amber");
  });

  test("an answer over Excel's 32,767 characters a cell: cut to fit, marked, and said", async () => {
    const { host, files } = await requested();
    // Written by a tool that does not keep Excel's limit (Excel itself would refuse it).
    const long = "Progress on recruitment, week by week. ".repeat(1100) + "Done."; // 42,905 characters
    const ada = await edited(files.get("Supt Ada Morgan")!, [
      ["WP-1", "Progress update", long],
      ["WP-2", "Status", "Green"],
    ]);
    const result = await merge(host, [["ada.xlsx", ada]]);
    expect(result.applied.map((c) => [c.ref, c.column])).toEqual([
      ["WP-1", "Progress update"],
      ["WP-2", "Status"],
    ]);
    expect(result.cut).toEqual([
      'WP-1 Progress update: the answer in ada.xlsx (Supt Ada Morgan) held 42,905 characters, over Excel\'s limit of 32,767 for a cell: it was cut to fit in the tracker and the Update log and marked "[… cut]". Ask the owner for the full text, or keep it elsewhere.',
    ]);
    expect(result.message).toContain("held 42,905 characters");
    const cell = (await trackerValues(host, "WP-1", "Progress update")) as string;
    expect(cell.length).toBeLessThanOrEqual(32_767);
    expect(cell.startsWith(long.slice(0, 30_000))).toBe(true);
    expect(cell).toMatch(/\[… cut: 42,905 characters, over Excel's 32,767 a cell\]$/);
    const log = await host.run(
      "log",
      async (s) => (await s.read({ tables: [UPDATE_LOG_TABLE] })).tables[UPDATE_LOG_TABLE]
    );
    const to = log.rows[0][log.headers.indexOf("To")] as string;
    expect(to.length).toBeLessThanOrEqual(32_767);
    expect(to).toMatch(/\[… cut: 42,905 characters/);
    // The other answer went in whole; a short answer is not a finding.
    expect(await trackerValues(host, "WP-2", "Status")).toBe("Green");
  });

  test("a stale reply: the older request's file after the later one's was merged, told apart by the Update log", async () => {
    const { host, files } = await requested();
    const later = await requestUpdates(host, {
      today: { y: 2026, m: 9, d: 30 },
      due: { y: 2026, m: 10, d: 14 },
      newId: counter("LATER"),
    });
    const ada2 = later.requests.find((r) => r.owner === "Supt Ada Morgan")!;
    const newer = await edited((await makeOwnerWorkbook(host, ada2)).bytes!, [
      ["WP-1", "Status", "Green"],
    ]);
    expect((await merge(host, [["ada-september.xlsx", newer]])).applied).toHaveLength(1);
    // Ada's June reply turns up afterwards.
    const older = await edited(files.get("Supt Ada Morgan")!, [["WP-1", "Status", "Amber"]]);
    const result = await merge(host, [["ada-june.xlsx", older]]);
    expect(result.applied).toEqual([]);
    expect(result.decision.conflicts.map((c) => [c.ref, c.tracker, c.returned, c.reason])).toEqual([
      [
        "WP-1",
        "Green",
        "Amber",
        "This reply answers an older request (R-2026-06-30-ID2, sent 30/06/2026); answers to a later request (R-2026-09-30-LATER1, sent 30/09/2026) have been merged into this row since, so it was not applied: the tracker row changed since the request.",
      ],
    ]);
    expect(await trackerValues(host, "WP-1", "Status")).toBe("Green");
  });

  test("the analyst unticks a change: only the ticked ones are applied", async () => {
    const { host, files } = await requested();
    const ada = await edited(files.get("Supt Ada Morgan")!, [
      ["WP-1", "Status", "Green"],
      ["WP-2", "Status", "Red"],
    ]);
    const returned = await readReturned([
      { name: "ada.xlsx", open: () => openWorkbookBytes("ada.xlsx", ada) },
    ]);
    const preview = await previewMerge(host, returned);
    const keep = new Set(preview.changes.filter((c) => c.ref === "WP-2").map((c) => c.key));
    const result = await applyMerge(host, returned, { today: TODAY, accept: keep });
    expect(result.applied.map((c) => c.ref)).toEqual(["WP-2"]);
    expect(result.notApplied).toBe(1);
    expect(await trackerValues(host, "WP-1", "Status")).toBe("Red");
    expect(await trackerValues(host, "WP-2", "Status")).toBe("Red");
  });

  test("a workbook that is not ours, one from another tracker, and one that is not a workbook", async () => {
    const { host, files } = await requested();
    const other = await requested(ROWS, "OTHER");
    const plain = await createXlsxHost();
    await plain.run("x", (s) =>
      s.apply({
        ops: [
          { op: "ensureSheet", sheet: "Updates" },
          {
            op: "writeCells",
            sheet: "Updates",
            block: {
              row: 0,
              col: 0,
              values: [
                ["Ref", "Status", "Progress update"],
                ["WP-1", "Green", "x"],
              ],
            },
          },
        ],
      })
    );
    const ravi = await edited(other.files.get("DCI Ravi Patel")!, [["WP-4", "Status", "Red"]]);
    const result = await merge(host, [
      ["own.xlsx", new Uint8Array(await plain.toBuffer())],
      ["elsewhere.xlsx", ravi],
      ["notes.xlsx", new TextEncoder().encode("just some text")],
    ]);
    expect(result.applied).toEqual([]);
    expect(result.decision.files.map((f) => [f.file, f.reason])).toEqual([
      ["own.xlsx", expect.stringContaining("not an update workbook made by Inspection Tracker")],
      ["elsewhere.xlsx", "it comes from another tracker: merge it into the tracker that sent it"],
      [
        "notes.xlsx",
        expect.stringContaining("it could not be read (notes.xlsx is not an Excel workbook"),
      ],
    ]);
    void files;
  });
});

describe("returned workbooks read lean (the command line) as excelts reads them (the pane)", () => {
  test("the same Updates and stamp sheets, cell for cell, however the owner left them", async () => {
    const { files } = await requested();
    const sent = files.get("Supt Ada Morgan")!;
    const variants: [string, Uint8Array][] = [
      ["as sent", sent],
      [
        "answered",
        await edited(sent, [
          ["WP-1", "Status", "green"],
          ["WP-1", "Progress update", "=Twelve in post"],
          ["WP-1", "Revised target date", new Date(Date.UTC(2026, 11, 31))],
          ["WP-2", "Revised target date", "31/03/2027"],
          ["WP-2", "Evidence", 42],
        ]),
      ],
      [
        "rebuilt by hand",
        await rebuiltByHand(sent, ["Status", "Ref", "Revised target date", "Progress update"], {
          "WP-1": { Status: "Completed", "Revised target date": 46387 },
        }),
      ],
      [
        "rows added, a note beside the table",
        await edited(sent, [], (ws) => {
          ws.getRow(12).values = ["WP-77", null, "A row I added", null, "Amber"];
          ws.getCell("K3").value = "Note to the analyst";
        }),
      ],
    ];
    for (const [what, bytes] of variants) {
      const lean = await (
        await createXlsxHost({ buffer: Buffer.from(bytes), lean: true, leanSheets: true })
      ).run("read", (s) => s.read(RETURNED_READ));
      const full = await (
        await openWorkbookBytes(what, bytes)
      ).run("read", (s) => s.read(RETURNED_READ));
      expect({ what, sheets: lean.sheetValues }).toEqual({ what, sheets: full.sheetValues });
      expect(Object.keys(lean.sheetValues).sort()).toEqual([STAMP_SHEET, UPDATES_SHEET].sort());
    }
  });
});

describe("rows tall enough for their text", () => {
  test("a row whose recommendation wraps is as tall as its lines; a one-line row is left alone", async () => {
    const long =
      "The force should make sure that every detainee's risk assessment is reviewed at each shift handover, and recorded.";
    const { files } = await requested([
      {
        ref: "WP-1",
        recommendation: long,
        owner: "Supt Ada Morgan",
        status: "Red",
        progress: "Line one\nLine two\nLine three\nLine four",
      },
      { ref: "WP-2", recommendation: "Short.", owner: "Supt Ada Morgan", status: "Red" },
    ]);
    const ws = (await load(files.get("Supt Ada Morgan")!)).getWorksheet(UPDATES_SHEET)!;
    expect(ws.getRow(8).height).toBe(60); // four lines of progress
    expect(ws.getRow(9).height).toBeUndefined();
    expect(cellOf(ws, "WP-1", "Ref").alignment?.vertical).toBe("top");
  });
});
