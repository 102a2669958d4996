/**
 * Writing files without losing anyone's work (src/cli/files.ts, used by every writing command):
 * an existing --out refused unless --force (npm run demo may replace its own default), two runs
 * on one tracker, a file changed by someone else meanwhile, locks left by crashed runs, read-only
 * files (root too), mode and owner kept, and temporary files left by a killed save swept.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { claimExisting, claimOutput, sweepTempFiles } from "../../src/cli/files";
import { isStale, lockPathOf } from "../../src/cli/lock";
import { run } from "../helpers/cli";
import { TABLES } from "../../src/domain/columns";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { IMPORT_READ } from "../../src/workbook/import";
import { MESSY_ROWS, toCsv } from "../adopt/messy";
import { wessexRecord } from "../import/records";

const ROOT = join(__dirname, "..", "..");
const TMP = join(ROOT, "tests", ".tmp", "writes");
const EXAMPLES = join(ROOT, "examples");
let n = 0;
const fresh = () => {
  const dir = join(TMP, String(++n));
  mkdirSync(dir, { recursive: true });
  return dir;
};

beforeAll(() => rmSync(TMP, { recursive: true, force: true }));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** The tracker's refs in a workbook file. */
async function refsOf(file: string): Promise<string[]> {
  const host = await createXlsxHost({ file });
  const snap = await host.run("read", (s) => s.read(IMPORT_READ));
  return (snap.tables[TABLES.tracker]?.rows ?? []).map((r) => String(r[0]));
}

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(r.stdout.toString());
}

/** A process's start time as Linux gives it (field 22 of /proc/PID/stat). */
function startOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

const record = (dir: string, name = "wessex.txt", text = wessexRecord()) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

async function tracker(dir: string, name = "tracker.xlsx"): Promise<string> {
  const f = join(dir, name);
  expect((await run("build", record(dir), "--out", f)).code).toBe(0);
  return f;
}

describe("an existing --out is refused unless --force, by every writing command", () => {
  it.each<[string, (dir: string, out: string) => Promise<string[]>]>([
    ["build --out", async (dir, out) => ["build", record(dir), "--out", out]],
    [
      "build --into A --out B",
      async (dir, out) => [
        "build",
        record(dir),
        "--into",
        await tracker(dir, "a.xlsx"),
        "--out",
        out,
      ],
    ],
    [
      "adopt --out",
      async (dir, out) => {
        const csv = join(dir, "old.csv");
        writeFileSync(csv, toCsv(MESSY_ROWS, { bom: true }));
        return ["adopt", csv, "--out", out];
      },
    ],
    ["summary --out", async (dir, out) => ["summary", await tracker(dir, "a.xlsx"), "--out", out]],
    ["demo --out", async (_dir, out) => ["demo", "--out", out, "--examples", EXAMPLES]],
  ])(
    "%s: exit 1, the file byte-identical, the way out named; --force replaces it",
    async (_what, args) => {
      const dir = fresh();
      const out = join(dir, "mine.xlsx");
      writeFileSync(out, "the analyst's own file");
      const argv = await args(dir, out);
      const r = await run(...argv);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${out} already exists and was not changed.`);
      expect(r.err).toMatch(/--force/);
      expect(readFileSync(out, "utf8")).toBe("the analyst's own file");
      const forced = await run(...argv, "--force");
      expect(forced.err).toBe("");
      expect(forced.code).toBe(0);
      expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
      expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
    }
  );

  it("npm run demo replaces its own default out/demo.xlsx: the quick start works twice in a row", async () => {
    const dir = fresh();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const first = await run("demo", "--examples", EXAMPLES);
      const second = await run("demo", "--examples", EXAMPLES);
      expect([first.code, second.code, second.err]).toEqual([0, 0, ""]);
    } finally {
      process.chdir(cwd);
    }
    expect(statSync(join(dir, "out", "demo.xlsx")).size).toBeGreaterThan(10_000);
  });

  it("a folder, or a folder that is missing, is named plainly", async () => {
    const dir = fresh();
    mkdirSync(join(dir, "folder.xlsx"));
    const asFolder = await run("build", record(dir), "--out", join(dir, "folder.xlsx"), "--force");
    expect(asFolder.code).toBe(1);
    expect(asFolder.err).toMatch(/folder\.xlsx is a folder, not a file/);
    const missing = await run("build", record(dir), "--out", join(dir, "nowhere", "t.xlsx"));
    expect(missing.err).toMatch(
      /The folder .*nowhere does not exist, so t\.xlsx cannot be written there/
    );
  });
});

describe("lost updates", () => {
  it("two build --into at once: one adds, the other is refused and changes nothing; run again, both kept", async () => {
    const dir = fresh();
    const file = await tracker(dir);
    const before = await refsOf(file);
    const other = record(
      dir,
      "vawg.txt",
      readFileSync(join(EXAMPLES, "wessex-vawg-thematic.txt"), "utf8")
    );
    const [a, b] = await Promise.all([
      run("build", other, "--into", file),
      run("build", other, "--into", file),
    ]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    const refused = a.code === 1 ? a : b;
    expect(refused.err).toMatch(
      new RegExp(
        `${file.replace(/[.\\/]/g, "\\$&")} is being changed by another run of inspection-tracker \\(process ${process.pid}, since .*\\), so it was not changed`
      )
    );
    const after = await refsOf(file);
    expect(after.length).toBe(before.length + 8);
    expect(after.slice(0, before.length)).toEqual(before);
    // Run again: nothing new (idempotent), nothing lost, and no lock left behind.
    expect((await run("build", other, "--into", file)).code).toBe(0);
    expect(await refsOf(file)).toEqual(after);
    expect(existsSync(lockPathOf(file))).toBe(false);
  });

  it("a file saved by someone else meanwhile is not replaced: their change is kept", async () => {
    const dir = fresh();
    const file = await tracker(dir);
    for (const sameSizeAndTime of [false, true]) {
      const t = claimExisting(file);
      const theirs = Buffer.from(t.original!);
      theirs[theirs.length - 30] ^= 1; // a change of the same size...
      const st = statSync(file);
      writeFileSync(file, sameSizeAndTime ? theirs : Buffer.concat([theirs, Buffer.from("x")]));
      // ...and the same time, which only the content hash can tell.
      if (sameSizeAndTime) utimesSync(file, st.atime, st.mtime);
      expect(() => t.commit(Buffer.from("ours"))).toThrow(
        /was changed by someone else while this command was working .* so it was not replaced and their change is kept/
      );
      t.release();
      expect(readFileSync(file).subarray(0, theirs.length).equals(theirs)).toBe(true);
      writeFileSync(file, t.original!);
    }
  });

  it("a file created by another program after the command began is not replaced", () => {
    const dir = fresh();
    const file = join(dir, "new.xlsx");
    const t = claimOutput(file);
    writeFileSync(file, "theirs");
    expect(() => t.commit(Buffer.from("ours"))).toThrow(
      /was created by another program while this command was working/
    );
    t.release();
    expect(readFileSync(file, "utf8")).toBe("theirs");
  });

  it("a lock left by a crashed run is taken over; a live one is respected", async () => {
    const dir = fresh();
    const file = await tracker(dir);
    const lockFile = lockPathOf(file);
    const other = record(
      dir,
      "vawg.txt",
      readFileSync(join(EXAMPLES, "wessex-vawg-thematic.txt"), "utf8")
    );
    const lock = (o: object) =>
      writeFileSync(
        lockFile,
        JSON.stringify({ host: hostname(), at: Date.now(), token: "x", start: null, ...o })
      );

    // Its process has gone (kill -9): stale.
    lock({ pid: deadPid() });
    expect((await run("build", other, "--into", file)).code).toBe(0);
    expect(existsSync(lockFile)).toBe(false);

    // A live process, but another one started since under the same pid: stale.
    lock({ pid: process.pid, start: "1" });
    expect((await run("build", other, "--into", file)).code).toBe(0);

    // This very process, still running: respected, and left in place.
    lock({ pid: process.pid, start: startOf(process.pid) });
    const busy = await run("build", other, "--into", file);
    expect(busy.code).toBe(1);
    expect(busy.err).toMatch(/is being changed by another run/);
    expect(existsSync(lockFile)).toBe(true);

    // A lock from another machine (a shared folder) is respected until 15 minutes old.
    lock({ pid: 1, host: "another-pc" });
    expect((await run("build", other, "--into", file)).err).toMatch(/process 1 on another-pc/);
    lock({ pid: 1, host: "another-pc", at: Date.now() - 16 * 60 * 1000 });
    expect((await run("build", other, "--into", file)).code).toBe(0);

    // Garbage (a crash while it was written): respected for a minute, then taken over.
    writeFileSync(lockFile, "{");
    expect((await run("build", other, "--into", file)).code).toBe(1);
    const old = new Date(Date.now() - 2 * 60 * 1000);
    utimesSync(lockFile, old, old);
    expect((await run("build", other, "--into", file)).code).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });

  it("isStale: the rule", () => {
    const base = { host: hostname(), at: Date.now(), token: "t", start: null };
    expect(isStale({ ...base, pid: deadPid() })).toBe(true);
    expect(isStale({ ...base, pid: process.pid })).toBe(false);
    expect(isStale({ ...base, pid: process.pid, at: Date.now() - 25 * 3600 * 1000 })).toBe(true);
  });

  it("the lock is released when the command fails", async () => {
    const dir = fresh();
    const file = await tracker(dir);
    const r = await run("build", join(dir, "missing.txt"), "--into", file);
    expect(r.code).toBe(1);
    expect(existsSync(lockPathOf(file))).toBe(false);
  });
});

describe("a read-only tracker is never replaced, whoever runs the tool", () => {
  it("build --into, init and --out --force refuse a 0444 file; it keeps its bytes and mode", async () => {
    const dir = fresh();
    const file = await tracker(dir);
    const bytes = readFileSync(file);
    chmodSync(file, 0o444);
    const other = record(
      dir,
      "vawg.txt",
      readFileSync(join(EXAMPLES, "wessex-vawg-thematic.txt"), "utf8")
    );
    const csv = join(dir, "old.csv");
    writeFileSync(csv, toCsv(MESSY_ROWS, { bom: true }));
    for (const argv of [
      ["build", other, "--into", file],
      ["build", other, "--out", file, "--force"],
      ["init", "--out", file],
      ["adopt", csv, "--out", file, "--force"],
    ]) {
      const r = await run(...argv);
      expect([argv.join(" "), r.code]).toEqual([argv.join(" "), 1]);
      expect(r.err).toContain(`${file} is read-only, so it was not changed.`);
    }
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it("a file replaced keeps its mode and (when root replaces it) its owner", async () => {
    const dir = fresh();
    const file = await tracker(dir);
    chmodSync(file, 0o640);
    const root = process.getuid?.() === 0;
    if (root) chownSync(file, 1234, 1234);
    const other = record(
      dir,
      "vawg.txt",
      readFileSync(join(EXAMPLES, "wessex-vawg-thematic.txt"), "utf8")
    );
    expect((await run("build", other, "--into", file)).code).toBe(0);
    const st = statSync(file);
    expect(st.mode & 0o777).toBe(0o640);
    if (root) expect([st.uid, st.gid]).toEqual([1234, 1234]);
  });
});

describe("one place for writing files", () => {
  it("no command writes a file except through src/cli/files.ts", () => {
    const dir = join(ROOT, "src", "cli", "commands");
    const bad = readdirSync(dir).filter((f) =>
      /\.save\(|writeFile|renameSync|createWriteStream|writeFileAtomic/.test(
        readFileSync(join(dir, f), "utf8")
      )
    );
    expect(bad).toEqual([]);
  });
});

describe("temporary files left by a killed save are swept on the next save there", () => {
  it("removes our own stale ones only", async () => {
    const dir = fresh();
    const file = await tracker(dir);
    const old = new Date(Date.now() - 5 * 60 * 1000);
    const make = (name: string, when = old) => {
      writeFileSync(join(dir, name), "partial");
      utimesSync(join(dir, name), when, when);
      return name;
    };
    const killed = make(`.tracker.xlsx.${deadPid()}.0badc0de.tmp`);
    const lockLeft = make(`.tracker.xlsx.lock.${deadPid()}.12345678.tmp`);
    const saving = make(`.tracker.xlsx.${deadPid()}.feedf00d.tmp`, new Date());
    const live = make(`.other.xlsx.${process.ppid}.abcdef01.tmp`);
    const theirs = make(".notes.tmp");
    const other = record(
      dir,
      "vawg.txt",
      readFileSync(join(EXAMPLES, "wessex-vawg-thematic.txt"), "utf8")
    );
    expect((await run("build", other, "--into", file)).code).toBe(0);
    const left = readdirSync(dir);
    expect(left).not.toContain(killed);
    expect(left).not.toContain(lockLeft);
    expect(left).toEqual(expect.arrayContaining([saving, live, theirs]));
    expect(sweepTempFiles(dir)).toEqual([]);
  });
});
