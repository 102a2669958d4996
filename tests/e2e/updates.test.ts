/**
 * Journey 8, in a real browser: the quarterly update round. Ask the owners (each owner's workbook
 * opens through Excel.createWorkbook in the in-memory Excel), take one back as the owner filled
 * it in (a status typed by hand, one misspelt, a revised date), choose it, untick one change,
 * apply the rest, open the Update log. Keyboard only; light and dark; 320 and 500 px.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpDir } from "../helpers/libreoffice";
import { edited } from "../updates/returned";
import { Pane, describeE2E, inBothThemes } from "./support";
import { TODAY, trackerRows } from "./tracker-data";

describeE2E("journey 8: the quarterly update round (browser)", (env) => {
  it("asks the owners, then merges a returned workbook with one change unticked", async () => {
    const times = await inBothThemes(env(), "8-updates", async (theme) => {
      const pane = await Pane.open(env(), "8-updates", theme, { now: TODAY });
      const { page } = pane;
      try {
        await pane.setUp();
        await pane.typeRows(trackerRows());
        await pane.refreshState(/Tracker with 6 rows/);
        await pane.closeSection("Set-up");
        await pane.openSection("Quarterly update round");

        await pane.press(page.getByRole("button", { name: "Ask owners for updates" }));
        await pane.expectAnnounced(
          "status",
          /2 owners to ask about 5 open items, replies by 14\/07\/2026/
        );
        const owners = page.getByRole("list", { name: "Owners to ask" });
        expect(
          (await owners.getByRole("listitem").allTextContents()).map((t) => t.split(":")[0])
        ).toEqual(["Head of Contact", "Head of Crime"]);
        await pane.screen("asked", { shot: true });

        await pane.press(page.getByRole("button", { name: "Open workbook for Head of Contact" }));
        await pane.expectAnnounced(
          "status",
          /Save it as 'Updates - Head of Contact - 2026-06-30\.xlsx' and send it to Head of Contact/
        );
        const sent = await pane.fake((fake) => fake.createdWorkbooks as string[]);
        expect(sent).toHaveLength(1);

        // The owner fills it in and sends it back.
        const back = await edited(new Uint8Array(Buffer.from(sent[0], "base64")), [
          ["WP25-R1", "Status", "green"],
          ["WP25-R1", "Progress update", "Twelve call handlers now in post."],
          ["WP25-AFI1", "Status", "grn"],
          ["WP25-AFI3", "Revised target date", "31/03/2027"],
        ]);
        const file = join(tmpDir("e2e-updates-"), "contact.xlsx");
        writeFileSync(file, back);
        const [chooser] = await Promise.all([
          page.waitForEvent("filechooser"),
          pane.press(page.getByRole("button", { name: "Choose returned workbooks…" })),
        ]);
        await chooser.setFiles(file);
        const changes = page.getByRole("group", { name: "Changes from contact.xlsx (3)" });
        await changes.waitFor();
        expect(await page.getByRole("list", { name: "Not applied" }).textContent()).toContain(
          "WP25-AFI1 Status: 'grn' is not a status"
        );
        await pane.screen("preview", { shot: true });
        // Nothing is written before the analyst applies.
        expect(await pane.fake((fake) => fake.table("tblUpdateLog"))).toBeUndefined();

        // Untick the revised date, then apply the other two.
        const revised = page.getByRole("checkbox", { name: /WP25-AFI3 Target date/ });
        await pane.press(revised, "Space");
        expect(await revised.isChecked()).toBe(false);
        await pane.press(page.getByRole("button", { name: "Apply 2 changes" }));
        await pane.expectAnnounced(
          "status",
          /Applied 2 changes to 1 row and logged them on the 'Update log' sheet/
        );
        const tracker = await pane.fake((fake) => {
          const t = fake.table("tblTracker");
          const row = t.body.find((r: unknown[]) => r[0] === "WP25-R1");
          const afi3 = t.body.find((r: unknown[]) => r[0] === "WP25-AFI3");
          const h = (name: string) => t.headers.indexOf(name);
          return [row[h("Status")], row[h("Progress update")], afi3[h("Target date")]];
        });
        expect(tracker).toEqual(["Green", "Twelve call handlers now in post.", 46387]);
        expect(await pane.fake((fake) => fake.table("tblUpdateLog").body.length)).toBe(2);

        await pane.press(page.getByRole("button", { name: "Open the Update log" }));
        await page.waitForFunction(() => (window as any).__fake.activeSheet() === "Update log");
        await pane.screen("merged", { shot: true });
      } finally {
        await pane.close();
      }
    });
    console.log(`[e2e] journey 8 times (ms): ${JSON.stringify(times)}`);
  });
});
