/**
 * The lock file beside a file a command writes (`.NAME.lock`: pid, the process's start time,
 * host, when, a token), so a second run on the same file is refused at once, naming who holds
 * it. A lock whose process has gone (crashed, killed, or its pid reused) is stale and taken over,
 * so it never stays stuck; one from another machine (a shared folder) after 15 minutes. Taken
 * atomically (a hard link, or an exclusive create where links are refused). Used by files.ts.
 * Node only.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { TrackerError } from "../domain/errors";

/** When a file was last changed (ms since 1970), or 0 when it has gone. */
function modified(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

interface LockInfo {
  pid: number;
  /** The process's start (Linux: clock ticks since boot, from /proc), to tell a reused pid. */
  start: string | null;
  host: string;
  /** When the lock was taken (ms since 1970). */
  at: number;
  token: string;
}

/** A lock left by another machine (a shared folder) cannot be checked: stale after this. */
const FOREIGN_STALE_MS = 15 * 60 * 1000;
/** A lock whose process cannot be checked for its start time: stale after this. */
export const UNCHECKED_STALE_MS = 24 * 60 * 60 * 1000;

export const lockPathOf = (path: string) => join(dirname(path), `.${basename(path)}.lock`);

/** The start time of a process, as Linux gives it; null elsewhere or when it has gone. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether a lock's process can no longer be holding it. */
export function isStale(lock: LockInfo, now = Date.now()): boolean {
  if (lock.host !== hostname()) return now - lock.at > FOREIGN_STALE_MS;
  if (!alive(lock.pid)) return true;
  const start = processStart(lock.pid);
  if (start !== null && lock.start !== null) return start !== lock.start;
  return now - lock.at > UNCHECKED_STALE_MS;
}

export function readLock(path: string): { info: LockInfo | null; text: string } | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    return typeof info.pid === "number" ? { info, text } : { info: null, text };
  } catch {
    return { info: null, text };
  }
}

function busy(path: string, info: LockInfo | null): TrackerError {
  const who = info
    ? ` (process ${info.pid}${info.host !== hostname() ? ` on ${info.host}` : ""}, since ${new Date(info.at).toLocaleTimeString("en-GB")})`
    : "";
  return new TrackerError(
    "busy",
    `${path} is being changed by another run of inspection-tracker${who}, so it was not changed. ` +
      `Run the command again when that run has finished.`
  );
}

/** Create the lock file with its content in one step (a hard link cannot half-exist). */
function createLock(lockPath: string, text: string): boolean {
  const tmp = `${lockPath}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, text);
  try {
    linkSync(tmp, lockPath);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A file system without hard links: exclusive create instead.
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP") {
      try {
        const fd = openSync(lockPath, "wx");
        writeSync(fd, text);
        closeSync(fd);
        return true;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw e2;
      }
    }
    throw e;
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  }
}

/** Take the lock beside `path`, breaking a stale one; returns its token. */
export function lock(path: string): { token: string; lockPath: string } {
  const lockPath = lockPathOf(path);
  const info: LockInfo = {
    pid: process.pid,
    start: processStart(process.pid),
    host: hostname(),
    at: Date.now(),
    token: randomBytes(8).toString("hex"),
  };
  const text = JSON.stringify(info);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (createLock(lockPath, text)) return { token: info.token, lockPath };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new TrackerError(
        code === "EACCES" || code === "EPERM" || code === "EROFS" ? "protected" : "unexpected",
        `${path} cannot be written: its folder is not writable (${code}). Nothing was changed.`,
        { cause: e }
      );
    }
    const held = readLock(lockPath);
    if (!held) continue; // released meanwhile: try again
    // A lock file that is not ours and cannot be read as one: a crash while it was written
    // (it is made in one step, so this is rare); treat it as stale once a minute old.
    const stale = held.info ? isStale(held.info) : Date.now() - modified(lockPath) > 60_000;
    if (!stale) throw busy(path, held.info);
    // Break it by moving it aside, then check it was the stale one that moved (another run
    // may have broken it and taken a fresh lock in between): if not, put that one back.
    const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      renameSync(lockPath, aside);
    } catch {
      continue;
    }
    const moved = readFileSync(aside, "utf8");
    if (moved !== held.text) {
      try {
        linkSync(aside, lockPath);
      } catch {
        /* another lock is in place already */
      }
      unlinkSync(aside);
      throw busy(path, readLock(lockPath)?.info ?? null);
    }
    unlinkSync(aside);
  }
  throw busy(path, readLock(lockPath)?.info ?? null);
}

export function unlock(lockPath: string, token: string): void {
  const held = readLock(lockPath);
  if (held?.info?.token !== token) return;
  try {
    unlinkSync(lockPath);
  } catch {
    /* gone already */
  }
}
