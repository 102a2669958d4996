/**
 * Adopting the tracker an analyst already keeps. Pure.
 */
export * from "./types";
export { analyseSheet, type AnalyseOptions } from "./analyse";
export { detectHeaderRow, trackerLike, type TrackerLike } from "./header";
export {
  foldHeader,
  headerCandidates,
  suggestMapping,
  trackerHeaderOf,
  trackerKeyOf,
  HEADER_SYNONYMS,
} from "./mapping";
export { adoptionJson, type AdoptionJson } from "./json";
