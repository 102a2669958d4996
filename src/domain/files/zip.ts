/**
 * Opening a zip package (.xlsx, .docx) without letting it exhaust memory: the guard against
 * decompression bombs, shared by the command line, the xlsx host and the task pane (which reads
 * .docx records in the browser), so it uses no Node or browser API, only bytes and a streaming
 * inflate (fflate's by default; Node's zlib where it is there).
 *
 * The sizes a zip declares can lie, so they are only a first check. Every part is inflated in
 * small steps and its real bytes are counted as they come, and the guard stops as soon as a
 * part, or all parts together, pass the limits, or a part expands more than real documents do.
 * Only a step's output is ever held (Node passes zlib, streaming 64 KB at a time; the browser
 * uses fflate, fed 16 KB of input at a time), so a 1 GB bomb is refused in a second or two in
 * little memory.
 *
 * The directory at the end of the zip is what jszip (mammoth) reads; excelts reads the local
 * headers one after another from the start. So the directory must describe the whole file: the
 * parts follow one another with nothing hidden between them, and each local header agrees with
 * its directory entry. A file crafted to show one reader different parts from the other is
 * refused.
 */
import { Inflate } from "fflate";
import { TrackerError } from "../errors";

export interface ZipLimits {
  /** Most parts in one package. */
  maxEntries: number;
  /** Most bytes one part may inflate to. */
  maxPartBytes: number;
  /** Most bytes all parts together may inflate to. */
  maxTotalBytes: number;
  /** Most times a part (or the whole package) may expand, once past graceBytes. */
  maxRatio: number;
  /** Parts smaller than this inflated are not held to maxRatio (tiny parts compress oddly). */
  graceBytes: number;
}

const MiB = 1024 * 1024;

/**
 * Workbooks. A 10,000-row tracker's sheet inflates to about 30 MB; Apache POI, which opens
 * Office files in many servers, refuses parts that expand more than 100 times, as here.
 */
export const XLSX_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxPartBytes: 256 * MiB,
  maxTotalBytes: 512 * MiB,
  maxRatio: 100,
  graceBytes: 1 * MiB,
};

/** Word documents: a response record's text is well under 1 MB; pictures expand little. */
export const DOCX_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxPartBytes: 32 * MiB,
  maxTotalBytes: 128 * MiB,
  maxRatio: 100,
  graceBytes: 1 * MiB,
};

/** One part as the zip's central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the only two OOXML uses). */
  method: number;
  flags: number;
  /** Bytes of data in the file. */
  compressedSize: number;
  /** Bytes the directory says the part inflates to (checked against the real count). */
  declaredSize: number;
  /** The CRC-32 of the inflated part, as the directory gives it (to copy a part unchanged). */
  crc32: number;
  /** Where the part's local header starts, and where its data starts. */
  localOffset: number;
  dataOffset: number;
}

/** What the guard found: every part, and the bytes they really inflate to. */
export interface ZipReport {
  entries: ZipEntry[];
  totalBytes: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;

export function formatBytes(n: number): string {
  if (n >= MiB) return `${Math.round((n / MiB) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

function damaged(where: string, detail: string): TrackerError {
  return new TrackerError(
    "invalid-input",
    `${where} could not be opened: it is damaged or not a genuine Office file (${detail}). Nothing was read.`
  );
}

function tooLarge(where: string, detail: string): TrackerError {
  return new TrackerError(
    "too-large",
    `${where} was not opened: ${detail}, far beyond any real workbook or document (a file made ` +
      `to exhaust memory, or a damaged one). Nothing was read.`
  );
}

/** Readers of little-endian numbers that throw a plain error past the end. */
function reader(bytes: Uint8Array, where: string) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const check = (at: number, n: number) => {
    if (at < 0 || at + n > bytes.length) throw damaged(where, "it ends too soon");
  };
  return {
    u16: (at: number) => (check(at, 2), view.getUint16(at, true)),
    u32: (at: number) => (check(at, 4), view.getUint32(at, true)),
    u64: (at: number) => {
      check(at, 8);
      const n = view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
      if (!Number.isSafeInteger(n)) throw damaged(where, "a size is out of range");
      return n;
    },
  };
}

const utf8 = new TextDecoder("utf-8");
const latin = (b: Uint8Array) => String.fromCharCode(...b);

/** What kind of file this is when it is not a zip, for a message that helps. */
function notAZip(bytes: Uint8Array, where: string, expected: string): TrackerError {
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11) {
    return new TrackerError(
      "invalid-input",
      `${where} is not a zip package: it is either password-protected or in the old binary format ` +
        `(.xls or .doc). Open it in Office, remove the password or save it as ${expected}, and try again.`
    );
  }
  return new TrackerError(
    "invalid-input",
    `${where} is not ${expected === ".docx" ? "a Word document" : "an Excel workbook"} that can be opened (${expected} expected; it is not a zip package).`
  );
}

/**
 * The parts of a zip package, read from its central directory and checked against its local
 * headers. Throws a TrackerError naming `where` for anything that is not a sound zip.
 */
export function zipEntries(
  bytes: Uint8Array,
  where: string,
  limits: ZipLimits = XLSX_LIMITS,
  expected = ".xlsx"
): ZipEntry[] {
  const r = reader(bytes, where);
  if (bytes.length < 22 || r.u32(0) !== SIG_LOCAL) throw notAZip(bytes, where, expected);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (r.u32(i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged(where, "its directory of parts is missing");
  let count = r.u16(end + 10);
  let cdSize = r.u32(end + 12);
  let cdOffset = r.u32(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the real figures are in the ZIP64 end record, found through its locator.
    if (end < 20 || r.u32(end - 20) !== SIG_LOCATOR64) throw damaged(where, "bad ZIP64 end");
    const at = r.u64(end - 20 + 8);
    if (r.u32(at) !== SIG_END64) throw damaged(where, "bad ZIP64 end record");
    count = r.u64(at + 32);
    cdSize = r.u64(at + 40);
    cdOffset = r.u64(at + 48);
  }
  if (count > limits.maxEntries)
    throw tooLarge(where, `it holds ${count.toLocaleString("en-GB")} parts`);
  if (cdOffset + cdSize > bytes.length) throw damaged(where, "its directory points past its end");

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (r.u32(p) !== SIG_CENTRAL) throw damaged(where, `directory entry ${n + 1} is broken`);
    const flags = r.u16(p + 8);
    const method = r.u16(p + 10);
    const crc32 = r.u32(p + 16);
    let compressedSize = r.u32(p + 20);
    let declaredSize = r.u32(p + 24);
    const nameLen = r.u16(p + 28);
    const extraLen = r.u16(p + 30);
    const commentLen = r.u16(p + 32);
    let localOffset = r.u32(p + 42);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x800 ? utf8.decode(nameBytes) : latin(nameBytes);
    // ZIP64 extra field: 64-bit values for whichever of the three fields is 0xffffffff.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = r.u16(x);
      const len = r.u16(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (declaredSize === 0xffffffff) ((declaredSize = r.u64(q)), (q += 8));
        if (compressedSize === 0xffffffff) ((compressedSize = r.u64(q)), (q += 8));
        if (localOffset === 0xffffffff) localOffset = r.u64(q);
      }
      x += 4 + len;
    }
    p = xEnd + commentLen;
    if (flags & 0x1) throw damaged(where, `its part '${name}' is encrypted`);
    if (method !== 0 && method !== 8)
      throw damaged(where, `its part '${name}' uses compression method ${method}`);
    if (names.has(name)) throw damaged(where, `it holds two parts named '${name}'`);
    names.add(name);
    if (declaredSize > limits.maxPartBytes)
      throw tooLarge(
        where,
        `its part '${name}' says it expands to ${formatBytes(declaredSize)}, over the limit of ${formatBytes(limits.maxPartBytes)} for one part`
      );
    // The local header must agree, since a streaming reader trusts it instead.
    if (r.u32(localOffset) !== SIG_LOCAL) throw damaged(where, `part '${name}' is missing`);
    const localNameLen = r.u16(localOffset + 26);
    const localName = bytes.subarray(localOffset + 30, localOffset + 30 + localNameLen);
    const localMethod = r.u16(localOffset + 8);
    const localFlags = r.u16(localOffset + 6);
    const localCompressed = r.u32(localOffset + 18);
    if (
      localMethod !== method ||
      localNameLen !== nameLen ||
      localName.some((b, i) => b !== nameBytes[i]) ||
      (!(localFlags & 0x8) && localCompressed !== 0xffffffff && localCompressed !== compressedSize)
    ) {
      throw damaged(where, `part '${name}' is described two different ways`);
    }
    const dataOffset = localOffset + 30 + localNameLen + r.u16(localOffset + 28);
    if (dataOffset + compressedSize > cdOffset)
      throw damaged(where, `part '${name}' runs past the end of the data`);
    entries.push({
      name,
      method,
      flags,
      compressedSize,
      declaredSize,
      crc32,
      localOffset,
      dataOffset,
    });
  }

  // Nothing hidden: the parts follow one another from the first byte to the directory.
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let at = 0;
  for (const e of ordered) {
    if (e.localOffset !== at)
      throw damaged(where, `it holds data outside its directory, before part '${e.name}'`);
    at = e.dataOffset + e.compressedSize;
    if (e.flags & 0x8) at += descriptorLength(bytes, at, cdOffset);
  }
  if (entries.length > 0 && at !== cdOffset)
    throw damaged(where, "it holds data outside its directory, after the last part");
  return entries;
}

/** Bytes of the data descriptor that follows a part written with flag 3 (12 to 24 bytes). */
function descriptorLength(bytes: Uint8Array, at: number, limit: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signed = at + 4 <= limit && view.getUint32(at, true) === SIG_DESCRIPTOR;
  // Signature (optional), CRC, then 32-bit or (ZIP64) 64-bit sizes. Which one follows is
  // decided by what reaches the next local header or the directory exactly.
  for (const n of signed ? [16, 24] : [12, 20]) {
    if (at + n === limit) return n;
    if (at + n + 4 <= limit && view.getUint32(at + n, true) === SIG_LOCAL) return n;
  }
  return 0;
}

/** Counts the real bytes of every part as they are inflated, against the limits. */
class Meter {
  total = 0;
  constructor(
    private readonly where: string,
    private readonly limits: ZipLimits,
    private readonly fileBytes: number
  ) {}

  /** Bytes this part may still inflate to before a limit trips. */
  allowance(e: ZipEntry, partSoFar: number): number {
    const { maxPartBytes, maxTotalBytes, maxRatio, graceBytes } = this.limits;
    const byRatio = Math.max(graceBytes, maxRatio * Math.max(e.compressedSize, 1));
    const byFile = Math.max(graceBytes, maxRatio * Math.max(this.fileBytes, 1)) - this.total;
    return Math.max(
      0,
      Math.min(maxPartBytes - partSoFar, maxTotalBytes - this.total, byRatio - partSoFar, byFile)
    );
  }

  add(e: ZipEntry, partSoFar: number, n: number): void {
    const part = partSoFar + n;
    this.total += n;
    const { maxPartBytes, maxTotalBytes, maxRatio, graceBytes } = this.limits;
    if (part > maxPartBytes)
      throw tooLarge(
        this.where,
        `its part '${e.name}' expands to more than ${formatBytes(maxPartBytes)}, the limit for one part`
      );
    if (this.total > maxTotalBytes)
      throw tooLarge(
        this.where,
        `its parts expand to more than ${formatBytes(maxTotalBytes)} together, the limit for one file`
      );
    if (part > graceBytes && part > maxRatio * Math.max(e.compressedSize, 1))
      throw tooLarge(
        this.where,
        `its part '${e.name}' expands more than ${maxRatio} times (${formatBytes(e.compressedSize)} to over ${formatBytes(part)})`
      );
    if (this.total > graceBytes && this.total > maxRatio * Math.max(this.fileBytes, 1))
      throw tooLarge(
        this.where,
        `its parts expand more than ${maxRatio} times the file's ${formatBytes(this.fileBytes)}`
      );
  }
}

/**
 * Inflates one part's raw deflate data, handing over its output in steps as it goes. `maxBytes`
 * is how much output the limits still allow for this part: an inflater that cannot count as it
 * goes (Node's one-shot inflate) stops there and throws OverLimit instead.
 */
export type Inflater = (
  data: Uint8Array,
  onChunk: (chunk: Uint8Array) => void,
  maxBytes: number
) => void | Promise<void>;

/** Thrown by an inflater that stopped at its maxBytes. */
export class OverLimit extends Error {
  constructor() {
    super("over the limit");
    this.name = "OverLimit";
  }
}

/** Compressed bytes handed to fflate at a time: its output per step stays ~16 MB at most. */
const STEP = 16 * 1024;

/**
 * fflate's streaming inflate, fed 16 KB at a time (pure JavaScript: the browser and tests).
 * Node callers pass zlib instead, which is two to five times faster on a large sheet.
 */
export const fflateInflater: Inflater = (data, onChunk) => {
  const inflater = new Inflate((chunk: Uint8Array) => onChunk(chunk));
  for (let at = 0; at < data.length; at += STEP) {
    const stop = Math.min(at + STEP, data.length);
    inflater.push(data.subarray(at, stop), stop === data.length);
  }
};

export interface ZipOptions {
  limits?: ZipLimits;
  /** ".xlsx" or ".docx": what the file should be, for the messages. */
  expected?: ".xlsx" | ".docx";
  inflate?: Inflater;
}

/** Inflate one part, counting its real bytes; `sink` receives each step's output. */
async function inflatePart(
  bytes: Uint8Array,
  e: ZipEntry,
  where: string,
  meter: Meter,
  inflate: Inflater,
  sink?: (chunk: Uint8Array) => void
): Promise<number> {
  const data = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  let produced = 0;
  const take = (chunk: Uint8Array) => {
    meter.add(e, produced, chunk.length);
    produced += chunk.length;
    if (chunk.length > 0) sink?.(chunk);
  };
  if (e.method === 0) {
    take(data);
  } else {
    try {
      await inflate(data, take, meter.allowance(e, produced));
    } catch (err) {
      if (err instanceof OverLimit) meter.add(e, produced, meter.allowance(e, produced) + 1);
      if (err instanceof TrackerError) throw err;
      throw damaged(where, `part '${e.name}': ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (produced !== e.declaredSize)
    throw damaged(
      where,
      `part '${e.name}' says it holds ${e.declaredSize} bytes but holds ${produced}`
    );
  return produced;
}

/**
 * Check a whole package before anything else opens it: its directory, and every part inflated
 * (and thrown away) with its real bytes counted. Throws a TrackerError naming `where` when the
 * file is not a sound zip or passes the limits; returns the parts and their total size.
 */
export async function checkZip(
  bytes: Uint8Array,
  where: string,
  options: ZipOptions = {}
): Promise<ZipReport> {
  const limits = options.limits ?? XLSX_LIMITS;
  const entries = zipEntries(bytes, where, limits, options.expected);
  const meter = new Meter(where, limits, bytes.length);
  for (const e of entries)
    await inflatePart(bytes, e, where, meter, options.inflate ?? fflateInflater);
  return { entries, totalBytes: meter.total };
}

/**
 * Read parts of a package (all of them, or those `want` picks) under the same limits: each
 * part's bytes, inflated. The limits count every part read.
 */
export async function readZipParts(
  bytes: Uint8Array,
  where: string,
  options: ZipOptions & { want?: (name: string) => boolean } = {}
): Promise<Map<string, Uint8Array>> {
  const limits = options.limits ?? XLSX_LIMITS;
  const entries = zipEntries(bytes, where, limits, options.expected);
  const meter = new Meter(where, limits, bytes.length);
  const out = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (options.want && !options.want(e.name)) continue;
    const chunks: Uint8Array[] = [];
    const inflate = options.inflate ?? fflateInflater;
    // A stored part's step is a view of the file; the copy below makes every part its own.
    const n = await inflatePart(bytes, e, where, meter, inflate, (c) => chunks.push(c));
    const part = new Uint8Array(n);
    let at = 0;
    for (const c of chunks) {
      part.set(c, at);
      at += c.length;
    }
    out.set(e.name, part);
  }
  return out;
}

/**
 * A reader of single parts under the limits, for a lean reader that inflates only the parts it
 * needs, each streamed to `sink` step by step (never held whole unless the sink keeps it). Every
 * part read through one reader counts towards the same limits, as readZipParts counts them.
 */
export function partReader(bytes: Uint8Array, where: string, options: ZipOptions = {}) {
  const limits = options.limits ?? XLSX_LIMITS;
  const entries = zipEntries(bytes, where, limits, options.expected);
  const meter = new Meter(where, limits, bytes.length);
  const inflate = options.inflate ?? fflateInflater;
  return {
    entries,
    /** Inflate one part, handing each step's output to sink; resolves to its size. */
    read: (e: ZipEntry, sink: (chunk: Uint8Array) => void): Promise<number> =>
      inflatePart(bytes, e, where, meter, inflate, sink),
  };
}
