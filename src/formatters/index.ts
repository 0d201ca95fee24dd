/*
 * The formatter registry: format name → pure `format(report, options)` function. The CLI takes
 * the --format choices from FORMAT_NAMES. A new format is one module plus one line here.
 */

import type { Formatter } from "./format-options.js";
import { format as github } from "./github.js";
import { format as json } from "./json.js";
import { format as junit } from "./junit.js";
import { format as markdown } from "./markdown.js";
import { format as sarif } from "./sarif.js";
import { format as text } from "./text.js";

/** formatters maps every --format name to its formatter. */
export const formatters = { text, json, sarif, junit, github, markdown } as const satisfies Record<string, Formatter>;

/** FormatName is a valid --format value. */
export type FormatName = keyof typeof formatters;

/** FORMAT_NAMES lists the formats in --help order. */
export const FORMAT_NAMES = Object.keys(formatters) as FormatName[];

/** isFormatName narrows a string to a FormatName. */
export function isFormatName(s: string): s is FormatName {
  return Object.prototype.hasOwnProperty.call(formatters, s);
}
