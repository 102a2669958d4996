/**
 * Re-check automatically after the analyst edits the tracker table: subscribes through the
 * host's onTableChanged (the host ignores the add-in's own writes), debounced.
 */
import * as React from "react";
import { TABLES } from "../../../domain/columns";
import type { WorkbookHost } from "../../../workbook/host";

export const RECHECK_DELAY_MS = 1500;

export interface AutoRecheck {
  /** Whether the host can tell us about edits. */
  available: boolean;
  /** Set when subscribing failed: a plain-English reason. */
  error: string | null;
}

/**
 * While `enabled`, call `recheck` RECHECK_DELAY_MS after the last edit to the tracker table.
 * `recheck` returns false when it could not run yet (an operation is busy): it is tried again later.
 */
export function useAutoRecheck(
  host: WorkbookHost,
  enabled: boolean,
  recheck: () => boolean
): AutoRecheck {
  const available = typeof host.onTableChanged === "function";
  const [error, setError] = React.useState<string | null>(null);
  const recheckRef = React.useRef(recheck);
  recheckRef.current = recheck;

  React.useEffect(() => {
    if (!enabled || !host.onTableChanged) return undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let unsubscribe: (() => Promise<void>) | null = null;
    const fire = () => {
      timer = null;
      if (cancelled) return;
      if (!recheckRef.current()) timer = setTimeout(fire, RECHECK_DELAY_MS);
    };
    const onChange = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(fire, RECHECK_DELAY_MS);
    };
    host.onTableChanged(TABLES.tracker, onChange).then(
      (off) => {
        if (cancelled) void off().catch(() => undefined);
        else {
          unsubscribe = off;
          setError(null);
        }
      },
      (e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      }
    );
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      if (unsubscribe) void unsubscribe().catch(() => undefined);
    };
  }, [host, enabled]);

  return { available, error };
}
