/**
 * excelts's zip-writer hook (XLSX.createZipWriter): every part's XML passes through an entry the
 * host may wrap. No Node APIs, so the pane's workbooks (hosts/xlsx/memory) save through it too.
 * If a later excelts drops the hook, saving still works, only slower (`hooked` says which).
 */
import type { Workbook } from "@cj-tech-master/excelts";

export interface ZipEntry {
  write(chunk: string): void;
  end(): void;
}
export interface ZipWriter {
  createEntry(name: string): ZipEntry;
}
export interface XlsxWithZipHook {
  createZipWriter?: (options: unknown) => ZipWriter;
}

const CHUNK = 64 * 1024;

/** An entry that passes its XML on in chunks of about 64 KB characters. */
export function bufferedEntry(entry: ZipEntry): ZipEntry {
  let parts: string[] = [];
  let size = 0;
  return {
    write(chunk: string) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= CHUNK) {
        entry.write(parts.join(""));
        parts = [];
        size = 0;
      }
    },
    end() {
      if (parts.length > 0) entry.write(parts.join(""));
      parts = [];
      entry.end();
    },
  };
}

/**
 * Write the workbook with every zip entry wrapped (`wrap`); the bytes excelts writes, and whether
 * the hook was there to use.
 */
export async function writeWithEntries(
  wb: Workbook,
  validate: boolean,
  wrap: (name: string, entry: ZipEntry) => ZipEntry
): Promise<{ bytes: Uint8Array; hooked: boolean }> {
  const xlsx = wb.xlsx as unknown as XlsxWithZipHook;
  const hook = xlsx.createZipWriter;
  const hooked = typeof hook === "function";
  const ownBefore = Object.prototype.hasOwnProperty.call(xlsx, "createZipWriter");
  if (hooked) {
    xlsx.createZipWriter = (options: unknown) => {
      const zip = hook.call(xlsx, options);
      const create = zip.createEntry.bind(zip);
      zip.createEntry = (name: string) => wrap(name, create(name));
      return zip;
    };
  }
  try {
    const written = await wb.xlsx.writeBuffer({ validate });
    const bytes = written instanceof Uint8Array ? written : new Uint8Array(written as ArrayBuffer);
    return { bytes, hooked };
  } finally {
    if (hooked) {
      if (ownBefore) xlsx.createZipWriter = hook;
      else delete xlsx.createZipWriter;
    }
  }
}
