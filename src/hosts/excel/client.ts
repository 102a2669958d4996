/**
 * What this host knows of the Excel client it runs in: the platform Office.onReady reported, the
 * requirement sets Office.context.requirements says it supports, and the answers of the on-device
 * probes (diagnostics.ts) once they have run. The host chooses its strategies from these; where
 * nothing is known it takes what the documentation says of the least capable client the manifest
 * allows (ExcelApi 1.9).
 */

/** The least the manifest asks for (manifest.xml, <Set Name="ExcelApi" MinVersion="1.9"/>). */
export const MANIFEST_API = 9;

/** What the probes found (each null when that probe has not run or could not tell). */
export interface ProbeAnswers {
  /** A Text-formatted cell given "'-ve" keeps the apostrophe as a character. */
  textKeepsApostrophe: boolean | null;
  /** A Text-formatted cell given "=1+1" keeps it as text. */
  textKeepsFormula: boolean | null;
  /** A table grows when a row is written just below it. */
  tableGrows: boolean | null;
  /** Worksheet change events carry triggerSource. */
  eventsHaveTriggerSource: boolean | null;
  /** A batch run with mergeUndoGroup is accepted. */
  mergedUndoAccepted: boolean | null;
}

export const NO_ANSWERS: ProbeAnswers = {
  textKeepsApostrophe: null,
  textKeepsFormula: null,
  tableGrows: null,
  eventsHaveTriggerSource: null,
  mergedUndoAccepted: null,
};

/** How text that Excel would take as a formula is written to a Text-formatted cell. */
export type TextStrategy = "apostrophe" | "plain";

export interface Client {
  /** Office.onReady's info.platform ("PC", "Mac", "OfficeOnline", ...), or null when unknown. */
  platform: string | null;
  /** Whether ExcelApi 1.<minor> is supported (unknown: only up to the manifest's 1.9). */
  api(minor: number): boolean;
  /** The Windows or Mac desktop client (no 5 MB limit; some sheet ops without undo). */
  desktop: boolean;
  /** Office says which requirement sets it supports (isSetSupported is there). */
  reportsSets: boolean;
  probes: ProbeAnswers;
}

/** The client from the Office namespace (or none) and the platform the pane was told. */
export function clientOf(office: unknown, platform: string | null | undefined): Client {
  const o = office as typeof Office | undefined;
  // The typings take a number, but versions must go as strings: 1.10 as a number is 1.1.
  const isSet = o?.context?.requirements?.isSetSupported as
    ((name: string, version: string) => boolean) | undefined;
  const cache = new Map<number, boolean>();
  const name = platform || (o?.context?.diagnostics?.platform as string | undefined) || null;
  return {
    platform: name,
    desktop: name === "PC" || name === "Mac",
    reportsSets: typeof isSet === "function",
    api(minor: number): boolean {
      if (minor <= MANIFEST_API) return true;
      if (!isSet) return false;
      let yes = cache.get(minor);
      if (yes === undefined) {
        try {
          yes = !!isSet.call(o!.context!.requirements, "ExcelApi", `1.${minor}`);
        } catch {
          yes = false;
        }
        cache.set(minor, yes);
      }
      return yes;
    },
    probes: { ...NO_ANSWERS },
  };
}

/**
 * The strategy for formula-like text in Text cells. By default (and when the probe found the
 * apostrophe dropped, as Excel drops the quote prefix in other cells) one apostrophe goes in
 * front; when the probe found a Text cell keeps the apostrophe as a character but keeps "=1+1" as
 * text, the text goes in plain.
 */
export function textStrategy(probes: ProbeAnswers): TextStrategy {
  return probes.textKeepsApostrophe === true && probes.textKeepsFormula === true
    ? "plain"
    : "apostrophe";
}

/**
 * Why this client cannot run the add-in, or null when it can: the manifest asks for ExcelApi 1.9,
 * so Office does not offer the add-in to older clients, but a client that loads the pane anyway
 * (a sideloaded manifest, say) gets this rather than failures later.
 */
export function requirementProblem(office: unknown, message: string): string | null {
  const o = office as typeof Office | undefined;
  const isSet = o?.context?.requirements?.isSetSupported as
    ((name: string, version: string) => boolean) | undefined;
  if (!isSet) return null;
  try {
    return isSet.call(o!.context.requirements, "ExcelApi", `1.${MANIFEST_API}`) ? null : message;
  } catch {
    return null;
  }
}

/**
 * Change events say who made them: ExcelApi 1.14's triggerSource, unless the probe found this
 * client's events without it.
 */
export function eventsSayWho(client: Client): boolean {
  return client.api(14) && client.probes.eventsHaveTriggerSource !== false;
}
