/**
 * HTML (pasted from Word or a web page) to plain text with the structure a record needs: block
 * elements become line breaks, table cells become tabs (so a Word table of "Label | value" reads
 * as Label<TAB>value), list items get their number or a bullet, entities are decoded, and
 * scripts, styles and comments are dropped. The text is only ever read, never rendered.
 * Pure: htmlparser2 is plain JavaScript with no DOM.
 */
import { Parser } from "htmlparser2";

const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "ul",
  "caption",
  "center",
]);
const PARAGRAPH = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"]);
const SKIP = new Set([
  "script",
  "style",
  "head",
  "title",
  "template",
  "noscript",
  "xml",
  "svg",
  "math",
  "iframe",
  "object",
]);

/** Marks where a list item's generated marker goes; removed if the item brings its own. */
export const LI_MARK = "\u0001";

/** True when the text contains something that looks like an HTML tag or entity markup. */
export function looksLikeHtml(text: string): boolean {
  // Known tags only: "<urgent>" or "<5%" in a plain-text record is text, not markup.
  return /<\/?(?:p|br|ol|ul|li|div|span|b|strong|i|em|u|s|a|font|table|thead|tbody|tr|td|th|h[1-6]|hr|sup|sub|blockquote|section|article|img|script|style|meta|html|body|head|o:p|w:[a-z]+|center|pre|code|small|big|mark|del|ins|dl|dt|dd|caption|label|title)(?:\s[^<>]*)?\/?>/i.test(
    text
  );
}

/** True when the whole input is an HTML document or fragment rather than text with some tags. */
export function isHtmlDocument(text: string): boolean {
  const head = text.slice(0, 4000).trimStart();
  if (/^<(?:!doctype|html|\?xml|body|meta)\b/i.test(head)) return true;
  if (/<html[\s>]|<body[\s>]/i.test(text.slice(0, 20000))) return true;
  // A fragment: starts with a tag and its line breaks are not its structure (few lines, many tags).
  if (!head.startsWith("<")) return false;
  const tags = (text.match(/<(?:p|div|li|br|tr|td|h[1-6]|table|ol|ul)\b/gi) ?? []).length;
  return tags >= 2;
}

interface ListState {
  ordered: boolean;
  next: number;
}

/**
 * Deepest nesting read. Word's HTML nests a few dozen elements; htmlparser2 keeps its open
 * elements in an array it grows at the front, so each element opened costs as much as the depth:
 * 400,000 nested <div> took 130 s. Past this depth reading stops, with a warning.
 */
export const MAX_HTML_DEPTH = 1_000;

/** Convert HTML to text (see readHtml); what past MAX_HTML_DEPTH is dropped. */
export function htmlToText(html: string): string {
  return readHtml(html).text;
}

/**
 * Convert HTML to text. Paragraphs are separated by a blank line, other blocks by a line break,
 * table cells in a row by a tab. Never throws: malformed HTML is read as far as it goes, and
 * HTML nested deeper than MAX_HTML_DEPTH is read up to there (`stoppedAt`: the character where
 * reading stopped, or null).
 */
export function readHtml(html: string): { text: string; stoppedAt: number | null } {
  const out: string[] = [];
  const lists: ListState[] = [];
  let skipDepth = 0;
  let cellInRow = 0;
  let pre = 0;
  /** Line breaks owed before the next text (block boundaries collapse, as in a browser). */
  let pending = 0;
  /** Just after a table cell's tab or a list item's marker: block starts add no break there. */
  let atStart = false;

  const newline = (n: 1 | 2) => {
    if (!atStart) pending = Math.max(pending, n);
  };
  const emit = (text: string) => {
    if (pending > 0) {
      out.push("\n".repeat(pending));
      pending = 0;
    }
    out.push(text);
  };

  // Elements open in the parser (void elements close at once, implied closes are reported).
  let depth = 0;
  let stoppedAt: number | null = null;
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        if (++depth > MAX_HTML_DEPTH && stoppedAt === null) {
          stoppedAt = parser.startIndex;
          parser.pause();
          return;
        }
        if (SKIP.has(name)) {
          skipDepth++;
          return;
        }
        if (skipDepth > 0) return;
        if (name === "br") {
          atStart = false;
          emit("\n");
          return;
        }
        if (name === "pre") pre++;
        if (name === "tr") {
          atStart = false;
          newline(1);
          cellInRow = 0;
          return;
        }
        if (name === "td" || name === "th") {
          if (cellInRow > 0) {
            pending = 0;
            emit("\t");
            atStart = true;
          }
          cellInRow++;
          return;
        }
        if (name === "ol" || name === "ul") {
          const start = Number.parseInt(attribs.start ?? "", 10);
          lists.push({ ordered: name === "ol", next: Number.isFinite(start) ? start : 1 });
          newline(1);
          return;
        }
        if (name === "li") {
          atStart = false;
          newline(1);
          const list = lists[lists.length - 1];
          const value = Number.parseInt(attribs.value ?? "", 10);
          if (list && Number.isFinite(value)) list.next = value;
          emit(list?.ordered ? `${LI_MARK}${list.next++}. ` : `${LI_MARK}• `);
          atStart = true;
          return;
        }
        if (BLOCK.has(name)) newline(PARAGRAPH.has(name) ? 2 : 1);
      },
      onclosetag(name) {
        depth = Math.max(0, depth - 1);
        if (stoppedAt !== null) return;
        if (SKIP.has(name)) {
          if (skipDepth > 0) skipDepth--;
          return;
        }
        if (skipDepth > 0) return;
        if (name === "pre" && pre > 0) pre--;
        if (name === "td" || name === "th") {
          pending = 0;
          return;
        }
        if (name === "ol" || name === "ul") {
          lists.pop();
          newline(1);
          return;
        }
        if (name === "li" || name === "tr") {
          atStart = false;
          newline(1);
          return;
        }
        if (BLOCK.has(name)) newline(PARAGRAPH.has(name) ? 2 : 1);
      },
      ontext(data) {
        if (skipDepth > 0 || stoppedAt !== null) return;
        const text = pre > 0 ? data : data.replace(/[ \t\r\n\f]+/g, " ");
        if (text.trim() === "" && (pending > 0 || atStart)) return;
        emit(text);
        if (text.trim() !== "") atStart = false;
      },
    },
    {
      decodeEntities: true,
      lowerCaseTags: true,
      lowerCaseAttributeNames: true,
      recognizeSelfClosing: true,
    }
  );
  // Written in steps, so that a pause (too deep) stops the work at once.
  for (let at = 0; at < html.length && stoppedAt === null; at += 65536)
    parser.write(html.slice(at, at + 65536));
  if (stoppedAt === null) parser.end();
  return { text: tidyLines(out.join("")), stoppedAt };
}

/**
 * Tidy converted text: non-breaking and odd spaces to spaces, trim each line (tabs between cells
 * kept), drop a generated list marker where the item brings its own ("1. …" inside an unstyled
 * <li>), and at most one blank line in a row.
 */
function tidyLines(text: string): string {
  const OWN_MARKER =
    /^(?:\d{1,3}[.)]\s|(?:recommendation|rec|afi|area for improvement|area of improvement)\b|[•●▪◦·*–-]\s)/i;
  const lines = text
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, " ")
    .replace(/\u200b|\u200c|\u200d|\ufeff/g, "")
    .split("\n")
    .map((line) =>
      line
        .replace(/ {2,}/g, " ")
        .replace(/ *\t */g, "\t")
        .replace(/^[ \t]+|[ \t]+$/g, "")
    );
  const joined: string[] = [];
  let carry = "";
  for (let l of lines) {
    // A list item whose content sits in its own paragraph leaves its marker alone on a line.
    const rest = l.startsWith(LI_MARK) ? l.slice(LI_MARK.length) : null;
    if (rest !== null && /^(?:\d+\.|•)$/.test(rest)) {
      carry = rest + " ";
      continue;
    }
    if (carry) {
      if (l === "") continue;
      l = OWN_MARKER.test(l) ? l : carry + l;
      carry = "";
    }
    if (l.includes(LI_MARK)) {
      const m = l.startsWith(LI_MARK) ? /^(?:\d+\. |• )(.*)$/.exec(l.slice(LI_MARK.length)) : null;
      if (m && OWN_MARKER.test(m[1])) l = m[1];
      l = l.split(LI_MARK).join("");
    }
    joined.push(l);
  }
  const kept: string[] = [];
  for (const l of joined) {
    if (l === "" && (kept.length === 0 || kept[kept.length - 1] === "")) continue;
    kept.push(l);
  }
  while (kept.length > 0 && kept[kept.length - 1] === "") kept.pop();
  return kept.join("\n");
}
