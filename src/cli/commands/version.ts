/*
 * `vpcgate version`: prints the tool version and the OPA Wasm ABI version it emits.
 */

import type { Command } from "../command.js";
import { VERSION } from "../command.js";

/** versionCommand prints version information. */
export const versionCommand: Command = {
  command: "version",
  describe: "print version information",
  builder: (y) => y.example("vpcgate version", "print the version"),
  handler: async (_args, io) => {
    io.stdout(`vpcgate ${VERSION} (OPA Wasm ABI 1.2)\n`);
    return 0;
  },
};
