/**
 * The quarterly update round: ask each owner for their open items, merge what comes back.
 * Pure decisions: which rows go to whom, fingerprints and stamps, reading returned sheets,
 * judging returned values, and the merge's changes, refusals and conflicts.
 */
export * from "./layout";
export * from "./fingerprint";
export * from "./request";
export * from "./stamp";
export * from "./returned";
export * from "./values";
export * from "./merge";
export * from "./json";
