// UTF-8 decoding for the builtins, with Go's utf8.DecodeRune validity rules (no overlongs, no
// surrogates, nothing above U+10FFFF). Two entry points over one rule set: utf8Strict tells valid
// from invalid sequences (json.marshal's escaping, sprintf's %q and verbs); utf8Lenient reads
// every invalid byte as U+FFFD of width 1, like Go's range over a string (the regex parser and
// VM, glob.match, regex.globs_match, lower/upper and the trims). Input: bytes. Output: the
// sequence width and the rune.

let decoded: u32 = 0;

/** decodedRune is the rune of the last successful utf8Strict call. */
export function decodedRune(): u32 {
  return decoded;
}

/** utf8Strict returns the width (1..4) of the valid UTF-8 sequence at p, or 0 when it is invalid. */
export function utf8Strict(p: usize, avail: usize): usize {
  const b0 = <u32>load<u8>(p);
  if (b0 < 0x80) {
    decoded = b0;
    return 1;
  }
  let n: usize = 0;
  let cp: u32 = 0;
  let min: u32 = 0;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    n = 2;
    cp = b0 & 0x1f;
    min = 0x80;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 3;
    cp = b0 & 0x0f;
    min = 0x800;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else return 0;
  if (n > avail) return 0;
  for (let k: usize = 1; k < n; k++) {
    const c = <u32>load<u8>(p + k);
    if ((c & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  decoded = cp;
  return n;
}

/** runeWidth is the byte width of the rune the last utf8Lenient call read (1 for an invalid byte). */
export let runeWidth: i32 = 0;

/** utf8Lenient returns the rune at p (avail >= 1 bytes left), or U+FFFD (width 1) for an invalid byte; the width is in runeWidth. */
export function utf8Lenient(p: usize, avail: usize): i32 {
  const b0 = <i32>load<u8>(p);
  runeWidth = 1;
  if (b0 < 0x80) return b0;
  const n = utf8Strict(p, avail);
  if (n == 0) return 0xfffd;
  runeWidth = <i32>n;
  return <i32>decoded;
}
