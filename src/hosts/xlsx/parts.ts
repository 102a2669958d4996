/**
 * What a workbook file holds, part by part, so that writing it back never silently drops
 * something excelts does not keep (a sensitivity label in custom document properties, pivot
 * tables, slicers, macros, ...), and carrying over the custom document properties. Node only.
 */
import { readZip, writeZip } from "./zip";

/** Names of the entries of a zip file (the .xlsx package), or [] when it is not a zip. */
export function zipEntryNames(buf: Buffer): string[] {
  const EOCD = 0x06054b50;
  const CEN = 0x02014b50;
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count && p + 46 <= buf.length; n++) {
    if (buf.readUInt32LE(p) !== CEN) break;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString("utf8", p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Parts every writer recreates, or that Excel rebuilds: never a loss. */
const REBUILT = [
  /^\[content_types\]\.xml$/,
  /(^|\/)_rels\//,
  /^docprops\/(app|core)\.xml$/,
  /^docprops\/thumbnail\./,
  /^xl\/workbook\.xml$/,
  /^xl\/styles\.xml$/,
  /^xl\/sharedstrings\.xml$/,
  /^xl\/theme\//,
  /^xl\/calcchain\.xml$/,
  /^xl\/printersettings\//,
];

const DESCRIPTIONS: [RegExp, string][] = [
  [/^docprops\/custom\.xml$/, "custom document properties (for example a sensitivity label)"],
  [/^customxml\//, "custom XML data (for example labelling or SharePoint metadata)"],
  [/^xl\/pivot(tables|cache)\//, "pivot tables"],
  [/^xl\/slicer/, "slicers"],
  [/^xl\/timeline/, "timelines"],
  [/^xl\/vbaproject\.bin$/, "macros"],
  [/^xl\/model\//, "a data model"],
  [/^xl\/externallinks\//, "links to other workbooks"],
  [/^xl\/(connections\.xml|querytables\/)/, "data connections"],
  [/^xl\/threadedcomments\/|^xl\/persons\//, "threaded comments"],
  [/^xl\/(comments|drawings\/vmldrawing)/, "comments (notes)"],
  [/^xl\/(drawings|charts|media)\//, "pictures, shapes or charts"],
  [/^xl\/chartsheets\//, "chart sheets"],
  [/^xl\/tables\//, "tables"],
  [/^xl\/worksheets\//, "worksheets"],
  [/^xl\/metadata\.xml$|^xl\/richdata\//, "cell metadata (dynamic arrays, rich values)"],
];

/**
 * A part's kind: lower case; a file directly under the package root, xl/ or docProps/ by its
 * name, any other by its folder and extension (xl/worksheets/*.xml, xl/media/*.png).
 */
export function partKind(name: string): string {
  const lower = name.toLowerCase().replace(/^\//, "");
  const slash = lower.lastIndexOf("/");
  const dir = lower.slice(0, slash + 1);
  const file = lower.slice(slash + 1);
  if (dir === "" || dir === "xl/" || dir === "docprops/") return lower;
  const dot = file.lastIndexOf(".");
  return `${dir}*${dot >= 0 ? file.slice(dot) : ""}`;
}

/**
 * Kinds of part the original held more of than the rewritten file: what writing would lose.
 * Returns plain-English descriptions (one per kind), empty when nothing is lost.
 */
export function lostParts(before: string[], after: string[]): string[] {
  const count = (names: string[]) => {
    const m = new Map<string, number>();
    for (const n of names) {
      const k = partKind(n);
      if (REBUILT.some((r) => r.test(k))) continue;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const was = count(before);
  const now = count(after);
  const lost = new Set<string>();
  for (const [kind, n] of was) {
    if ((now.get(kind) ?? 0) >= n) continue;
    const described = DESCRIPTIONS.find(([r]) => r.test(kind));
    lost.add(described ? described[1] : kind);
  }
  return [...lost];
}

const CUSTOM = "docProps/custom.xml";
const CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
const CUSTOM_REL =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";

/**
 * Put the original's custom document properties (where Office keeps a sensitivity label such
 * as OFFICIAL-SENSITIVE) back into a package excelts wrote without them. Returns the written
 * bytes unchanged when there is nothing to carry over.
 */
export function carryCustomProperties(original: Buffer, written: Buffer): Buffer {
  const names = zipEntryNames(original);
  const name = names.find((n) => n.toLowerCase() === CUSTOM.toLowerCase());
  if (!name || zipEntryNames(written).some((n) => n.toLowerCase() === CUSTOM.toLowerCase()))
    return written;
  const part = readZip(original).get(name);
  if (!part) return written;
  const pkg = readZip(written);
  pkg.set(CUSTOM, part);
  const types = pkg.get("[Content_Types].xml")?.toString("utf8");
  const rels = pkg.get("_rels/.rels")?.toString("utf8");
  if (!types || !rels) return written;
  if (!/PartName="\/docProps\/custom\.xml"/i.test(types)) {
    pkg.set(
      "[Content_Types].xml",
      Buffer.from(
        types.replace(
          "</Types>",
          `<Override PartName="/${CUSTOM}" ContentType="${CUSTOM_TYPE}"/></Types>`
        )
      )
    );
  }
  if (!rels.includes(CUSTOM_REL)) {
    let id = 1;
    while (rels.includes(`Id="rIdCustom${id}"`)) id++;
    pkg.set(
      "_rels/.rels",
      Buffer.from(
        rels.replace(
          "</Relationships>",
          `<Relationship Id="rIdCustom${id}" Type="${CUSTOM_REL}" Target="${CUSTOM}"/></Relationships>`
        )
      )
    );
  }
  return writeZip(pkg);
}
