/*
 * Stands in for the `string-width` package inside dist/bin (scripts/bundle/build.mjs aliases every
 * import of it here). yargs measures every cell of its help table with string-width, whose module
 * builds Unicode-property regexes and an Intl.Segmenter when it loads (~40 ms at every start, help
 * or not). In ASCII, which is all of vpcgate's help text (test/cli/help-text.test.ts), every
 * printable character is one column and tab, newline and CR are none, as string-width counts them;
 * anything else goes to the real package, loaded on first use.
 * Input: a string and string-width's options. Output: its width in terminal columns.
 */

const PLAIN_ASCII = /^[\x20-\x7e\t\n\r]*$/;
const ZERO_WIDTH = /[\t\n\r]/g;
let real;

export default function stringWidth(string, options) {
  if (typeof string !== "string" || string.length === 0) return 0;
  if (PLAIN_ASCII.test(string)) return string.length - (string.match(ZERO_WIDTH)?.length ?? 0);
  real ??= require("string-width").default; // bundled and initialised lazily by esbuild
  return real(string, options);
}
