/**
 * The RAG status vocabulary and the normalisation of what analysts type.
 * Pure: no Office, DOM or Node APIs.
 */
import { textOf, type Value } from "./model";
import { foldText } from "./text";

export interface StatusDef {
  /** The canonical value written in the Status column. */
  name: string;
  /** What the status means, shown on the Lists sheet and in the pane. */
  meaning: string;
  /** Fill colour as #RRGGBB. */
  colour: string;
  /** Font colour that reads on that fill. */
  fontColour: string;
  /** Whether the item is closed (no longer counts as open or overdue). */
  closed: boolean;
}

/** The default vocabulary, in the fixed reporting order. A workbook may extend it (Lists sheet). */
export const DEFAULT_STATUSES: readonly StatusDef[] = Object.freeze([
  {
    name: "Red",
    meaning: "Off track: will miss the target date without intervention",
    colour: "#C00000",
    fontColour: "#FFFFFF",
    closed: false,
  },
  {
    name: "Amber",
    meaning: "At risk: slippage or risk, mitigation in place",
    colour: "#FFC000",
    fontColour: "#000000",
    closed: false,
  },
  { name: "Green", meaning: "On track", colour: "#00B050", fontColour: "#000000", closed: false },
  {
    name: "Complete",
    meaning: "Delivered, evidence held",
    colour: "#0070C0",
    fontColour: "#FFFFFF",
    closed: true,
  },
  {
    name: "Superseded",
    meaning: "Closed without action: overtaken by a later inspection",
    colour: "#7F7F7F",
    fontColour: "#FFFFFF",
    closed: true,
  },
]);

/** Synonyms (case-folded) for the default statuses. Only used when the vocabulary has the target. */
const SYNONYMS: Record<string, string> = {
  r: "Red",
  red: "Red",
  a: "Amber",
  amber: "Amber",
  yellow: "Amber",
  g: "Green",
  green: "Green",
  grn: "Green",
  b: "Complete",
  blue: "Complete",
  complete: "Complete",
  completed: "Complete",
  closed: "Complete",
  done: "Complete",
  superseded: "Superseded",
  "no further action": "Superseded",
  nfa: "Superseded",
};

/** Values that look like a status but are not one; never guessed. */
const NOT_A_STATUS = new Set(["tbc", "tbd", "n/a", "na", "-", "?", "unknown", "pending"]);

export type StatusVerdict =
  /** Exactly a vocabulary value (same spelling and case). */
  | "exact"
  /** A known spelling of a vocabulary value: safe to fix. */
  | "normalised"
  | "blank"
  /** Two or more statuses at once ("A/G"): a person must choose. */
  | "ambiguous"
  | "unknown";

export interface StatusResult {
  verdict: StatusVerdict;
  /** The vocabulary value, for exact and normalised; otherwise null. */
  status: string | null;
  /** The text as written (not trimmed). */
  asWritten: string;
  /** A plain-English note for the analyst when the value is not exact. */
  note: string | null;
}

/** Case-fold and collapse whitespace, the way analysts' spellings differ. */
export function foldStatus(raw: string): string {
  return foldText(raw);
}

/** Normalise one typed status against a vocabulary (names only are needed). */
export function normaliseStatus(
  raw: unknown,
  vocabulary: readonly Pick<StatusDef, "name">[] = DEFAULT_STATUSES
): StatusResult {
  const asWritten = raw === null || raw === undefined ? "" : String(raw);
  const folded = foldStatus(asWritten);
  if (folded === "") {
    return { verdict: "blank", status: null, asWritten, note: "Status is blank" };
  }
  const exact = vocabulary.find((s) => s.name === asWritten);
  if (exact) return { verdict: "exact", status: exact.name, asWritten, note: null };

  const byFold = vocabulary.find((s) => foldStatus(s.name) === folded);
  if (byFold) {
    return {
      verdict: "normalised",
      status: byFold.name,
      asWritten,
      note: `'${asWritten}' read as ${byFold.name}`,
    };
  }
  const synonym = SYNONYMS[folded];
  if (synonym) {
    const target = vocabulary.find((s) => s.name === synonym);
    if (target) {
      return {
        verdict: "normalised",
        status: target.name,
        asWritten,
        note: `'${asWritten}' read as ${target.name}`,
      };
    }
    return {
      verdict: "unknown",
      status: null,
      asWritten,
      note: `'${asWritten}' would be ${synonym}, which is not in this workbook's status list`,
    };
  }
  if (NOT_A_STATUS.has(folded)) {
    return {
      verdict: "unknown",
      status: null,
      asWritten,
      note: `'${asWritten}' is not a status: choose one of ${vocabulary.map((s) => s.name).join(", ")}`,
    };
  }
  // Two statuses in one cell: "A/G", "Red-Amber", "amber / green".
  const parts = folded.split(/\s*(?:\/|\\|-|–|&|\bto\b|\band\b|,)\s*/).filter(Boolean);
  if (parts.length > 1) {
    const named = parts
      .map((p) => SYNONYMS[p] ?? vocabulary.find((s) => foldStatus(s.name) === p)?.name)
      .filter((p): p is string => Boolean(p));
    if (named.length > 1) {
      return {
        verdict: "ambiguous",
        status: null,
        asWritten,
        note: `'${asWritten}' names more than one status (${[...new Set(named)].join(" or ")}): choose one`,
      };
    }
  }
  return {
    verdict: "unknown",
    status: null,
    asWritten,
    note: `'${asWritten}' is not a status: choose one of ${vocabulary.map((s) => s.name).join(", ")}`,
  };
}

/** Find a status definition by name in a vocabulary. */
export function statusDef(name: string, vocabulary: readonly StatusDef[] = DEFAULT_STATUSES) {
  return vocabulary.find((s) => s.name === name) ?? null;
}

/** Whether a status closes the item (Complete, Superseded, or a workbook's own closed status). */
export function isClosedStatus(
  name: string | null,
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES
) {
  if (!name) return false;
  return statusDef(name, vocabulary)?.closed ?? false;
}

/*
 * How figures read a Status cell (the Summary, recorded positions, movement). A status is what
 * the workbook's list says, exactly: a cell holding one of the list's names counts as that
 * status; a blank cell has no status; anything else ("grn", "TBC", "A/G", "green ") is not
 * valid. Never its nearest colour: Check offers the certain fixes, and figures count the cell as
 * it stands.
 */
export type StatusKind = "valid" | "blank" | "not valid";

export interface StatusReading {
  kind: StatusKind;
  /** The vocabulary name when valid; otherwise null. */
  status: string | null;
  /** Whether the status closes the item (valid closed statuses only). */
  closed: boolean;
  /** The cell as written (trimmed). */
  asWritten: string;
  /** For a value that is not valid: the status Check would read it as, or null. */
  readsAs: string | null;
}

const BLANK: StatusReading = {
  kind: "blank",
  status: null,
  closed: false,
  asWritten: "",
  readsAs: null,
};

/** Readings already worked out, per vocabulary (a few distinct spellings, thousands of rows). */
const MEMO = new WeakMap<readonly StatusDef[], Map<string, StatusReading>>();

/** Read one Status cell against the workbook's vocabulary. */
export function readStatus(
  raw: Value | undefined,
  vocabulary: readonly StatusDef[] = DEFAULT_STATUSES
): StatusReading {
  if (raw === null || raw === undefined) return BLANK;
  const key = typeof raw === "string" ? raw : `\u0000${String(raw)}`;
  let memo = MEMO.get(vocabulary);
  if (!memo) MEMO.set(vocabulary, (memo = new Map()));
  let reading = memo.get(key);
  if (!reading) memo.set(key, (reading = readOnce(raw, vocabulary)));
  return reading;
}

function readOnce(raw: Value, vocabulary: readonly StatusDef[]): StatusReading {
  const asWritten = textOf(raw);
  if (asWritten === "") return BLANK;
  const def = typeof raw === "string" ? vocabulary.find((s) => s.name === raw) : undefined;
  if (def) return { kind: "valid", status: def.name, closed: def.closed, asWritten, readsAs: null };
  const normalised = normaliseStatus(raw, vocabulary);
  return {
    kind: "not valid",
    status: null,
    closed: false,
    asWritten,
    readsAs: normalised.verdict === "normalised" ? normalised.status : null,
  };
}
