/**
 * `inspection-tracker init`: Create an empty tracker workbook. (Not implemented yet.)
 */
import { TrackerError } from "../../domain/errors";
import type { Command } from "../io";

export const initCommand: Command = {
  name: "init",
  summary: "Create an empty tracker workbook (not yet available)",
  usage: "Usage: inspection-tracker init",
  run: async () => {
    throw new TrackerError("unsupported", "This command is not available yet.");
  },
};
