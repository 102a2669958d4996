/**
 * Runs one long operation for a section: disables its button while busy, keeps the message to
 * show (success, or the plain-English error), and never lets an exception escape to React.
 */
import * as React from "react";
import { isTrackerError } from "../domain/errors";

export type Feedback =
  | { intent: "success" | "info" | "warning"; title?: string; text: string }
  | { intent: "error"; title?: string; text: string };

export interface Operation {
  busy: boolean;
  /** What is running, for the progress line ("Setting up tracker…"). */
  progress: string | null;
  feedback: Feedback | null;
  setFeedback: (f: Feedback | null) => void;
  /** Run an async task; its return value is given back, or undefined after an error. */
  run: <T>(progress: string, task: () => Promise<T>) => Promise<T | undefined>;
}

/** Turn anything thrown into a message an analyst can act on. */
export function messageOf(e: unknown): string {
  if (isTrackerError(e)) return e.message;
  const text = e instanceof Error ? e.message : String(e);
  return `Something went wrong and nothing further was changed: ${text}. Try again; if it happens again, save the workbook and reopen it.`;
}

export function useOperation(): Operation {
  const [busy, setBusy] = React.useState(false);
  const [progress, setProgress] = React.useState<string | null>(null);
  const [feedback, setFeedback] = React.useState<Feedback | null>(null);
  const running = React.useRef(false);

  const run = React.useCallback(async <T>(label: string, task: () => Promise<T>) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setProgress(label);
    setFeedback(null);
    try {
      return await task();
    } catch (e) {
      setFeedback({ intent: "error", title: "Not done", text: messageOf(e) });
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
      setProgress(null);
    }
  }, []);

  return { busy, progress, feedback, setFeedback, run };
}
