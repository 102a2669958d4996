/**
 * The fast save (src/hosts/xlsx/write.ts) writes exactly what excelts's own writer writes, and
 * leaves every cell with a style of its own afterwards.
 */
import { Workbook } from "@cj-tech-master/excelts";
import {
  bufferedEntry,
  ownStyles,
  sameJson,
  shareStyleParts,
  shareStyles,
  validMarkup,
} from "../../../src/hosts/xlsx/write";
import { writeWorkbook } from "../../../src/hosts/xlsx/save";
import { readZip } from "../../../src/hosts/xlsx/zip";
import { createXlsxHost } from "../../../src/hosts/xlsx";
import { join, resolve } from "node:path";
import { buildDemo } from "../../../src/cli/commands/demo";
import { tmpDir } from "./fixtures";
import { styleCell } from "../../../src/hosts/xlsx/apply";

type Styled = { style: Record<string, unknown> };

function styledWorkbook(rows: number): Workbook {
  const wb = new Workbook();
  const ws = wb.addWorksheet("Recs");
  for (let r = 1; r <= rows; r++) {
    ws.getCell(r, 1).value = `WX-${r}`;
    ws.getCell(r, 1).font = { bold: r === 1, name: "Arial" };
    ws.getCell(r, 2).value = 46000 + r;
    ws.getCell(r, 2).numFmt = r % 7 === 0 ? "0.00" : "dd/mm/yyyy";
    ws.getCell(r, 3).value = r % 3 === 0 ? "=not a formula" : "Green";
    ws.getCell(r, 3).fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: r % 3 === 0 ? "FFFFC7CE" : "FFC6EFCE" },
    };
  }
  return wb;
}

describe("sameJson", () => {
  it("compares style-like objects by value", () => {
    expect(
      sameJson(
        { font: { bold: true, color: { argb: "FF0000" } } },
        { font: { bold: true, color: { argb: "FF0000" } } }
      )
    ).toBe(true);
    expect(sameJson({ font: { bold: true } }, { font: { bold: false } })).toBe(false);
    expect(sameJson({ numFmt: "@" }, { numFmt: "@", font: {} })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: { 0: 1, 1: 2 } })).toBe(false);
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});

describe("shareStyles", () => {
  it("shares equal styles for the write; ownStyles gives every cell its own again", () => {
    const wb = styledWorkbook(30);
    const ws = wb.getWorksheet("Recs")!;
    const before = [2, 3, 14].map((r) => (ws.getCell(r, 2) as unknown as Styled).style);
    shareStyles(wb);
    const during = [2, 3, 14].map((r) => (ws.getCell(r, 2) as unknown as Styled).style);
    expect(during[0]).toBe(during[1]); // both dd/mm/yyyy
    expect(during[0]).not.toBe(during[2]); // row 14: 0.00
    expect((ws.getCell(7, 2) as unknown as Styled).style).toBe(during[2]); // also 0.00
    ownStyles(wb);
    const after = [2, 3, 14].map((r) => (ws.getCell(r, 2) as unknown as Styled).style);
    // Objects of their own, equal to what each cell had.
    after.forEach((s, i) => expect(s).toEqual(before[i]));
    expect(new Set(after).size).toBe(3);
    // A later edit to one cell changes only that cell.
    ws.getCell(2, 2).numFmt = "0%";
    expect(ws.getCell(3, 2).numFmt).toBe("dd/mm/yyyy");
  });
});

describe("shareStyles on what the writer writes", () => {
  it("shares the styles of formatted empty cells and of rows too", () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet("Recs");
    for (let r = 1; r <= 200; r++) {
      ws.getCell(r, 1).value = `WX-${r}`;
      ws.getCell(r, 2).numFmt = "dd/mm/yyyy"; // formatted, no value yet
    }
    shareStyles(wb);
    const styles = new Set<unknown>();
    const rowStyles = new Set<unknown>();
    for (let r = 1; r <= 200; r++) {
      styles.add((ws.getCell(r, 2) as unknown as Styled).style);
      rowStyles.add((ws.getRow(r) as unknown as Styled).style);
    }
    expect(styles.size).toBe(1);
    expect(rowStyles.size).toBe(1);
    ownStyles(wb);
    expect((ws.getRow(1) as unknown as Styled).style).not.toBe(
      (ws.getRow(2) as unknown as Styled).style
    );
  });
});

describe("shareStyleParts", () => {
  it("gives equal fonts and fills one object, and a later setter changes only its own cell", async () => {
    const loaded = await createXlsxHost({
      buffer: Buffer.from(
        (await styledWorkbook(40).xlsx.writeBuffer({ validate: false })) as Uint8Array
      ),
    });
    const ws = (await loaded.load()).getWorksheet("Recs")!;
    // Opening shared them already (createXlsxHost calls shareStyleParts); calling again is harmless.
    shareStyleParts(await loaded.load());
    expect(ws.getCell(2, 1).font).toBe(ws.getCell(30, 1).font);
    expect(ws.getCell(1, 1).font).not.toBe(ws.getCell(2, 1).font); // bold header
    expect(ws.getCell(3, 3).fill).toBe(ws.getCell(6, 3).fill);
    expect(ws.getCell(3, 3).fill).not.toBe(ws.getCell(4, 3).fill);
    expect((ws.getCell(2, 1) as unknown as Styled).style).not.toBe(
      (ws.getCell(3, 1) as unknown as Styled).style
    );
    ws.getCell(2, 1).font = { ...ws.getCell(2, 1).font, italic: true };
    expect(ws.getCell(3, 1).font?.italic).toBeUndefined();
    expect(ws.getCell(2, 1).font?.italic).toBe(true);
  });
});

describe("styles the host writes", () => {
  it("share one object per part between cells styled alike, and restyling one cell leaves the rest", () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet("Summary");
    const look = { bold: true, fill: "#C00000", fontColour: "#FFFFFF", border: "grid" as const };
    for (let r = 1; r <= 50; r++) styleCell(ws.getCell(r, 1), look);
    expect(ws.getCell(1, 1).fill).toBe(ws.getCell(50, 1).fill);
    expect(ws.getCell(1, 1).font).toBe(ws.getCell(50, 1).font);
    expect(ws.getCell(1, 1).border).toBe(ws.getCell(50, 1).border);
    styleCell(ws.getCell(2, 1), { fill: "#FFC000", italic: true });
    expect(ws.getCell(2, 1).fill).toEqual(
      expect.objectContaining({ fgColor: { argb: "FFFFC000" } })
    );
    expect(ws.getCell(1, 1).fill).toEqual(
      expect.objectContaining({ fgColor: { argb: "FFC00000" } })
    );
    expect(ws.getCell(2, 1).font).toEqual(expect.objectContaining({ bold: true, italic: true }));
    expect(ws.getCell(3, 1).font?.italic).toBeUndefined();
  });
});

describe("a host used again after a save", () => {
  it("changes only the cells a later plan names (cells shared styles for the write)", async () => {
    const host = await createXlsxHost();
    const block = (row: number, values: (string | number)[][], numberFormat?: string) => ({
      ops: [
        ...(row === 0 ? [{ op: "ensureSheet" as const, sheet: "Recs" }] : []),
        {
          op: "writeCells" as const,
          sheet: "Recs",
          block: { row, col: 0, values, ...(numberFormat ? { style: { numberFormat } } : {}) },
        },
      ],
    });
    await host.run("Write", (s) =>
      s.apply(
        block(
          0,
          Array.from({ length: 20 }, (_, i) => [46000 + i]),
          "dd/mm/yyyy"
        )
      )
    );
    const first = await host.toBuffer();
    await host.toBuffer(); // saved twice with no change between
    // A later plan formats one cell differently: the other 19 keep their format.
    await host.run("Restyle", (s) => s.apply(block(4, [[46004]], "0.00")));
    const ws = (await host.load()).getWorksheet("Recs")!;
    expect(ws.getCell(5, 1).numFmt).toBe("0.00");
    expect(ws.getCell(4, 1).numFmt).toBe("dd/mm/yyyy");
    expect(ws.getCell(6, 1).numFmt).toBe("dd/mm/yyyy");
    // And the file written again differs from the first only by that cell's style.
    const again = await createXlsxHost({ buffer: await host.toBuffer() });
    const ws2 = (await again.load()).getWorksheet("Recs")!;
    const formats = Array.from({ length: 20 }, (_, i) => ws2.getCell(i + 1, 1).numFmt);
    expect(formats.filter((f) => f === "0.00")).toHaveLength(1);
    expect(formats.filter((f) => f === "dd/mm/yyyy")).toHaveLength(19);
    expect(first.length).toBeGreaterThan(0);
  });
});

describe("bufferedEntry", () => {
  it("passes every character on, in order, in few large chunks", () => {
    const chunks: string[] = [];
    let ended = 0;
    const entry = bufferedEntry({ write: (c) => chunks.push(c), end: () => ended++ });
    const pieces = Array.from({ length: 20_000 }, (_, i) => `<c r="A${i}"/>`);
    pieces.forEach((p) => entry.write(p));
    entry.end();
    expect(chunks.join("")).toBe(pieces.join(""));
    expect(chunks.length).toBeLessThan(10);
    expect(ended).toBe(1);
  });
});

describe("writeWorkbook", () => {
  const entries = async (bytes: Buffer | Uint8Array) => readZip(Buffer.from(bytes));

  it("writes the same parts, byte for byte, as excelts's own writer", async () => {
    const wb = styledWorkbook(500);
    const plain = await entries((await wb.xlsx.writeBuffer({ validate: false })) as Uint8Array);
    const fast = await entries(await writeWorkbook(wb, false));
    expect([...fast.keys()].sort()).toEqual([...plain.keys()].sort());
    for (const [name, bytes] of plain)
      expect({ name, same: fast.get(name)!.equals(bytes) }).toEqual({ name, same: true });
  });

  it("keeps the default format of a date cell that shares an empty style with a number", async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet("Dates");
    ws.getCell("A1").value = 12;
    ws.getCell("A2").value = new Date(Date.UTC(2025, 5, 30));
    ws.getCell("A3").value = "text";
    const plain = await entries((await wb.xlsx.writeBuffer({ validate: false })) as Uint8Array);
    const fast = await entries(await writeWorkbook(wb, false));
    for (const name of ["xl/styles.xml", "xl/worksheets/sheet1.xml"])
      expect(fast.get(name)!.toString("utf8")).toBe(plain.get(name)!.toString("utf8"));
  });

  it("does the same for a whole tracker with tables, validation, formats and a summary", async () => {
    const file = join(tmpDir("write-"), "demo.xlsx");
    await buildDemo(file, resolve(__dirname, "..", "..", "..", "examples"));
    const host = await createXlsxHost({ file });
    const wb = await host.load();
    const plain = await entries((await wb.xlsx.writeBuffer({ validate: false })) as Uint8Array);
    const fast = await entries(await host.toBuffer());
    // Drawing parts differ by the schema fix alone (validMarkup), and the Tracker sheet
    // (sheet1) by its rows' heights staying cached (row-fit.ts), where excelts alone makes every
    // height it loaded a custom one; every other part is the same.
    const drawings = [...plain.keys()].filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n));
    expect(drawings.length).toBeGreaterThan(0);
    const tracker = "xl/worksheets/sheet1.xml";
    expect(plain.get(tracker)!.toString("utf8")).toMatch(/<row r="2" ht="\d+" customHeight="1"/);
    for (const [name, bytes] of plain) {
      const expected = drawings.includes(name)
        ? Buffer.from(validMarkup(name, bytes.toString("utf8")), "utf8")
        : name === tracker
          ? Buffer.from(bytes.toString("utf8").replace(/ customHeight="1"/g, ""), "utf8")
          : bytes;
      expect({ name, same: fast.get(name)?.equals(expected) }).toEqual({ name, same: true });
    }
    for (const name of drawings) expect(fast.get(name)!.toString("utf8")).not.toMatch(/editAs/);
    // The hook is removed again: the workbook's own writer is back.
    expect(Object.prototype.hasOwnProperty.call(wb.xlsx, "createZipWriter")).toBe(false);
    // And the file opens.
    const again = await createXlsxHost({ buffer: await host.toBuffer() });
    expect((await again.load()).worksheets.map((w) => w.name)).toEqual(
      wb.worksheets.map((w) => w.name)
    );
  });
});

describe("validMarkup", () => {
  const anchor = (attrs: string) =>
    `<xdr:wsDr xmlns:xdr="x"><xdr:oneCellAnchor${attrs}><xdr:from/></xdr:oneCellAnchor>` +
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from/></xdr:twoCellAnchor></xdr:wsDr>`;

  it("drops editAs from one-cell anchors (the schema declares it on two-cell anchors only)", () => {
    const name = "xl/drawings/drawing1.xml";
    expect(validMarkup(name, anchor(' editAs="oneCell"'))).toBe(anchor(""));
    expect(validMarkup(name, anchor(' editAs="absolute" foo="1"'))).toBe(anchor(' foo="1"'));
    expect(validMarkup(name, anchor(""))).toBe(anchor(""));
  });

  it("leaves every other part alone", () => {
    const xml = anchor(' editAs="oneCell"');
    expect(validMarkup("xl/worksheets/sheet1.xml", xml)).toBe(xml);
    expect(validMarkup("xl/drawings/_rels/drawing1.xml.rels", xml)).toBe(xml);
  });
});
