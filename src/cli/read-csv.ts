/**
 * CSV as Excel writes it: UTF-8 with or without a byte-order mark, CRLF or LF line ends, quoted
 * cells holding line breaks and doubled quotes. Cells come back exactly as written (no trimming,
 * no type guessing). Parsing is papaparse's; this only decodes the file.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { TrackerError } from "../domain/errors";

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

export function readCsvFile(path: string): string[][] {
  const buf = readFileSync(path);
  if (buf.includes(0)) {
    throw new TrackerError(
      "invalid-input",
      `${path} is not a text CSV file (it holds binary data).`
    );
  }
  return parseCsvText(buf.toString("utf8"), path);
}
