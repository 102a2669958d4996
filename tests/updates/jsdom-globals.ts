/**
 * What a browser has and jsdom lacks, for pane tests that run the xlsx code in memory: the text
 * encoders (every browser has them; the pane's update round uses them through excelts).
 */
import { TextDecoder, TextEncoder } from "node:util";

const g = globalThis as unknown as Record<string, unknown>;
if (!g.TextEncoder) g.TextEncoder = TextEncoder;
if (!g.TextDecoder) g.TextDecoder = TextDecoder;
if (!g.structuredClone) {
  const v8 = require("node:v8") as typeof import("node:v8");
  g.structuredClone = (value: unknown) => v8.deserialize(v8.serialize(value));
}
