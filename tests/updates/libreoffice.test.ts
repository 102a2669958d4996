/**
 * An owner's update workbook in a second, real spreadsheet engine: LibreOffice opens it and sees
 * the Updates sheet protected (no password), only the five answer columns unlocked, the status
 * dropdown and the date check on their cells, the values as sent, and the stamp sheet hidden.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { toExcelSerial } from "../../src/domain/dates";
import { makeOwnerWorkbook, requestUpdates } from "../../src/engine/updates";
import { cellTag, validationAt } from "../helpers/fods";
import { csvOfSheet, describeIfSoffice, fodsOf, tmpDir } from "../helpers/libreoffice";
import { DUE, TODAY, trackerWith } from "./fixtures";

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
