// Host imports for diagnostics (opa_abort, opa_println) and the runtime's abort helpers.
// Input: ASCII AssemblyScript string literals or NUL-terminated C strings in linear memory.
// Output: calls into the host; abort helpers never return. The AssemblyScript `abort` hook
// (--use abort=...) is routed here so that no `env.abort` import is ever emitted.

@external("env", "opa_abort")
export declare function opa_abort(addr: usize): void;

@external("env", "opa_println")
export declare function opa_println(addr: usize): void;

// Static scratch for abort texts: an abort may happen while the heap is exhausted.
const ABORT_BUF: usize = memory.data(512, 8);
const ABORT_CAP: usize = 511;

let abortLen: usize = 0;

function bufPutByte(b: u8): void {
  if (abortLen < ABORT_CAP) {
    store<u8>(ABORT_BUF + abortLen, b);
    abortLen++;
  }
}

/** Appends an AssemblyScript string literal (UTF-16, ASCII content) to the abort buffer. */
function bufPutLit(s: string): void {
  const p = changetype<usize>(s);
  const n = load<u32>(p - 4) >> 1;
  for (let i: u32 = 0; i < n; i++) {
    const c = load<u16>(p + (<usize>i << 1));
    bufPutByte(c < 0x80 ? <u8>c : 0x3f);
  }
}

/** Appends a NUL-terminated C string, replacing non-ASCII bytes with '?'. */
function bufPutCstr(p: usize): void {
  if (p == 0) return;
  while (true) {
    const c = load<u8>(p);
    if (c == 0) break;
    bufPutByte(c < 0x80 ? c : 0x3f);
    p++;
  }
}

function bufPutInt(v: i32): void {
  if (v < 0) {
    bufPutByte(0x2d);
    v = -v;
  }
  const tmp = memory.data(16);
  let n = 0;
  do {
    store<u8>(tmp + n, <u8>(0x30 + (<u32>v % 10)));
    v = <i32>(<u32>v / 10);
    n++;
  } while (v != 0);
  while (n > 0) {
    n--;
    bufPutByte(load<u8>(tmp + n));
  }
}

function bufFlushAbort(): void {
  store<u8>(ABORT_BUF + abortLen, 0);
  opa_abort(ABORT_BUF);
  unreachable();
}

/** Aborts evaluation with an ASCII message given as a string literal. */
export function abortWith(msg: string): void {
  abortLen = 0;
  bufPutLit(msg);
  bufFlushAbort();
}

/** `file:row:col: msg` through opa_abort (OPA's opa_runtime_error). */
export function runtimeError(file: usize, row: i32, col: i32, msg: usize): void {
  abortLen = 0;
  bufPutCstr(file);
  bufPutByte(0x3a);
  bufPutInt(row);
  bufPutByte(0x3a);
  bufPutInt(col);
  bufPutByte(0x3a);
  bufPutByte(0x20);
  bufPutCstr(msg);
  bufFlushAbort();
}

/** Target of `--use abort=...`: AssemblyScript's own aborts (should not happen with --noAssert). */
export function asAbort(message: string | null = null, fileName: string | null = null, line: u32 = 0, column: u32 = 0): void {
  abortLen = 0;
  bufPutLit("internal: runtime abort");
  if (message !== null) {
    bufPutLit(": ");
    bufPutLit(message);
  }
  bufFlushAbort();
}
