/**
 * `inspection-tracker demo`: Build the example workbook. (Not implemented yet.)
 */
import { TrackerError } from "../../domain/errors";
import type { Command } from "../io";

export const demoCommand: Command = {
  name: "demo",
  summary: "Build the example workbook (not yet available)",
  usage: "Usage: inspection-tracker demo",
  run: async () => {
    throw new TrackerError("unsupported", "This command is not available yet.");
  },
};
