/**
 * Shared by the end-to-end journeys: one browser and one server per test file, a pane per run
 * (light or dark), and the checks every screen gets (layout at 320 and 500 px, axe-core, live
 * regions, keyboard focus) plus screenshots.
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";

export interface Harness {
  ROOT: string;
  TMP: string;
  BUILDS: string;
  CHROMIUM: string;
  ensureBuild(opts?: {
    force?: boolean;
    log?: (s: string) => void;
  }): Promise<{ dir: string; built: boolean; ms: number }>;
  fakeExcelScript(): string;
  serve(dir: string): Promise<{ origin: string; close: () => Promise<void> }>;
  chromiumPresent(): boolean;
  launch(): Promise<Browser>;
  openPane(
    browser: Browser,
    origin: string,
    opts: {
      theme?: Theme;
      width?: number;
      height?: number;
      seed?: string | null;
      seedArg?: unknown;
      fakeScript?: string;
    }
  ): Promise<{ page: Page; context: BrowserContext; outside: string[]; errors: string[] }>;
}

export const harness: Harness = require("../../scripts/e2e-harness.cjs");

export type Theme = "light" | "dark";
export const WIDTHS = [320, 500] as const;
export const SHOTS = path.join(harness.TMP, "screens");
export const DOCS_SHOTS = path.join(harness.ROOT, "docs", "screenshots");
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const FIGURES = path.join(harness.TMP, "e2e-figures");

/** Record a figure (journey time, axe results) for scripts/pane-figures.mjs and the report. */
export function recordFigure(name: string, value: unknown): void {
  fs.mkdirSync(FIGURES, { recursive: true });
  fs.writeFileSync(path.join(FIGURES, `${name}.json`), JSON.stringify(value, null, 2));
}

export interface Env {
  browser: Browser;
  origin: string;
  /** The production build being served. */
  dist: string;
  fakeScript: string;
}

/**
 * Describe a file of journeys. Builds (or reuses) the production pane, serves it and launches
 * Chromium once for the file. Without Chromium, one test says so and passes (fails when
 * REQUIRE_CHROMIUM=1, as in CI).
 */
export function describeE2E(title: string, body: (env: () => Env) => void): void {
  if (!harness.chromiumPresent()) {
    describe(title, () => {
      it(`needs Chromium at ${harness.CHROMIUM}`, () => {
        const message = `Chromium is not installed at ${harness.CHROMIUM}: the browser journeys did not run.`;
        if (process.env.REQUIRE_CHROMIUM === "1") throw new Error(message);
        console.warn(message);
      });
    });
    return;
  }
  describe(title, () => {
    // A journey runs twice (light, dark) on a possibly busy machine.
    jest.setTimeout(240_000);
    let env: Env | null = null;
    let server: { origin: string; close: () => Promise<void> } | null = null;
    beforeAll(async () => {
      const build = await harness.ensureBuild({ log: (s) => console.log(s) });
      server = await harness.serve(build.dir);
      env = {
        browser: await harness.launch(),
        origin: server.origin,
        dist: build.dir,
        fakeScript: harness.fakeExcelScript(),
      };
    }, 600_000);
    afterAll(async () => {
      await env?.browser.close();
      await server?.close();
    });
    body(() => {
      if (!env) throw new Error("The browser did not start");
      return env;
    });
  });
}

/** What every screen of a journey is checked for. */
export interface ScreenReport {
  name: string;
  axe: { id: string; impact: string; nodes: number; help: string }[];
}

/**
 * One run of a journey: a pane in one theme, starting at 320 px wide. Every `screen()` checks
 * the layout at 320 and 500 px, runs axe-core, and (with `shot`) writes screenshots.
 */
export class Pane {
  readonly screens: ScreenReport[] = [];
  /** Tab stops visited by tabTo(), in order (for the focus-order assertion). */
  readonly tabStops: string[] = [];
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly theme: Theme,
    readonly journey: string,
    private readonly outside: string[],
    private readonly errors: string[]
  ) {}

  /**
   * Open the pane. `seed(fake, FakeExcelLib, seedArg)` runs in the page before the add-in loads
   * (it must not use anything from this file's scope); `now` fixes the page's clock (timers
   * still run).
   */
  static async open(
    env: Env,
    journey: string,
    theme: Theme,
    opts: { seed?: (fake: any, lib: any, arg: any) => void; seedArg?: unknown; now?: Date } = {}
  ) {
    const { page, context, outside, errors } = await harness.openPane(env.browser, env.origin, {
      theme,
      width: 320,
      height: 720,
      seed: opts.seed ? opts.seed.toString() : null,
      seedArg: opts.seedArg,
      fakeScript: env.fakeScript,
    });
    if (opts.now) await page.clock.setFixedTime(opts.now);
    await page.goto(`${env.origin}/taskpane.html`);
    const pane = new Pane(page, context, theme, journey, outside, errors);
    await pane.waitForState();
    return pane;
  }

  /** Wait until the pane says where the workbook stands (no longer "Reading…"). */
  async waitForState(): Promise<string> {
    const status = this.page.locator("#container [role=status]").first();
    await status.waitFor();
    await this.page.waitForFunction(() => {
      const t = document.querySelector("#container [role=status]")?.textContent ?? "";
      return t.length > 0 && !t.includes("Reading");
    });
    return (await status.textContent()) ?? "";
  }

  /** Evaluate a function against the fake Excel in the page (window.__fake). */
  fake<T, A = undefined>(fn: (fake: any, arg: A) => T, arg?: A): Promise<T> {
    return this.page.evaluate(
      ([src, a]) => {
        const f = new Function(`return (${src})`)();
        return f((window as any).__fake, a);
      },
      [fn.toString(), arg] as const
    ) as Promise<T>;
  }

  /** The text of every live region (role=status / role=alert) in the pane. */
  async liveText(): Promise<string[]> {
    return this.page.$$eval("[role=status], [role=alert], [aria-live]", (els) =>
      els.map((e) => (e.textContent ?? "").replace(/\s+/g, " ").trim()).filter(Boolean)
    );
  }

  /** Assert that a live region of the given role announces text matching `re`. */
  async expectAnnounced(role: "status" | "alert", re: RegExp, timeout = 10_000): Promise<string> {
    const loc = this.page.locator(`[role=${role}]`).filter({ hasText: re }).first();
    await loc.waitFor({ timeout });
    return (await loc.textContent()) ?? "";
  }

  /**
   * Nothing cut off and no horizontal scrolling: the document does not scroll sideways and no
   * visible element's right edge passes the viewport's.
   */
  async checkLayout(width: number): Promise<void> {
    await this.page.setViewportSize({ width, height: 720 });
    await this.page.waitForTimeout(50);
    const result = await this.page.evaluate(() => {
      const doc = document.scrollingElement as HTMLElement;
      const vw = document.documentElement.clientWidth;
      const over: string[] = [];
      const hiddenByClip = (el: Element): boolean => {
        for (let e: Element | null = el; e; e = e.parentElement) {
          const cs = getComputedStyle(e);
          if (cs.display === "none" || cs.visibility === "hidden") return true;
          if (cs.clip && cs.clip !== "auto" && cs.position === "absolute") return true;
          if (cs.clipPath && cs.clipPath !== "none") return true;
        }
        return false;
      };
      for (const el of Array.from(document.querySelectorAll("#container *"))) {
        const r = el.getBoundingClientRect();
        if (r.width < 2 || r.height < 2) continue;
        if (r.right > vw + 0.5 || r.left < -0.5) {
          if (hiddenByClip(el)) continue;
          const id = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.getAttribute("role") ? `[role=${el.getAttribute("role")}]` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}" left=${Math.round(r.left)} right=${Math.round(r.right)}`;
          over.push(id);
          continue;
        }
        // Text cut short inside its box (overflow hidden or an ellipsis), in the pane's own
        // content (not inside form controls, whose values scroll by design).
        const cs = getComputedStyle(el);
        const ownText = Array.from(el.childNodes).some(
          (n) => n.nodeType === 3 && (n.textContent ?? "").trim() !== ""
        );
        if (
          ownText &&
          (cs.overflowX === "hidden" ||
            cs.overflowX === "clip" ||
            cs.textOverflow === "ellipsis") &&
          el.scrollWidth > el.clientWidth + 1 &&
          !el.closest("input, textarea, select, [data-tabster-dummy]") &&
          !hiddenByClip(el)
        ) {
          over.push(
            `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}" text cut off (${el.scrollWidth} > ${el.clientWidth})`
          );
        }
      }
      return {
        scrollWidth: doc.scrollWidth,
        clientWidth: doc.clientWidth,
        vw,
        over: over.slice(0, 10),
      };
    });
    expect({
      width,
      scrollsSideways: result.scrollWidth > result.clientWidth,
      cutOff: result.over,
    }).toEqual({
      width,
      scrollsSideways: false,
      cutOff: [],
    });
  }

  /** axe-core on the whole page: no serious or critical violations. */
  async checkAxe(name: string): Promise<ScreenReport> {
    const has = await this.page.evaluate(() => typeof (window as any).axe !== "undefined");
    if (!has) await this.page.addScriptTag({ content: AXE });
    const violations = (await this.page.evaluate(async () => {
      // Fluent's focus manager (tabster) keeps <i data-tabster-dummy tabindex=0 aria-hidden> around
      // dialogs and focus groups: focus lands there only to be sent on at once, and aria-hidden
      // keeps screen readers quiet. axe's aria-hidden-focus reports them; a known false positive
      // (microsoft/tabster#288), so they are left out. Everything else is checked.
      const r = await (window as any).axe.run(
        { include: [document], exclude: [["[data-tabster-dummy]"]] },
        { resultTypes: ["violations"] }
      );
      return r.violations.map((v: any) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 3).map((n: any) => String(n.target)),
      }));
    })) as (ScreenReport["axe"][number] & { targets: string[] })[];
    const report: ScreenReport = {
      name,
      axe: violations.map(({ id, impact, nodes, help }) => ({ id, impact, nodes, help })),
    };
    this.screens.push(report);
    axeLog.push({ journey: this.journey, theme: this.theme, screen: name, violations: report.axe });
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect({ screen: name, seriousOrCritical: bad }).toEqual({
      screen: name,
      seriousOrCritical: [],
    });
    return report;
  }

  /**
   * Check a screen: layout at 500 and 320 px (ending at 320), axe-core, no outside request, no
   * page error; with `shot`, screenshots at both widths in tests/.tmp/screens.
   */
  async screen(name: string, opts: { shot?: boolean; docs?: string } = {}): Promise<void> {
    for (const w of [WIDTHS[1], WIDTHS[0]]) {
      await this.checkLayout(w);
      if (opts.shot)
        await this.screenshot(
          `${this.journey}-${name}-${this.theme}-${w}`,
          opts.docs && w === 320 ? opts.docs : undefined
        );
    }
    await this.checkAxe(name);
    this.expectClean();
  }

  async screenshot(file: string, docsName?: string): Promise<void> {
    fs.mkdirSync(SHOTS, { recursive: true });
    // Let transitions settle (motion is reduced) so the picture is stable.
    await this.page.waitForTimeout(100);
    const buf = await this.page.screenshot({
      fullPage: true,
      animations: "disabled",
      caret: "hide",
    });
    fs.writeFileSync(path.join(SHOTS, `${file}.png`), buf);
    // The README's pictures change only when asked, so a test run leaves the clone as it was.
    if (docsName && process.env.UPDATE_DOCS_SHOTS === "1") {
      fs.mkdirSync(DOCS_SHOTS, { recursive: true });
      fs.writeFileSync(path.join(DOCS_SHOTS, `${docsName}-${this.theme}.png`), buf);
    }
  }

  /** No request left the machine and no script error happened. */
  expectClean(): void {
    expect({ outside: this.outside, errors: this.errors }).toEqual({ outside: [], errors: [] });
  }

  // ---------------------------------------------------------------- keyboard

  /** Describe the focused element (for messages and the focus order). */
  async focused(): Promise<{ desc: string; visible: boolean; index: number }> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { desc: "body", visible: false, index: -1 };
      const name = (
        el.getAttribute("aria-label") ??
        el.textContent ??
        (el as HTMLInputElement).value ??
        ""
      )
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 50);
      const desc = `${el.tagName.toLowerCase()}${el.getAttribute("role") ? `[role=${el.getAttribute("role")}]` : ""} "${name}"`;
      // A visible focus indicator: an outline or box shadow on the element or its ::before/::after
      // (Fluent draws its focus ring on ::after), and the element matches :focus-visible.
      const ring = (cs: CSSStyleDeclaration) =>
        (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) ||
        (cs.boxShadow !== "none" && cs.boxShadow !== "") ||
        (cs.content !== "none" &&
          cs.content !== "normal" &&
          cs.borderStyle !== "none" &&
          parseFloat(cs.borderTopWidth || "0") + parseFloat(cs.borderBottomWidth || "0") > 0);
      const fv = el.matches(":focus-visible") || el.hasAttribute("data-fui-focus-visible");
      const probe = (e: Element) =>
        ring(getComputedStyle(e)) ||
        ring(getComputedStyle(e, "::after")) ||
        ring(getComputedStyle(e, "::before"));
      let visible = fv && probe(el);
      // Inputs draw the ring on their wrapper (Fluent Input/Textarea/Dropdown).
      if (fv && !visible && el.parentElement) visible = probe(el.parentElement);
      const all = Array.from(document.querySelectorAll("*"));
      return { desc, visible, index: all.indexOf(el) };
    });
  }

  /**
   * Keyboard only: press Tab (or Shift+Tab) until `target` has focus, checking at each stop that
   * focus is visible and moves forward in document order (it may wrap once). Records the stops.
   */
  async tabTo(target: Locator, opts: { max?: number; backwards?: boolean } = {}): Promise<void> {
    const max = opts.max ?? 60;
    // Already there (the pane put focus on it): no key to press.
    if (await target.evaluate((el) => el === document.activeElement)) return;
    let prev = (await this.focused()).index;
    let wrapped = false;
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press(opts.backwards ? "Shift+Tab" : "Tab");
      const f = await this.focused();
      if (f.index < 0) continue; // focus left the page (browser UI): next Tab comes back
      this.tabStops.push(f.desc);
      expect({ stop: f.desc, focusVisible: f.visible }).toEqual({
        stop: f.desc,
        focusVisible: true,
      });
      const forward = opts.backwards ? f.index < prev : f.index > prev;
      if (!forward && prev >= 0) {
        expect({ stop: f.desc, wrappedTwice: wrapped }).toEqual({
          stop: f.desc,
          wrappedTwice: false,
        });
        wrapped = true;
      }
      prev = f.index;
      if (
        await target.evaluate(
          (el) => el === document.activeElement || el.contains(document.activeElement)
        )
      )
        return;
    }
    throw new Error(
      `Tab never reached ${await target.evaluate((el) => el.outerHTML.slice(0, 120))}; stops: ${this.tabStops.slice(-12).join(" → ")}`
    );
  }

  /** Keyboard only: Tab to a control and press Enter (or Space). */
  async press(target: Locator, key: "Enter" | "Space" = "Enter"): Promise<void> {
    const has = await target.evaluate((el) => el === document.activeElement);
    if (!has) await this.tabTo(target);
    await this.page.keyboard.press(key);
  }

  /** Open a section of the accordion from the keyboard (Tab to its header, Enter). */
  async openSection(title: string): Promise<void> {
    const header = this.page.getByRole("button", { name: title, exact: true });
    if ((await header.getAttribute("aria-expanded")) === "true") return;
    await this.press(header);
    await this.page.waitForFunction(
      (t) =>
        Array.from(document.querySelectorAll("button[aria-expanded]")).some(
          (b) => b.textContent?.trim() === t && b.getAttribute("aria-expanded") === "true"
        ),
      title
    );
  }

  /** Close a section of the accordion from the keyboard. */
  async closeSection(title: string): Promise<void> {
    const header = this.page.getByRole("button", { name: title, exact: true });
    if ((await header.getAttribute("aria-expanded")) !== "true") return;
    await this.press(header);
    await this.page.waitForFunction(
      (t) =>
        Array.from(document.querySelectorAll("button[aria-expanded]")).some(
          (b) => b.textContent?.trim() === t && b.getAttribute("aria-expanded") === "false"
        ),
      title
    );
  }

  /** Set up the tracker through the pane (keyboard) and wait until it says ready. */
  async setUp(): Promise<void> {
    await this.openSection("Set-up");
    await this.press(this.page.getByRole("button", { name: "Set up tracker" }));
    await this.page
      .locator("#container [role=status]")
      .first()
      .filter({ hasText: "Tracker ready" })
      .waitFor();
  }

  /** The analyst types rows into the tracker table (below its last row, so the table grows). */
  async typeRows(rows: (string | number)[][]): Promise<void> {
    await this.fake(
      (fake, a: { rows: (string | number)[][] }) => {
        const lib = (window as any).FakeExcelLib;
        const t = fake.table("tblTracker");
        const empty = t.body.length === 1 && t.body[0].every((v: unknown) => v === "");
        let r = t.r + 1 + (empty ? 0 : t.rows);
        const last = lib.colLetters(t.c + a.rows[0].length - 1);
        for (const row of a.rows) {
          fake.userEdit(t.sheet, `${lib.colLetters(t.c)}${r + 1}:${last}${r + 1}`, [row]);
          r++;
        }
      },
      { rows }
    );
  }

  /** The analyst types into one cell of the tracker: the row with this Ref, the named column. */
  async typeCell(ref: string, header: string, value: string | number): Promise<void> {
    await this.fake(
      (fake, a: { ref: string; header: string; value: string | number }) => {
        const lib = (window as any).FakeExcelLib;
        const t = fake.table("tblTracker");
        const row = t.body.findIndex((r: unknown[]) => r[t.headers.indexOf("Ref")] === a.ref);
        const col = t.headers.indexOf(a.header);
        if (row < 0 || col < 0) throw new Error(`No cell for ${a.ref} / ${a.header}`);
        fake.userEdit(t.sheet, `${lib.colLetters(t.c + col)}${t.r + 2 + row}`, [[a.value]]);
      },
      { ref, header, value }
    );
  }

  /** Every non-empty cell value of a sheet, as text (to look for what a planner wrote). */
  async sheetText(sheet: string): Promise<string[]> {
    return this.fake(
      (fake, a: { sheet: string }) => {
        const lib = (window as any).FakeExcelLib;
        const u = fake.usedRange(a.sheet);
        if (!u) return [];
        const addr = lib.rectAddress(u);
        return fake
          .values(a.sheet, addr)
          .flat()
          .filter((v: unknown) => v !== "")
          .map(String);
      },
      { sheet }
    );
  }

  /** Press the pane's Refresh button (the analyst edited the sheet). */
  async refreshState(expect: RegExp): Promise<void> {
    await this.press(this.page.getByRole("button", { name: "Refresh the workbook state" }));
    await this.page
      .locator("#container [role=status]")
      .first()
      .filter({ hasText: expect })
      .waitFor();
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** Every axe-core run of this test file (for the figures). */
const axeLog: { journey: string; theme: Theme; screen: string; violations: ScreenReport["axe"] }[] =
  [];

/**
 * Run a journey once per theme; returns how long each run took. Records the times and the
 * axe-core results (screens checked, violations by impact) in tests/.tmp/e2e-figures.
 */
export async function inBothThemes(
  _env: Env,
  journey: string,
  run: (theme: Theme) => Promise<void>
): Promise<Record<Theme, number>> {
  const times = {} as Record<Theme, number>;
  const from = axeLog.length;
  for (const theme of ["light", "dark"] as Theme[]) {
    const t = Date.now();
    await run(theme);
    times[theme] = Date.now() - t;
  }
  const runs = axeLog.slice(from).filter((a) => a.journey === journey);
  const byImpact: Record<string, number> = {};
  const rules = new Set<string>();
  for (const a of runs) {
    for (const v of a.violations) {
      byImpact[v.impact] = (byImpact[v.impact] ?? 0) + 1;
      rules.add(`${v.id} (${v.impact})`);
    }
  }
  recordFigure(`journey-${journey}`, {
    journey,
    ms: times,
    axe: { screens: runs.length, violationsByImpact: byImpact, rules: [...rules] },
  });
  return times;
}
