/**
 * An .xlsx package opened lean: its directory read through the decompression-bomb guard
 * (domain/files/zip), and each part inflated only when asked for, streamed in steps that the
 * guard counts against its limits. Parts never asked for are never inflated, and can be copied
 * into a new package as they are (raw). Node only.
 */
import { StringDecoder } from "node:string_decoder";
import { inflateRawSync } from "node:zlib";
import { TrackerError } from "../../domain/errors";
import { XLSX_LIMITS, formatBytes, partReader, type ZipEntry } from "../../domain/files/zip";
import { zlibInflater } from "./zip";

/** A part's name as the package holds it: no leading slash. */
export function partName(name: string): string {
  return name.replace(/^\/+/, "");
}

/** The folder of a part ("xl/worksheets/sheet1.xml" -> "xl/worksheets/"). */
export function folderOf(name: string): string {
  const i = name.lastIndexOf("/");
  return i < 0 ? "" : name.slice(0, i + 1);
}

/** The rels part of a part ("xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"). */
export function relsOf(name: string): string {
  const i = name.lastIndexOf("/");
  return `${name.slice(0, i + 1)}_rels/${name.slice(i + 1)}.rels`;
}

/** A relationship's target as a part name, relative to the part that holds the relationship. */
export function resolveTarget(from: string, target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : folderOf(from) + target;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** A relationship target that points from `from` to the part `to` (relative, as Office writes). */
export function relativeTarget(from: string, to: string): string {
  const a = folderOf(from).split("/").filter(Boolean);
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

export class XlsxPackage {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLower = new Map<string, ZipEntry>();
  private readonly reader: ReturnType<typeof partReader>;

  constructor(
    readonly bytes: Buffer,
    readonly where: string
  ) {
    this.reader = partReader(bytes, where, { inflate: zlibInflater });
    for (const e of this.reader.entries) {
      this.byName.set(e.name, e);
      this.byLower.set(e.name.toLowerCase(), e);
    }
  }

  get entries(): ZipEntry[] {
    return this.reader.entries;
  }

  /** A part by name (any case, as Office reads them), or undefined. */
  find(name: string): ZipEntry | undefined {
    const n = partName(name);
    return this.byName.get(n) ?? this.byLower.get(n.toLowerCase());
  }

  /** A part's text in steps (UTF-8), as it inflates; false when the package has no such part. */
  async stream(name: string, onText: (text: string) => void): Promise<boolean> {
    const e = this.find(name);
    if (!e) return false;
    const decoder = new StringDecoder("utf8");
    let first = true;
    await this.reader.read(e, (chunk) => {
      let text = decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text.length > 0) onText(text);
    });
    const rest = decoder.end();
    if (rest.length > 0) onText(rest);
    return true;
  }

  /** A whole part's text, or null when the package has no such part. */
  async text(name: string): Promise<string | null> {
    const parts: string[] = [];
    return (await this.stream(name, (t) => parts.push(t))) ? parts.join("") : null;
  }

  /** A part's bytes inflated, or null. */
  async bytesOf(name: string): Promise<Buffer | null> {
    const e = this.find(name);
    if (!e) return null;
    const chunks: Buffer[] = [];
    await this.reader.read(e, (c) => chunks.push(Buffer.from(c)));
    return Buffer.concat(chunks);
  }

  /**
   * A whole part's text, inflated at once (for a quick look, such as whether a sheet is
   * protected, where a step-by-step read cannot be awaited). Held to the guard's limits for one
   * part: its size and how many times it may expand.
   */
  textSync(name: string): string | null {
    const e = this.find(name);
    if (!e) return null;
    const raw = this.raw(e);
    const { maxPartBytes, maxRatio, graceBytes } = XLSX_LIMITS;
    const room = Math.min(maxPartBytes, Math.max(graceBytes, maxRatio * Math.max(1, raw.length)));
    let data: Buffer;
    try {
      data = e.method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: room + 1 });
    } catch (err) {
      const big = (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
      throw new TrackerError(
        big ? "too-large" : "invalid-input",
        big
          ? `${this.where} was not read: its part '${e.name}' expands to more than ${formatBytes(room)}.`
          : `${this.where} could not be read: part '${e.name}' is damaged.`,
        { cause: err }
      );
    }
    if (data.length > room)
      throw new TrackerError(
        "too-large",
        `${this.where} was not read: its part '${e.name}' expands to more than ${formatBytes(room)}.`
      );
    return data.toString("utf8");
  }

  /** A part's data as stored in the file (deflated or stored), to copy it unchanged. */
  raw(e: ZipEntry): Buffer {
    return this.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  }
}
