/**
 * Text files as Windows and Office save them, decoded without silently changing a character:
 * byte-order marks (UTF-8, UTF-16), UTF-16 without one ("Unicode text"), the charset an HTML
 * file declares (Word's "Web Page" saves windows-1252), valid UTF-8, and otherwise Windows-1252
 * (Excel's "CSV (Comma delimited)"). Decoding is the platform's TextDecoder (every browser, and
 * Node with its full ICU), except Windows-1252, decoded here from its table (Node 20's is wrong). Says which encoding was used, and how many characters could not be
 * decoded (each became U+FFFD), so nobody is told "nothing lost" when something was.
 * Pure: bytes in, text out, in the pane and in Node alike.
 */

export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used ("utf-8", "utf-16le", "windows-1252", ...). */
  encoding: string;
  /** How it was chosen. */
  how: "byte-order mark" | "declared" | "valid UTF-8" | "UTF-16 pattern" | "not UTF-8";
  /** Characters that could not be decoded and became U+FFFD (0 when nothing was lost). */
  replaced: number;
}

/** A plain name for an encoding, for messages. */
export function encodingName(encoding: string): string {
  switch (encoding) {
    case "utf-8":
      return "UTF-8";
    case "utf-16le":
      return "UTF-16 (little-endian)";
    case "utf-16be":
      return "UTF-16 (big-endian)";
    case "windows-1252":
      return "Windows-1252 (Western European)";
    default:
      return encoding;
  }
}

const REASONS: Record<DecodedText["how"], string> = {
  "byte-order mark": "it starts with a byte-order mark",
  declared: "the page declares it",
  "valid UTF-8": "it is valid UTF-8",
  "UTF-16 pattern": "its bytes are UTF-16, as Excel's 'Unicode Text' saves",
  "not UTF-8":
    "it is not UTF-8 (Excel's 'CSV (Comma delimited)' and Word's web pages save Windows-1252)",
};

/**
 * One line saying how a file was read: null for UTF-8 (nothing worth saying), and a warning
 * naming the count when characters could not be decoded.
 */
export function encodingNote(file: string, d: Omit<DecodedText, "text">): string | null {
  if (d.replaced > 0)
    return (
      `${file}: read as ${encodingName(d.encoding)}, but ${d.replaced.toLocaleString("en-GB")} ` +
      `character${d.replaced === 1 ? "" : "s"} could not be decoded and became '\ufffd'. Save the ` +
      `file as UTF-8 ("CSV UTF-8" in Excel) and try again.`
    );
  if (d.encoding === "utf-8") return null;
  return `${file}: read as ${encodingName(d.encoding)}, since ${REASONS[d.how]}.`;
}

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xff, 0xfe], "utf-16le"],
  [[0xfe, 0xff], "utf-16be"],
];

/** UTF-16 without a byte-order mark: text in the Latin range leaves every other byte zero. */
function utf16Pattern(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 8192);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return "utf-16le";
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return "utf-16be";
  return null;
}

/** The charset an HTML document declares in its first few kilobytes, if the platform has it. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 4096));
  const m =
    /<meta\s[^>]*charset\s*=\s*["']?\s*([a-z0-9_:.()-]+)/i.exec(head) ??
    /<\?xml\s[^>]*encoding\s*=\s*["']([a-z0-9_:.()-]+)/i.exec(head);
  if (!m) return null;
  try {
    return new TextDecoder(m[1].toLowerCase()).encoding;
  } catch {
    return null;
  }
}

/**
 * Windows-1252's 0x80 to 0x9F (the rest is Latin-1), as the WHATWG Encoding standard maps them.
 * Decoded here rather than by TextDecoder: Node 20's decodes windows-1252 as Latin-1 (0x93
 * became U+0093, not a curly quote), and browsers agree with this table.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += 8192) {
    const codes = Array.from(bytes.subarray(at, at + 8192), (b) =>
      b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b
    );
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join("");
}

function decode(bytes: Uint8Array, encoding: string): { text: string; replaced: number } {
  // Every byte has a character in Windows-1252: nothing is ever replaced.
  if (encoding === "windows-1252") return { text: decodeWindows1252(bytes), replaced: 0 };
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), replaced: 0 };
  } catch {
    const text = new TextDecoder(encoding).decode(bytes);
    let replaced = 0;
    for (let i = text.indexOf("\ufffd"); i >= 0; i = text.indexOf("\ufffd", i + 1)) replaced++;
    return { text, replaced };
  }
}

/**
 * Decode a text file's bytes. `html` lets a `<meta charset>` decide (after a byte-order mark,
 * as browsers do). The byte-order mark is not part of the text returned.
 */
export function decodeText(bytes: Uint8Array, options: { html?: boolean } = {}): DecodedText {
  for (const [bom, encoding] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) {
      const body = bytes.subarray(bom.length);
      return { ...decode(body, encoding), encoding, how: "byte-order mark" };
    }
  }
  const utf16 = utf16Pattern(bytes);
  if (utf16) return { ...decode(bytes, utf16), encoding: utf16, how: "UTF-16 pattern" };
  if (options.html) {
    const declared = declaredCharset(bytes);
    if (declared && declared !== "utf-8" && !declared.startsWith("utf-16"))
      return { ...decode(bytes, declared), encoding: declared, how: "declared" };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text, encoding: "utf-8", how: "valid UTF-8", replaced: 0 };
  } catch {
    return { ...decode(bytes, "windows-1252"), encoding: "windows-1252", how: "not UTF-8" };
  }
}
