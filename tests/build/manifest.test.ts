/**
 * The manifest a production build ships (scripts/manifest.cjs, checked by
 * scripts/validate-manifest.mjs): nothing left at the dev server when PRODUCTION_URL is set
 * (AppDomains kept https://localhost:3000 before: only URLs with a trailing slash were moved),
 * SupportUrl the support page the pane ships (it was the pane itself), and a plain word when
 * it points at the placeholder host.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const m: {
  PLACEHOLDER_URL: string;
  manifestFor(
    xml: string,
    o: { dev: boolean; productionUrl?: string }
  ): { xml: string; base: string; placeholder: boolean };
} = require("../../scripts/manifest.cjs");

const ROOT = path.join(__dirname, "..", "..");
const SOURCE = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const TMP = path.join(ROOT, "tests", ".tmp", "manifest");

function validate(xml: string, name: string): { status: number | null; out: string } {
  fs.mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, name);
  fs.writeFileSync(file, xml);
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "validate-manifest.mjs"), file], {
    encoding: "utf8",
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("production manifest", () => {
  it("moves every URL and the AppDomain to PRODUCTION_URL, and passes the check", () => {
    const { xml, placeholder } = m.manifestFor(SOURCE, {
      dev: false,
      productionUrl: "https://tracker.force.example/addin",
    });
    expect(placeholder).toBe(false);
    expect(xml).not.toMatch(/localhost/);
    expect(xml).toContain("<AppDomain>https://tracker.force.example</AppDomain>");
    expect(xml).toContain('<SupportUrl DefaultValue="https://tracker.force.example/addin/support.html"/>');
    expect(xml).toContain('<SourceLocation DefaultValue="https://tracker.force.example/addin/taskpane.html"/>');
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((u) => u[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith("https://tracker.force.example/addin/")).toBe(true);
    expect(xml).not.toContain("PLACEHOLDER");
    const r = validate(xml, "production.xml");
    expect(r.out).toContain("built: nothing points at localhost");
    expect(r.status).toBe(0);
  });

  it("fails the check for a built manifest that keeps the dev server in AppDomains", () => {
    // What the build did before: only https://localhost:3000/ (with its slash) was replaced.
    const old = SOURCE.split("https://localhost:3000/").join("https://tracker.force.example/");
    expect(old).toContain("<AppDomain>https://localhost:3000</AppDomain>");
    const r = validate(old, "old-transform.xml");
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/FAIL a built manifest must not point at the dev server: https:\/\/localhost:3000/);
  });

  it("without PRODUCTION_URL builds for the placeholder host and says so", () => {
    const { xml, base, placeholder } = m.manifestFor(SOURCE, { dev: false });
    expect(placeholder).toBe(true);
    expect(base).toBe(m.PLACEHOLDER_URL);
    expect(xml).toMatch(/^<\?xml[^>]*\?>\n<!-- PLACEHOLDER HOST: built without PRODUCTION_URL/);
    expect(xml).not.toMatch(/localhost/);
    const r = validate(xml, "placeholder.xml");
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/note .*placeholder host https:\/\/inspection-tracker\.example\.org\//);
  });

  it("leaves the development manifest as it is, and refuses a PRODUCTION_URL that is not https", () => {
    expect(m.manifestFor(SOURCE, { dev: true }).xml).toBe(SOURCE);
    expect(() => m.manifestFor(SOURCE, { dev: false, productionUrl: "http://tracker.force.example/" })).toThrow(
      /PRODUCTION_URL must be an https:\/\/ address/
    );
  });

  it("names the shipped support page as SupportUrl, a page without scripts or outside links", () => {
    expect(SOURCE).toContain('<SupportUrl DefaultValue="https://localhost:3000/support.html"/>');
    const page = fs.readFileSync(path.join(ROOT, "src", "taskpane", "support.html"), "utf8");
    expect(page).toContain('<html lang="en-GB">');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/(src|href)=["']?https?:/i);
    expect(page).toMatch(/Diagnostics/);
    const bad = validate(SOURCE.replace("/support.html", "/taskpane.html"), "support-pane.xml");
    expect(bad.status).toBe(1);
    expect(bad.out).toMatch(/SupportUrl must be the support page/);
  });
});
