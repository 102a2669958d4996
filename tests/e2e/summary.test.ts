/**
 * Journey 5, in a real browser: record the quarter's position, change three statuses, record
 * again a quarter later (and once more the same day: the pane asks first), build the summary →
 * charts and movement on the Summary sheet. Keyboard only; light and dark; 320 and 500 px. Its
 * final screenshots are the ones the README shows (docs/screenshots/summary-*.png, written again
 * with UPDATE_DOCS_SHOTS=1).
 */
import { Pane, describeE2E, inBothThemes } from "./support";
import { LAST_QUARTER, TODAY, serial, trackerRows } from "./tracker-data";

describeE2E("journey 5: record position and build the summary (browser)", (env) => {
  it("records two positions, builds the summary with charts and what moved", async () => {
    const times = await inBothThemes(env(), "5-summary", async (theme) => {
      const pane = await Pane.open(env(), "5-summary", theme, { now: LAST_QUARTER });
      const { page } = pane;
      try {
        await pane.setUp();
        await pane.typeRows(trackerRows());
        await pane.refreshState(/Tracker with 6 rows/);

        // End of the last quarter: record the position.
        await pane.openSection("Summary for the board");
        const record = page.getByRole("button", { name: "Record position" });
        await pane.press(record);
        await pane.expectAnnounced("status", /Position recorded/);
        const history1 = await pane.fake((fake) => fake.table("tblHistory").body.length);
        expect(history1).toBe(6);

        // During the quarter three statuses change.
        await pane.typeCell("WP25-R1", "Status", "Green");
        await pane.typeCell("WP25-AFI1", "Status", "Amber");
        await pane.typeCell("WP25-AFI4", "Evidence", "Case audit report (June 2026)");
        await pane.typeCell("WP25-AFI4", "Closed date", serial(2026, 6, 20));
        await pane.typeCell("WP25-AFI4", "Status", "Complete");

        // End of this quarter: record again.
        await page.clock.setFixedTime(TODAY);
        await pane.press(record);
        await pane.expectAnnounced("status", /Position recorded/);
        expect(await pane.fake((fake) => fake.table("tblHistory").body.length)).toBe(12);

        // Recording again the same day asks first; Escape keeps the recorded position.
        const beforeAsk = await pane.fake((fake) => fake.dump());
        await pane.press(record);
        const dialog = page.getByRole("alertdialog");
        await dialog.waitFor();
        expect(await dialog.textContent()).toContain("Replace the position for 30/06/2026?");
        await pane.screen("confirm-replace");
        await page.keyboard.press("Escape");
        await pane.expectAnnounced("status", /kept; nothing was changed/);
        expect(await pane.fake((fake) => fake.dump())).toBe(beforeAsk);

        // Build the summary.
        const syncsBefore = await pane.fake((fake) => fake.syncCount);
        await pane.press(page.getByRole("button", { name: "Build summary" }));
        await pane.expectAnnounced("status", /Summary built/);
        const syncs = (await pane.fake((fake) => fake.syncCount)) - syncsBefore;
        const charts = await pane.fake((fake) =>
          fake
            .charts("Summary")
            .map((c: { type: string; title: string }) => `${c.type}: ${c.title}`)
        );
        expect(charts.length).toBeGreaterThanOrEqual(1);
        const text = await pane.sheetText("Summary");
        expect(text).toContain("Items that moved since 31/03/2026 (3)");
        expect(
          text.some((t) =>
            t.startsWith("Movement since the last recorded position (31/03/2026 to 30/06/2026)")
          )
        ).toBe(true);
        for (const ref of ["WP25-R1", "WP25-AFI1", "WP25-AFI4"]) expect(text).toContain(ref);
        console.log(
          `[e2e] journey 5 (${theme}): summary built in ${syncs} syncs; charts: ${charts.join("; ")}`
        );
        // The README's pictures: the summary section with its outcome (Set-up folded away).
        await pane.closeSection("Set-up");
        await page.getByRole("button", { name: "Build summary" }).focus();
        await pane.screen("built", { shot: true, docs: "summary" });
      } finally {
        await pane.close();
      }
    });
    console.log(`[e2e] journey 5 times (ms): ${JSON.stringify(times)}`);
  });
});
