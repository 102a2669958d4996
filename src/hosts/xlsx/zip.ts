/**
 * A minimal zip reader/writer for .xlsx packages (stored and deflated entries; no encryption),
 * used to carry over parts excelts does not keep. Node only. Reading goes through the
 * decompression-bomb guard (domain/files/zip).
 */
import { crc32, createInflateRaw, deflateRawSync, inflateRawSync } from "node:zlib";
import { TrackerError } from "../../domain/errors";
import {
  XLSX_LIMITS,
  checkZip,
  formatBytes,
  zipEntries,
  type Inflater,
  type ZipOptions,
} from "../../domain/files/zip";

export type Package = Map<string, Buffer>;

/**
 * zlib's inflate for the decompression-bomb guard: streamed in 64 KB steps, so a bomb is
 * counted as it inflates (never held), at native speed (a 30 MB sheet in about 0.1 s).
 */
export const zlibInflater: Inflater = (data, onChunk) =>
  new Promise<void>((resolve, reject) => {
    const z = createInflateRaw({ chunkSize: 64 * 1024 });
    z.on("data", (chunk: Buffer) => {
      try {
        onChunk(chunk);
      } catch (e) {
        z.destroy();
        reject(e);
      }
    });
    z.on("end", () => resolve());
    z.on("error", reject);
    z.end(data);
  });

/** Check a package with the guard (directory, and every part inflated within its limits). */
export function checkPackage(bytes: Uint8Array, where: string, options: ZipOptions = {}) {
  return checkZip(bytes, where, { inflate: zlibInflater, ...options });
}

/**
 * Every part of a package, inflated. The directory is checked by the guard, and each part is
 * inflated by zlib in one go, stopped at what the guard's limits still allow.
 */
export function readZip(buf: Buffer, where = "The workbook", limits = XLSX_LIMITS): Package {
  const out: Package = new Map();
  let total = 0;
  for (const e of zipEntries(buf, where, limits)) {
    const raw = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    const room = Math.min(limits.maxPartBytes, limits.maxTotalBytes - total);
    let data: Buffer;
    try {
      data = e.method === 0 ? Buffer.from(raw) : inflateRawSync(raw, { maxOutputLength: room + 1 });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new TrackerError(
        code === "ERR_BUFFER_TOO_LARGE" ? "too-large" : "invalid-input",
        code === "ERR_BUFFER_TOO_LARGE"
          ? `${where} was not read: its part '${e.name}' expands to more than ${formatBytes(room)}.`
          : `${where} could not be read: part '${e.name}' is damaged.`,
        { cause: err }
      );
    }
    if (data.length > room)
      throw new TrackerError("too-large", `${where} was not read: its parts are too large.`);
    total += data.length;
    out.set(e.name, data);
  }
  return out;
}

/**
 * A part to write into a package: its bytes (deflated here, or stored when `store`), or its data
 * as another package stored it (`raw`, with its method, CRC and size: copied unchanged).
 */
export type ZipPart =
  | { name: string; data: Buffer; store?: boolean; level?: number }
  | { name: string; raw: Buffer; method: number; crc32: number; size: number };

/** A zip of these parts, in order. */
export function writeZipParts(parts: Iterable<ZipPart>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const part of parts) {
    const nameBuf = Buffer.from(part.name, "utf8");
    let method: number;
    let packed: Buffer;
    let crc: number;
    let size: number;
    if ("raw" in part) {
      ({ method, raw: packed, crc32: crc, size } = part);
    } else {
      method = part.store ? 0 : 8;
      packed = part.store ? part.data : deflateRawSync(part.data, { level: part.level ?? 6 });
      crc = crc32(part.data);
      size = part.data.length;
    }
    if (offset > 0xffffffff || packed.length > 0xffffffff || size > 0xffffffff)
      throw new TrackerError("too-large", "The workbook is too large to write (over 4 GB).");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
    count++;
  }
  if (count > 0xffff)
    throw new TrackerError("too-large", "The workbook has too many parts to write.");
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export function writeZip(pkg: Package): Buffer {
  return writeZipParts([...pkg].map(([name, data]) => ({ name, data })));
}
