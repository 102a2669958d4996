/**
 * `inspection-tracker parse`: Parse an inspection response record. (Not implemented yet.)
 */
import { TrackerError } from "../../domain/errors";
import type { Command } from "../io";

export const parseCommand: Command = {
  name: "parse",
  summary: "Parse an inspection response record (not yet available)",
  usage: "Usage: inspection-tracker parse",
  run: async () => {
    throw new TrackerError("unsupported", "This command is not available yet.");
  },
};
