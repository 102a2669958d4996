/**
 * Every command treats an option it does not know the same way (cli/io's parseArguments): a
 * plain message naming the option, the command's usage, exit code 2, nothing done.
 */
import { main } from "../../src/cli/main";
import { COMMANDS } from "../../src/cli/commands";

/** Commands whose options follow a step. */
const STEP: Record<string, string[]> = { updates: ["request"] };

describe("an unknown option", () => {
  it.each(COMMANDS.map((c) => c.name))("%s --no-such-option: usage and exit code 2", async (name) => {
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
    expect(text.startsWith(`inspection-tracker ${name}: Unknown option '--no-such-option'`)).toBe(true);
    expect(text.endsWith(`\n\n${command.usage}`)).toBe(true);
  });
});
