/**
 * Reading a record the analyst picks: .txt and .html as text, .docx converted to HTML by
 * mammoth, which is loaded only when a .docx is chosen (it stays out of the initial bundle).
 * The result is only ever parsed as text, never rendered.
 */
import { TrackerError } from "../../../domain/errors";
import { decodeText, encodingName, encodingNote } from "../../../domain/files/encoding";

export interface PickedRecord {
  name: string;
  text: string;
  format: "text" | "html" | "auto";
  /** The encoding a text file was read in, when not UTF-8 ("Windows-1252 (Western European)"). */
  encoding?: string;
}

/** Largest file read (a response record is a few tens of kilobytes). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const ACCEPT =
  ".txt,.html,.htm,.docx,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

type Readable = Pick<File, "name" | "size"> & {
  text?: () => Promise<string>;
  arrayBuffer?: () => Promise<ArrayBuffer>;
};

function readAs(file: Readable, kind: "text" | "buffer"): Promise<string | ArrayBuffer> {
  if (kind === "text" && typeof file.text === "function") return file.text();
  if (kind === "buffer" && typeof file.arrayBuffer === "function") return file.arrayBuffer();
  // FileReader fallback (older WebViews).
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string | ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    if (kind === "text") reader.readAsText(file as unknown as Blob);
    else reader.readAsArrayBuffer(file as unknown as Blob);
  });
}

export async function readRecordFile(file: Readable): Promise<PickedRecord> {
  const name = file.name;
  const ext = (/\.[^.]+$/.exec(name)?.[0] ?? "").toLowerCase();
  if (file.size > MAX_FILE_BYTES) {
    throw new TrackerError(
      "invalid-input",
      `${name} is ${(file.size / 1048576).toFixed(1)} MB, too large for a response record. Nothing was read.`
    );
  }
  if (ext === ".docx") {
    const bytes = (await readAs(file, "buffer")) as ArrayBuffer;
    // The decompression-bomb guard, as on the command line: every part inflated and counted
    // within limits before mammoth (which trusts the sizes a file declares) opens it.
    const { checkZip, DOCX_LIMITS } = await import("../../../domain/files/zip");
    await checkZip(new Uint8Array(bytes), name, { limits: DOCX_LIMITS, expected: ".docx" });
    const mammoth = await import("mammoth");
    try {
      // The browser build reads `arrayBuffer`; the Node build (tests) reads `buffer`.
      const input = { arrayBuffer: bytes, buffer: bytes } as unknown as {
        arrayBuffer: ArrayBuffer;
      };
      const result = await mammoth.convertToHtml(input);
      return { name, text: result.value, format: "html" };
    } catch (e) {
      throw new TrackerError(
        "invalid-input",
        `${name} could not be read as a Word document (.docx). Save it again as .docx, or copy its text and paste it.`,
        { cause: e }
      );
    }
  }
  if (ext === ".doc" || ext === ".pdf") {
    throw new TrackerError(
      "invalid-input",
      `${name}: ${ext} files cannot be read. Save a .doc as .docx, or copy the text and paste it.`
    );
  }
  // Bytes, not the browser's text(): that assumes UTF-8, and a Windows-1252 file (Word's web
  // pages, Notepad's "ANSI") would lose every £, é and curly quote to '\ufffd'.
  const bytes = new Uint8Array((await readAs(file, "buffer")) as ArrayBuffer);
  const html = ext === ".html" || ext === ".htm";
  const { text, ...decoded } = decodeText(bytes, { html });
  if (decoded.replaced > 0)
    throw new TrackerError("invalid-input", `${encodingNote(name, decoded)} Nothing was read.`);
  return {
    name,
    text,
    format: html ? "html" : "auto",
    ...(decoded.encoding !== "utf-8" ? { encoding: encodingName(decoded.encoding) } : {}),
  };
}
