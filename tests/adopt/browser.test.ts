/**
 * The Adopt section in a real browser (Chromium, the production pane, the fake Excel): a messy
 * tracker on Sheet1 → open "Adopt an existing sheet" → read it → header row, mapping dropdowns,
 * counts and preview → change a mapping from the keyboard → Adopt → the outcome is announced,
 * the tracker is written in a constant number of syncs, the sheet is unchanged → open the
 * Adoption report. Light and dark, 320 and 500 px, axe-core on every screen.
 */
import { Pane, describeE2E, inBothThemes } from "../e2e/support";
import { MESSY_ROWS } from "./messy";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function seed(fake: any, _lib: unknown, arg: { rows: string[][] }) {
  fake.seed("Sheet1", `A1:I${arg.rows.length}`, arg.rows);
}

describeE2E("adopt an existing sheet (browser)", (env) => {
  it("reads, remaps, adopts and opens the report, from the keyboard", async () => {
    await inBothThemes(env(), "adopt", async (theme) => {
      const rows = MESSY_ROWS.map((r) => [...r]);
      rows[5][1] = "The force should act <img src=x onerror=alert(1)> now.";
      const pane = await Pane.open(env(), "adopt", theme, seed, { rows });
      const { page } = pane;
      try {
        expect(await pane.waitForState()).toContain("No tracker yet");
        const before = await pane.fake((fake) => JSON.stringify(fake.values("Sheet1", "A1:I26")));
        await pane.press(page.getByRole("button", { name: "Adopt an existing sheet" }));
        await pane.press(page.getByRole("button", { name: "Read 'Sheet1'" }));
        await page.getByText(/Sheet 'Sheet1': header row 3/).waitFor();
        await pane.screen("preview", { shot: true, docs: "adopt-preview" });
        expect(await page.locator("#container img").count()).toBe(0);

        // Keyboard: move Notes to Next steps in its dropdown.
        const notes = page.getByRole("combobox", { name: /Column H: Notes/ });
        await notes.focus();
        await notes.selectOption("Next steps");
        expect(await notes.inputValue()).toBe("Next steps");

        const syncsBefore = await pane.fake((fake) => fake.syncCount);
        await pane.press(page.getByRole("button", { name: "Adopt 12 rows" }));
        await pane.expectAnnounced("status", /Adopted 12 rows from 'Sheet1' into 'Tracker'/);
        const made = await pane.fake((fake, a: { before: number }) => ({
          syncs: fake.syncLog.slice(a.before).filter((s: { ops: unknown }) => s).length,
          tracker: fake.table("tblTracker"),
          sheets: fake.sheetNames(),
          source: JSON.stringify(fake.values("Sheet1", "A1:I26")),
        }), { before: syncsBefore });
        expect(made.sheets).toEqual(expect.arrayContaining(["Tracker", "Adoption report", "Sheet1"]));
        expect(made.source).toBe(before);
        expect(made.tracker.body).toHaveLength(12);
        expect(made.tracker.body[0][made.tracker.headers.indexOf("Next steps")]).toBe("-see Q2 board minutes");
        await pane.screen("adopted", { shot: true });

        await pane.press(page.getByRole("button", { name: "Open the Adoption report" }));
        for (let i = 0; i < 50 && (await pane.fake((fake) => fake.activeSheet())) !== "Adoption report"; i++) await page.waitForTimeout(100);
        expect(await pane.fake((fake) => fake.activeSheet())).toBe("Adoption report");
        console.log(`[e2e] adopt (${theme}): ${made.syncs} syncs after the preview (adopt, then the pane re-reads its state)`);
      } finally {
        await pane.close();
      }
    });
  }, 300_000);
});
