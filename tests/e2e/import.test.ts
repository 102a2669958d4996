/**
 * Journey 2, in a real browser: paste a response record (plain text, then Word's copy with its
 * HTML flavour) → preview with a warning and each item's suggested assurance area (long area
 * names, laid out at 320, 450 and 500 px) → edit one item's theme, set two at once → add → rows
 * in the table, the preview cleared and what was added said; paste again → "already tracked"; a
 * paste that is not a record → a plain message. A Word .html file is chosen with the file picker
 * too. Keyboard only (Ctrl+V, Tab, Space, typed letters in selects, Enter); light and dark.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { Pane, describeE2E, harness, inBothThemes } from "./support";
import { TODAY } from "./tracker-data";

/** A fictional record whose numbering skips (Recommendation 1, then 3): the preview warns. */
const PLAIN_RECORD = [
  "Inspection response record",
  "",
  "Force\tWessex Police",
  "Police and Crime Commissioner\tJordan Vale",
  "Title of inspection\tWessex Police: how well the force responds to domestic abuse",
  "Published Date\t12 January 2026",
  "Inspectorate\tHMICFRS",
  "Recommendations\tRecommendation 1 – The force should make sure every domestic abuse call is risk assessed at first contact.",
  "Recommendation 3 – The force should review how body-worn video is used at domestic abuse incidents.",
  "AFI 1: The force should improve how it records the voice of the child.",
  "",
  "Police and Crime Commissioner's initial response",
  "",
  "The Commissioner welcomes the report and will seek assurance on:",
  "",
  "1. Safeguarding of vulnerable victims and their children from the first call:",
  "",
  "Every call is risk assessed and repeat victims are identified.",
  "",
  "2. Evidence-led prosecutions:",
  "",
  "Body-worn video is used at every incident.",
  "",
  "3. Consistency of practice and adherence to national standards in every district:",
  "",
  "Supervisors review a sample of cases each month.",
  "",
].join("\n");

/** The longest area name above: what the Theme selects must hold within their cards. */
const LONGEST_AREA =
  "Consistency of practice and adherence to national standards in every district";

const WORD_HTML = fs.readFileSync(
  path.join(harness.ROOT, "examples", "wessex-custody-spotlight.html"),
  "utf8"
);

/** Put text (and optionally HTML) on the clipboard, as Word does when the analyst copies. */
async function copy(page: Page, plain: string, html?: string): Promise<void> {
  await page.evaluate(
    async ([p, h]) => {
      const parts: Record<string, Blob> = { "text/plain": new Blob([p], { type: "text/plain" }) };
      if (h) parts["text/html"] = new Blob([h], { type: "text/html" });
      await navigator.clipboard.write([new ClipboardItem(parts)]);
    },
    [plain, html ?? ""] as const
  );
}

/** Word's plain-text flavour of its HTML: what the browser renders as text. */
async function plainOf(page: Page, html: string): Promise<string> {
  const other = await page.context().newPage();
  try {
    await other.setContent(html);
    return await other.evaluate(() => document.body.innerText);
  } finally {
    await other.close();
  }
}

async function trackerRefs(pane: Pane): Promise<string[]> {
  return pane.fake((fake) => {
    const t = fake.table("tblTracker");
    const i = t.headers.indexOf("Ref");
    return t.body.map((r: unknown[]) => String(r[i])).filter(Boolean);
  });
}

describeE2E("journey 2: import a response record (browser)", (env) => {
  it("pastes plain text and Word, previews with a warning, edits a theme, adds, and knows what is already tracked", async () => {
    const times = await inBothThemes(env(), "2-import", async (theme) => {
      const pane = await Pane.open(env(), "2-import", theme, { now: TODAY });
      const { page } = pane;
      await pane.context.grantPermissions(["clipboard-read", "clipboard-write"], {
        origin: new URL(page.url()).origin,
      });
      try {
        await pane.setUp();
        await pane.openSection("Import a response record");
        const box = page.getByRole("textbox", { name: "Paste the response record" });

        // 1. Plain text: paste, read → preview with a warning about the numbering, and each
        // item's suggested area (the longest name fits the card at every width).
        await copy(page, PLAIN_RECORD);
        await pane.tabTo(box);
        await page.keyboard.press("Control+V");
        expect(await box.inputValue()).toBe(PLAIN_RECORD);
        await pane.press(page.getByRole("button", { name: "Read pasted text" }));
        const preview = page.getByRole("region", { name: "Preview of the record" });
        await preview.waitFor();
        await preview
          .getByText("Recommendation 2 is missing: the numbering goes from 1 to 3")
          .waitFor();
        const theme = (n: number) => page.getByRole("combobox", { name: `Item ${n}: theme` });
        expect(await theme(1).inputValue()).toBe(
          "Safeguarding of vulnerable victims and their children from the first call"
        );
        expect(await theme(2).inputValue()).toBe("Evidence-led prosecutions");
        await preview.getByText(/Suggested from the words body, worn, video/).waitFor();
        await pane.screen("preview", { shot: true, docs: "import-preview" });

        // 2. Item 3's theme from the keyboard (a native select takes typed letters); then tick
        // items 1 and 2 and set their area at once.
        await pane.tabTo(theme(3));
        await page.keyboard.type("Consistency");
        expect(await theme(3).inputValue()).toBe(LONGEST_AREA);
        await pane.checkLayout(450);
        await pane.press(page.getByRole("checkbox", { name: "Select item 1" }), "Space");
        await pane.press(page.getByRole("checkbox", { name: "Select item 2" }), "Space");
        const areaForSelected = page.getByRole("combobox", {
          name: "Assurance area for the selected items",
        });
        await pane.tabTo(areaForSelected, { backwards: true });
        await page.keyboard.type("Consistency");
        await pane.press(page.getByRole("button", { name: "Set area for 2 selected" }));
        expect([
          await theme(1).inputValue(),
          await theme(2).inputValue(),
          await theme(3).inputValue(),
        ]).toEqual([LONGEST_AREA, LONGEST_AREA, LONGEST_AREA]);
        await pane.checkLayout(450);
        await pane.screen("areas-set", { shot: true });

        // 3. Add: three rows in the table, the areas among them; the preview clears and the
        // pane says what was added and what to do next.
        const code = await page.getByRole("textbox", { name: /Inspection code/ }).inputValue();
        await pane.press(page.getByRole("button", { name: "Add 3 items to the tracker" }));
        await pane.expectAnnounced("status", /Added 3 items/);
        await pane.expectAnnounced("status", /Next, give each an owner and a target date/);
        await page
          .locator("#container [role=status]")
          .first()
          .filter({ hasText: "Tracker with 3 rows" })
          .waitFor();
        expect(await preview.count()).toBe(0);
        expect(await box.inputValue()).toBe("");
        const t = await pane.fake((fake) => fake.table("tblTracker"));
        const col = (h: string) => t.headers.indexOf(h);
        expect(t.body.map((r: unknown[]) => r[col("Ref")])).toEqual([
          `${code}-R1`,
          `${code}-R3`,
          `${code}-AFI1`,
        ]);
        expect(t.body.map((r: unknown[]) => r[col("Theme")])).toEqual([
          LONGEST_AREA,
          LONGEST_AREA,
          LONGEST_AREA,
        ]);
        expect(t.body[0][col("Recommendation")]).toBe(
          "The force should make sure every domestic abuse call is risk assessed at first contact."
        );
        await pane.screen("added", { shot: true, docs: "import-added" });

        // 4. The same record again (still on the clipboard): nothing added, "already tracked".
        const before = await pane.fake((fake) => fake.dump());
        await pane.tabTo(box, { backwards: true });
        await page.keyboard.press("Control+V");
        await pane.press(page.getByRole("button", { name: "Read pasted text" }));
        await pane.press(page.getByRole("button", { name: "Add 3 items to the tracker" }));
        await pane.expectAnnounced("status", /already tracked/);
        expect(await trackerRefs(pane)).toHaveLength(3);
        const after = await pane.fake((fake) => fake.dump());
        expect(after).toBe(before);
        await pane.screen("already-tracked", { shot: true });

        // 4b. Not a record: a plain message with what one looks like; nothing to add.
        await copy(
          page,
          "Minutes of the estates board, 3 March.\nAttendees: the finance director."
        );
        await pane.tabTo(box, { backwards: true });
        await page.keyboard.press("Control+A");
        await page.keyboard.press("Control+V");
        await pane.press(page.getByRole("button", { name: "Read pasted text" }));
        await page.getByText("This does not look like a response record").waitFor();
        expect(await page.getByRole("button", { name: /^Add \d/ }).count()).toBe(0);
        expect(await page.getByRole("textbox", { name: /Inspection code/ }).count()).toBe(0);
        await pane.screen("not-a-record", { shot: true, docs: "import-not-a-record" });

        // 5. Copied from Word: the clipboard carries HTML and text; the box takes the text.
        const wordPlain = await plainOf(page, WORD_HTML);
        await copy(page, wordPlain, WORD_HTML);
        await pane.tabTo(box, { backwards: true });
        await page.keyboard.press("Control+A");
        await page.keyboard.press("Control+V");
        expect(await box.inputValue()).toBe(wordPlain);
        await pane.press(page.getByRole("button", { name: "Read pasted text" }));
        await preview
          .getByText(
            "PEEL Spotlight: Custody & detainee welfare – how well forces keep people in custody safe"
          )
          .waitFor();
        await pane.press(page.getByRole("button", { name: "Add 6 items to the tracker" }));
        await pane.expectAnnounced("status", /Added/);
        expect(await trackerRefs(pane)).toHaveLength(9);

        // 6. The Word HTML file itself, through the file picker (Enter on "Choose a file…").
        const chooser = page.waitForEvent("filechooser");
        await pane.press(page.getByRole("button", { name: "Choose a file…" }));
        await (
          await chooser
        ).setFiles({
          name: "custody-spotlight.html",
          mimeType: "text/html",
          buffer: Buffer.from(WORD_HTML),
        });
        await preview.getByText("Read from custody-spotlight.html").waitFor();
        await pane.press(page.getByRole("button", { name: "Add 6 items to the tracker" }));
        await pane.expectAnnounced("status", /already tracked/);
        expect(await trackerRefs(pane)).toHaveLength(9);
      } finally {
        await pane.close();
      }
    });
    console.log(`[e2e] journey 2 times (ms): ${JSON.stringify(times)}`);
  });
});
