/**
 * Printing the Summary in tests: a copy showing the Summary alone (so LibreOffice's PDF holds its
 * pages only), and how full each PDF page is.
 */
import { spawnSync } from "node:child_process";
import { SHEETS } from "../../src/domain/columns";
import { createXlsxHost } from "../../src/hosts/xlsx";

/** Save a copy where every other sheet is hidden, so the PDF holds the Summary's pages alone. */
export async function summaryOnly(file: string, out: string): Promise<void> {
  const host = await createXlsxHost({ file });
  for (const ws of host.workbook.worksheets)
    if (ws.name !== SHEETS.summary && ws.state === "visible") ws.state = "hidden";
  await host.save(out);
}

/** How full each PDF page is: the lowest word between header and footer, as a share of the page. */
export function pageFill(pdf: string): number[] {
  const xml = spawnSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" }).stdout;
  return xml
    .split("<page ")
    .slice(1)
    .map((page) => {
      const h = Number(/height="([\d.]+)"/.exec(page)![1]);
      const bottoms = [...page.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)]
        .map((m) => [Number(m[1]), Number(m[2])])
        .filter(([top, bottom]) => top > 45 && bottom < h - 45)
        .map(([, bottom]) => bottom);
      return bottoms.length === 0 ? 0 : (Math.max(...bottoms) - 54) / (h - 108);
    });
}
