/**
 * The Check section in a real browser (Chromium, the production pane, the fake Excel): a tracker
 * with problems → Check tracker → counts and the list announced → an entry selects its cell from
 * the keyboard → Fix all N fixes the statuses in one batch. Light and dark, 320 and 500 px,
 * axe-core on every screen.
 */
import { TRACKER_COLUMNS } from "../../src/domain/columns";
import { Pane, describeE2E, inBothThemes } from "../e2e/support";
import { cells, goodValues } from "./helpers";

const HEADERS = TRACKER_COLUMNS.map((c) => c.header);
const ROWS = [
  cells(goodValues({ ref: "WP-1" })),
  cells(goodValues({ ref: "WP-2", status: "grn", owner: "" })),
  cells(goodValues({ ref: "WP-3 <img src=x onerror=alert(1)>", status: "r" })),
].map((r) => r.map((v) => (v === null ? "" : v)));

function seed(fake: any, _lib: unknown, arg: { headers: string[]; rows: (string | number)[][] }) {
  fake.addSheet("Tracker");
  fake.seedTable("Tracker", "tblTracker", 0, 0, arg.headers, arg.rows);
}

describeE2E("check the tracker (browser)", (env) => {
  it("checks, lists by rule and row, selects a cell from the keyboard and fixes all in one batch", async () => {
    await inBothThemes(env(), "check", async (theme) => {
      const pane = await Pane.open(env(), "check", theme, {
        seed, seedArg: { headers: HEADERS, rows: ROWS }, now: new Date(2026, 10, 30, 10, 0, 0),
      });
      const { page } = pane;
      try {
        expect(await pane.waitForState()).toContain("Tracker with 3 rows");
        const check = page.getByRole("button", { name: "Check tracker" });
        await pane.press(check);
        await pane.expectAnnounced("status", /3 errors and 0 warnings in 3 rows/);
        await page.getByText("3 rows, as at 30/11/2026").waitFor();
        await page.getByText("Status not in the list (2)").waitFor();
        await pane.screen("checked", { shot: true });

        // The Check column is written; the pasted text is shown as text, never as HTML.
        const after = await pane.fake((fake) => fake.table("tblTracker"));
        expect(after.headers[after.headers.length - 1]).toBe("Check");
        expect(await page.locator("#container img").count()).toBe(0);
        await page.getByText(/<img src=x/).first().waitFor();

        // Keyboard: Enter on an entry selects its cell in the workbook.
        const owner = page.getByRole("button", { name: /Row 3 · WP-2 · Owner/ });
        await owner.focus();
        await page.keyboard.press("Enter");
        const ownerCol = String.fromCharCode(65 + HEADERS.indexOf("Owner"));
        let selection: unknown = null;
        for (let i = 0; i < 50; i++) {
          selection = await pane.fake((fake) => fake.selection());
          if ((selection as { address: string }).address === `${ownerCol}3`) break;
          await page.waitForTimeout(100);
        }
        expect(selection).toEqual({ sheet: "Tracker", address: `${ownerCol}3` });

        // Fix all 2: both statuses in one write.
        const before = await pane.fake((fake) => fake.syncLog.length);
        await pane.press(page.getByRole("button", { name: "Fix all 2" }));
        await pane.expectAnnounced("status", /Fixed 2 statuses/);
        const fixed = await pane.fake((fake, a: { before: number }) => ({
          body: fake.table("tblTracker").body,
          writes: fake.syncLog.slice(a.before).filter((s: { writes: number }) => s.writes > 0).length,
        }), { before });
        const status = HEADERS.indexOf("Status");
        expect(fixed.body.map((r: unknown[]) => r[status])).toEqual(["Green", "Green", "Red"]);
        expect(fixed.writes).toBe(1);
        await pane.screen("fixed");
      } finally {
        await pane.close();
      }
    });
  }, 300_000);
});
