/**
 * Names a record gives that the tracker shows: the commissioner's title as the record writes it
 * ("Police, Fire and Crime Commissioner" where the office covers fire too), the office's name
 * built from it and the force, and the inspectorate without a strapline after its name. Pure.
 */

/** The commissioner titles a record may use, most specific first. */
const TITLES: [RegExp, string][] = [
  [/\bpolice,? fire and crime commissioner/i, "Police, Fire and Crime Commissioner"],
  [/\bpolice and crime commissioner/i, "Police and Crime Commissioner"],
];

/**
 * The commissioner's title the record uses: the most specific found anywhere in it (a record
 * labels a field "Police and Crime Commissioner" and heads its response "Police, Fire and Crime
 * Commissioner's initial response": the office covers fire). Null when it names neither.
 */
export function commissionerTitleIn(text: string): string | null {
  for (const [re, title] of TITLES) if (re.test(text)) return title;
  return null;
}

/**
 * "Office of the Staffordshire Police, Fire and Crime Commissioner" from the force ("Staffordshire"
 * or "Staffordshire Police") and the title; null without either.
 */
export function officeNameFor(force: string | null, title: string | null): string | null {
  if (!force || !title) return null;
  const area = force
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\s+(?:police(?: force| service)?|constabulary)$/i, "")
    .trim();
  if (area === "") return null;
  return `Office of the ${area} ${title}`;
}

/** Inspectorates by the names records use, longest first so the fullest name is kept. */
const INSPECTORATES = [
  "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
  "HM Inspectorate of Constabulary and Fire & Rescue Services",
  "HM Inspectorate of Constabulary and Fire and Rescue Services",
  "Criminal Justice Joint Inspection",
  "HM Crown Prosecution Service Inspectorate",
  "HM Inspectorate of Probation",
  "HM Inspectorate of Prisons",
  "Care Quality Commission",
  "HMI Probation",
  "HMI Prisons",
  "HMICFRS",
  "HMCPSI",
  "HMICS",
  "HMIC",
  "Ofsted",
  "CQC",
].sort((a, b) => b.length - a.length);

/**
 * The inspectorate's name without what follows it ("HMICFRS Making communities safer" →
 * "HMICFRS"); a name it does not know is kept as written.
 */
export function inspectorateName(text: string | null): string | null {
  if (!text) return text;
  const t = text.replace(/\s+/g, " ").trim();
  for (const name of INSPECTORATES) {
    if (t.toLowerCase() === name.toLowerCase()) return t;
    if (t.toLowerCase().startsWith(name.toLowerCase()) && /^[\s,:;–—-]/.test(t.slice(name.length)))
      return t.slice(0, name.length);
  }
  return t;
}
