/**
 * Reading a record the analyst picks: .txt and .html as text, .docx converted to HTML by
 * mammoth, which is loaded only when a .docx is chosen (it stays out of the initial bundle).
 * The result is only ever parsed as text, never rendered.
 */
import { encodingName } from "../../../domain/files/encoding";

export interface PickedRecord {
  name: string;
  text: string;
  format: "text" | "html" | "auto";
  /** The encoding a text file was read in, when not UTF-8 ("Windows-1252 (Western European)"). */
  encoding?: string;
}

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

/**
 * Read a record the analyst picked (domain/files/record says how, as on the command line): a
 * .docx converted by mammoth, loaded only when one is chosen.
 */
export async function readRecordFile(file: Readable): Promise<PickedRecord> {
  const { readRecordBytes, refuseLargeRecord, refuseRecordKind } =
    await import("../../../domain/files/record");
  refuseRecordKind(file.name);
  refuseLargeRecord(file.name, file.size);
  // Bytes, not the browser's text(): that assumes UTF-8, and a Windows-1252 file (Word's web
  // pages, Notepad's "ANSI") would lose every £, é and curly quote to '\ufffd'.
  const bytes = new Uint8Array((await readAs(file, "buffer")) as ArrayBuffer);
  const read = await readRecordBytes(file.name, bytes, {
    docxToHtml: async (docx) => {
      const mammoth = await import("mammoth");
      // The browser build reads `arrayBuffer`; the Node build (tests) reads `buffer`.
      const whole = docx.buffer.slice(docx.byteOffset, docx.byteOffset + docx.byteLength);
      const input = { arrayBuffer: whole, buffer: whole } as unknown as {
        arrayBuffer: ArrayBuffer;
      };
      return (await mammoth.convertToHtml(input)).value;
    },
  });
  const encoding = read.decoded?.encoding;
  return {
    name: read.name,
    text: read.text,
    format: read.format,
    ...(encoding && encoding !== "utf-8" ? { encoding: encodingName(encoding) } : {}),
  };
}
