/**
 * Every file a command writes goes through here, so that no command can lose the analyst's
 * work, whoever wrote it and whatever runs beside it:
 *
 * - `claimOutput(path, { force })` for a new file (`--out`): an existing file is refused unless
 *   --force is given, with a message naming it and the way out.
 * - `claimExisting(path)` for a file changed in place (`--into`, `init` on a workbook): its
 *   bytes are read once, under the lock, and remembered (size, time, SHA-256).
 * - Both take a lock file beside the target (`.NAME.lock`: pid, the process's start time,
 *   host), so a second run on the same file is refused at once; a lock whose process has gone
 *   (crashed, killed) is stale and taken over, so it never stays stuck.
 * - `target.commit(bytes)` replaces the file only if it is still what was read (else refuses:
 *   someone saved it meanwhile), never when it is read-only (mode bits, whoever runs the tool,
 *   root too), through a temporary file beside it and a rename, keeping its mode (and owner,
 *   when root), after sweeping this tool's own temporary files left by a killed run.
 * - `target.release()` (or `withTarget`) drops the lock whatever happened.
 *
 * Node only (the lock itself: ./lock.ts). The pane never writes files: it changes the open
 * workbook through Excel.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  accessSync,
  chmodSync,
  chownSync,
  closeSync,
  constants,
  fsyncSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { TrackerError } from "../domain/errors";
import { UNCHECKED_STALE_MS, alive, lock, readLock, unlock } from "./lock";
import { fileNotFound } from "../domain/messages";

export interface WriteTarget {
  /** The file to write. */
  readonly path: string;
  /** Its bytes as read under the lock (claimExisting), or null for a new file. */
  readonly original: Buffer | null;
  /** Replace (or create) the file with these bytes, safely; throws TrackerError if not. */
  commit(bytes: Buffer): void;
  /** Drop the lock (idempotent). */
  release(): void;
}

export interface OutputOptions {
  /** Replace an existing file. */
  force?: boolean;
  /** What to add to the refusal, after "X already exists and was not changed." */
  hint?: string;
}

/** A file's identity when read: what must still hold when it is replaced. */
interface Fingerprint {
  size: number;
  mtimeMs: number;
  sha256: string;
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw unreadable(path, e);
  }
}

function unreadable(path: string, e: unknown): TrackerError {
  const code = (e as NodeJS.ErrnoException).code ?? String(e);
  return new TrackerError(
    "invalid-input",
    code === "EACCES" || code === "EPERM"
      ? `${path} cannot be read: permission denied. Nothing was changed.`
      : `${path} cannot be read (${code}). Nothing was changed.`,
    { cause: e }
  );
}

/** Refuse a path that is a folder, or whose folder does not exist. */
function checkPlace(path: string, st: Stats | null): void {
  if (st?.isDirectory())
    throw new TrackerError(
      "invalid-input",
      `${path} is a folder, not a file. Give a file name ending in .xlsx. Nothing was written.`
    );
  if (st && !st.isFile())
    throw new TrackerError("invalid-input", `${path} is not a regular file. Nothing was written.`);
  const dir = statOrNull(dirname(path) || ".");
  if (!dir || !dir.isDirectory())
    throw new TrackerError(
      "invalid-input",
      `The folder ${dirname(path)} does not exist, so ${basename(path)} cannot be written there. Nothing was written.`
    );
}

/**
 * Refuse to replace a read-only file. Root may write anything, so the mode bits decide: a file
 * nobody may write (0444) is read-only for this tool too; then the usual access check.
 */
function checkWritable(path: string, st: Stats): void {
  let refused = (st.mode & 0o222) === 0;
  if (!refused) {
    try {
      accessSync(path, constants.W_OK);
    } catch {
      refused = true;
    }
  }
  if (refused)
    throw new TrackerError(
      "protected",
      `${path} is read-only, so it was not changed. Make it writable (in its Properties on ` +
        `Windows, or chmod u+w) if it should be changed, or write elsewhere with --out.`
    );
}

// ---------------------------------------------------------------------------------------------
// Temporary files and the atomic replace.

/** This tool's temporary files: `.NAME.PID.HEX.tmp` (as the xlsx host names them too). */
const TEMP = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** A temporary file untouched this long whose process has gone is left from a killed run. */
const TEMP_STALE_MS = 60 * 1000;

export const tempPathOf = (path: string) =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);

/**
 * Remove this tool's temporary files left in `dir` by runs that were killed while saving: only
 * names of our own pattern, whose process is no longer running (or that are a day old), and
 * that nobody has touched for a minute (another machine may be saving to a shared folder).
 * Returns the names removed.
 */
export function sweepTempFiles(dir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const st = statOrNull(join(dir, name));
    if (!st?.isFile()) continue;
    const age = now - st.mtimeMs;
    if (age < TEMP_STALE_MS) continue;
    if (pid !== process.pid && alive(pid) && age < UNCHECKED_STALE_MS) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      /* not ours to remove after all */
    }
  }
  return removed;
}

/** Write `bytes` to a temporary file beside `path`, flush it to disk, and rename it over. */
function replaceAtomically(path: string, bytes: Buffer, like: Stats | null): void {
  const tmp = tempPathOf(path);
  try {
    const fd = openSync(tmp, "wx", like ? like.mode & 0o7777 : 0o666);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (like) {
      chmodSync(tmp, like.mode & 0o7777);
      // Root replacing someone's file gives it back to them, as writing in place would.
      if (process.getuid?.() === 0 && (like.uid !== 0 || like.gid !== 0)) {
        try {
          chownSync(tmp, like.uid, like.gid);
        } catch {
          /* best effort */
        }
      }
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new TrackerError(
      code === "EACCES" || code === "EPERM" || code === "EROFS" ? "protected" : "unexpected",
      code === "ENOSPC"
        ? `${path} was not written: the disk is full. The file is as it was.`
        : `${path} was not written (${code}). The file is as it was.`,
      { cause: e }
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Targets.

function target(
  path: string,
  original: Buffer | null,
  before: Fingerprint | null,
  force: boolean,
  held: { token: string; lockPath: string }
): WriteTarget {
  let released = false;
  const t: WriteTarget = {
    path,
    original,
    commit(bytes: Buffer) {
      if (released) throw new TrackerError("unexpected", `${path}: written after its release.`);
      const held2 = readLock(held.lockPath);
      if (held2?.info?.token !== held.token)
        throw new TrackerError(
          "busy",
          `${path} was not written: another run took it over while this one was working. Run the command again.`
        );
      const st = statOrNull(path);
      checkPlace(path, st);
      if (st) {
        checkWritable(path, st);
        if (before === null && !force)
          throw new TrackerError(
            "invalid-input",
            `${path} was created by another program while this command was working, so it was not replaced. Nothing was written.`
          );
        if (before !== null && !sameFile(path, st, before))
          throw new TrackerError(
            "busy",
            `${path} was changed by someone else while this command was working (it was saved ` +
              `again after it was read), so it was not replaced and their change is kept. Run the ` +
              `command again.`
          );
      }
      sweepTempFiles(dirname(path));
      replaceAtomically(path, bytes, st);
    },
    release() {
      if (released) return;
      released = true;
      unlock(held.lockPath, held.token);
    },
  };
  return t;
}

function sameFile(path: string, st: Stats, before: Fingerprint): boolean {
  if (st.size !== before.size || st.mtimeMs !== before.mtimeMs) return false;
  try {
    return sha256(readFileSync(path)) === before.sha256;
  } catch {
    return false;
  }
}

/**
 * A new file to write (`--out`). Refuses a folder, a missing folder, and an existing file
 * unless `force` (then a read-only one still). Takes the lock.
 */
export function claimOutput(path: string, options: OutputOptions = {}): WriteTarget {
  const st = statOrNull(path);
  checkPlace(path, st);
  if (st && !options.force)
    throw new TrackerError(
      "invalid-input",
      `${path} already exists and was not changed. ${options.hint ?? "Use --force to replace it, or choose another file name."}`
    );
  if (st) checkWritable(path, st);
  const held = lock(path);
  try {
    // With --force the file is replaced, but only as it was when the command began.
    const now = statOrNull(path);
    let before: Fingerprint | null = null;
    if (now) {
      const bytes = readFileSync(path);
      before = { size: now.size, mtimeMs: now.mtimeMs, sha256: sha256(bytes) };
    }
    return target(path, null, before, options.force === true, held);
  } catch (e) {
    unlock(held.lockPath, held.token);
    throw e;
  }
}

/**
 * An existing file to change in place (`--into`, `init` on a workbook). Refuses a missing or
 * read-only file before any work; takes the lock, then reads the bytes (once: open the
 * workbook from `target.original`).
 */
export function claimExisting(path: string, missingHint = ""): WriteTarget {
  const st = statOrNull(path);
  if (!st)
    throw new TrackerError(
      "invalid-input",
      `${path} does not exist.${missingHint ? ` ${missingHint}` : ""}`
    );
  checkPlace(path, st);
  checkWritable(path, st);
  const held = lock(path);
  try {
    const now = statSync(path);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      throw unreadable(path, e);
    }
    const before = { size: now.size, mtimeMs: now.mtimeMs, sha256: sha256(bytes) };
    return target(path, bytes, before, false, held);
  } catch (e) {
    unlock(held.lockPath, held.token);
    throw e;
  }
}

/**
 * Read a file given as input, with a plain message naming it when it is missing, a folder, not
 * readable, or larger than `maxBytes` (then it is not read at all).
 */
export function readInput(path: string, maxBytes = 512 * 1024 * 1024, what = "file"): Buffer {
  const st = statOrNull(path);
  if (!st) throw new TrackerError("invalid-input", fileNotFound(path));
  if (st.isDirectory())
    throw new TrackerError("invalid-input", `${path} is a folder, not a ${what}.`);
  if (!st.isFile()) throw new TrackerError("invalid-input", `${path} is not a regular file.`);
  if (st.size > maxBytes)
    throw new TrackerError(
      "too-large",
      `${path} is ${(st.size / 1048576).toFixed(1)} MB, over the ${Math.round(maxBytes / 1048576)} MB a ${what} may be. Nothing was read.`
    );
  try {
    return readFileSync(path);
  } catch (e) {
    throw unreadable(path, e);
  }
}

/** Run `work` with a claimed target and release it afterwards, whatever happens. */
export async function withTarget<T>(
  claimed: WriteTarget,
  work: (target: WriteTarget) => Promise<T>
): Promise<T> {
  try {
    return await work(claimed);
  } finally {
    claimed.release();
  }
}
