/**
 * The real response record in ../shared/reference (read, never copied into the repo), built into
 * a tracker and summarised through the command line, as an analyst would on the day it arrives:
 * nothing filled in yet (no status, owner or target date; no published date; no addressee named;
 * no position recorded). No figure may claim what the data does not say: every unknown reads as
 * unknown on the sheet, in the message and in the JSON.
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { join, resolve } from "node:path";
import { SHEETS } from "../../src/domain/columns";
import { main } from "../../src/cli/main";
import { createXlsxHost } from "../../src/hosts/xlsx";

const REFERENCE = resolve(
  __dirname,
  "../../../shared/reference/staffordshire-ocsae-mosovo-response.txt"
);
const TMP = resolve(__dirname, "..", ".tmp");

describe("the reference response record, built and summarised", () => {
  let sheet: string[][];
  let json: Record<string, any>;
  let message: string;

  beforeAll(async () => {
    expect(existsSync(REFERENCE)).toBe(true);
    mkdirSync(TMP, { recursive: true });
    const dir = mkdtempSync(join(TMP, "reference-"));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
    const tracker = join(dir, "tracker.xlsx");
    expect(await main(["build", REFERENCE, "--out", tracker], io)).toBe(0);
    out.length = 0;
    const board = join(dir, "board.xlsx");
    expect(await main(["summary", tracker, "--as-at", "31/03/2026", "--out", board], io)).toBe(0);
    message = out.join("\n");
    out.length = 0;
    expect(
      await main(
        ["summary", tracker, "--as-at", "2026-03-31", "--json", "--out", join(dir, "b.xlsx")],
        io
      )
    ).toBe(0);
    json = JSON.parse(out.join("\n"));
    expect(err).toEqual([]);
    const host = await createXlsxHost({ file: board });
    sheet = await host.run("read", async (s) =>
      ((await s.read({ sheets: [SHEETS.summary] })).sheetValues[SHEETS.summary]?.values ?? []).map(
        (r) => r.map((v) => (v === null ? "" : String(v)))
      )
    );
  });

  /** The value beside a headline label. */
  const value = (label: string) => {
    const row = sheet.find((r) => r[1] === label);
    if (!row) throw new Error(`no headline '${label}'`);
    return row[2];
  };

  test("the counts are what the record says: 16 recommendations, no status, no owner, no target date", () => {
    expect(json).toMatchObject({
      rows: 16,
      byKind: { recommendation: 16, "area-for-improvement": 0, "cause-of-concern": 0 },
      byStatus: { "No status": 16, Red: 0, Amber: 0, Green: 0, Complete: 0, "Not valid": 0 },
      needsInformation: 16,
      exceptions: 16,
      noTargetDate: 16,
      positions: 0,
      movementBetween: null,
    });
    expect(value("Recommendations tracked")).toBe("16");
    expect(value("Exceptions: Red, overdue or needing information")).toBe("16");
    expect(value("   Needs information (open, without a status, owner or target date)")).toBe("16");
  });

  test("nothing unknown is folded into a reassuring figure", () => {
    // Overdue, due soon and Red cannot see items without a target date or a status: they say so.
    expect(value("   Overdue (open and past the target date)")).toBe("0 (16 with no target date)");
    expect(value("Due in the next 30 days (Lists: Due soon)")).toBe("0 (16 with no target date)");
    expect(value("   Red")).toBe("0 (16 with no valid status)");
    // And so do the tables' Overdue columns.
    expect(sheet.flat()).toContain(
      "Overdue counts only items with a target date: 16 open items have none."
    );
    // No addressee is named: not stated, never the force.
    expect(json.addressedTo).toEqual({ force: 0, national: 0, "not stated": 16 });
    expect(value("Addressee not stated")).toBe("16 (16 open)");
    // No published date: the 56-day deadline cannot be worked out.
    expect(value("Inspection responses past the 56-day deadline, not published")).toBe("unknown");
    expect(value("   deadline cannot be worked out (no published date)")).toBe("1 of 1");
    // The JSON says the same: no count of known deadlines, one that cannot be worked out.
    expect(json.responses).toEqual({
      inspections: 1,
      known: 0,
      pastDeadline: 0,
      publishedLate: 0,
      cannotWorkOut: 1,
    });
    // Red cannot see items with no valid status: the JSON says how many.
    expect(json).toMatchObject({ open: 16, noValidStatus: 16, nationalBodies: {}, cut: [] });
    // No position recorded: what moved cannot be worked out.
    expect(sheet.flat()).toContain(
      "No positions recorded yet: what moved cannot be worked out. Record the position each quarter (Record position, or inspection-tracker record)."
    );
    // Never "None" or "0 exceptions" while items need information.
    const text = sheet.flat();
    expect(text.some((t) => /^None\b/.test(t))).toBe(false);
    expect(text).toContain(
      "Exceptions (16): every Red and every overdue item (0), then every item that needs information (16)"
    );
    expect(text.some((t) => /^Exceptions.*\(0\)$/.test(t))).toBe(false);
    expect(text).toContain(
      "No item is Red and no open item is past its target date; but 16 open items need information (below), so these figures may not be complete."
    );
    // A bare 0 is only ever a figure the data supports.
    const from = sheet.findIndex((r) => r[0] === "Headline figures");
    const to = sheet.findIndex((r, i) => i > from && r[0] === "Status");
    const bareZeros = sheet
      .slice(from, to)
      .filter((r) => r[2] === "0")
      .map((r) => r[1]);
    expect(bareZeros).toEqual(["Addressed to the force", "Addressed to national bodies"]);
    expect(message).toMatch(
      /Summary built as at 31\/03\/2026: 16 recommendations, 16 exceptions \(16 needing information\), addressee not stated for 16 items, 1 response deadline cannot be worked out \(no published date\)/
    );
  });
});
