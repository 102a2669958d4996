/**
 * Text as Windows and Office save it, made here for the encoding tests: Windows-1252 ("CSV
 * (Comma delimited)", Notepad's ANSI, Word's web pages) and UTF-16 ("Unicode Text").
 */

/** Windows-1252's characters for 0x80 to 0x9F (the WHATWG Encoding standard's index). */
const HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** Windows-1252 bytes for text in its repertoire (throws on a character outside it). */
export function cp1252(text: string): Buffer {
  const byChar = new Map<string, number>();
  for (let b = 0; b < 256; b++)
    byChar.set(b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80] : String.fromCharCode(b), b);
  return Buffer.from(
    [...text].map((c) => {
      const b = byChar.get(c);
      if (b === undefined) throw new Error(`${c} is not in Windows-1252`);
      return b;
    })
  );
}

/** UTF-16 bytes, little- or big-endian, with or without a byte-order mark. */
export function utf16(text: string, endian: "le" | "be" = "le", bom = true): Buffer {
  const le = Buffer.from((bom ? "\ufeff" : "") + text, "utf16le");
  if (endian === "le") return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}
