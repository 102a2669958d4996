/**
 * Command-line plumbing shared by every command: output streams, errors as exit codes.
 * Node only.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Set once stdout's reader has gone (`inspection-tracker ... | head`): output stops quietly. */
let stdoutClosed = false;
let guarded = false;

/**
 * Make a closed stdout (EPIPE, as when piped into `head`) end the output quietly instead of
 * crashing with a stack trace: what is left to print is dropped, the command finishes its work
 * (a file it writes is still written whole) and exits with its own code.
 */
export function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") {
      stdoutClosed = true;
      return;
    }
    throw e;
  });
}

export const processIo: Io = {
  out: (t) => {
    if (!stdoutClosed) process.stdout.write(t.endsWith("\n") ? t : t + "\n");
  },
  err: (t) => void process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
};

export interface Command {
  name: string;
  /** One line for --help. */
  summary: string;
  /** Usage text for `inspection-tracker help NAME` and bad arguments. */
  usage: string;
  /** Returns the exit code. Throw UsageError for bad arguments. */
  run: (args: string[], io: Io) => Promise<number>;
}

/** Bad arguments: the message and the command's usage go to stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A command's arguments by node:util's parseArgs; an unknown or malformed option is a UsageError. */
export function parseArguments<T extends ParseArgsConfig>(
  config: T
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    // Node's own error (a TypeError, which need not be this realm's Error): its message alone,
    // except for an unknown option, where Node's hint about '--' ends in an unbalanced quote.
    const err = e as { message?: unknown; code?: unknown } | null;
    const message = typeof err?.message === "string" ? err.message : String(e);
    const unknown = /^Unknown option '([^']*)'/.exec(message);
    if (err?.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown)
      throw new UsageError(
        `Unknown option '${unknown[1]}'. The options are below; a file whose name starts with '-' goes after '--' (as in -- ${unknown[1]}).`
      );
    throw new UsageError(message);
  }
}

/**
 * The one file a command works on (its only positional argument): `missing` says what to give
 * when there is none; more than one is refused, naming the others.
 */
export function oneFile(positionals: readonly string[], missing: string): string {
  const [file, ...more] = positionals;
  if (!file) throw new UsageError(missing);
  if (more.length > 0) throw new UsageError(`One file at a time (also given: ${more.join(" ")}).`);
  return file;
}
