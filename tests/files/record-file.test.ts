/**
 * The command line and the pane read a record file the same way (domain/files/record): the
 * same text from the same file, and the same words for each refusal.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readRecordFile as readOnCommandLine } from "../../src/cli/commands/build";
import { readRecordFile as readInPane } from "../../src/taskpane/sections/import/readFile";

const TMP = join(__dirname, "..", ".tmp", "record-file");
const EXAMPLES = join(__dirname, "..", "..", "examples");
beforeAll(() => mkdirSync(TMP, { recursive: true }));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** A file the analyst picks, as the browser gives it. */
function picked(name: string, bytes: Uint8Array) {
  return {
    name,
    size: bytes.length,
    arrayBuffer: async () =>
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
}

async function both(name: string, bytes: Uint8Array) {
  const path = join(TMP, name);
  writeFileSync(path, bytes);
  const settle = (p: Promise<{ text: string; format: string }>) =>
    p.then(
      (r) => ({ text: r.text, format: r.format }),
      (e: Error) => ({ error: e.message })
    );
  return {
    cli: await settle(readOnCommandLine(path)),
    pane: await settle(readInPane(picked(name, bytes))),
  };
}

describe("a record file, read on the command line and in the pane", () => {
  it.each(["wessex-peel-2022.docx", "wessex-custody-spotlight.html", "wessex-peel-2025.txt"])(
    "%s gives the same text",
    async (name) => {
      const { cli, pane } = await both(name, readFileSync(join(EXAMPLES, name)));
      expect("text" in cli && cli.text.length).toBeGreaterThan(100);
      expect(pane).toEqual(cli);
    }
  );

  it.each([
    ["report.pdf", Buffer.from("%PDF-1.7"), /report\.pdf: \.pdf files cannot be read as a response record/],
    ["notes.docx", Buffer.from("not a zip at all"), /notes\.docx is not a Word document that can be opened/],
    ["odd.txt", Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8]), /odd\.txt: read as UTF-16 .* Nothing was read\.$/],
  ])("%s is refused with the same message", async (name, bytes, message) => {
    const { cli, pane } = await both(name, bytes);
    expect(cli).toEqual({ error: expect.stringMatching(message) });
    expect(pane).toEqual(cli);
  });
});
