/*
 * Loads schemas/config.schema.json, the one source of truth for the config shape (editors use the
 * same file for completion). Resolved relative to this module, so it works from src/ and dist/.
 */

import { readFileSync } from "node:fs";
import { packagePath } from "../meta/package.js";

/** configSchema is the parsed JSON Schema of .vpcgate.yml / .vpcgate.json. */
export const configSchema: Readonly<Record<string, unknown>> = JSON.parse(
  readFileSync(packagePath("schemas", "config.schema.json"), "utf8"),
) as Record<string, unknown>;
