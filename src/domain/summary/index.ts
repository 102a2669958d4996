/**
 * The commissioner's summary, pure: figures, tables, exceptions, movement and trend.
 */
export * from "./types";
export * from "./statuses";
export * from "./kinds";
export * from "./crosstab";
export * from "./figures";
export * from "./reconcile";
export * from "./json";
