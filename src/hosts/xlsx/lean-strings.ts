/**
 * Shared strings and inline strings read lean (lean.ts): the shared strings part streamed item
 * by item, and each item's text as excelts gives it (rich text runs joined, phonetic runs left
 * out, the _xHHHH_ escapes decoded). Node only (hosts/xlsx).
 */
import { decodeXString, exceltsDecode } from "./cells";
import type { XlsxPackage } from "./package";
import { decodeEntities, elementBody, endsName, tagEnd } from "./xml";

/** The text of <t> elements in a run of XML (rich text runs, inline strings), each decoded. */
function runTexts(xml: string): string[] {
  const out: string[] = [];
  let at = xml.indexOf("<t");
  while (at >= 0) {
    if (!endsName(xml, at + 2)) {
      at = xml.indexOf("<t", at + 2);
      continue;
    }
    const { body, end } = elementBody(xml, at, "t");
    out.push(exceltsDecode(decodeEntities(body)));
    at = xml.indexOf("<t", end);
  }
  return out;
}

/** Phonetic runs (<rPh>) are not part of the text. */
export function withoutPhonetic(xml: string): string {
  return xml.indexOf("<rPh") < 0 ? xml : xml.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, "");
}

/** A shared string or inline string's text, as the snapshot gives it. */
export function stringItem(xml: string): string {
  // Most items are one plain <t>: read it without a search for runs.
  if (xml.charCodeAt(0) === 60 && xml.charCodeAt(1) === 116 && endsName(xml, 2)) {
    const close = tagEnd(xml, 0);
    if (close > 0 && xml.charCodeAt(close - 1) !== 47) {
      const end = xml.indexOf("</t>", close);
      if (end >= 0 && end + 4 === xml.length)
        return decodeXString(exceltsDecode(decodeEntities(xml.slice(close + 1, end))));
    }
  }
  const body = withoutPhonetic(xml);
  const rich = /<r[\s>]/.test(body);
  const texts = runTexts(body);
  // A plain item is its one <t>; rich text is its runs joined (plainValue joins them).
  return decodeXString(rich ? texts.join("") : (texts[0] ?? ""));
}

/** An inline string's text (<is>...</is>), as the snapshot gives it. */
export function inlineText(xml: string): string | null {
  const end = xml.indexOf("</is>");
  // excelts's cell reader takes the text of every <t> in <is>, phonetic runs' included.
  const body = end < 0 ? xml : xml.slice(0, end);
  const rich = /<r[\s>]/.test(body);
  const texts = runTexts(body);
  if (texts.length === 0) return null;
  // A plain inline string is excelts's value, decoded once more by plainValue.
  const text = texts.join("");
  if (!rich && text === "") return null;
  return decodeXString(text);
}

/** Each <si>'s content in order (null for an empty <si/>), streamed from the part. */
export async function eachSharedString(
  pkg: XlsxPackage,
  part: string | null,
  fn: (inner: string | null) => void
): Promise<void> {
  if (!part) return;
  let buf = "";
  const take = (final: boolean) => {
    let at = 0;
    for (;;) {
      const open = buf.indexOf("<si", at);
      if (open < 0) break;
      // "<si" at the very end of a step: whether it is <si> (or <sis…>) is in the next one,
      // so keep it for then instead of stepping over the item.
      if (open + 3 >= buf.length && !final) {
        at = open;
        break;
      }
      if (!endsName(buf, open + 3)) {
        at = open + 3;
        continue;
      }
      const close = tagEnd(buf, open);
      if (close < 0) break;
      if (buf.charCodeAt(close - 1) === 47) {
        fn(null);
        at = close + 1;
        continue;
      }
      const end = buf.indexOf("</si>", close);
      if (end < 0) break;
      fn(buf.slice(close + 1, end));
      at = end + 5;
    }
    buf = final ? "" : buf.slice(at);
  };
  await pkg.stream(part, (text) => {
    buf += text;
    take(false);
  });
  take(true);
}
