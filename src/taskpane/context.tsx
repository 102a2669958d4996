/**
 * What every task-pane section shares: the workbook host, the tracker's state and a way to
 * refresh it after an operation.
 */
import * as React from "react";
import type { TrackerState } from "../engine/setup";
import type { WorkbookHost } from "../workbook/host";

export interface TrackerContextValue {
  host: WorkbookHost;
  state: TrackerState | null;
  /** Re-read the workbook's state (after an operation changed it). */
  refresh: () => Promise<void>;
  /** "Today" as the pane sees it; tests fix it. */
  today: () => Date;
}

export const TrackerContext = React.createContext<TrackerContextValue | null>(null);

export function useTracker(): TrackerContextValue {
  const value = React.useContext(TrackerContext);
  if (!value) throw new Error("useTracker must be used inside <TrackerContext.Provider>");
  return value;
}
