#!/usr/bin/env node
/*
 * The vpcgate binary. The only module that touches `process`: it builds the real Io, calls
 * run(argv, io) and sets the exit code.
 */

import { run } from "./cli.js";
import type { Io } from "./io.js";

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

run(process.argv.slice(2), io).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    process.stderr.write(`vpcgate: internal_error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
