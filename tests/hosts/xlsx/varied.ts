/**
 * A workbook as other writers write them, for the lean reader's and the partial save's tests:
 * shared and inline strings, rich text, phonetic runs, _xHHHH_ escapes, dates in built-in and
 * custom formats, t="d" dates, formulas with cached values of every type (and none), shared
 * formulas, empty and styled-empty cells, hyperlinks, booleans, errors; tables empty, of one row
 * and with a totals row; validation and conditional formats; a protected sheet; metadata.
 */
import { Workbook } from "@cj-tech-master/excelts";
import { SHEETS } from "../../../src/domain/columns";
import { readZip, writeZip } from "../../../src/hosts/xlsx/zip";

/** Put raw cell XML in place of cells excelts wrote (each found by its address). */
function withCells(xml: string, cells: Record<string, string>): string {
  let out = xml;
  for (const [ref, cell] of Object.entries(cells)) {
    const re = new RegExp(`<c r="${ref}"[^>]*?(/>|>[\\s\\S]*?</c>)`);
    if (!re.test(out)) throw new Error(`no cell ${ref} to replace`);
    out = out.replace(re, cell);
  }
  return out;
}

export const HEADERS = ["Ref", "Text", "Number", "Date", "Status", "Formula", "Flag", "Link"];

/** A workbook as other writers write them (see the file's comment). */
export async function variedWorkbook(date1904: boolean): Promise<Buffer> {
  const wb = new Workbook();
  if (date1904) (wb.properties as { date1904?: boolean }).date1904 = true;
  const ws = wb.addWorksheet("Data");
  const rows = Array.from({ length: 12 }, (_, i) =>
    HEADERS.map((h, j) => (j === 0 ? `W-${i + 1}` : `${h}-${i + 1}`))
  );
  ws.addTable({
    name: "tblTracker",
    ref: "A1",
    headerRow: true,
    columns: HEADERS.map((name) => ({ name })),
    rows,
  });
  for (let r = 2; r <= 13; r++) ws.getCell(`D${r}`).numFmt = "dd/mm/yyyy";
  ws.getCell("D7").numFmt = "mm-dd-yy"; // excelts writes built-in format 14
  ws.getCell("D8").numFmt = "[$-409]d-mmm-yy;@";
  ws.getCell("D9").numFmt = "0.00";
  ws.getCell("C12").numFmt = "yyyy"; // a date code: a number in it reads as a date
  (ws.dataValidations.model as Record<string, unknown>)["range:E2:E13"] = {
    type: "list",
    allowBlank: true,
    formulae: ['"Red,Amber,Green"'],
  };
  ws.addConditionalFormatting({
    ref: "E2:E13",
    rules: [
      { type: "containsText", operator: "containsText", text: "Red", priority: 1, style: {} },
      { type: "expression", formulae: ['$E2="Amber"'], priority: 2, style: {} },
    ] as never,
  });
  ws.getCell("H2").value = { text: "Inspection page", hyperlink: "https://example.invalid/a" };
  ws.getCell("H3").value = { text: "42", hyperlink: "https://example.invalid/b" };

  const lists = wb.addWorksheet("Lists");
  lists.addTable({
    name: "tblStatuses",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Status" }, { name: "Colour" }],
    rows: [[null, null]],
  });
  lists.addTable({
    name: "tblSettings",
    ref: "D1",
    headerRow: true,
    columns: [{ name: "Setting" }, { name: "Value" }],
    rows: [["Office name", "Wessex OPCC"]],
  });
  lists.addTable({
    name: "tblOwners",
    ref: "G1",
    headerRow: true,
    totalsRow: true,
    columns: [
      { name: "Owner", totalsRowLabel: "Total" },
      { name: "Items", totalsRowFunction: "sum" },
    ],
    rows: [
      ["ACC Crime", 3],
      ["Head of People", 4],
    ],
  });
  const meta = wb.addWorksheet(SHEETS.meta, { state: "veryHidden" });
  meta.addRow(["Key", "Value"]);
  meta.addRow(["schemaVersion", 2]);
  meta.addRow(["role:tracker", "Data"]);
  meta.addRow([null, "orphan"]);
  const locked = wb.addWorksheet("Locked");
  locked.getCell("A1").value = "Not to be changed";
  (locked as unknown as { sheetProtection: unknown }).sheetProtection = { sheet: true };

  const pkg = readZip(Buffer.from(await wb.xlsx.writeBuffer()));
  // Shared strings other writers write: rich text, phonetic runs, escapes.
  const sstName = "xl/sharedStrings.xml";
  const sst = pkg.get(sstName)!.toString("utf8");
  const count = (sst.match(/<si>/g) ?? []).length;
  const extra = [
    '<si><r><t xml:space="preserve">Rich </t></r><r><rPr><i/></rPr><t>shared_x000D_ text _x005F_x0041_</t></r></si>',
    '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>',
    "<si><t>literal _x005F_x0041_ and _x0041_ and a control_x0001_char</t></si>",
    "<si><t/></si>",
    "<si><t>Amber &amp; &lt;rising&gt;</t></si>",
  ];
  pkg.set(
    sstName,
    Buffer.from(sst.replace("</sst>", extra.join("") + "</sst>").replace(/uniqueCount="\d+"/, ""))
  );
  const s = (k: number) => count + k;
  const dateStyle = /<c r="D2" s="(\d+)"/.exec(pkg.get("xl/worksheets/sheet1.xml")!.toString())![1];
  const sheet = withCells(pkg.get("xl/worksheets/sheet1.xml")!.toString("utf8"), {
    B3: '<c r="B3" t="inlineStr"><is><t>inline _x0041_ text</t></is></c>',
    B4: '<c r="B4" t="inlineStr"><is><r><t xml:space="preserve">rich </t></r><r><rPr><b/></rPr><t>inline</t></r></is></c>',
    B5: `<c r="B5" t="s"><v>${s(0)}</v></c>`,
    B6: `<c r="B6" t="s"><v>${s(1)}</v></c>`,
    B7: `<c r="B7" t="s"><v>${s(2)}</v></c>`,
    B8: `<c r="B8" t="s"><v>${s(3)}</v></c>`,
    B9: '<c r="B9" t="str"><v>str &amp; _x0041_ value</v></c>',
    B10: '<c r="B10" t="e"><v>#N/A</v></c>',
    B11: '<c r="B11" s="1"/>',
    B12: '<c r="B12" t="str"><v></v></c>',
    C2: '<c r="C2"><v>1.5E3</v></c>',
    C3: '<c r="C3"><f>C2*2</f><v>3000</v></c>',
    C4: '<c r="C4"><f t="shared" ref="C4:C6" si="0">C2+1</f><v>1501</v></c>',
    C5: '<c r="C5"><f t="shared" si="0"/><v>3001</v></c>',
    C6: '<c r="C6"><f t="shared" si="0"/><v>1502</v></c>',
    C7: '<c r="C7" t="str"><f>"=text"&amp;"x"</f><v>=textx</v></c>',
    C8: '<c r="C8" t="b"><f>TRUE()</f><v>1</v></c>',
    C9: '<c r="C9" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    C10: '<c r="C10"><f>NOW()</f></c>',
    C11: '<c r="C11"><v>-0.25</v></c>',
    D2: `<c r="D2" s="${dateStyle}"><v>46112</v></c>`,
    D3: `<c r="D3" s="${dateStyle}"><v>46112.5</v></c>`,
    D4: `<c r="D4" s="${dateStyle}"><f>D2+1</f><v>46113</v></c>`,
    D5: '<c r="D5" t="d"><v>2026-03-31T00:00:00Z</v></c>',
    D6: `<c r="D6" s="${dateStyle}"><v>46112.123456789</v></c>`,
    E2: `<c r="E2" t="s"><v>${s(4)}</v></c>`,
    F2: '<c r="F2" t="str"><f>"=SUM(A1)"</f><v>=SUM(A1)</v></c>',
    F3: '<c r="F3"><f>SUM(C2:C3)</f><v>4500</v></c>',
    G2: '<c r="G2" t="b"><v>0</v></c>',
    G3: '<c r="G3" t="b"><v>1</v></c>',
  });
  pkg.set("xl/worksheets/sheet1.xml", Buffer.from(sheet));
  return writeZip(pkg);
}
