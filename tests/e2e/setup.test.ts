/**
 * Journey 1, in a real browser: an empty workbook → Set up tracker → the pane says ready.
 * Keyboard only (Tab and Enter), in the light and the dark Office theme, checked at 320 and
 * 500 px, with axe-core on every screen.
 */
import { Pane, describeE2E, inBothThemes } from "./support";

describeE2E("journey 1: set up a tracker (browser)", (env) => {
  it("sets up an empty workbook with the keyboard only, says so, and a second run changes nothing", async () => {
    const times = await inBothThemes(env(), "1-setup", async (theme) => {
      const pane = await Pane.open(env(), "1-setup", theme);
      const { page } = pane;
      try {
        expect(await pane.waitForState()).toContain("No tracker yet");
        await pane.screen("empty", { shot: true });

        // Keyboard only: the first stops are the refresh button and the open Set-up section.
        const setup = page.getByRole("button", { name: "Set up tracker" });
        await pane.press(setup);
        expect(pane.tabStops[0]).toMatch(/Refresh/);
        expect(pane.tabStops.some((s) => /Set-up/.test(s))).toBe(true);
        expect(pane.tabStops[pane.tabStops.length - 1]).toMatch(/Set up tracker/);

        // The outcome is announced (role=status) and the state line says ready.
        await pane.expectAnnounced("status", /Tracker set up/);
        await page
          .locator("#container [role=status]")
          .first()
          .filter({ hasText: "Tracker ready, with no rows yet" })
          .waitFor();

        const made = await pane.fake((fake) => ({
          sheets: fake.sheetNames(),
          tables: fake.tableNames(),
          tracker: fake.table("tblTracker"),
          syncs: fake.syncCount,
        }));
        expect(made.sheets).toEqual(
          expect.arrayContaining(["Tracker", "Inspections", "Lists", "Status history"])
        );
        expect(made.tables).toEqual(
          expect.arrayContaining(["tblTracker", "tblInspections", "tblHistory", "tblStatuses"])
        );
        expect(made.tracker.headers.slice(0, 3)).toEqual(["Ref", "Inspection", "Kind"]);
        const statusCol = made.tracker.headers.indexOf("Status");
        expect(statusCol).toBeGreaterThan(0);
        const dv = await pane.fake(
          (fake, a: { col: number }) => {
            const t = fake.table("tblTracker");
            const cell = `${fake.state && (window as any).FakeExcelLib.colLetters(t.c + a.col)}${t.r + 2}`;
            return {
              validations: fake.validationsOn(t.sheet, cell).length,
              formats: fake.conditionalFormatsOn(t.sheet, cell).length,
            };
          },
          { col: statusCol }
        );
        expect(dv.validations).toBe(1);
        expect(dv.formats).toBeGreaterThan(0);
        // The pane says what to do next, with a button to each section.
        await pane.expectAnnounced("status", /Next: import a response record, or adopt the sheet/);
        const next = page.getByRole("group", { name: "Next steps" });
        await next.getByRole("button", { name: "Go to Import" }).waitFor();
        await pane.screen("ready", { shot: true, docs: "setup-next" });

        // Run it again from the keyboard: nothing changes in the workbook.
        const before = await pane.fake((fake) => fake.dump());
        const again = page.getByRole("button", { name: "Check and repair set-up" });
        await pane.press(again);
        await pane.expectAnnounced("status", /Nothing needed changing/);
        expect(await pane.fake((fake) => fake.dump())).toBe(before);
        console.log(`[e2e] journey 1 (${theme}): ${made.syncs} syncs to read the state and set up`);
      } finally {
        await pane.close();
      }
    });
    console.log(`[e2e] journey 1 times (ms): ${JSON.stringify(times)}`);
  });
});
