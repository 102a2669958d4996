/**
 * The commissioner's assurance areas ("1. Management of risk and safeguarding:" … "7. Partnership
 * working:") become the inspection's themes: short numbered headings in the responses, numbered
 * 1, 2, 3, … in order. Pure.
 */

const NUMBERED_HEADING = /^\(?(\d{1,2})[.)]\s+(.+?)\s*$/;
const LABELLED_HEADING = /^(?:assurance area|theme|area)\s+(\d{1,2})\s*[:.–—-]\s*(.+?)\s*$/i;

function headingText(raw: string): string | null {
  const t = raw
    .replace(/\s+/g, " ")
    .replace(/\s*[:–—-]\s*$/, "")
    .trim();
  if (t.length < 3 || t.length > 90) return null;
  if (/[.!?;,]$/.test(t)) return null;
  if (t.split(" ").length > 12) return null;
  return t;
}

/** Themes from the response texts, searched in order. The first run numbered from 1 wins. */
export function extractThemes(texts: readonly (string | null | undefined)[]): string[] {
  for (const text of texts) {
    if (!text) continue;
    const themes: string[] = [];
    for (const line of text.split(/\r\n|\r|\n/)) {
      const l = line.trim();
      const m = LABELLED_HEADING.exec(l) ?? NUMBERED_HEADING.exec(l);
      if (!m) continue;
      const n = Number(m[1]);
      const name = headingText(m[2]);
      if (!name) continue;
      if (n === themes.length + 1) themes.push(name);
      else if (n === 1 && themes.length < 2) {
        themes.length = 0;
        themes.push(name);
      }
    }
    if (themes.length >= 2) return dedupe(themes);
  }
  return [];
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = n.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
