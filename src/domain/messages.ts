/**
 * What the analyst reads when something is refused, said once: each message that more than one
 * place raises (both hosts, the planners, the command line), worded here and nowhere else.
 * Messages raised in one place only stay beside the check that raises them. Pure.
 */
import { MAX_CELL_CHARS } from "./text";

const quoted = (names: readonly string[]) => names.map((s) => `'${s}'`).join(", ");

/** A sheet an operation must write to is protected. */
export const sheetProtected = (sheets: readonly string[]) =>
  `The sheet ${quoted(sheets)} is protected, so nothing was changed. Unprotect it (Review > Unprotect Sheet) and try again.`;

/** A sheet a plan names is not in the workbook. */
export const sheetNotFound = (sheet: string) =>
  `The sheet '${sheet}' was not found in the workbook. Nothing was changed.`;

/** A table a plan writes to is not in the workbook. */
export const tableNotFound = (table: string) =>
  `The table '${table}' was not found in the workbook: it may have been renamed or deleted. ` +
  `Nothing was changed. Run Set up tracker to repair it.`;

/** A plan asks to show a hidden sheet. */
export const sheetHidden = (sheet: string) =>
  `The sheet '${sheet}' is hidden, so it cannot be shown. Nothing was changed.`;

/** A host was given a plan step it does not know (a programming error, never the analyst's). */
export const unknownPlanStep = (op: string) => `Unknown plan step ${op}. Nothing was changed.`;

/** Text longer than a cell holds (`where`: the sheet or table; row and column 1-based). */
export const cellTooLong = (where: string, row: number, col: number, length: number) =>
  `${where}, row ${row}, column ${col} holds ${length.toLocaleString("en-GB")} characters; ` +
  `an Excel cell holds at most ${MAX_CELL_CHARS.toLocaleString("en-GB")}. Nothing was changed. Shorten that text and try again.`;

/** A number Excel cannot hold (NaN, infinity). */
export const notANumber = (where: string, row: number, col: number) =>
  `${where}, row ${row}, column ${col} is not a number Excel can hold. Nothing was changed.`;

/** A file named on the command line does not exist. */
export const fileNotFound = (path: string) => `file not found: ${path}`;
