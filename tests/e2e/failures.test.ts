/**
 * Journey 6, in a real browser: what the analyst sees when Excel says no. A cell in edit mode,
 * a protected sheet, a request too large for Excel on the web, a 5 MB paste: each gives a
 * plain-English message in an alert (announced), the workbook is exactly as it was, and the pane
 * stays usable.
 */
import { Pane, describeE2E, inBothThemes } from "./support";

/** Office error codes and jargon the analyst must never be shown. */
const JARGON =
  /InvalidOperation|AccessDenied|RequestPayload|RichApi|GeneralException|Simulated|undefined|\[object/;

/** Make the first sync that carries a write fail with `code` (the fake applies none of it). */
async function failFirstWrite(pane: Pane, code: string): Promise<void> {
  await pane.fake(
    (fake, a: { code: string }) => {
      const proto = fake.Excel.RequestContext.prototype;
      const original = proto.sync;
      proto.sync = function (this: { queue: { write: boolean }[] }) {
        if (this.queue.some((q) => q.write)) {
          proto.sync = original;
          fake.failNextSync(a.code);
        }
        return original.call(this);
      };
    },
    { code }
  );
}

async function alertText(pane: Pane, re: RegExp): Promise<string> {
  const text = await pane.expectAnnounced("alert", re);
  expect(text).not.toMatch(JARGON);
  return text;
}

describeE2E("journey 6: failures (browser)", (env) => {
  it("cell edit mode, a protected sheet and a request too large: plain English, nothing half-written", async () => {
    const times = await inBothThemes(env(), "6-failures", async (theme) => {
      const pane = await Pane.open(env(), "6-failures", theme);
      const { page } = pane;
      try {
        await pane.waitForState();
        const setup = page.getByRole("button", { name: "Set up tracker" });

        // 1. A cell is being edited: Excel refuses the batch.
        const empty = await pane.fake((fake) => fake.dump());
        await pane.fake((fake) => fake.failNextSync("InvalidOperationInCellEditMode"));
        await pane.press(setup);
        const editMsg = await alertText(pane, /edit/i);
        expect(editMsg).toMatch(/Enter|Esc/);
        expect(await pane.fake((fake) => fake.dump())).toBe(empty);
        await expectEnabled(setup);
        await pane.screen("cell-edit", { shot: true });

        // 2. The request is too large for Excel on the web, at the first write.
        await failFirstWrite(pane, "RequestPayloadSizeLimitExceeded");
        await page.keyboard.press("Enter"); // focus is still on the button
        await alertText(pane, /too (large|big|much)|smaller|size/i);
        expect(await pane.fake((fake) => fake.dump())).toBe(empty);
        await pane.screen("too-large");

        // 3. The analyst is typing in a cell: the operation waits (progress is announced) and
        //    writes nothing until the edit ends; then it completes and says so.
        await pane.fake((fake) => fake.setCellEditMode(true));
        await page.keyboard.press("Enter");
        await pane.expectAnnounced("status", /Setting up/);
        await page.waitForTimeout(300);
        expect(await pane.fake((fake) => fake.dump())).toBe(empty);
        expect(await setup.isDisabled()).toBe(true);
        await pane.screen("waiting-for-edit");
        await pane.fake((fake) => fake.setCellEditMode(false));
        await pane.expectAnnounced("status", /Tracker set up/);
        await page
          .locator("#container [role=status]")
          .first()
          .filter({ hasText: "Tracker ready" })
          .waitFor();

        // 4. A protected sheet: the repair would write to it, so nothing is written at all.
        await pane.fake((fake) => {
          fake.sheet("Tracker").validations.length = 0; // the dropdown was lost
          fake.protect("Tracker");
        });
        const protectedDump = await pane.fake((fake) => fake.dump());
        const repair = page.getByRole("button", { name: "Check and repair set-up" });
        await pane.press(repair); // focus is still on the same button, now "Check and repair"
        const protMsg = await alertText(pane, /protect/i);
        expect(protMsg).toMatch(/Tracker/);
        expect(await pane.fake((fake) => fake.dump())).toBe(protectedDump);
        await expectEnabled(repair);
        await pane.screen("protected", { shot: true });

        // 5. A 5 MB paste (the wrong thing copied): a plain-English warning, nothing to add, nothing
        //    written. Theme-independent and slow to lay out, so once (light).
        if (theme === "dark") return;
        await pane.fake((fake) => fake.protect("Tracker", false));
        const before5 = await pane.fake((fake) => fake.dump());
        await pane.openSection("Import a response record");
        const box = page.getByRole("textbox", { name: "Paste the response record" });
        const huge = "The force should keep better records of what it does. ".repeat(
          Math.ceil((5 * 1024 * 1024) / 54)
        );
        await pane.context.grantPermissions(["clipboard-read", "clipboard-write"], {
          origin: new URL(page.url()).origin,
        });
        await page.evaluate((t) => navigator.clipboard.writeText(t), huge);
        await pane.tabTo(box);
        await page.keyboard.press("Control+V");
        expect(await box.evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(
          huge.length
        );
        await pane.press(page.getByRole("button", { name: "Read pasted text" }));
        const warning = page.getByText(/million characters, far longer than a response record/);
        await warning.waitFor({ timeout: 30_000 });
        expect((await warning.textContent()) ?? "").not.toMatch(JARGON);
        const add = page.getByRole("button", { name: /^Add \d+ items? to the tracker$/ });
        if (await add.count()) expect(await add.isDisabled()).toBe(true);
        expect(await pane.fake((fake) => fake.dump())).toBe(before5);
        await pane.screen("huge-paste");
        await pane.screenshot("6-failures-huge-paste-light-320");
      } finally {
        await pane.close();
      }
    });
    console.log(`[e2e] journey 6 times (ms): ${JSON.stringify(times)}`);
  });
});

async function expectEnabled(loc: import("playwright-core").Locator): Promise<void> {
  await loc.waitFor();
  expect(await loc.isEnabled()).toBe(true);
}
