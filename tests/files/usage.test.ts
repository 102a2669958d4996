/**
 * Every command treats an option it does not know the same way (cli/io's parseArguments): a
 * plain message naming the option, the command's usage, exit code 2, nothing done. Likewise a
 * command that works on one file, given none or two (cli/io's oneFile).
 */
import { main } from "../../src/cli/main";
import { COMMANDS } from "../../src/cli/commands";

/** Commands whose options follow a step. */
const STEP: Record<string, string[]> = { updates: ["request"] };

describe("an unknown option", () => {
  it.each(COMMANDS.map((c) => c.name))(
    "%s --no-such-option: usage and exit code 2",
    async (name) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main([name, ...(STEP[name] ?? []), "--no-such-option"], {
        out: (t) => void out.push(t),
        err: (t) => void err.push(t),
      });
      expect(code).toBe(2);
      expect(out).toEqual([]);
      const command = COMMANDS.find((c) => c.name === name)!;
      const text = err.join("\n");
      expect(text.startsWith(`inspection-tracker ${name}: Unknown option '--no-such-option'`)).toBe(
        true
      );
      expect(text.endsWith(`\n\n${command.usage}`)).toBe(true);
    }
  );
});

/** Commands that work on one file, with the step before it and what they say when it is missing. */
const ONE_FILE: [string, string[], RegExp][] = [
  ["adopt", [], /^Give the \.csv or \.xlsx file to adopt\.$/],
  ["check", [], /^Give the tracker file to check\.$/],
  ["parse", [], /^Give the record file to parse\.$/],
  ["record", [], /^Give the tracker file \(\.xlsx\) to record its position\.$/],
  ["summary", ["--out", "out.xlsx"], /^Give the tracker file \(\.xlsx\) to summarise\.$/],
  ["updates", ["request", "--out", "owners"], /^Give the tracker workbook to ask owners about\.$/],
];

async function run(args: string[]): Promise<{ code: number; out: string[]; first: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  const first = err.join("\n").split("\n")[0];
  return { code, out, first };
}

describe("one file at a time", () => {
  it.each(ONE_FILE)(
    "%s without its file: says what to give, exit code 2",
    async (name, pre, missing) => {
      const r = await run([name, ...pre]);
      expect(r).toEqual({ code: 2, out: [], first: expect.stringMatching(/./) });
      expect(r.first.replace(`inspection-tracker ${name}: `, "")).toMatch(missing);
    }
  );

  it.each(ONE_FILE)("%s with two files: names the other, exit code 2", async (name, pre) => {
    const r = await run([name, ...pre, "a.xlsx", "b.xlsx"]);
    expect(r).toEqual({
      code: 2,
      out: [],
      first: `inspection-tracker ${name}: One file at a time (also given: b.xlsx).`,
    });
  });
});
