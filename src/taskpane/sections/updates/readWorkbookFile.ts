/**
 * Reading a returned update workbook the analyst picks: its bytes, refused by name when it is not
 * an .xlsx file or is larger than an update workbook can be. The workbook itself is read through
 * the host (the xlsx reader the pane loads only for the update round).
 */
import { TrackerError } from "../../../domain/errors";

/** A returned workbook is tens of kilobytes; anything over this is not one. */
export const MAX_RETURNED_BYTES = 20 * 1024 * 1024;

export const ACCEPT_XLSX =
  ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Picked = Pick<File, "name" | "size"> & { arrayBuffer?: () => Promise<ArrayBuffer> };

function bytesOf(file: Picked): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer();
  // FileReader fallback (older WebViews).
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.readAsArrayBuffer(file as unknown as Blob);
  });
}

export async function readWorkbookFile(file: Picked): Promise<Uint8Array> {
  if (!/\.xlsx$/i.test(file.name)) {
    throw new TrackerError(
      "invalid-input",
      `${file.name} is not an .xlsx workbook. Choose the update workbooks the owners sent back.`
    );
  }
  if (file.size > MAX_RETURNED_BYTES) {
    throw new TrackerError(
      "too-large",
      `${file.name} is ${(file.size / 1048576).toFixed(1)} MB, too large for an update workbook. Nothing was read.`
    );
  }
  return new Uint8Array(await bytesOf(file));
}
