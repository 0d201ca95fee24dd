/*
 * The I/O boundary of the CLI. Commands read and write only through an Io, so tests inject
 * fakes and only main.ts touches `process`.
 */

/** Io is everything a command may use from the outside world. */
export interface Io {
  /** stdout writes text to standard output. */
  stdout(text: string): void;
  /** stderr writes text to standard error. */
  stderr(text: string): void;
  /** readStdin reads all of standard input as bytes. */
  readStdin(): Promise<Uint8Array>;
  /** cwd is the working directory that relative paths resolve against. */
  readonly cwd: string;
  /** env is the environment (NO_COLOR, FORCE_COLOR, GITHUB_STEP_SUMMARY, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** isTTY reports whether stdout is a terminal (colour decisions). */
  readonly isTTY: boolean;
  /** now returns the current time (waiver expiry, time.now_ns); fixed in tests. */
  now(): Date;
}

/** ExitCode is vpcgate's documented exit status: 0 pass, 1 deny/unknown, 2 error. */
export type ExitCode = 0 | 1 | 2;

/** bufferIo returns an Io that records output in memory, for tests. */
export function bufferIo(opts: { cwd: string; env?: Record<string, string>; stdin?: string; now?: Date; isTTY?: boolean }): Io & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout(text: string) { io.out += text; },
    stderr(text: string) { io.err += text; },
    readStdin: async () => new TextEncoder().encode(opts.stdin ?? ""),
    cwd: opts.cwd,
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    now: () => opts.now ?? new Date("2026-01-01T00:00:00Z"),
  };
  return io;
}
