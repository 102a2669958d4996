/**
 * A messy tracker as a fictional office keeps it (Wessex Police and Crime Commissioner): a
 * title row, section rows, RAG written every way, dates in every form, notes beginning with
 * "-", "=", "+" and "@", line breaks and quotes in cells, a legend and footnotes under it.
 * examples/wessex-old-tracker.csv is these rows as Excel saves a CSV (see cli.test.ts; write it
 * again with UPDATE_FIXTURES=1).
 */
import type { WorkbookSnapshot } from "../../src/workbook/host";

export const MESSY_HEADERS = [
  "Ref",
  "Recommendation",
  "Lead",
  "Target date",
  "RAG",
  "Update (Q3)",
  "Evidence",
  "Notes",
  "Directorate",
];

/** Sheet rows from row 1; "" is an empty cell. */
export const MESSY_ROWS: string[][] = [
  [
    "Wessex Police and Crime Commissioner – HMICFRS recommendations tracker 2025/26",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
  ],
  ["", "", "", "", "", "", "", "", ""],
  MESSY_HEADERS,
  ["PEEL 2023/25: Wessex Police", "", "", "", "", "", "", "", ""],
  [
    "P1",
    "By 31 March 2026, Wessex Police should improve how it records crime.",
    "Supt A. Brook",
    "31/03/2025",
    "G",
    'Audit completed; "gold" group meets monthly.\nNext audit due in May.',
    "Audit report v2",
    "-see Q2 board minutes",
    "Crime",
  ],
  [
    "P2",
    "The force should make sure victims get timely updates.",
    "DCI R. Hale",
    "2025-06-30",
    "green ",
    "=SUM(A1:A2) was in the old sheet",
    "",
    "+44 1234 567890",
    "Public protection",
  ],
  [
    "P3",
    "The force should improve supervision of investigations.",
    "Ch Insp M. Lowe",
    "Mar-26",
    "Amber ",
    "@mention the FCR lead",
    "",
    "",
    "Crime",
  ],
  [
    "P4",
    "The force should review its use of out-of-court disposals.",
    "",
    "Q4 2025/26",
    "Blue",
    "Done, see board paper",
    "",
    "",
    "",
  ],
  [
    "P4",
    "The force should publish its stop and search data monthly.",
    "Insp K. Dale",
    "Q4 2025",
    "Complete",
    "",
    "",
    "",
    "",
  ],
  ["", "", "", "", "", "", "", "", ""],
  ["Spotlight: Vetting and counter-corruption (2024)", "", "", "", "", "", "", "", ""],
  [
    "V1",
    "Chief constables should ensure vetting decisions are recorded.",
    "DCC",
    "-",
    "TBC",
    "",
    "",
    "",
    "Professional standards",
  ],
  ["V2", "", "Head of PSD", "31 March 2026", "A/G", "Line one\r\nLine two", "", "", ""],
  [
    "V3",
    "Forces should monitor IT systems for misuse.",
    "",
    "31/02/2026",
    "Superseded",
    "",
    "",
    "",
    "",
  ],
  [
    "V4",
    "The force should train supervisors in vetting appeals.",
    "",
    "2nd March 2026",
    "",
    "",
    "",
    "",
    "",
  ],
  ["V5", "The force should check vetting of contractors.", "", "10 Apr 2026", "R", "", "", "", ""],
  [
    "V6",
    "The force should audit vetting files each quarter.",
    "",
    "Q1 2026/27",
    "yellow",
    "",
    "",
    "",
    "",
  ],
  ["V7", "The force should close its vetting backlog.", "", "", "Closed", "", "", "", ""],
  ["", "", "", "", "", "", "", "", ""],
  ["Key:", "", "", "", "", "", "", "", ""],
  ["R = Red: off track", "", "", "", "", "", "", "", ""],
  ["A = Amber: at risk", "", "", "", "", "", "", "", ""],
  ["G", "On track", "", "", "", "", "", "", ""],
  ["B", "Complete", "", "", "", "", "", "", ""],
  ["* Dates marked Q are financial quarters unless stated", "", "", "", "", "", "", "", ""],
  ["Source: OPCC performance team, January 2026", "", "", "", "", "", "", "", ""],
];

/** Cells that must survive byte for byte: literal text and line breaks and quotes. */
export const LITERAL_CELLS = [
  "-see Q2 board minutes",
  "=SUM(A1:A2) was in the old sheet",
  "+44 1234 567890",
  "@mention the FCR lead",
  'Audit completed; "gold" group meets monthly.\nNext audit due in May.',
];

/** CSV as Excel writes it: quoted where needed, doubled quotes, CRLF between records. */
export function toCsv(rows: string[][], opts: { bom?: boolean; eol?: string } = {}): string {
  const eol = opts.eol ?? "\r\n";
  const cell = (t: string) => (/[",\r\n]|^\s|\s$/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  return (opts.bom ? "\ufeff" : "") + rows.map((r) => r.map(cell).join(",")).join(eol) + eol;
}

/** The grid a host would read: empty cells as null. */
export function gridValues(rows: string[][]): (string | null)[][] {
  return rows.map((r) => r.map((t) => (t === "" ? null : t)));
}

/** A workbook whose active sheet holds these cells as typed text (blank cells as ""). */
export function sheetSnapshot(name: string, rows: string[][]): WorkbookSnapshot {
  return {
    sheets: [{ name, visibility: "visible", protected: false }],
    activeSheet: name,
    meta: null,
    tables: {},
    sheetValues: {
      [name]: {
        name,
        row: 0,
        col: 0,
        values: gridValues(rows),
        text: rows,
        numberFormats: rows.map((r) => r.map(() => "General")),
      },
    },
  };
}
