/**
 * The little XML the lean reader needs: attributes of one tag, entity decoding, and finding
 * elements in a part's text. OOXML parts are machine-written XML (no DTD, no comments in the
 * places read here), which is what makes this enough. Node only (hosts/xlsx).
 */

const ENTITY = /&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g;

/** Text or an attribute value with XML's entities and character references decoded. */
export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(ENTITY, (_m, e: string) => {
    switch (e) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default: {
        const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return String.fromCodePoint(code);
      }
    }
  });
}

/** Text as it may stand in XML text content. */
export function encodeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text as it may stand in a double-quoted attribute. */
export function encodeAttr(s: string): string {
  return encodeText(s).replace(/"/g, "&quot;");
}

/**
 * The attributes of one start tag (`<c r="A1" s="2">`), by name as written (prefix kept),
 * values decoded. Quotes of either kind; a `>` inside a quoted value is part of it.
 */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = tag.indexOf(" ");
  const n = tag.length;
  if (i < 0) return out;
  while (i < n) {
    let c = tag.charCodeAt(i);
    while (i < n && (c === 32 || c === 9 || c === 10 || c === 13)) c = tag.charCodeAt(++i);
    if (i >= n || c === 62 || c === 47) break; // > or /
    const eq = tag.indexOf("=", i);
    if (eq < 0) break;
    const name = tag.slice(i, eq).trim();
    let q = eq + 1;
    while (q < n && tag.charCodeAt(q) !== 34 && tag.charCodeAt(q) !== 39) q++;
    if (q >= n) break;
    const quote = tag[q];
    const end = tag.indexOf(quote, q + 1);
    if (end < 0) break;
    out[name] = decodeEntities(tag.slice(q + 1, end));
    i = end + 1;
  }
  return out;
}

/**
 * Where the start tag that opens at `from` ends (the index of its `>`), minding quoted values.
 * -1 when it does not end in the text.
 */
export function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

/** Whether the character after an element name ends the name (so `<c` does not match `<col`). */
export function endsName(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/** Every start (or empty) tag of an element in a text: `each(xml, "sheet", tag => ...)`. */
export function eachTag(text: string, name: string, fn: (tag: string, at: number) => void): void {
  const open = `<${name}`;
  let at = text.indexOf(open);
  while (at >= 0) {
    if (endsName(text, at + open.length)) {
      const end = tagEnd(text, at);
      if (end < 0) return;
      fn(text.slice(at, end + 1), at);
      at = text.indexOf(open, end);
    } else at = text.indexOf(open, at + open.length);
  }
}

/** The text between an element's start tag at `at` and its end tag (or "" for an empty tag). */
export function elementBody(text: string, at: number, name: string): { body: string; end: number } {
  const tagClose = tagEnd(text, at);
  if (tagClose < 0) return { body: "", end: text.length };
  if (text.charCodeAt(tagClose - 1) === 47) return { body: "", end: tagClose + 1 };
  const close = text.indexOf(`</${name}>`, tagClose);
  if (close < 0) return { body: text.slice(tagClose + 1), end: text.length };
  return { body: text.slice(tagClose + 1, close), end: close + name.length + 3 };
}
