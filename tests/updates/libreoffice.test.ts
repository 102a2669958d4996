/**
 * An owner's update workbook in a second, real spreadsheet engine: LibreOffice opens it and sees
 * the Updates sheet protected (no password), only the five answer columns unlocked, the status
 * dropdown and the date check on their cells, the values as sent, and the stamp sheet hidden.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toExcelSerial } from "../../src/domain/dates";
import {
  applyMerge,
  makeOwnerWorkbook,
  readReturned,
  requestUpdates,
} from "../../src/engine/updates";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { openWorkbookBytes } from "../../src/hosts/xlsx/memory";
import { RETURNED_READ } from "../../src/workbook/updates";
import { cellTag, validationAt } from "../helpers/fods";
import { convertTo, csvOfSheet, describeIfSoffice, fodsOf, tmpDir } from "../helpers/libreoffice";
import { DUE, TODAY, trackerWith } from "./fixtures";
import { edited } from "./returned";

const serial = (y: number, m: number, d: number) => toExcelSerial({ y, m, d });

describeIfSoffice("LibreOffice reads an owner's update workbook as sent", () => {
  let file = "";
  let fods = "";
  beforeAll(async () => {
    const host = await trackerWith([
      {
        ref: "WP-1",
        inspection: "PEEL 2025",
        recommendation: "Answer 999 calls faster.",
        owner: "Supt Ada Morgan",
        targetDate: serial(2026, 9, 30),
        status: "Red",
        progress: "Recruiting.",
      },
      {
        ref: "WP-2",
        inspection: "PEEL 2025",
        recommendation: "Record risk at first contact.",
        owner: "Supt Ada Morgan",
        status: "Amber",
        nextSteps: "-train staff",
      },
    ]);
    const request = await requestUpdates(host, { today: TODAY, due: DUE });
    file = join(tmpDir("updates-lo-"), request.requests[0].fileName);
    writeFileSync(file, (await makeOwnerWorkbook(host, request.requests[0])).bytes!);
    fods = fodsOf(file);
  });

  test("Updates is protected without a password; only the answer columns are unlocked", () => {
    const table = /<table:table table:name="Updates"([^>]*)>/.exec(fods)![1];
    expect(table).toContain('table:protected="true"');
    expect(table).not.toContain("table:protection-key");
    const unlocked = (row: number, col: number) => {
      const style = /table:style-name="([^"]+)"/.exec(
        cellTag(fods, "Updates", row, col) ?? ""
      )?.[1];
      const def = style
        ? new RegExp(`<style:style style:name="${style}"[\\s\\S]*?</style:style>`).exec(fods)?.[0]
        : "";
      return /style:cell-protect="none"/.test(def ?? "");
    };
    // Row 8 (0-based 7) is WP-1: Ref..Target date locked, Status..Revised target date open.
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((c) => unlocked(7, c))).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(unlocked(0, 0)).toBe(false); // the title
  });

  test("the Status dropdown lists the vocabulary; Revised target date takes only dates", () => {
    const status = validationAt(fods, "Updates", 7, 4);
    expect(status?.condition).toContain(
      'cell-content-is-in-list("Red";"Amber";"Green";"Complete";"Superseded")'
    );
    expect(validationAt(fods, "Updates", 8, 4)?.condition).toBe(status?.condition);
    expect(validationAt(fods, "Updates", 7, 8)?.condition).toContain("cell-content-is-date()");
    expect(validationAt(fods, "Updates", 7, 5)).toBeNull();
  });

  test("the values as sent, dates shown dd/mm/yyyy, text that looks like a formula kept as text", () => {
    const rows = csvOfSheet(file, 1);
    expect(rows[0][0]).toBe("Update request for Supt Ada Morgan");
    expect(rows[1][0]).toBe(
      "Office of the Police and Crime Commissioner: please reply by 17/07/2026."
    );
    expect(rows[6]).toEqual([
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
    expect(rows[7]).toEqual([
      "WP-1",
      "PEEL 2025",
      "Answer 999 calls faster.",
      "30/09/2026",
      "Red",
      "Recruiting.",
      "",
      "",
      "",
    ]);
    expect(rows[8][6]).toBe("-train staff");
  });

  test("the request stamp is on a hidden sheet", () => {
    const style = /<table:table table:name="_UpdateRequest" table:style-name="([^"]+)"/.exec(
      fods
    )![1];
    const def = new RegExp(`<style:style style:name="${style}"[\\s\\S]*?</style:style>`).exec(
      fods
    )![0];
    expect(def).toContain('table:display="false"');
  });
});

describeIfSoffice(
  "LibreOffice and the merge: a merged tracker, and a reply saved by LibreOffice",
  () => {
    let dir = "";
    let merged = "";
    let roundTripped = "";
    let reread: Awaited<ReturnType<typeof applyMerge>>;
    let fods = "";
    beforeAll(async () => {
      dir = tmpDir("updates-lo-merge-");
      const host = await trackerWith([
        {
          ref: "WP-1",
          inspection: "PEEL 2025",
          recommendation: "Answer 999 calls faster.",
          owner: "Supt Ada Morgan",
          targetDate: serial(2026, 9, 30),
          status: "Red",
          progress: "Recruiting.",
        },
        {
          ref: "WP-2",
          inspection: "PEEL 2025",
          recommendation: "Record risk at first contact.",
          owner: "Supt Ada Morgan",
          status: "Amber",
        },
      ]);
      const request = await requestUpdates(host, { today: TODAY, due: DUE });
      const sent = (await makeOwnerWorkbook(host, request.requests[0])).bytes!;

      // The owner opens the workbook in LibreOffice and saves it again as .xlsx, unchanged.
      const asSent = join(dir, "ada-as-sent.xlsx");
      writeFileSync(asSent, sent);
      roundTripped = convertTo(asSent, "xlsx", join(dir, "lo"));
      const unchanged = await readReturned([
        {
          name: "ada-libreoffice.xlsx",
          open: () => openWorkbookBytes("ada", new Uint8Array(readFileSync(roundTripped))),
        },
      ]);
      reread = await applyMerge(host, unchanged, { today: { y: 2026, m: 7, d: 10 } });

      // Then answers in it (edited after LibreOffice's save) are merged, and the tracker saved.
      const answered = await edited(new Uint8Array(readFileSync(roundTripped)), [
        ["WP-1", "Status", "green"],
        ["WP-1", "Progress update", "Twelve call handlers in post."],
        ["WP-2", "Revised target date", "31/03/2027"],
      ]);
      const files = await readReturned([
        { name: "ada-libreoffice.xlsx", open: () => openWorkbookBytes("ada", answered) },
      ]);
      const result = await applyMerge(host, files, { today: { y: 2026, m: 7, d: 10 } });
      expect(result.applied).toHaveLength(3);
      merged = join(dir, "merged.xlsx");
      writeFileSync(merged, await host.toBuffer());
      fods = fodsOf(merged);
    });

    test("a reply LibreOffice saved is still ours: its stamp reads, and an unchanged one changes nothing", () => {
      expect(reread.decision.files).toEqual([
        expect.objectContaining({ file: "ada-libreoffice.xlsx", read: true, rows: 2, missing: [] }),
      ]);
      expect(reread.decision.rejected).toEqual([]);
      expect(reread.decision.conflicts).toEqual([]);
      expect(reread.decision.unknown).toEqual([]);
      expect(reread.applied).toEqual([]);
    });

    test("the command line reads LibreOffice's save lean as the pane reads it through excelts", async () => {
      const bytes = readFileSync(roundTripped);
      const lean = await (
        await createXlsxHost({ buffer: bytes, lean: true, leanSheets: true })
      ).run("read", (s) => s.read(RETURNED_READ));
      const full = await (
        await openWorkbookBytes("ada", new Uint8Array(bytes))
      ).run("read", (s) => s.read(RETURNED_READ));
      expect(Object.keys(lean.sheetValues)).toHaveLength(2);
      expect(lean.sheetValues).toEqual(full.sheetValues);
    });

    test("the merged tracker opens in LibreOffice with the answers in place, dates dd/mm/yyyy", () => {
      const sheets = [...fods.matchAll(/<table:table table:name="([^"]+)"/g)].map((m) => m[1]);
      const tracker = csvOfSheet(merged, sheets.indexOf("Tracker") + 1);
      const h = tracker[0];
      const row = (ref: string) => tracker.find((r) => r[0] === ref)!;
      expect(row("WP-1")[h.indexOf("Status")]).toBe("Green");
      expect(row("WP-1")[h.indexOf("Progress update")]).toBe("Twelve call handlers in post.");
      expect(row("WP-2")[h.indexOf("Target date")]).toBe("31/03/2027");
      expect(row("WP-1")[h.indexOf("Last updated")]).toBe("10/07/2026");
    });

    test("the Update log sheet lists each applied change: who returned it, from which request, when", () => {
      const sheets = [...fods.matchAll(/<table:table table:name="([^"]+)"/g)].map((m) => m[1]);
      expect(sheets).toContain("Update log");
      const log = csvOfSheet(merged, sheets.indexOf("Update log") + 1);
      const header = log.findIndex((r) => r[0] === "Applied on");
      expect(log[header]).toEqual([
        "Applied on",
        "Ref",
        "Column",
        "From",
        "To",
        "Returned by",
        "Request",
        "Requested on",
        "File",
      ]);
      expect(
        log.slice(header + 1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[7], r[8]])
      ).toEqual([
        [
          "10/07/2026",
          "WP-1",
          "Status",
          "Red",
          "Green",
          "Supt Ada Morgan",
          "30/06/2026",
          "ada-libreoffice.xlsx",
        ],
        [
          "10/07/2026",
          "WP-1",
          "Progress update",
          "Recruiting.",
          "Twelve call handlers in post.",
          "Supt Ada Morgan",
          "30/06/2026",
          "ada-libreoffice.xlsx",
        ],
        [
          "10/07/2026",
          "WP-2",
          "Target date",
          "",
          "31/03/2027",
          "Supt Ada Morgan",
          "30/06/2026",
          "ada-libreoffice.xlsx",
        ],
      ]);
    });
  }
);
