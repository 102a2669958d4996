/**
 * A response record file as both the command line and the pane read it: which kinds are read,
 * how large one may be, the .docx guard (every part inflated within limits before anything opens
 * it), the text decoding, and what each refusal says. Pure: the caller brings the bytes and the
 * .docx conversion (mammoth, which each side loads its own way), so the two cannot drift apart.
 */
import { TrackerError } from "../errors";
import { decodeText, encodingNote, type DecodedText } from "./encoding";
import { DOCX_LIMITS, checkZip, type Inflater } from "./zip";

/** Extensions read as records. */
export const RECORD_EXTENSIONS = [".txt", ".html", ".htm", ".docx"];

/** A record file larger than this is not read (a response record is tens of kilobytes). */
export const MAX_RECORD_FILE_BYTES = 32 * 1024 * 1024;

/** How a record's text is parsed: HTML, or text that may be either ("auto"). */
export type RecordFormat = "html" | "auto";

export interface RecordFile {
  /** The file's name, for messages. */
  name: string;
  text: string;
  format: RecordFormat;
  /** How a text file was decoded; null for a .docx. */
  decoded: Omit<DecodedText, "text"> | null;
}

export interface RecordFileOptions {
  /** The .docx to HTML conversion (mammoth); it may throw on a document it cannot read. */
  docxToHtml: (bytes: Uint8Array) => Promise<string>;
  /** How the .docx guard inflates parts (default: fflate; Node passes zlib). */
  inflate?: Inflater;
}

/** The extension of a file name, lower case ("" when it has none). */
export function extensionOf(name: string): string {
  return (/\.[^./\\]+$/.exec(name)?.[0] ?? "").toLowerCase();
}

/** Refuse a file too large to be a response record, before reading it. */
export function refuseLargeRecord(name: string, bytes: number): void {
  if (bytes > MAX_RECORD_FILE_BYTES)
    throw new TrackerError(
      "too-large",
      `${name} is ${(bytes / 1048576).toFixed(1)} MB, over the ${Math.round(MAX_RECORD_FILE_BYTES / 1048576)} MB a response record may be. Nothing was read.`
    );
}

/** Refuse the kinds of file a record is often kept in but that cannot be read, by name. */
export function refuseRecordKind(name: string): void {
  const ext = extensionOf(name);
  if (ext === ".doc" || ext === ".pdf" || ext === ".xlsx")
    throw new TrackerError(
      "invalid-input",
      `${name}: ${ext} files cannot be read as a response record. Use .txt, .html or .docx ` +
        `(save a .doc as .docx; copy a PDF's text and paste it, or save it as a .txt file).`
    );
}

/**
 * A record file's bytes as text to parse: a .docx guarded and converted to HTML, an .html or
 * .htm file (or a file that starts with a tag) as HTML, anything else as text; text decoded as
 * it was saved, and refused rather than imported with characters that could not be decoded.
 */
export async function readRecordBytes(
  name: string,
  bytes: Uint8Array,
  options: RecordFileOptions
): Promise<RecordFile> {
  refuseRecordKind(name);
  refuseLargeRecord(name, bytes.length);
  const ext = extensionOf(name);
  if (ext === ".docx") {
    await checkZip(bytes, name, {
      limits: DOCX_LIMITS,
      expected: ".docx",
      ...(options.inflate ? { inflate: options.inflate } : {}),
    });
    let html: string;
    try {
      html = await options.docxToHtml(bytes);
    } catch (e) {
      throw new TrackerError(
        "invalid-input",
        `${name} could not be read as a Word document (.docx): ${e instanceof Error ? e.message : String(e)}. ` +
          `Save it again as .docx, or copy its text and paste it.`,
        { cause: e }
      );
    }
    return { name, text: html, format: "html", decoded: null };
  }
  const html = ext === ".html" || ext === ".htm";
  const start = String.fromCharCode(...bytes.subarray(0, 64));
  const { text, ...decoded } = decodeText(bytes, { html: html || /^\s*</.test(start) });
  if (decoded.replaced > 0)
    throw new TrackerError("invalid-input", `${encodingNote(name, decoded)} Nothing was read.`);
  return { name, text, format: html ? "html" : "auto", decoded };
}
