/**
 * `inspection-tracker summary`: Build the commissioner's summary sheet. (Not implemented yet.)
 */
import { TrackerError } from "../../domain/errors";
import type { Command } from "../io";

export const summaryCommand: Command = {
  name: "summary",
  summary: "Build the commissioner's summary sheet (not yet available)",
  usage: "Usage: inspection-tracker summary",
  run: async () => {
    throw new TrackerError("unsupported", "This command is not available yet.");
  },
};
