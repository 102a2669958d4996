/**
 * Journey 4, in a real browser: Check → errors listed (entries that look like links) → choose
 * one → that cell is selected in the workbook → Fix all → the re-check is clean of errors, and
 * the analyst's other cells are untouched → an owner the Lists sheet lacks is put there with one
 * click. Keyboard only; light and dark; 320 and 500 px.
 */
import { Pane, describeE2E, inBothThemes } from "./support";
import { TODAY, trackerRows } from "./tracker-data";

describeE2E("journey 4: check the tracker (browser)", (env) => {
  it("lists errors, selects the cell of one, fixes all and re-checks clean", async () => {
    const times = await inBothThemes(env(), "4-check", async (theme) => {
      const pane = await Pane.open(env(), "4-check", theme, { now: TODAY });
      const { page } = pane;
      try {
        await pane.setUp();
        // Three statuses typed the way analysts do: each has one certain spelling.
        await pane.typeRows(
          trackerRows({
            "WP25-R1": { Status: "amber" },
            "WP25-R2": { Status: "G" },
            "WP25-AFI3": { Status: "GREEN " },
          })
        );
        await pane.refreshState(/Tracker with 6 rows/);
        await pane.openSection("Check the tracker");

        // Check: errors are listed and announced.
        const syncs0 = await pane.fake((fake) => fake.syncCount);
        await pane.press(page.getByRole("button", { name: "Check tracker" }));
        await pane.expectAnnounced("status", /error/i);
        const checkSyncs = (await pane.fake((fake) => fake.syncCount)) - syncs0;
        const counts = page.getByLabel("Findings by severity");
        await counts.waitFor();
        expect(await counts.textContent()).toContain("3 errors");
        await pane.screen("errors", { shot: true, docs: "check-findings" });

        // Choose the finding for WP25-R2's status: Excel selects that cell (Tracker, row 3, Status).
        const entry = page.getByRole("button", { name: /WP25-R2 · Status/ });
        await pane.press(entry);
        const statusCol = await pane.fake((fake) => {
          const lib = (window as any).FakeExcelLib;
          const t = fake.table("tblTracker");
          return `${lib.colLetters(t.c + t.headers.indexOf("Status"))}${t.r + 3}`;
        });
        await page.waitForFunction((addr) => {
          const s = (window as any).__fake.selection();
          return s.sheet === "Tracker" && s.address.replace(/\$/g, "") === addr;
        }, statusCol);

        // Fix all: one batch, then the check is clean; nothing else the analyst typed changed.
        const before = await pane.fake((fake) => fake.table("tblTracker"));
        await pane.press(page.getByRole("button", { name: /^Fix all 3/ }));
        await pane.expectAnnounced("status", /Fixed and checked/);
        expect(await counts.textContent()).toContain("0 errors");
        const after = await pane.fake((fake) => fake.table("tblTracker"));
        const status = after.headers.indexOf("Status");
        expect(after.body.map((r: unknown[]) => r[status])).toEqual([
          "Amber",
          "Green",
          "Red",
          "Complete",
          "Green",
          "Amber",
        ]);
        const others = (t: { headers: string[]; body: unknown[][] }) =>
          t.body.map((r) => r.filter((_, i) => i !== status && t.headers[i] !== "Check"));
        expect(others(after)).toEqual(others(before));

        // An owner typed on the sheet that the Lists sheet lacks: one click puts it there, and
        // every row naming it is clear.
        const addOwner = page.getByRole("button", {
          name: "Add to Lists: 'Head of Crime' to the owners",
        });
        expect(await addOwner.count()).toBe(3);
        await pane.press(addOwner.first());
        await pane.expectAnnounced("status", /Added 'Head of Crime' to the Lists sheet's owners/);
        expect(await addOwner.count()).toBe(0);
        const owners = await pane.fake((fake) =>
          fake.table("tblOwners").body.map((r: unknown[]) => r[0])
        );
        expect(owners).toContain("Head of Crime");

        // Check again by hand: still clean.
        await pane.press(page.getByRole("button", { name: "Check tracker" }));
        await pane.expectAnnounced("status", /Checked/);
        expect(await counts.textContent()).toContain("0 errors");
        console.log(`[e2e] journey 4 (${theme}): check of 6 rows in ${checkSyncs} syncs`);
        await pane.screen("clean", { shot: true });
      } finally {
        await pane.close();
      }
    });
    console.log(`[e2e] journey 4 times (ms): ${JSON.stringify(times)}`);
  });
});
