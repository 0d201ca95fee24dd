#!/usr/bin/env node
/*
 * The vpcgate binary. The only module that touches `process`: it builds the real Io, calls
 * run(argv, io) and sets the exit code. For `check` it first starts the policy evaluator's worker
 * (engine/iam.ts prewarmIam) and only then loads the CLI, so the worker's start-up (a second
 * isolate, the OPA SDK, compiling the IAM module) overlaps with loading yargs and the commands.
 */

import { discardPrewarmedIam, prewarmIam } from "../engine/iam.js";
import type { Io } from "./io.js";

// Fail closed: until run() settles the exit code is 2, so a process that ends early (an event
// loop drained while something still awaited) can never look like a passing check.
process.exitCode = 2;
let settled = false;
process.on("exit", () => {
  if (!settled) process.stderr.write("vpcgate: internal_error: the run ended before it finished; no verdict\n");
});

const argv = process.argv.slice(2);
if (argv[0] === "check") prewarmIam();
const { run } = await import("./cli.js");

const io: Io = {
  stdout: (t) => { process.stdout.write(t); },
  stderr: (t) => { process.stderr.write(t); },
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  },
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  now: () => new Date(),
};

run(argv, io).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`vpcgate: internal_error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
).finally(() => {
  settled = true;
  void discardPrewarmedIam();
});
