/**
 * Hostile zip packages made in memory for the decompression-bomb tests (never committed): a
 * deflate stream of any length built in milliseconds, and zips whose parts are given as raw
 * deflated bytes with whatever sizes they should declare.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

const MiB = 1024 * 1024;

/**
 * A raw deflate stream that inflates to `mib` MiB of `byte`. One MiB is compressed once with a
 * fresh window and once with a window already full of the byte; the second block is then
 * repeated, since its back-references only reach bytes that are the same each time.
 */
export function deflatedRun(mib: number, byte = 0x20): Buffer {
  const chunk = Buffer.alloc(MiB, byte);
  const flush = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
  const first = deflateRawSync(chunk, flush);
  const next = deflateRawSync(chunk, { ...flush, dictionary: chunk.subarray(0, 32 * 1024) });
  const parts = [first];
  for (let i = 1; i < mib; i++) parts.push(next);
  parts.push(Buffer.from([0x03, 0x00])); // an empty final block
  return Buffer.concat(parts);
}

export interface RawPart {
  name: string;
  /** The part's bytes (deflated here), or `deflated` bytes given as they are. */
  data?: Buffer;
  deflated?: Buffer;
  /** The inflated size to declare (default: the real size when `data` is given). */
  declaredSize?: number;
  /** Stored (method 0) rather than deflated. */
  stored?: boolean;
  /** Sizes in a data descriptor after the data, as streaming writers do (flag bit 3). */
  descriptor?: boolean;
  /** Sizes as 0xffffffff with the real ones in a ZIP64 extra field. */
  zip64?: boolean;
  /** A different name in the local header than in the directory. */
  localName?: string;
  /** The compression method to declare (default 8, or 0 when stored). */
  method?: number;
  /** General-purpose flags to add (bit 0: encrypted). */
  flags?: number;
}

/** A zip of these parts, in order, with each part's sizes as declared. */
export function zipOf(parts: RawPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const localName = Buffer.from(p.localName ?? p.name, "utf8");
    const packed = p.stored ? p.data! : (p.deflated ?? deflateRawSync(p.data ?? Buffer.alloc(0)));
    const size = p.declaredSize ?? (p.data ? p.data.length : 0);
    const crc = p.data ? crc32(p.data) : 0;
    const method = p.method ?? (p.stored ? 0 : 8);
    const flags = 0x0800 | (p.descriptor ? 0x8 : 0) | (p.flags ?? 0);
    const big = p.zip64 ? 0xffffffff : null;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(p.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    if (!p.descriptor) {
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(big ?? packed.length, 18);
      local.writeUInt32LE(big ?? size, 22);
    }
    local.writeUInt16LE(localName.length, 26);
    const extra = Buffer.alloc(p.zip64 ? 20 : 0);
    if (p.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(packed.length), 12);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(p.zip64 ? 45 : 20, 4);
    central.writeUInt16LE(p.zip64 ? 45 : 20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(big ?? packed.length, 20);
    central.writeUInt32LE(big ?? size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    const descriptor = Buffer.alloc(p.descriptor ? 16 : 0);
    if (p.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(packed.length, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    locals.push(local, localName, packed, descriptor);
    centrals.push(central, name, extra);
    offset += 30 + localName.length + packed.length + descriptor.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The parts of a real package, to build a hostile one from (part name, bytes). */
export function partsOf(pkg: Map<string, Buffer>): RawPart[] {
  return [...pkg].map(([name, data]) => ({ name, data }));
}
