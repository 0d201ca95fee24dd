/*
 * The command registry: every sub-command, in --help order. One line per command.
 */

import type { Command } from "../command.js";
import { checkCommand } from "./check.js";
import { versionCommand } from "./version.js";
import { inspectCommand } from "./inspect.js";

/** commands lists every registered sub-command. */
export const commands: readonly Command[] = [
  checkCommand,
  versionCommand,
  inspectCommand,
];
