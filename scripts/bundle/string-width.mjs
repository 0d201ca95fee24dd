/*
 * Stands in for the `string-width` package inside dist/bin (scripts/bundle/build.mjs aliases every
 * import of it here). yargs measures every cell of its help table with string-width, whose module
 * builds Unicode-property regexes and an Intl.Segmenter when it loads (~40 ms at every start, help
 * or not). Printable ASCII, which is all of vpcgate's help text, has one column per character;
 * anything else goes to the real package, loaded on first use.
 * Input: a string and string-width's options. Output: its width in terminal columns.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
let real;

export default function stringWidth(string, options) {
  if (typeof string !== "string" || string.length === 0) return 0;
  if (PRINTABLE_ASCII.test(string)) return string.length;
  real ??= require("string-width").default; // bundled and initialised lazily by esbuild
  return real(string, options);
}
