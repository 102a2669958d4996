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
