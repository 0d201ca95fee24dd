/*
 * CLI wiring: run(argv, io) → exit code. Builds yargs, registers every command explicitly
 * (one line each), and turns usage errors into exit code 2 without ever exiting the process.
 */

import yargs from "yargs";
import type { Argv } from "yargs";
import type { ExitCode, Io } from "./io.js";
import { DiagnosticError, renderDiagnostics } from "../diagnostics/diagnostic.js";
import { commands } from "./commands/index.js";
import { VERSION } from "./command.js";
import type { Command } from "./command.js";


/** STDIN_ARG stands for "-" while yargs parses. */
const STDIN_ARG = "\u0000stdin";

/** UsageStop aborts parsing after a usage error was recorded. */
class UsageStop extends Error {}

/** restoreStdin turns the sentinel back into "-" in every string or string-array argument. */
function restoreStdin(a: Record<string, unknown>): Record<string, unknown> {
  const fix = (v: unknown): unknown => (v === STDIN_ARG ? "-" : Array.isArray(v) ? v.map(fix) : v);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) out[k] = fix(v);
  return out;
}

/** RunOptions lets tests and embedders replace the registered commands. */
export interface RunOptions {
  readonly commands?: readonly Command[];
}

/** run parses argv, dispatches to a command and resolves to the exit code. */
export async function run(argv: readonly string[], io: Io, options: RunOptions = {}): Promise<ExitCode> {
  let code: ExitCode | undefined;
  let pending: Promise<ExitCode> | undefined;
  let usage: string | undefined;
  // yargs-parser swallows a lone "-" (the stdin path), so it travels as a sentinel.
  const args = argv.map((a) => (a === "-" ? STDIN_ARG : a));
  // yargs renders (and caches) the full help after every command handler; column wrapping is most
  // of that cost (~45 ms at start-up), so it is on only when help is what the user asked for.
  const wantsHelp = args.some((a) => a === "--help" || a === "help");
  let y = yargs([...args])
    .scriptName("vpcgate")
    .exitProcess(false)
    .strict()
    .version(VERSION)
    .help()
    .recommendCommands()
    .demandCommand(1, "a command is required")
    .completion("completion", "print a shell completion script")
    .epilogue("Exit codes: 0 every function allowed; 1 a deny (or an unknown, unless --unknown=warn); 2 usage, input, policy or internal error.")
    .fail((msg, err) => {
      usage = msg ?? (err instanceof Error ? err.message : String(err));
      // Throwing stops yargs from running the command handler after a validation failure.
      throw new UsageStop();
    });
  if (!wantsHelp) y = y.wrap(null);
  for (const c of options.commands ?? commands) {
    y = y.command({
      command: c.command,
      describe: c.describe,
      builder: (b: Argv) => c.builder(b),
      handler: (parsed) => {
        if (usage === undefined) pending = c.handler(restoreStdin(parsed as Record<string, unknown>), io);
      },
    });
  }
  let out = "";
  try {
    await y.parseAsync([...args], {}, (_err, _argv, output) => { out = output; });
  } catch (e) {
    if (usage === undefined) usage = e instanceof Error ? e.message : String(e);
  }
  if (out) io.stdout(out.endsWith("\n") ? out : out + "\n");
  if (usage !== undefined) {
    io.stderr(`vpcgate: usage_error: ${usage}\nRun 'vpcgate --help' for usage.\n`);
    return 2;
  }
  if (pending === undefined) return 0; // --help, --version, completion
  try {
    code = await pending;
  } catch (e) {
    if (e instanceof DiagnosticError) {
      io.stderr(renderDiagnostics(e.diagnostics) + "\n");
      return 2;
    }
    const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.stderr(`vpcgate: internal_error: ${msg.split("\n")[0]}\n`);
    return 2;
  }
  return code;
}
