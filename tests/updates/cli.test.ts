/**
 * `inspection-tracker updates request|merge` on files: the documented JSON, the overwrite rules,
 * the tracker's id saved once, and a round trip with a returned workbook edited by hand.
 */
import { chmodSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { TABLES } from "../../src/domain/columns";
import { createXlsxHost } from "../../src/hosts/xlsx";
import { tmpDir } from "../helpers/libreoffice";
import { trackerOf } from "./fixtures";
import { edited } from "./returned";

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function trackerFile(dir: string, n = 12): Promise<string> {
  const file = join(dir, "tracker.xlsx");
  await (await trackerOf(n)).save(file);
  return file;
}

describe("inspection-tracker updates request", () => {
  test("--json: one file per owner with open items in the folder, the documented shape", async () => {
    const dir = tmpDir("updates-cli-");
    const tracker = await trackerFile(dir);
    const out = join(dir, "requests");
    const r = await run([
      "updates",
      "request",
      tracker,
      "--out",
      out,
      "--due",
      "2099-01-31",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(["requests", "skipped", "requestId", "due"]);
    expect(j.requests).toEqual([
      {
        owner: "Ch Insp Lucy Hale",
        file: expect.stringMatching(/Updates - Ch Insp Lucy Hale - \d{4}-\d\d-\d\d\.xlsx$/),
        items: 1,
      },
      { owner: "DCI Ravi Patel", file: expect.any(String), items: 1 },
      { owner: "Director of HR", file: expect.any(String), items: 2 },
      { owner: "Head of Contact", file: expect.any(String), items: 2 },
      { owner: "Supt Ada Morgan", file: expect.any(String), items: 3 },
    ]);
    expect(j.skipped).toEqual([]);
    expect(j.due).toBe("2099-01-31");
    expect(readdirSync(out).sort()).toEqual(
      j.requests.map((q: { file: string }) => q.file.slice(out.length + 1)).sort()
    );
    // The tracker was given its id once, and said so on stderr (stdout is the JSON alone).
    expect(r.err).toMatch(/tracker\.xlsx: given the id T-\w+ \(kept in its metadata\)/);
    const host = await createXlsxHost({ file: tracker });
    const meta = await host.run("m", async (s) => (await s.read({})).meta);
    expect(meta?.trackerId).toMatch(/^T-/);
  });

  test("never replaces an owner's file without --force; nothing is written when one exists", async () => {
    const dir = tmpDir("updates-cli-");
    const tracker = await trackerFile(dir);
    const out = join(dir, "requests");
    expect(
      (await run(["updates", "request", tracker, "--out", out, "--due", "2099-01-31"])).code
    ).toBe(0);
    const files = readdirSync(out);
    writeFileSync(join(out, files[0]), "the owner's copy");
    const before = statSync(join(out, files[1])).mtimeMs;
    const again = await run(["updates", "request", tracker, "--out", out, "--due", "2099-01-31"]);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`${files[0]}`);
    expect(again.err).toMatch(
      /Nothing was written\. Use another --out folder, or --force to replace them\./
    );
    expect(readFileSync(join(out, files[0]), "utf8")).toBe("the owner's copy");
    expect(statSync(join(out, files[1])).mtimeMs).toBe(before);
    const forced = await run([
      "updates",
      "request",
      tracker,
      "--out",
      out,
      "--due",
      "2099-01-31",
      "--force",
    ]);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(out, files[0])).subarray(0, 2).toString()).toBe("PK");
  });

  test("--owner picks owners in any case; an unknown one is skipped with the reason", async () => {
    const dir = tmpDir("updates-cli-");
    const tracker = await trackerFile(dir);
    const r = await run([
      "updates",
      "request",
      tracker,
      "--out",
      join(dir, "q"),
      "--owner",
      "dci ravi patel",
      "--owner",
      "Nobody",
      "--json",
    ]);
    const j = JSON.parse(r.out);
    expect(j.requests.map((q: { owner: string }) => q.owner)).toEqual(["DCI Ravi Patel"]);
    expect(j.skipped).toEqual([
      { owner: "Nobody", reason: "no item in the tracker has this owner" },
    ]);
  });

  test("bad arguments get our own messages", async () => {
    const dir = tmpDir("updates-cli-");
    const tracker = await trackerFile(dir, 3);
    expect((await run(["updates"])).err).toContain("say 'updates request' or 'updates merge'");
    expect((await run(["updates", "request", tracker])).err).toContain("--out FOLDER");
    expect(
      (await run(["updates", "request", tracker, "--out", dir, "--due", "31st"])).err
    ).toContain("--due '31st' is not a date");
    expect(
      (await run(["updates", "request", tracker, "--out", dir, "--due", "2001-01-01"])).err
    ).toContain("is in the past");
    expect(
      (await run(["updates", "request", join(dir, "missing.xlsx"), "--out", dir])).err
    ).toContain("file not found");
  });

  test("a tracker that has its id is only read: a read-only one can still be asked about", async () => {
    const dir = tmpDir("updates-cli-");
    const tracker = await trackerFile(dir, 5);
    expect((await run(["updates", "request", tracker, "--out", join(dir, "a")])).code).toBe(0);
    const before = readFileSync(tracker);
    chmodSync(tracker, 0o444);
    try {
      const again = await run(["updates", "request", tracker, "--out", join(dir, "b")]);
      expect(again.code).toBe(0);
      expect(again.err).toBe("");
      expect(readFileSync(tracker).equals(before)).toBe(true);
    } finally {
      chmodSync(tracker, 0o644);
    }
  });
});

describe("inspection-tracker updates merge", () => {
  test("lists every change, writes MERGED.xlsx, refuses what it must; the same file twice changes nothing", async () => {
    const dir = tmpDir("updates-cli-");
    const tracker = await trackerFile(dir);
    const out = join(dir, "requests");
    const req = JSON.parse(
      (await run(["updates", "request", tracker, "--out", out, "--due", "2099-01-31", "--json"]))
        .out
    );
    const ada = req.requests.find((q: { owner: string }) => q.owner === "Supt Ada Morgan").file;
    // Supt Ada Morgan's rows are WP-00001 (Red) and WP-00006 (Amber).
    const returned = join(dir, "ada-returned.xlsx");
    writeFileSync(
      returned,
      await edited(new Uint8Array(readFileSync(ada)), [
        ["WP-00001", "Status", "green"],
        ["WP-00001", "Progress update", "Plan signed off."],
        ["WP-00006", "Status", "grn"],
        ["WP-00006", "Revised target date", "not yet known"],
      ])
    );
    const merged = join(dir, "merged.xlsx");
    const text = await run(["updates", "merge", tracker, returned, "--out", merged]);
    expect(text.code).toBe(0);
    expect(text.out).toContain("Changes (2):");
    expect(text.out).toContain(
      "WP-00001 Status: Red -> Green (Supt Ada Morgan; 'green' read as Green)"
    );
    expect(text.out).toContain("Refused (2):");
    expect(text.out).toMatch(
      /Applied 2 changes to 1 row and logged them on the 'Update log' sheet; 2 answers not applied \(listed below\)\. Written to /
    );
    // The change list comes before the line that says it was written.
    expect(text.out.indexOf("Changes (2):")).toBeLessThan(text.out.indexOf("Written to"));

    const again = join(dir, "merged-again.xlsx");
    const j = JSON.parse(
      (await run(["updates", "merge", merged, returned, "--out", again, "--json"])).out
    );
    expect(Object.keys(j)).toEqual([
      "applied",
      "changes",
      "rejected",
      "conflicts",
      "unknown",
      "files",
      "cut",
      "out",
    ]);
    expect(j.applied).toBe(0);
    expect(j.cut).toEqual([]);
    expect(j.changes).toEqual([]);
    expect(j.rejected).toEqual([
      {
        ref: "WP-00006",
        column: "Status",
        value: "grn",
        reason: "'grn' is not a status: choose one of Red, Amber, Green, Complete, Superseded.",
        file: "ada-returned.xlsx",
      },
      {
        ref: "WP-00006",
        column: "Revised target date",
        value: "not yet known",
        reason: "'not yet known' is not a date (write dd/mm/yyyy).",
        file: "ada-returned.xlsx",
      },
    ]);
    const host = await createXlsxHost({ file: again });
    const t = await host.run(
      "t",
      async (s) => (await s.read({ tables: [TABLES.tracker] })).tables[TABLES.tracker]
    );
    expect(t.rows[0][t.headers.indexOf("Status")]).toBe("Green");
    // The tracker file itself was never written by the merge.
    const original = await createXlsxHost({ file: tracker });
    const t0 = await original.run(
      "t",
      async (s) => (await s.read({ tables: [TABLES.tracker] })).tables[TABLES.tracker]
    );
    expect(t0.rows[0][t0.headers.indexOf("Status")]).toBe("Red");
  });

  test("--json: the documented shape, with conflicts and unknown rows", async () => {
    const dir = tmpDir("updates-cli-");
    const tracker = await trackerFile(dir);
    const req = JSON.parse(
      (
        await run([
          "updates",
          "request",
          tracker,
          "--out",
          join(dir, "q"),
          "--due",
          "2099-01-31",
          "--json",
        ])
      ).out
    );
    const ravi = req.requests.find((q: { owner: string }) => q.owner === "Head of Contact").file;
    // Head of Contact: WP-00003 (Green), WP-00008 (no status). The analyst changes WP-00003 first.
    const host = await createXlsxHost({ file: tracker });
    await host.run("edit", (s) =>
      s.apply({
        ops: [
          {
            op: "writeTableCells",
            table: TABLES.tracker,
            row: 2,
            col: 10,
            values: [["Analyst's own note"]],
          },
        ],
      })
    );
    await host.save(tracker);
    const returned = join(dir, "ravi.xlsx");
    writeFileSync(
      returned,
      await edited(
        new Uint8Array(readFileSync(ravi)),
        [
          ["WP-00003", "Status", "Amber"],
          ["WP-00008", "Revised target date", "Q4 2026/27"],
        ],
        (ws) => {
          ws.getRow(20).values = ["WP-99999", "", "", "", "Green"];
        }
      )
    );
    const r = await run([
      "updates",
      "merge",
      tracker,
      returned,
      "--out",
      join(dir, "m.xlsx"),
      "--json",
    ]);
    const j = JSON.parse(r.out);
    expect(j.applied).toBe(1);
    expect(j.changes).toEqual([
      {
        ref: "WP-00008",
        column: "Target date",
        from: "2026-10-30",
        to: "2027-03-31",
        owner: "Head of Contact",
        file: "ravi.xlsx",
        note: "'Q4 2026/27' read as 31/03/2027, the last day of that period",
      },
    ]);
    expect(j.conflicts).toEqual([
      {
        ref: "WP-00003",
        column: "Status",
        tracker: "Green",
        returned: "Amber",
        owner: "Head of Contact",
        file: "ravi.xlsx",
        reason: expect.stringContaining("changed since the request"),
      },
    ]);
    expect(j.unknown).toEqual([
      {
        file: "ravi.xlsx",
        ref: "WP-99999",
        row: 20,
        reason: expect.stringContaining("not sent in this request"),
      },
    ]);
  });

  test("an answer over Excel's 32,767 characters: cut to fit in MERGED.xlsx, said on stderr and in --json, exit 1", async () => {
    const dir = tmpDir("updates-cli-");
    const tracker = await trackerFile(dir);
    const req = JSON.parse(
      (
        await run([
          "updates",
          "request",
          tracker,
          "--out",
          join(dir, "q"),
          "--due",
          "2099-01-31",
          "--json",
        ])
      ).out
    );
    const ada = req.requests.find((q: { owner: string }) => q.owner === "Supt Ada Morgan").file;
    const returned = join(dir, "ada.xlsx");
    writeFileSync(
      returned,
      await edited(new Uint8Array(readFileSync(ada)), [
        ["WP-00001", "Evidence", "Minutes of every meeting. ".repeat(1500) + "End."],
      ])
    );
    const merged = join(dir, "m.xlsx");
    const r = await run(["updates", "merge", tracker, returned, "--out", merged, "--json"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.applied).toBe(1);
    expect(j.cut).toEqual([
      expect.stringMatching(
        /^WP-00001 Evidence: the answer in ada\.xlsx \(Supt Ada Morgan\) held 39,004 characters, over Excel's limit of 32,767/
      ),
    ]);
    expect(r.err).toBe(`error: ${j.cut[0]}`);
    const host = await createXlsxHost({ file: merged });
    const t = await host.run(
      "t",
      async (s) => (await s.read({ tables: [TABLES.tracker] })).tables[TABLES.tracker]
    );
    const cell = t.rows[0][t.headers.indexOf("Evidence")] as string;
    expect(cell.length).toBeLessThanOrEqual(32_767);
    expect(cell).toMatch(/\[… cut: 39,004 characters/);
  });

  test("refuses an existing --out without --force, and leaves it as it was", async () => {
    const dir = tmpDir("updates-cli-");
    const tracker = await trackerFile(dir, 3);
    const out = join(dir, "merged.xlsx");
    writeFileSync(out, "keep me");
    const r = await run(["updates", "merge", tracker, tracker, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("merged.xlsx already exists and was not changed");
    expect(readFileSync(out, "utf8")).toBe("keep me");
    expect(existsSync(join(dir, "merged.xlsx"))).toBe(true);
  });
});
