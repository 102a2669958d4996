/**
 * `inspection-tracker build`: Build a tracker from response records. (Not implemented yet.)
 */
import { TrackerError } from "../../domain/errors";
import type { Command } from "../io";

export const buildCommand: Command = {
  name: "build",
  summary: "Build a tracker from response records (not yet available)",
  usage: "Usage: inspection-tracker build",
  run: async () => {
    throw new TrackerError("unsupported", "This command is not available yet.");
  },
};
