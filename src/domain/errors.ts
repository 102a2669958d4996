/**
 * Errors the analyst sees. Every failure that reaches the pane or the command line is one of
 * these, with a plain-English message that says what happened, where, and what to do (the
 * messages more than one place raises are in messages.ts).
 */
import { sheetProtected } from "./messages";

export type TrackerErrorCode =
  | "cell-edit"
  | "protected"
  | "sheet-missing"
  | "not-ours"
  | "too-large"
  | "busy"
  | "invalid-input"
  | "not-a-tracker"
  | "unsupported"
  | "unexpected";

export class TrackerError extends Error {
  readonly code: TrackerErrorCode;
  constructor(code: TrackerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = "TrackerError";
    this.code = code;
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

export function isTrackerError(e: unknown): e is TrackerError {
  return (
    e instanceof TrackerError ||
    (typeof e === "object" && e !== null && (e as { name?: string }).name === "TrackerError")
  );
}

/** A sheet the operation must write to is protected: nothing was changed. */
export function protectedError(sheets: string[]): TrackerError {
  return new TrackerError("protected", sheetProtected(sheets));
}
