// Offline manifest check (npm run validate):
//  1. XML schema: the add-in manifest XSDs from ../shared/manifest-schemas/ (or
//     MANIFEST_SCHEMAS=dir) with xmllint-wasm, when that folder exists (the XSDs are not committed).
//  2. Our own rules: Excel (Workbook) host, ExcelApi >= 1.9, a Home-tab button that shows the
//     task pane, every URL https, every icon file present at its declared size (16/32/64/80/128),
//     SupportUrl the support page the pane ships (support.html).
//  3. A built manifest (any file but the repository's manifest.xml, e.g. dist/manifest.xml):
//     nothing left pointing at the dev server (https://localhost:3000, AppDomains included),
//     and a plain note when it points at the placeholder host (built without PRODUCTION_URL).
//
//   node scripts/validate-manifest.mjs [manifest.xml | dist/manifest.xml]
// Exits 1 with a list of problems, 0 when the manifest passes.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const manifestPath = path.resolve(root, process.argv[2] || "manifest.xml");
const xml = readFileSync(manifestPath, "utf8");
const problems = [];
const passed = [];

// 1. Schema
const schemaDir = process.env.MANIFEST_SCHEMAS || path.resolve(root, "..", "shared", "manifest-schemas");
if (existsSync(path.join(schemaDir, "OfficeAppManifestV1_1.xsd"))) {
  const { validateXML } = await import("xmllint-wasm");
  const schemas = readdirSync(schemaDir).filter((f) => f.endsWith(".xsd"));
  const main = "OfficeAppManifestV1_1.xsd";
  const result = await validateXML({
    xml: [{ fileName: path.basename(manifestPath), contents: xml }],
    schema: [{ fileName: main, contents: readFileSync(path.join(schemaDir, main), "utf8") }],
    preload: schemas
      .filter((f) => f !== main)
      .map((f) => ({ fileName: f, contents: readFileSync(path.join(schemaDir, f), "utf8") })),
  });
  if (result.valid) passed.push(`schema: valid against ${main} (${schemas.length} XSDs)`);
  else for (const e of result.errors) problems.push(`schema: ${e.message ?? e.rawMessage ?? String(e)}`);
} else {
  passed.push(`schema: skipped (no XSDs at ${schemaDir})`);
}

// 2. Our own rules
const has = (re, what) => (re.test(xml) ? passed.push(what) : problems.push(`missing: ${what}`));
has(/<Host Name="Workbook"\s*\/>/, "Excel (Workbook) host");
has(/<Set Name="ExcelApi" MinVersion="1\.9"\s*\/>/, "requirement set ExcelApi 1.9");
has(/<OfficeTab id="TabHome">/, "a group on the Home tab");
has(/<Action xsi:type="ShowTaskpane">/, "a button that shows the task pane");

const urls = [...xml.matchAll(/DefaultValue="(\w+:\/\/[^"]+)"/g), ...xml.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1]);
const insecure = urls.filter((u) => !u.startsWith("https://"));
if (insecure.length) problems.push(`every URL must be https: ${insecure.join(", ")}`);
else passed.push(`all ${urls.length} URLs are https`);

function pngSize(file) {
  const buf = readFileSync(file);
  if (buf.readUInt32BE(0) !== 0x89504e47) return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
for (const size of [16, 32, 64, 80, 128]) {
  const file = path.join(root, "assets", `icon-${size}.png`);
  if (!existsSync(file)) {
    problems.push(`icon file missing: assets/icon-${size}.png`);
    continue;
  }
  const dim = pngSize(file);
  if (!dim || dim.width !== size || dim.height !== size) {
    problems.push(`assets/icon-${size}.png is ${dim ? `${dim.width}x${dim.height}` : "not a PNG"}, expected ${size}x${size}`);
  } else passed.push(`assets/icon-${size}.png is ${size}x${size}`);
}
for (const m of xml.matchAll(/assets\/icon-(\d+)\.png/g)) {
  if (!existsSync(path.join(root, "assets", `icon-${m[1]}.png`))) problems.push(`manifest names a missing icon: assets/icon-${m[1]}.png`);
}
for (const m of xml.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"/g)) {
  const def = new RegExp(`<bt:Image id="${m[2].replace(/\./g, "\\.")}" DefaultValue="[^"]*icon-(\\d+)\\.png"`).exec(xml);
  if (!def) problems.push(`icon resource ${m[2]} is not defined`);
  else if (def[1] !== m[1]) problems.push(`icon resource ${m[2]} declares size ${m[1]} but points at icon-${def[1]}.png`);
}
const support = /<SupportUrl DefaultValue="([^"]+)"/.exec(xml);
if (!support) problems.push("missing: SupportUrl");
else if (!/\/support\.html$/.test(support[1])) problems.push(`SupportUrl must be the support page the pane ships (…/support.html), not ${support[1]}`);
else if (!existsSync(path.join(root, "src", "taskpane", "support.html"))) problems.push("SupportUrl names support.html, but src/taskpane/support.html is missing");
else passed.push(`SupportUrl is the shipped support page (${support[1]})`);

// 3. A built manifest
if (manifestPath !== path.join(root, "manifest.xml")) {
  const { PLACEHOLDER_URL } = (await import("./manifest.cjs")).default;
  const local = [...new Set([...xml.matchAll(/https?:\/\/localhost[^"<\s]*/g)].map((m) => m[0]))];
  if (local.length) problems.push(`a built manifest must not point at the dev server: ${local.join(", ")}`);
  else passed.push("built: nothing points at localhost (AppDomains included)");
  if (xml.includes(PLACEHOLDER_URL))
    console.log(`note ${path.relative(root, manifestPath)} points at the placeholder host ${PLACEHOLDER_URL} (built without PRODUCTION_URL): fine for local use and CI, not for deployment`);
}

if (/telemetry|applicationinsights|instrumentationkey/i.test(xml)) problems.push("the manifest mentions telemetry");

for (const p of passed) console.log(`ok   ${p}`);
for (const p of problems) console.log(`FAIL ${p}`);
if (problems.length) {
  console.log(`\n${path.basename(manifestPath)}: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`\n${path.basename(manifestPath)}: valid`);
