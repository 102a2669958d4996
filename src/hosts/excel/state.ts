/// <reference types="office-js" />
/**
 * What the pieces of one Excel.run share (the request context, the counted sync, what this
 * session knows of the workbook's layout) and what the host remembers between runs.
 */
import type { Client } from "./client";
import type { Layout } from "./geometry";

/** Kept by the host across runs: limits and what this client has taught it. */
export interface HostMemory {
  /** Split an apply into several syncs above this estimated request size (bytes). */
  readonly maxRequestBytes: number;
  /** The response size Excel accepts (bytes); sizes the block re-read. */
  readonly maxResponseBytes: number;
  /** Reads that never go through a null object, once this client has refused one. */
  carefulReads: boolean;
  /**
   * Table reads (readKey: lower-case name and the columns read) whose body Excel last refused to
   * return at once: the next such read asks for their sizes straight away instead of repeating
   * the refused request.
   */
  readonly largeTables: Set<string>;
  /** The client, its requirement sets and the probes' answers. */
  readonly client: Client;
  /** A merged undo group was refused (UndoNotSupported) in this session: merge no more. */
  undoRefused: boolean;
  /** How many table watchers are registered (events.ts): own writes then switch events off. */
  watchers: number;
}

/** One operation's Excel.run. */
export interface RunState {
  readonly context: Excel.RequestContext;
  /** context.sync(), counted. */
  readonly sync: () => Promise<void>;
  readonly layout: Layout;
  readonly memory: HostMemory;
}
