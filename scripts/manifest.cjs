/* eslint-disable no-undef */
/**
 * The manifest a build ships (dist/manifest.xml), from manifest.xml (which points at the dev
 * server, https://localhost:3000/).
 *
 * - Development: unchanged.
 * - Production with PRODUCTION_URL: every URL moves to that host, AppDomains names that host's
 *   origin instead of localhost, and SupportUrl is the support page the pane ships
 *   (support.html, built from src/taskpane/support.html).
 * - Production without PRODUCTION_URL (local use, CI): the same, at a placeholder host that
 *   does not exist; the build says so, and so does a comment at the top of the manifest.
 */
const DEV_URL = "https://localhost:3000/";
const PLACEHOLDER_URL = "https://inspection-tracker.example.org/";

/** The production base URL: PRODUCTION_URL with one trailing slash, or the placeholder. */
function productionBase(productionUrl) {
  const url = (productionUrl || "").trim();
  if (!url) return { base: PLACEHOLDER_URL, placeholder: true };
  if (!/^https:\/\/[^/\s]+/i.test(url))
    throw new Error(`PRODUCTION_URL must be an https:// address (it is "${url}").`);
  return { base: url.replace(/\/*$/, "/"), placeholder: false };
}

const PLACEHOLDER_NOTE =
  "PLACEHOLDER HOST: built without PRODUCTION_URL, so every URL below points at " +
  PLACEHOLDER_URL +
  ", which does not exist. Build with PRODUCTION_URL=https://your-host/ to deploy.";

/**
 * The manifest text for a build. `productionUrl` is process.env.PRODUCTION_URL. Returns the
 * text, the base URL used and whether it is the placeholder.
 */
function manifestFor(xml, { dev, productionUrl }) {
  if (dev) return { xml, base: DEV_URL, placeholder: false };
  const { base, placeholder } = productionBase(productionUrl);
  const origin = base.replace(/\/$/, "").replace(/^(https:\/\/[^/]+).*$/i, "$1");
  let out = xml
    .split(DEV_URL)
    .join(base)
    .replace(/<AppDomain>https:\/\/localhost:3000\/?<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`);
  if (placeholder) out = out.replace(/^(<\?xml[^>]*\?>\r?\n?)/, `$1<!-- ${PLACEHOLDER_NOTE} -->\n`);
  return { xml: out, base, placeholder };
}

module.exports = { DEV_URL, PLACEHOLDER_URL, PLACEHOLDER_NOTE, productionBase, manifestFor };
