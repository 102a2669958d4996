/**
 * CSV as Excel writes it: UTF-8 with or without a byte-order mark, Windows-1252 ("CSV (Comma
 * delimited)"), UTF-16 ("Unicode Text", tab-separated), CRLF or LF line ends, quoted cells
 * holding line breaks and doubled quotes. Cells come back exactly as written (no trimming, no
 * type guessing). Parsing is papaparse's; decoding is domain/files/encoding's.
 */
import Papa from "papaparse";
import { TrackerError } from "../domain/errors";
import { decodeText, type DecodedText } from "../domain/files/encoding";
import { readInput } from "./files";

export function parseCsvText(text: string, where = "the CSV file"): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, {
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  const fatal = result.errors.find((e) => e.type === "Quotes");
  if (fatal) {
    throw new TrackerError(
      "invalid-input",
      `${where} could not be read: ${fatal.message} at record ${(fatal.row ?? 0) + 1}. Check for an unclosed quote.`
    );
  }
  const rows = result.data;
  // A final line break leaves one empty record behind.
  if (rows.length > 0) {
    const last = rows[rows.length - 1];
    if (last.length === 1 && last[0] === "") rows.pop();
  }
  return rows;
}

export interface CsvFile {
  rows: string[][];
  /** How the file was decoded (encoding, and characters that could not be). */
  decoded: Omit<DecodedText, "text">;
}

/** Read a CSV file (at most 256 MB), decoding it as it was saved. */
export function readCsvFile(path: string): CsvFile {
  const bytes = readInput(path, 256 * 1024 * 1024, "CSV file");
  const { text, ...decoded } = decodeText(bytes);
  if (text.includes("\u0000")) {
    throw new TrackerError(
      "invalid-input",
      `${path} is not a text CSV file: it holds binary data (an Excel workbook saved as .csv, or another kind of file). Save it from Excel as "CSV UTF-8".`
    );
  }
  return { rows: parseCsvText(text, path), decoded };
}
