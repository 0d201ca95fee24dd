/*
 * The command registry: every sub-command, in --help order. One line per command.
 */

import type { Command } from "../command.js";
import { checkCommand } from "./check.js";
import { explainCommand } from "./explain.js";
import { versionCommand } from "./version.js";
import { buildCommand } from "./build.js";
import { inspectCommand } from "./inspect.js";
import { simulateCommand } from "./simulate.js";
import { testCommand } from "./test.js";

/** commands lists every registered sub-command. */
export const commands: readonly Command[] = [
  checkCommand,
  explainCommand,
  versionCommand,
  buildCommand,
  inspectCommand,
  simulateCommand,
  testCommand,
];
