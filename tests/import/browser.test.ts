/**
 * The Import section in a real browser (Chromium, the production pane, the fake Excel): paste a
 * record → preview with editable items → add 16 items (set-up in the same operation) → import
 * again: "16 already tracked" → choose the example .docx (mammoth loaded on demand). Pasted markup
 * is never rendered. Light and dark, 320 and 500 px, axe-core on every screen.
 */
import { join } from "node:path";
import { Pane, describeE2E, inBothThemes } from "../e2e/support";
import { wessexRecord } from "./records";

const DOCX = join(__dirname, "..", "..", "examples", "wessex-peel-2022.docx");

describeE2E("import a response record (browser)", (env) => {
  it("pastes, previews, adds, re-imports and reads a .docx, from the keyboard", async () => {
    await inBothThemes(env(), "import", async (theme) => {
      const pane = await Pane.open(env(), "import", theme);
      const { page } = pane;
      try {
        await pane.openSection("Import a response record");
        const record = wessexRecord().replace(
          "A fictional summary.",
          'A fictional summary <img src=x onerror="window.__pwned=1"> with markup.'
        );
        await page.getByRole("textbox", { name: "Paste the response record" }).fill(record);
        await pane.press(page.getByRole("button", { name: "Read pasted text" }));
        await page.getByRole("list", { name: "Items to add" }).waitFor();
        expect(
          await page.getByRole("list", { name: "Items to add" }).getByRole("listitem").count()
        ).toBe(16);
        await page.getByRole("textbox", { name: /Inspection code/ }).waitFor();
        expect(await page.locator("#container img").count()).toBe(0);
        await pane.screen("preview", { shot: true });

        const before = await pane.fake((fake) => fake.syncCount);
        await pane.press(page.getByRole("button", { name: "Add 16 items to the tracker" }));
        await pane.expectAnnounced("status", /16 added, 0 already tracked/);
        const made = await pane.fake(
          (fake, a: { before: number }) => ({
            rows: fake.table("tblTracker").body.length,
            syncs: fake.syncCount - a.before,
          }),
          { before }
        );
        expect(made.rows).toBe(16);
        await pane.screen("added", { shot: true });

        // The preview and the box are cleared after adding; the same record again, read and
        // added again, adds nothing.
        expect(await page.getByRole("list", { name: "Items to add" }).count()).toBe(0);
        const box = page.getByRole("textbox", { name: "Paste the response record" });
        expect(await box.inputValue()).toBe("");
        await box.fill(record);
        await pane.press(page.getByRole("button", { name: "Read pasted text" }));
        await pane.press(page.getByRole("button", { name: "Add 16 items to the tracker" }));
        await pane.expectAnnounced("status", /0 added, 16 already tracked/);
        await page.waitForFunction(() => document.activeElement?.tagName === "TEXTAREA");

        // The keyboard path an analyst takes: after Add, focus is back in the paste box; Tab
        // to "Choose a file…", Enter opens the file dialog, and focus comes back to that button;
        // Tab on (forward, no wrapping round the pane) to the new preview's Add button.
        expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
        const chooser = page.waitForEvent("filechooser");
        await pane.press(page.getByRole("button", { name: "Choose a file…" }));
        await (await chooser).setFiles(DOCX);
        await page.getByText("Read from wessex-peel-2022.docx").waitFor();
        await pane.press(page.getByRole("button", { name: "Add 8 items to the tracker" }));
        await pane.expectAnnounced("status", /8 added, 0 already tracked/);
        await pane.screen("docx", { shot: true });
        expect(
          await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
        ).toBeUndefined();
        console.log(
          `[e2e] import (${theme}): ${made.syncs} syncs to set up and add 16 items (then the pane re-reads its state)`
        );
      } finally {
        await pane.close();
      }
    });
  }, 400_000);
});
