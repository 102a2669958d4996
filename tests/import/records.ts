/**
 * Fictional records for the import tests (Wessex Police), built in code.
 */
export function wessexRecord(
  opts: {
    items?: number;
    title?: string;
    published?: string;
    afis?: number;
    wording?: (n: number) => string;
  } = {}
): string {
  const n = opts.items ?? 16;
  const wording =
    opts.wording ??
    ((i: number) =>
      `The force should improve practice area ${i} and report progress to the Commissioner.`);
  const lines = [
    "Force\tWessex Police",
    "Police and Crime Commissioner\tAlex Marlow",
    "Chief Constable\tPriya Hamlin",
    `Title of inspection\t${opts.title ?? "PEEL 2025: An inspection of Wessex Police"}`,
    `Published Date\t${opts.published ?? "12/03/2025"}`,
    "Inspectorate\tHMICFRS",
    "Summary of inspection\tA fictional summary.",
    "Grade\tRequires improvement",
    "Recommendations\t" +
      Array.from({ length: n }, (_, i) => `${i + 1}. ${wording(i + 1)}`).join(" "),
    ...Array.from(
      { length: opts.afis ?? 0 },
      (_, i) => `AFI ${i + 1}: The force should look again at area ${i + 1}.`
    ),
    "",
    "Police and Crime Commissioner's initial response",
    "",
    "1. Victim care:",
    "Text.",
    "2. Partnership working:",
    "Text.",
    "",
    "Chief Constable's response",
    "Accepted.",
  ];
  return lines.join("\n");
}
