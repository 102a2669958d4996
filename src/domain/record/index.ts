/** Parsing inspection response records. Pure. */
export * from "./types";
export { parseRecord, recordJson, LARGE_INPUT_CHARS, type ParseOptions } from "./parse";
export { htmlToText, isHtmlDocument, looksLikeHtml } from "./html";
export { extractItems, kindLabel, LONG_ITEM_CHARS } from "./items";
export {
  extractAreas,
  suggestTheme,
  suggestThemes,
  areaIndex,
  THEME_THRESHOLD,
  type ThemeSuggestion,
  type ThemeMatch,
} from "./themes";
export { addressedTo, NATIONAL_BODIES } from "./addressees";
export { splitFields, matchLabel } from "./fields";
