/**
 * One styles part for a workbook saved in part: the sheets copied unchanged from the file keep
 * the file's own style numbers, so the file's styles part stays as it is, and the styles excelts
 * wrote for the sheets it wrote are added to it (each font, fill, border, number format, cell
 * format and differential format found there already is used again). The numbers excelts gave
 * are then mapped to the merged ones in the parts it wrote (remapStyles). Node only (hosts/xlsx).
 */
import { attributes, elementBody, encodeAttr, endsName, tagEnd } from "./xml";

/** The top-level children `tag` of a section's body, as written (`<font>...</font>` or `<font/>`). */
function children(body: string, tag: string): string[] {
  const out: string[] = [];
  const open = `<${tag}`;
  let at = body.indexOf(open);
  while (at >= 0) {
    if (!endsName(body, at + open.length)) {
      at = body.indexOf(open, at + open.length);
      continue;
    }
    const close = tagEnd(body, at);
    if (close < 0) break;
    let end: number;
    if (body.charCodeAt(close - 1) === 47) end = close + 1;
    else {
      const e = body.indexOf(`</${tag}>`, close);
      if (e < 0) break;
      end = e + tag.length + 3;
    }
    out.push(body.slice(at, end));
    at = body.indexOf(open, end);
  }
  return out;
}

interface Section {
  /** Where the whole element starts and ends in the part, or -1 when absent. */
  start: number;
  end: number;
  items: string[];
}

function section(xml: string, name: string, item: string): Section {
  let at = xml.indexOf(`<${name}`);
  while (at >= 0 && !endsName(xml, at + name.length + 1)) at = xml.indexOf(`<${name}`, at + 1);
  if (at < 0) return { start: -1, end: -1, items: [] };
  const { body, end } = elementBody(xml, at, name);
  return { start: at, end, items: children(body, item) };
}

/** A tag's attribute replaced (or added). */
function withAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(["'])[^"']*\\2`);
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`);
  return tag.replace(/^<([\w:]+)/, `<$1 ${name}="${value}"`);
}

/** An item with some attributes of its start tag mapped. */
function mapAttrs(item: string, map: Record<string, (v: string) => string>): string {
  const close = tagEnd(item, 0);
  let tag = item.slice(0, close + 1);
  const a = attributes(tag);
  for (const [name, f] of Object.entries(map)) {
    if (a[name] !== undefined) tag = withAttr(tag, name, f(a[name]));
  }
  return tag + item.slice(close + 1);
}

export interface MergedStyles {
  xml: string;
  /** excelts's cell format number -> the merged part's. */
  xf: number[];
  /** excelts's differential format number -> the merged part's. */
  dxf: number[];
}

/** Where each item of `extra` is in `base` (added at its end when it is not there). */
function mergeList(base: string[], extra: string[]): { list: string[]; map: number[] } {
  const list = [...base];
  const index = new Map<string, number>();
  list.forEach((x, i) => {
    if (!index.has(x)) index.set(x, i);
  });
  const map = extra.map((x) => {
    let i = index.get(x);
    if (i === undefined) {
      i = list.length;
      list.push(x);
      index.set(x, i);
    }
    return i;
  });
  return { list, map };
}

/** The original styles part with excelts's styles added; the maps of their numbers. */
export function mergeStyles(original: string, written: string): MergedStyles {
  // Number formats: by format code; a code the file lacks gets a number after its own.
  const origFmts = section(original, "numFmts", "numFmt");
  const codeToId = new Map<string, string>();
  let nextId = 163;
  for (const f of origFmts.items) {
    const a = attributes(f.slice(0, tagEnd(f, 0) + 1));
    if (a.formatCode !== undefined && a.numFmtId !== undefined) {
      if (!codeToId.has(a.formatCode)) codeToId.set(a.formatCode, a.numFmtId);
      nextId = Math.max(nextId, parseInt(a.numFmtId, 10) || 0);
    }
  }
  const addedFmts: string[] = [];
  const fmtMap = new Map<string, string>();
  for (const f of section(written, "numFmts", "numFmt").items) {
    const a = attributes(f.slice(0, tagEnd(f, 0) + 1));
    if (a.numFmtId === undefined || a.formatCode === undefined) continue;
    let id = codeToId.get(a.formatCode);
    if (id === undefined) {
      id = String(++nextId);
      codeToId.set(a.formatCode, id);
      addedFmts.push(`<numFmt numFmtId="${id}" formatCode="${encodeAttr(a.formatCode)}"/>`);
    }
    fmtMap.set(a.numFmtId, id);
  }

  const fonts = mergeList(
    section(original, "fonts", "font").items,
    section(written, "fonts", "font").items
  );
  const fills = mergeList(
    section(original, "fills", "fill").items,
    section(written, "fills", "fill").items
  );
  const borders = mergeList(
    section(original, "borders", "border").items,
    section(written, "borders", "border").items
  );
  const num = (m: number[]) => (v: string) => String(m[parseInt(v, 10)] ?? v);
  const writtenXfs = section(written, "cellXfs", "xf").items.map((xf) =>
    mapAttrs(xf, {
      numFmtId: (v) => fmtMap.get(v) ?? v,
      fontId: num(fonts.map),
      fillId: num(fills.map),
      borderId: num(borders.map),
      // excelts writes one cell style (Normal), as every file's first.
      xfId: () => "0",
    })
  );
  const xfs = mergeList(section(original, "cellXfs", "xf").items, writtenXfs);
  const dxfs = mergeList(
    section(original, "dxfs", "dxf").items,
    section(written, "dxfs", "dxf").items
  );

  // Rebuild the part: each section replaced by its merged list (or added where it belongs).
  const rebuilt = (name: string, items: string[]) =>
    `<${name} count="${items.length}">${items.join("")}</${name}>`;
  const replacements: { name: string; items: string[]; after: string[] }[] = [
    { name: "numFmts", items: [...origFmts.items, ...addedFmts], after: [] },
    { name: "fonts", items: fonts.list, after: ["numFmts"] },
    { name: "fills", items: fills.list, after: ["fonts", "numFmts"] },
    { name: "borders", items: borders.list, after: ["fills", "fonts", "numFmts"] },
    { name: "cellXfs", items: xfs.list, after: ["cellStyleXfs", "borders", "fills"] },
    { name: "dxfs", items: dxfs.list, after: ["cellStyles", "cellXfs", "cellStyleXfs"] },
  ];
  let xml = original;
  for (const r of replacements) {
    const s = section(xml, r.name, "-");
    const was = s.start >= 0 ? section(xml, r.name, itemOf(r.name)).items : [];
    if (s.start >= 0) {
      if (r.items.length === was.length) continue; // nothing added
      xml = xml.slice(0, s.start) + rebuilt(r.name, r.items) + xml.slice(s.end);
      continue;
    }
    if (r.items.length === 0) continue;
    // Absent: after the nearest section before it that is there, or first in the part.
    let at = -1;
    for (const prev of r.after) {
      const p = section(xml, prev, "-");
      if (p.start >= 0) {
        at = p.end;
        break;
      }
    }
    if (at < 0) {
      const open = xml.indexOf("<styleSheet");
      at = open >= 0 ? tagEnd(xml, open) + 1 : 0;
    }
    xml = xml.slice(0, at) + rebuilt(r.name, r.items) + xml.slice(at);
  }
  return { xml, xf: xfs.map, dxf: dxfs.map };
}

function itemOf(section: string): string {
  switch (section) {
    case "numFmts":
      return "numFmt";
    case "fonts":
      return "font";
    case "fills":
      return "fill";
    case "borders":
      return "border";
    case "cellXfs":
      return "xf";
    default:
      return "dxf";
  }
}

const STYLED = /<(c|row|col|cfRule)\b[^>]*>/g;
const TABLE_DXF = /\s(\w*DxfId)="(\d+)"/g;

/**
 * A part excelts wrote, its style numbers mapped to the merged styles part: cells' and rows'
 * s, columns' style, conditional formats' dxfId, and tables' differential formats.
 */
export function remapStyles(xml: string, merged: MergedStyles): string {
  const xf = (v: string) => String(merged.xf[parseInt(v, 10)] ?? v);
  const dxf = (v: string) => String(merged.dxf[parseInt(v, 10)] ?? v);
  if (xml.indexOf("<table") >= 0 && xml.indexOf("<worksheet") < 0)
    return xml.replace(TABLE_DXF, (_m, name: string, v: string) => ` ${name}="${dxf(v)}"`);
  return xml.replace(STYLED, (tag: string, name: string) => {
    if (name === "cfRule") return tag.replace(/(\sdxfId=")(\d+)"/, (_m, a, v) => `${a}${dxf(v)}"`);
    if (name === "col") return tag.replace(/(\sstyle=")(\d+)"/, (_m, a, v) => `${a}${xf(v)}"`);
    return tag.replace(/(\ss=")(\d+)"/, (_m, a, v) => `${a}${xf(v)}"`);
  });
}
