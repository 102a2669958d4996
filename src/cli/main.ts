/**
 * inspection-tracker: the headless command line over the same engine as the add-in.
 * Errors go to stderr with a non-zero exit code; --json output goes to stdout alone.
 */
import { isTrackerError } from "../domain/errors";
import { COMMANDS } from "./commands";
import { UsageError, guardStdout, processIo, type Io } from "./io";
import { fileNotFound } from "../domain/messages";
import { VERSION } from "./version";

function help(io: Io): void {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  io.out(
    [
      "Usage: inspection-tracker <command> [options]",
      "",
      "Track HMICFRS inspection recommendations in an Excel workbook, without Excel.",
      "",
      "Commands:",
      ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      "",
      "Run `inspection-tracker help <command>` for a command's options, and",
      "`inspection-tracker --version` for the version.",
    ].join("\n")
  );
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  if (io === processIo) guardStdout();
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const which = name === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (which) io.out(which.usage);
    else help(io);
    return 0;
  }
  if (name === "--version" || name === "-v" || name === "version") {
    io.out(`inspection-tracker ${VERSION}`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(
      `inspection-tracker: unknown command '${name}'. Run inspection-tracker --help for the list.`
    );
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`inspection-tracker ${command.name}: ${e.message}\n\n${command.usage}`);
      return 2;
    }
    if (isTrackerError(e)) {
      io.err(`inspection-tracker ${command.name}: ${e.message}`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && err.code === "ENOENT") {
      io.err(`inspection-tracker ${command.name}: ${fileNotFound(err.path ?? err.message)}`);
      return 1;
    }
    io.err(
      `inspection-tracker ${command.name}: unexpected error: ${err instanceof Error ? err.message : String(err)}`
    );
    return 1;
  }
}
