/**
 * Saving a workbook loaded in part (partial.ts): excelts writes the sheets it holds, and every
 * sheet it holds only as a stub is copied from the file with the parts it brings (its tables,
 * drawings, printer settings, ...), byte for byte, compressed data and all. The file's shared
 * strings are copied too (the sheets excelts writes carry their text inline); its styles part
 * gets the styles excelts wrote added (styles-merge.ts). Only a copied sheet whose selected tab
 * must change (another sheet was made active) is rewritten, in that one attribute. Node only.
 */
import type { Workbook, Worksheet } from "@cj-tech-master/excelts";
import { constants, inflateRawSync } from "node:zlib";
import { escapeSentinels } from "./cells";
import { parseRels, type LeanSheet, type LeanWorkbook, type Relationship } from "./lean";
import { relativeTarget, relsOf, resolveTarget } from "./package";
import { mergeStyles, remapStyles } from "./styles-merge";
import { DRAWING_PART, datesInDateSystem, shareStyles, validMarkup } from "./write";
import { encodeAttr, endsName, tagEnd } from "./xml";
import { inlineSharedStrings, isEmptyItem } from "./partial";
import { readZip, writeZipParts, type ZipPart } from "./zip";
import { writeWithEntries } from "./zip-entries";

export interface PartialWorkbook {
  lw: LeanWorkbook;
  wb: Workbook;
  /** The sheets excelts holds only as stubs: copied from the file when saved. */
  stubs: Map<Worksheet, LeanSheet>;
  /** Whether a change made a sheet active (every copied sheet's selected tab is then checked). */
  activated: boolean;
}

const TYPES = "[Content_Types].xml";
const SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
const SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";
const CUSTOM_REL =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";

/** What excelts writes for the workbook it holds: each part's text (or bytes, for media). */
async function writtenParts(wb: Workbook): Promise<Map<string, string | Buffer>> {
  datesInDateSystem(wb);
  shareStyles(wb);
  const parts = new Map<string, string | Buffer>();
  const { bytes, hooked } = await writeWithEntries(wb, false, (name, entry) => {
    const chunks: string[] = [];
    return {
      write: (chunk: string) => void chunks.push(chunk),
      end: () => {
        parts.set(name, chunks.join(""));
        entry.end();
      },
    };
  });
  // Parts excelts adds whole (theme, media) are in the zip it wrote; without its hook, all are.
  for (const [name, data] of readZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length))) {
    if (!hooked || !parts.has(name)) {
      const text = /\.(xml|rels|vml)$/i.test(name) ? data.toString("utf8") : data;
      if (!parts.has(name) || (typeof text === "string" && text.length > 0)) parts.set(name, text);
    }
  }
  return parts;
}

/** Where an empty text's shared string number goes, until the file's empty item is known. */
const EMPTY_STRING = "EMPTY-STRING";

/**
 * A shared strings part with an empty item: its number, and the part (unchanged when it holds
 * one already; else with one added at the end).
 */
function withEmptyItem(xml: string | null, refs: number): { index: number; xml: string | null } {
  if (xml === null) {
    return {
      index: 0,
      xml:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${refs}" uniqueCount="1"><si><t></t></si></sst>`,
    };
  }
  let index = 0;
  for (const m of xml.matchAll(/<si(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/si>)/g)) {
    if (m[1] === undefined || isEmptyItem(m[1])) return { index, xml: null };
    index++;
  }
  const added = xml
    .replace(/<\/sst>\s*$/, "<si><t></t></si></sst>")
    .replace(
      /(<sst\b[^>]*?\suniqueCount=")(\d+)"/,
      (_m, a: string, n: string) => `${a}${parseInt(n, 10) + 1}"`
    )
    .replace(
      /(<sst\b[^>]*?\scount=")(\d+)"/,
      (_m, a: string, n: string) => `${a}${parseInt(n, 10) + refs}"`
    );
  return { index, xml: added };
}

/** The items of a shared strings part excelts wrote: each <si>'s content. */
function stringItems(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) out.push(m[1] ?? "<t></t>");
  return out;
}

/**
 * A sheet excelts wrote, its text inline: its shared strings (excelts's own part, which the
 * copied sheets' shared strings replace) moved into the cells, the same content; and a plain
 * string without a formula (t="str", a formula's text result) as an inline string too, escaped
 * as excelts escapes text in <t> (a literal _xHHHH_ as _x005F_xHHHH_).
 */
function inlineStrings(xml: string, items: string[]): string {
  // An empty text stays a shared string (an inline one reads back as no value at all): it
  // points at the file's empty item, found or added when the parts are put together.
  const kept = xml.replace(
    /(<c\b[^>]*?\st="s"[^>]*>\s*<v>)\s*(\d+)\s*(<\/v>)/g,
    (m, open: string, n: string, close: string) =>
      isEmptyItem(items[parseInt(n, 10)]) ? `${open}${EMPTY_STRING}${close}` : m
  );
  return inlineSharedStrings(kept, items).replace(
    /<c\b([^>]*?)\st="str"([^>]*)><v>([^<]*)<\/v><\/c>/g,
    (_m, before: string, after: string, text: string) =>
      `<c${before} t="inlineStr"${after}><is><t xml:space="preserve">${text.replace(
        /_x([0-9A-Fa-f]{4})_/g,
        "_x005F_x$1_"
      )}</t></is></c>`
  );
}

/** The parts of [Content_Types].xml: defaults by extension and overrides by part. */
function contentTypes(xml: string): {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
} {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const m of xml.matchAll(/<Default\s[^>]*>/g)) {
    const ext = /Extension="([^"]*)"/.exec(m[0])?.[1];
    const type = /ContentType="([^"]*)"/.exec(m[0])?.[1];
    if (ext && type) defaults.set(ext.toLowerCase(), type);
  }
  for (const m of xml.matchAll(/<Override\s[^>]*>/g)) {
    const part = /PartName="([^"]*)"/.exec(m[0])?.[1];
    const type = /ContentType="([^"]*)"/.exec(m[0])?.[1];
    if (part && type) overrides.set(part.replace(/^\/+/, "").toLowerCase(), type);
  }
  return { defaults, overrides };
}

function relsXml(rels: Relationship[], targetOf: (r: Relationship) => string): string {
  const items = rels.map(
    (r) =>
      `<Relationship Id="${encodeAttr(r.id)}" Type="${encodeAttr(r.type)}" Target="${encodeAttr(
        targetOf(r)
      )}"${r.external ? ' TargetMode="External"' : ""}/>`
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`
  );
}

/** A name in the folder of `name` no part has yet (table1.xml, table2.xml, ...). */
function freeName(name: string, used: Set<string>): string {
  const m = /^(.*?)(\d*)(\.[^./]+)$/.exec(name);
  const stem = m ? m[1] : name;
  const ext = m ? m[3] : "";
  for (let n = 1; ; n++) {
    const candidate = `${stem}${n}${ext}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * A copied sheet whose first sheet view's selected tab is not `selected`, rewritten in that
 * attribute only (null: it already is, and the sheet is copied as it is). Only the start of the
 * part is inflated to look.
 */
function reselected(lw: LeanWorkbook, sheet: LeanSheet, selected: boolean): Buffer | null {
  const e = lw.pkg.find(sheet.part);
  if (!e) return null;
  const raw = lw.pkg.raw(e);
  const headOf = (data: Buffer) => {
    const text = data.toString("latin1");
    const end = text.indexOf("<sheetData");
    let view = text.indexOf("<sheetView");
    while (view >= 0 && !endsName(text, view + 10)) view = text.indexOf("<sheetView", view + 10);
    if (view < 0 || (end >= 0 && view > end)) return null;
    return { view, close: tagEnd(text, view), text };
  };
  const head =
    e.method === 0
      ? raw.subarray(0, 64 * 1024)
      : inflateRawSync(raw.subarray(0, 16 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
  const h = headOf(head);
  if (!h || h.close < 0) return null;
  const tag = h.text.slice(h.view, h.close + 1);
  const was = /\stabSelected\s*=\s*["'](1|true)["']/.test(tag);
  if (was === selected) return null;
  // The whole part (its size was checked when the file was opened).
  const data =
    e.method === 0 ? Buffer.from(raw) : inflateRawSync(raw, { maxOutputLength: e.declaredSize });
  const stripped = tag.replace(/\s+tabSelected\s*=\s*["'][^"']*["']/, "");
  const next = selected
    ? stripped.replace(/^<sheetView\b/, '<sheetView tabSelected="1"')
    : stripped;
  return Buffer.concat([
    data.subarray(0, h.view),
    Buffer.from(next, "latin1"),
    data.subarray(h.close + 1),
  ]);
}

/** The saved workbook: what excelts wrote, with every stub's sheet copied from the file. */
export async function spliceSave(p: PartialWorkbook): Promise<Buffer> {
  const { lw, wb, stubs } = p;
  const written = await writtenParts(wb);
  const text = (name: string) => {
    const v = written.get(name);
    return typeof v === "string" ? v : v ? v.toString("utf8") : "";
  };
  const originalTypes = contentTypes((await lw.pkg.text(TYPES)) ?? "");
  const typeOf = (part: string) =>
    originalTypes.overrides.get(part.toLowerCase()) ??
    originalTypes.defaults.get((/\.([^./]+)$/.exec(part)?.[1] ?? "").toLowerCase()) ??
    "application/octet-stream";

  // Which part excelts wrote for each sheet (by name).
  const wbPart = "xl/workbook.xml";
  const wbRels = parseRels(text(relsOf(wbPart)), wbPart);
  const relById = new Map(wbRels.map((r) => [r.id, r]));
  const partOfSheet = new Map<string, string>();
  for (const m of text(wbPart).matchAll(/<sheet\s[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\sr:id="([^"]*)"/.exec(m[0])?.[1];
    const rel = rid ? relById.get(rid) : undefined;
    if (name !== undefined && rel)
      partOfSheet.set(
        name
          .replace(/&amp;/g, "&")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&quot;/g, '"')
          .replace(/&apos;/g, "'")
          .toLowerCase(),
        rel.part
      );
  }

  const out = new Map<string, ZipPart>();
  const extraTypes = new Map<string, string>();
  const used = new Set<string>([...written.keys()].map((n) => n.toLowerCase()));
  const stubParts = new Set<string>();
  for (const ws of stubs.keys()) {
    const part = partOfSheet.get(ws.name.toLowerCase());
    if (part) stubParts.add(part.toLowerCase());
  }
  // Styles: the file's, with excelts's added.
  const stylesPart = wbRels.find((r) => /\/styles$/.test(r.type))?.part ?? "xl/styles.xml";
  const origStylesRel = lw.workbookRels.find((r) => /\/styles$/.test(r.type));
  const origStyles = origStylesRel ? await lw.pkg.text(origStylesRel.part) : null;
  const merged = origStyles ? mergeStyles(origStyles, text(stylesPart)) : null;

  // excelts's parts, fixed: control characters' escapes, chart anchors, inline strings, and
  // style numbers mapped to the merged styles part. Table ids clear of the copied tables'.
  const writtenSst = wbRels.find((r) => /\/sharedStrings$/.test(r.type))?.part;
  const writtenStrings = writtenSst ? stringItems(text(writtenSst)) : [];
  const copiedTableIds = new Set<number>();
  for (const t of await lw.tables()) {
    if ([...stubs.values()].includes(t.sheet)) copiedTableIds.add(t.id);
  }
  let nextTableId = Math.max(0, ...copiedTableIds);
  for (const [name, value] of written) {
    const lower = name.toLowerCase();
    if (stubParts.has(lower) || lower === TYPES.toLowerCase()) continue;
    if (writtenSst && lower === writtenSst.toLowerCase()) continue;
    if (typeof value !== "string") {
      out.set(name, { name, data: value });
      continue;
    }
    let xml = escapeSentinels(value);
    if (DRAWING_PART.test(name)) xml = validMarkup(name, xml);
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) {
      xml = inlineStrings(xml, writtenStrings);
      if (merged) xml = remapStyles(xml, merged);
    }
    if (/^xl\/tables\/[^/]+\.xml$/i.test(name)) {
      if (merged) xml = remapStyles(xml, merged);
      const id = /<table\b[^>]*?\sid="(\d+)"/.exec(xml)?.[1];
      if (id && copiedTableIds.has(parseInt(id, 10)))
        xml = xml.replace(/(<table\b[^>]*?\sid=")\d+"/, `$1${++nextTableId}"`);
    }
    if (name === stylesPart && merged) xml = merged.xml;
    out.set(name, { name, data: Buffer.from(xml, "utf8") });
  }

  // The copied parts: each keeps its name unless excelts wrote one by that name.
  const copied = new Map<string, string>();
  const carry = async (part: string, as?: string): Promise<string> => {
    const known = copied.get(part.toLowerCase());
    if (known) return known;
    let name = as ?? part;
    if (!as && used.has(name.toLowerCase())) name = freeName(part, used);
    used.add(name.toLowerCase());
    copied.set(part.toLowerCase(), name);
    const e = lw.pkg.find(part);
    if (!e) return name;
    out.set(name, {
      name,
      raw: lw.pkg.raw(e),
      method: e.method,
      crc32: e.crc32,
      size: e.declaredSize,
    });
    if (!as) extraTypes.set(name, typeOf(part));
    const rels = parseRels(await lw.pkg.text(relsOf(part)), part);
    if (rels.length > 0) {
      const targets = new Map<Relationship, string>();
      for (const r of rels) {
        if (r.external || !lw.pkg.find(r.part)) continue;
        targets.set(r, relativeTarget(name, await carry(r.part)));
      }
      const relsName = relsOf(name);
      used.add(relsName.toLowerCase());
      out.set(relsName, {
        name: relsName,
        data: Buffer.from(relsXml(rels, (r) => targets.get(r) ?? r.target)),
      });
    }
    return name;
  };
  const activeTab = wb.views?.[0]?.activeTab ?? 0;
  const sheets = wb.worksheets;
  for (const [ws, sheet] of stubs) {
    const part = partOfSheet.get(ws.name.toLowerCase());
    if (!part) continue;
    out.delete(part);
    await carry(sheet.part, part);
    if (p.activated) {
      const patched = reselected(lw, sheet, sheets[activeTab] === ws);
      if (patched) out.set(part, { name: part, data: patched });
    }
  }

  // The file's shared strings, for the sheets copied; its custom properties (a label).
  const types = new Map<string, string>(extraTypes);
  // excelts's own shared strings part (now inline in its sheets) gives way to the file's.
  let relsOfWorkbook = text(relsOf(wbPart));
  if (writtenSst) {
    relsOfWorkbook = relsOfWorkbook.replace(
      /<Relationship\s[^>]*Type="[^"]*\/sharedStrings"[^>]*\/>/,
      ""
    );
    used.delete(writtenSst.toLowerCase());
  }
  const sst = lw.sharedStringsPart;
  // Empty texts excelts wrote point at the file's empty shared string (added if it has none).
  let emptyRefs = 0;
  for (const part of out.values())
    if ("data" in part && /^xl\/worksheets\//i.test(part.name))
      emptyRefs += part.data.includes(EMPTY_STRING) ? 1 : 0;
  if ((sst && stubs.size > 0) || emptyRefs > 0) {
    const name = sst ? await carry(sst) : "xl/sharedStrings.xml";
    types.set(name, SST_TYPE);
    relsOfWorkbook = relsOfWorkbook.replace(
      "</Relationships>",
      `<Relationship Id="rIdSharedStrings" Type="${SST_REL}" Target="${encodeAttr(relativeTarget(wbPart, name))}"/></Relationships>`
    );
    if (emptyRefs > 0) {
      const empty = withEmptyItem(sst ? await lw.pkg.text(sst) : null, emptyRefs);
      if (empty.xml !== null) out.set(name, { name, data: Buffer.from(empty.xml, "utf8") });
      for (const [partName, part] of out) {
        if (!("data" in part) || !/^xl\/worksheets\//i.test(partName)) continue;
        if (!part.data.includes(EMPTY_STRING)) continue;
        const xml = part.data.toString("utf8").split(EMPTY_STRING).join(String(empty.index));
        out.set(partName, { name: partName, data: Buffer.from(xml, "utf8") });
      }
    }
  }
  out.set(relsOf(wbPart), { name: relsOf(wbPart), data: Buffer.from(relsOfWorkbook) });
  const custom = lw.pkg.entries.find((e) => e.name.toLowerCase() === "docprops/custom.xml");
  if (custom && !written.has("docProps/custom.xml")) {
    const name = await carry(custom.name);
    types.set(name, typeOf(custom.name));
    const rootRels = text("_rels/.rels");
    if (!rootRels.includes(CUSTOM_REL))
      out.set("_rels/.rels", {
        name: "_rels/.rels",
        data: Buffer.from(
          rootRels.replace(
            "</Relationships>",
            `<Relationship Id="rIdCustom1" Type="${CUSTOM_REL}" Target="${encodeAttr(name)}"/></Relationships>`
          )
        ),
      });
  }

  // Content types: excelts's, and each copied part's own.
  let typesXml = text(TYPES);
  if (writtenSst && !out.has(writtenSst))
    typesXml = typesXml.replace(
      new RegExp(`<Override\\s[^>]*PartName="/${writtenSst.replace(/[.]/g, "\\.")}"[^>]*/>`),
      ""
    );
  const declared = contentTypes(typesXml);
  const overrides = [...types]
    .filter(([name]) => !declared.overrides.has(name.toLowerCase()))
    .map(
      ([name, type]) =>
        `<Override PartName="/${encodeAttr(name)}" ContentType="${encodeAttr(type)}"/>`
    );
  typesXml = typesXml.replace("</Types>", overrides.join("") + "</Types>");
  const ordered: ZipPart[] = [{ name: TYPES, data: Buffer.from(typesXml) }];
  const first = ["_rels/.rels"];
  for (const name of first) {
    const part = out.get(name);
    if (part) ordered.push(part);
  }
  for (const [name, part] of out) if (!first.includes(name)) ordered.push(part);
  return writeZipParts(ordered);
}

/** The part name a relationship target gives (for tests and callers that read rels). */
export { resolveTarget };
