/**
 * Every command, in the order --help lists them. Each lives in its own file.
 */
import type { Command } from "../io";
import { initCommand } from "./init";
import { parseCommand } from "./parse";
import { buildCommand } from "./build";
import { adoptCommand } from "./adopt";
import { checkCommand } from "./check";
import { summaryCommand } from "./summary";
import { recordCommand } from "./record";
import { updatesCommand } from "./updates";
import { demoCommand } from "./demo";

export const COMMANDS: Command[] = [
  initCommand,
  parseCommand,
  buildCommand,
  adoptCommand,
  checkCommand,
  recordCommand,
  summaryCommand,
  updatesCommand,
  demoCommand,
];
