/**
 * `inspection-tracker check`: Check a tracker's rows. (Not implemented yet.)
 */
import { TrackerError } from "../../domain/errors";
import type { Command } from "../io";

export const checkCommand: Command = {
  name: "check",
  summary: "Check a tracker's rows (not yet available)",
  usage: "Usage: inspection-tracker check",
  run: async () => {
    throw new TrackerError("unsupported", "This command is not available yet.");
  },
};
