/**
 * The commissioner's summary, pure: figures, tables, exceptions, movement and trend.
 */
export * from "./figures";
