/**
 * The lean reader's shared strings, read in the 64 KB steps zlib inflates them in: an item whose
 * "<si" ends exactly at a step's end is not lost (it was, and every later string then read as
 * the one after it, until an index ran past the end: a 10,000-row tracker the host wrote could
 * not be opened by check or updates).
 */
import { Workbook } from "@cj-tech-master/excelts";
import { createXlsxHost } from "../../../src/hosts/xlsx";
import { readZip, writeZip } from "../../../src/hosts/xlsx/zip";

const STEP = 64 * 1024;

async function workbookWithStrings(n: number): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet("Data");
  ws.addTable({
    name: "tblData",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Text" }],
    rows: Array.from({ length: n }, (_, i) => [`s${i}`]),
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("a shared string whose '<si' ends a 64 KB step reads as written", async () => {
  const bytes = await workbookWithStrings(50);
  const pkg = readZip(bytes);
  const xml = pkg.get("xl/sharedStrings.xml")!.toString("utf8");
  // Pad the first data string so that the next item's "<si" is the last three bytes of the
  // first step (ASCII: one byte per character).
  const firstItem = xml.indexOf("<si><t>s0</t></si>");
  const nextSi = firstItem + "<si><t>s0</t></si>".length;
  const pad = "x".repeat(STEP - 3 - nextSi);
  const crafted = xml.replace("<si><t>s0</t></si>", `<si><t>s0${pad}</t></si>`);
  expect(crafted.indexOf("<si><t>s1</t></si>")).toBe(STEP - 3);
  pkg.set("xl/sharedStrings.xml", Buffer.from(crafted, "utf8"));
  const file = writeZip(pkg);

  const read = async (lean: boolean) => {
    const host = await createXlsxHost({ buffer: file, lean });
    return host.run("read", (s) => s.read({ tables: ["tblData"] }));
  };
  const lean = (await read(true)).tables.tblData.rows.map((r) => r[0]);
  const full = (await read(false)).tables.tblData.rows.map((r) => r[0]);
  expect(lean).toEqual(full);
  expect(lean.slice(0, 3)).toEqual([`s0${pad}`, "s1", "s2"]);
  expect(lean[49]).toBe("s49");
});
