/**
 * `inspection-tracker parse FILE [--json]`: print an inspection response record as parsed.
 */
import { formatUk, parseIso } from "../../domain/dates";
import { encodingNote } from "../../domain/files/encoding";
import { kindLabel } from "../../domain/record/items";
import { parseRecord, recordJson } from "../../domain/record/parse";
import { suggestThemes } from "../../domain/record/themes";
import { oneFile, parseArguments, type Command } from "../io";
import { readRecordFile } from "./build";

const USAGE = `Usage: inspection-tracker parse FILE [--json]

Read an inspection response record (.txt, .html or .docx) and print its details, its items (each
with who it is addressed to and the assurance area suggested for it), the commissioner's
assurance areas (themes) and any warnings. FILE is not changed.

Options:
  --json       Print exactly one JSON document on stdout:
               {"inspection": {...}, "items": [{"kind", "number", "text", "addressedTo",
               "theme", "themeScore", "themeWords", "warnings"}], "themes": [...],
               "warnings": [...]}. "theme" is the suggested area's name, or null when no
               area scores 1.5 or more (or two tie); "themeScore" is the best area's score;
               "themeWords" are the item's words behind it.
  -h, --help   This text`;

export const parseCommand: Command = {
  name: "parse",
  summary: "Parse an inspection response record and print what it holds",
  usage: USAGE,
  run: async (args, io) => {
    const parsed = parseArguments({
      args,
      allowPositionals: true,
      options: { json: { type: "boolean", default: false } },
    });
    const source = await readRecordFile(
      oneFile(parsed.positionals, "Give the record file to parse.")
    );
    const note = source.decoded ? encodingNote(source.name, source.decoded) : null;
    if (note) (parsed.values.json ? io.err : io.out)(note);
    const record = parseRecord(source.text, { format: source.format });
    if (parsed.values.json) {
      io.out(JSON.stringify(recordJson(record), null, 2));
      return 0;
    }
    const i = record.inspection;
    const suggested = suggestThemes(
      record.items.map((it) => it.text),
      record.areas
    );
    const published = i.published ? parseIso(i.published) : null;
    const lines = [
      `Title:         ${i.title ?? "(none)"}`,
      `Force:         ${i.force ?? "(none)"}`,
      `Commissioner:  ${i.pcc ?? "(none)"}`,
      `Chief constable: ${i.chiefConstable ?? "(none)"}`,
      `Inspectorate:  ${i.inspectorate ?? "(none)"}`,
      `Published:     ${published ? formatUk(published) : (i.publishedAsWritten ?? "(none)")}`,
      `Grade:         ${i.grade ?? "(none)"}`,
      "",
      `Items (${record.items.length}):`,
      ...record.items.flatMap((it, k) => {
        const s = suggested[k];
        const area = s.theme
          ? `    area: ${s.theme} (score ${s.score.toFixed(1)}: ${s.matched.map((m) => m.word).join(", ")})`
          : record.areas.length > 0
            ? `    area: none. ${s.reason ?? ""}`.trimEnd()
            : null;
        const line = `  ${kindLabel(it.kind)} ${it.number} [${it.addressedTo}]: ${it.text}`;
        return area ? [line, area] : [line];
      }),
      "",
      `Themes (${record.themes.length}):`,
      ...record.themes.map((t, n) => `  ${n + 1}. ${t}`),
    ];
    if (record.warnings.length > 0)
      lines.push("", "Warnings:", ...record.warnings.map((w) => `  ${w.message}`));
    io.out(lines.join("\n"));
    return 0;
  },
};
