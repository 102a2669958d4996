/**
 * Who an item is addressed to: the force, a national body named in its text, or "unknown".
 * Never guessed: an item that names nobody is "unknown". Pure.
 */
import { FORCE_ADDRESSEE, UNKNOWN_ADDRESSEE } from "./types";

/** National bodies, as the tracker names them, and how texts write them. */
export const NATIONAL_BODIES: readonly { name: string; pattern: RegExp }[] = [
  {
    name: "NPCC",
    pattern: /\bNPCC\b|National Police Chiefs['’]? Council|\bnational polic(?:e|ing) leads?\b/i,
  },
  { name: "College of Policing", pattern: /\bCollege of Policing\b/i },
  { name: "Home Office", pattern: /\bHome Office\b|\bHome Secretary\b/i },
  { name: "Ministry of Justice", pattern: /\bMinistry of Justice\b|\bMoJ\b/ },
  {
    name: "HM Prison and Probation Service",
    pattern: /\bHM Prison and Probation Service\b|\bHMPPS\b|\bProbation Service\b/i,
  },
  { name: "National Crime Agency", pattern: /\bNational Crime Agency\b|\bNCA\b/ },
  { name: "Crown Prosecution Service", pattern: /\bCrown Prosecution Service\b|\bCPS\b/ },
  { name: "APCC", pattern: /\bAssociation of Police and Crime Commissioners\b|\bAPCC\b/ },
];

const FORCE_CUES =
  /\bchief constables?\b|\b(?:all |police |the )?forces\b|\bthe force\b|\bforces? should\b/i;

/** Where the sentence's subject ends: the first "should", "must", "needs to", … */
const VERB = /\b(?:should|must|needs? to|is to|are to|ought to)\b/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const forcePatterns = new Map<string, RegExp>();
function forcePattern(forceName: string): RegExp {
  let re = forcePatterns.get(forceName);
  if (!re) {
    if (forcePatterns.size > 50) forcePatterns.clear();
    re = new RegExp(`\\b${escapeRegExp(forceName)}\\b`, "i");
    forcePatterns.set(forceName, re);
  }
  return re;
}

/** Only the start of an item is read for its addressee (a pathological paste stays fast). */
const SCAN_CHARS = 2000;

function named(text: string, forceName: string | null): { name: string; at: number }[] {
  const found: { name: string; at: number }[] = [];
  for (const b of NATIONAL_BODIES) {
    const m = b.pattern.exec(text);
    if (m) found.push({ name: b.name, at: m.index });
  }
  const cue = FORCE_CUES.exec(text);
  let forceAt = cue ? cue.index : -1;
  if (forceName && forceName.length >= 3) {
    const m = forcePattern(forceName).exec(text);
    if (m && (forceAt < 0 || m.index < forceAt)) forceAt = m.index;
  }
  if (forceAt >= 0) found.push({ name: FORCE_ADDRESSEE, at: forceAt });
  return found.sort((a, b) => a.at - b.at);
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * The addressee of one item. The bodies named before "should" (the sentence's subject) win;
 * otherwise any body named in the text; otherwise "unknown".
 */
export function addressedTo(fullText: string, forceName: string | null = null): string {
  const text = fullText.slice(0, SCAN_CHARS);
  const verb = VERB.exec(text);
  if (verb && verb.index <= 300) {
    const subject = named(text.slice(0, verb.index), forceName);
    if (subject.length > 0) return joinNames([...new Set(subject.map((s) => s.name))]);
  }
  const anywhere = named(text, forceName);
  if (anywhere.length > 0) return joinNames([...new Set(anywhere.map((s) => s.name))]);
  return UNKNOWN_ADDRESSEE;
}

/** The Addressed to cell when the record names nobody: unknown is an answer, never the force. */
export const NOT_STATED_ADDRESSEE = "Not stated";

/** The Addressed to cell for national work whose body the record does not name. */
export const NATIONAL_UNNAMED = "National (body not named)";

/**
 * The Lists sheet's addressees when a tracker is set up: the force, each national body, a
 * national body not named, and not stated.
 */
export const DEFAULT_ADDRESSEES: readonly string[] = [
  FORCE_ADDRESSEE,
  ...NATIONAL_BODIES.map((b) => b.name),
  NATIONAL_UNNAMED,
  NOT_STATED_ADDRESSEE,
];

/** Cells that state no addressee (blank, "unknown", "TBC", ...), case-folded. */
const NOT_STATED = new Set([
  "",
  "unknown",
  "not stated",
  "n/a",
  "na",
  "tbc",
  "tbd",
  "?",
  "-",
  "none",
]);

/** Who an Addressed to cell names: the force, national bodies, or nobody. */
export type AddresseeGroup = "force" | "national" | "not stated";

/**
 * Whether an "Addressed to" value names a national body (NPCC, College of Policing, Home Office…)
 * and not the force itself. "Force and NPCC" is the force's own: the force has to act on it.
 */
export function namesNationalBody(text: string): boolean {
  if (text === "" || /\bforces?\b|\bchief constables?\b/i.test(text)) return false;
  if (/^national\b/i.test(text)) return true;
  return NATIONAL_BODIES.some(
    (b) => b.pattern.test(text) || text.toLowerCase().includes(b.name.toLowerCase())
  );
}

/**
 * The group an Addressed to cell puts its item in. A cell that states nobody is "not stated";
 * one naming a national body (and not the force) is "national"; anything else names the force
 * (the force, its chief constable, or the force with a national body).
 */
export function addresseeGroup(cell: string): AddresseeGroup {
  const text = cell.replace(/\s+/g, " ").trim();
  if (NOT_STATED.has(text.toLowerCase())) return "not stated";
  return namesNationalBody(text) ? "national" : "force";
}

/**
 * Plain words that ask for national work when no body is named: national guidance, training,
 * systems, procurement, frameworks, databases, standards to be written. "Comply with national
 * standards" is the force's own work, so what follows compliance words is not read.
 */
const NATIONAL_WORK =
  /\bnational\s+(?:[a-z-]+\s+){0,3}?(guidance|training|system|systems|procurement|framework|programme|database|policy|standards?|approach|model|capability)\b/i;
const COMPLIANCE_BEFORE =
  /\b(?:compl(?:y|iance|ies)|adher(?:e|ence|es)|in line|accordance|meets?|consistent|consistency)\s+(?:\w+\s+){0,2}$/i;

export interface AddresseeSuggestion {
  /** The cell value the suggestion would write. */
  addressedTo: string;
  /** The words that suggested it, as the record writes them. */
  because: string;
}

/**
 * A suggested addressee for an item whose text names nobody, from plain words only ("Develop
 * national guidance…" asks for national work). Never written without the analyst: the import
 * preview flags it to confirm, and the cell says "Not stated" until they do. Null when the words
 * are not plain.
 */
export function suggestAddressee(fullText: string): AddresseeSuggestion | null {
  const text = fullText.slice(0, SCAN_CHARS);
  const m = NATIONAL_WORK.exec(text);
  if (!m) return null;
  if (COMPLIANCE_BEFORE.test(text.slice(0, m.index))) return null;
  return { addressedTo: NATIONAL_UNNAMED, because: m[0] };
}
