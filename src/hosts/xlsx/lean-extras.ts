/**
 * What a sheet holds besides its cells, read lean from the XML around its sheetData (lean.ts):
 * protection, the selected tab, data validations, conditional formats and hyperlinks.
 * Node only (hosts/xlsx).
 */
import { attributes, decodeEntities, eachTag, elementBody, endsName, tagEnd } from "./xml";

/** What a sheet holds besides its cells, read from the XML around its sheetData. */
export interface SheetExtras {
  protected: boolean;
  tabSelected: boolean;
  /** excelts's data-validation model order: [key, list formula or null]. */
  validations: [string, { type: string; formula: string | null }][];
  /** Conditional formats: each ref (sqref) and how many rules it carries. */
  conditionalFormats: { ref: string; rules: number }[];
  /** Cell refs (or ranges) with a hyperlink. */
  hyperlinks: string[];
}

/** The text of the first element `name` in a cell's XML, entity-decoded later; null if none. */
function leafText(xml: string, name: string): string | null {
  const open = `<${name}`;
  let at = xml.indexOf(open);
  while (at >= 0 && !endsName(xml, at + open.length)) at = xml.indexOf(open, at + 1);
  if (at < 0) return null;
  const close = tagEnd(xml, at);
  if (close < 0) return null;
  if (xml.charCodeAt(close - 1) === 47) return null;
  const end = xml.indexOf(`</${name}>`, close);
  if (end < 0) return null;
  const text = xml.slice(close + 1, end);
  return text;
}

/** Protection, validations, conditional formats and hyperlinks around sheetData. */
export function extrasOf(head: string, tail: string): SheetExtras {
  let tabSelected = false;
  let first = true;
  eachTag(head, "sheetView", (tag) => {
    if (!first) return;
    first = false;
    const v = attributes(tag).tabSelected;
    tabSelected = v === "1" || v === "true";
  });
  const validations = new Map<string, { type: string; formula: string | null }>();
  const dvAt = tail.indexOf("<dataValidations");
  if (dvAt >= 0) {
    const { body } = elementBody(tail, dvAt, "dataValidations");
    let at = body.indexOf("<dataValidation");
    while (at >= 0) {
      if (!endsName(body, at + 15)) {
        at = body.indexOf("<dataValidation", at + 15);
        continue;
      }
      const close = tagEnd(body, at);
      const a = attributes(body.slice(at, close + 1));
      const { body: inner, end } = elementBody(body, at, "dataValidation");
      const f1 = leafText(inner, "formula1");
      const dv = { type: a.type ?? "any", formula: f1 !== null ? decodeEntities(f1) : null };
      for (const addr of (a.sqref ?? "").split(/\s+/g)) {
        validations.set(addr.includes(":") ? `range:${addr}` : addr, dv);
      }
      at = body.indexOf("<dataValidation", end);
    }
  }
  const conditionalFormats: { ref: string; rules: number }[] = [];
  const mainIds = new Set<string>();
  let cfAt = tail.indexOf("<conditionalFormatting");
  while (cfAt >= 0) {
    if (!endsName(tail, cfAt + 22)) {
      cfAt = tail.indexOf("<conditionalFormatting", cfAt + 22);
      continue;
    }
    const close = tagEnd(tail, cfAt);
    const ref = attributes(tail.slice(cfAt, close + 1)).sqref ?? "";
    const { body, end } = elementBody(tail, cfAt, "conditionalFormatting");
    let rules = 0;
    eachTag(body, "cfRule", () => rules++);
    for (const m of body.matchAll(/<x14:id>([^<]*)<\/x14:id>/g)) mainIds.add(m[1]);
    conditionalFormats.push({ ref, rules });
    cfAt = tail.indexOf("<conditionalFormatting", end);
  }
  // Rules Excel keeps only in the x14 extension: those not tied to a main rule count too.
  for (const m of tail.matchAll(
    /<x14:conditionalFormatting[\s>][\s\S]*?<\/x14:conditionalFormatting>/g
  )) {
    const block = m[0];
    const ref = /<xm:sqref>([^<]*)<\/xm:sqref>/.exec(block)?.[1] ?? "";
    let rules = 0;
    eachTag(block, "x14:cfRule", (tag) => {
      const id = attributes(tag).id;
      if (id === undefined || !mainIds.has(id)) rules++;
    });
    if (rules > 0) {
      const same = conditionalFormats.find((c) => c.ref === ref);
      if (same) same.rules += rules;
      else conditionalFormats.push({ ref, rules });
    }
  }
  const hyperlinks: string[] = [];
  const hlAt = tail.indexOf("<hyperlinks");
  if (hlAt >= 0) {
    const { body } = elementBody(tail, hlAt, "hyperlinks");
    eachTag(body, "hyperlink", (tag) => {
      const ref = attributes(tag).ref;
      if (ref) hyperlinks.push(ref);
    });
  }
  let prot = false;
  eachTag(tail, "sheetProtection", () => (prot = true));
  return {
    protected: prot,
    tabSelected,
    validations: [...validations],
    conditionalFormats,
    hyperlinks,
  };
}
