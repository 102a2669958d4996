/**
 * `inspection-tracker adopt`: Adopt an existing tracker sheet (.csv or .xlsx). (Not implemented yet.)
 */
import { TrackerError } from "../../domain/errors";
import type { Command } from "../io";

export const adoptCommand: Command = {
  name: "adopt",
  summary: "Adopt an existing tracker sheet (.csv or .xlsx) (not yet available)",
  usage: "Usage: inspection-tracker adopt",
  run: async () => {
    throw new TrackerError("unsupported", "This command is not available yet.");
  },
};
