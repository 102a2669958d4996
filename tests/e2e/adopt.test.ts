/**
 * Journey 3, in a real browser: a messy sheet the analyst keeps → Adopt → change one column's
 * mapping → adopt → the Adoption report. Keyboard only (native selects take typed letters);
 * light and dark; 320 and 500 px. The analyst's sheet is left exactly as it was.
 */
import { MESSY_ROWS } from "../adopt/messy";
import { Pane, describeE2E, inBothThemes } from "./support";
import { TODAY } from "./tracker-data";

const SHEET = "OPCC tracker";

/** Runs in the page before the add-in loads: the messy sheet, active. */
function seedMessy(fake: any, lib: any, arg: { sheet: string; rows: string[][] }): void {
  const cols = arg.rows[0].length;
  fake.seed(arg.sheet, `A1:${lib.colLetters(cols - 1)}${arg.rows.length}`, arg.rows);
  const s = fake.sheet(arg.sheet);
  fake.state.activeSheetId = s.id;
  fake.state.selection = { sheetId: s.id, rect: { r: 0, c: 0, rows: 1, cols: 1 } };
}

describeE2E("journey 3: adopt a messy sheet (browser)", (env) => {
  it("reads the sheet, takes one changed mapping, adopts and opens the report", async () => {
    const times = await inBothThemes(env(), "3-adopt", async (theme) => {
      const pane = await Pane.open(env(), "3-adopt", theme, {
        now: TODAY,
        seed: seedMessy,
        seedArg: { sheet: SHEET, rows: MESSY_ROWS },
      });
      const { page } = pane;
      try {
        // Adopt first: the state line names the sheet that looks like a tracker, the pane opens
        // on Adopt, and Set-up (closed) would offer to adopt it before an empty tracker.
        expect(await pane.waitForState()).toMatch(
          /No tracker yet\. 'OPCC tracker' looks like a tracker you keep \(headings .*\): adopt it to keep its rows\./
        );
        await page.getByText(/'OPCC tracker' looks like a tracker: its headings/).waitFor();
        expect(
          await page
            .getByRole("button", { name: "Adopt an existing sheet" })
            .getAttribute("aria-expanded")
        ).toBe("true");
        await pane.screen("adopt-first", { shot: true, docs: "adopt-first" });
        const original = await pane.fake(
          (fake, a: { sheet: string }) => JSON.stringify([...fake.sheet(a.sheet).cells.entries()]),
          { sheet: SHEET }
        );

        await pane.openSection("Adopt an existing sheet");
        await pane.press(page.getByRole("button", { name: `Read '${SHEET}'` }));
        await page.getByText(`Sheet '${SHEET}': header row 3`).waitFor();
        await pane.screen("preview", { shot: true });

        // "Directorate" has no tracker column of its own: map it to Theme, by keyboard.
        const directorate = page.getByRole("combobox", { name: /Column I: Directorate/ });
        await pane.tabTo(directorate);
        await page.keyboard.type("Theme");
        expect(await directorate.inputValue()).toBe("Theme");
        await page.getByText("Your choice").first().waitFor();

        const adopt = page.getByRole("button", { name: /^Adopt \d+ rows?$/ });
        const label = (await adopt.textContent()) ?? "";
        const rows = Number(/(\d+)/.exec(label)![1]);
        expect(rows).toBeGreaterThan(10);
        await pane.press(adopt);
        await pane.expectAnnounced("status", /Adopted/);
        await page
          .locator("#container [role=status]")
          .first()
          .filter({ hasText: /Tracker with \d+ rows/ })
          .waitFor();

        const tracker = await pane.fake((fake) => fake.table("tblTracker"));
        expect(tracker.body.length).toBe(rows);
        const col = (h: string) => tracker.headers.indexOf(h);
        const p1 = tracker.body.find((r: unknown[]) => r[col("Ref")] === "P1");
        expect(p1[col("Theme")]).toBe("Crime");
        expect(p1[col("Status")]).toBe("Green");
        // The analyst's notes that look like formulas are kept as text, somewhere in the tracker.
        const all = tracker.body.flat().map(String);
        for (const literal of [
          "-see Q2 board minutes",
          "=SUM(A1:A2) was in the old sheet",
          "+44 1234 567890",
          "@mention the FCR lead",
        ]) {
          expect(all).toContain(literal);
        }
        // The analyst's own sheet is exactly as it was.
        expect(
          await pane.fake(
            (fake, a: { sheet: string }) =>
              JSON.stringify([...fake.sheet(a.sheet).cells.entries()]),
            { sheet: SHEET }
          )
        ).toBe(original);
        await pane.screen("adopted");

        // Open the report.
        await pane.press(page.getByRole("button", { name: "Open the Adoption report" }));
        await page.waitForFunction(
          () => (window as any).__fake.activeSheet() === "Adoption report"
        );
        const report = await pane.sheetText("Adoption report");
        expect(report.length).toBeGreaterThan(5);
        await pane.screen("report", { shot: true });
      } finally {
        await pane.close();
      }
    });
    console.log(`[e2e] journey 3 times (ms): ${JSON.stringify(times)}`);
  });
});
