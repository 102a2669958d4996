/**
 * Command-line plumbing shared by every command: output streams, errors as exit codes.
 */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: Io = {
  out: (t) => void process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
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
