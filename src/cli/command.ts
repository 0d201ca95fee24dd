/*
 * The shape of a sub-command and the tool version. Command modules import only this file
 * (never cli.ts), so the registry has no import cycle.
 */

import type { Argv } from "yargs";
import type { ExitCode, Io } from "./io.js";

export { VERSION } from "../meta/package.js";

/** Command is one sub-command: yargs wiring plus a handler that returns an exit code. */
export interface Command {
  /** command is the yargs command string, e.g. "check <paths..>". */
  readonly command: string;
  readonly describe: string;
  /** builder declares options and examples. */
  builder(y: Argv): Argv;
  /** handler runs the command with parsed arguments; user errors are thrown as DiagnosticError. */
  handler(args: Record<string, unknown>, io: Io): Promise<ExitCode>;
}
