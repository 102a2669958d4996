/**
 * Saving in Node: the workbook's bytes (write.ts) as a Buffer, with chart drawings fixed on the
 * written package when excelts's zip-writer hook was not there to fix them as they passed.
 */
import type { Workbook } from "@cj-tech-master/excelts";
import { escapeSentinels } from "./cells";
import { DRAWING_PART, validMarkup, writeWorkbookBytes } from "./write";
import { readZip, writeZip } from "./zip";

/** validMarkup and escapeSentinels on a written package, when excelts's zip-writer hook is not there to use. */
function fixPackage(bytes: Buffer): Buffer {
  const pkg = readZip(bytes);
  let changed = false;
  for (const [name, data] of pkg) {
    if (!/\.xml$/i.test(name)) continue;
    const xml = data.toString("utf8");
    const fixed = escapeSentinels(DRAWING_PART.test(name) ? validMarkup(name, xml) : xml);
    if (fixed !== xml) {
      pkg.set(name, Buffer.from(fixed, "utf8"));
      changed = true;
    }
  }
  return changed ? writeZip(pkg) : bytes;
}

/**
 * The workbook's bytes as excelts writes them, styles shared and zip entries buffered. Cells
 * share style objects afterwards: call ownStyles before changing the workbook again.
 */
export async function writeWorkbook(wb: Workbook, validate: boolean): Promise<Buffer> {
  const { bytes: written, hooked } = await writeWorkbookBytes(wb, validate);
  const bytes = Buffer.isBuffer(written)
    ? written
    : Buffer.from(written.buffer, written.byteOffset, written.byteLength);
  return hooked ? bytes : fixPackage(bytes);
}
