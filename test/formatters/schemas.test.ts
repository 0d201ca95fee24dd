// Schema validation: SARIF output against the official SARIF 2.1.0 schema (shipped by
// @microsoft/jest-sarif), JSON report against schemas/report.schema.json, using ajv.
import t from "tap";
import Ajv from "ajv";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { toSarif } from "../../src/formatters/sarif.js";
import { toJsonReport } from "../../src/formatters/json.js";
import { repoRoot } from "../helpers/golden.js";
import { fixtureReport } from "../helpers/fixture-backends.js";

const require = createRequire(import.meta.url);

function sarifValidator() {
  const ajv = new Ajv({ schemaId: "auto", allErrors: true, format: "full" });
  ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json"));
  const schema = JSON.parse(readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
  return ajv.compile(schema);
}

t.test("sarif: output validates against the official SARIF 2.1.0 schema", async (t) => {
  const validate = sarifValidator();
  const report = await fixtureReport();
  for (const unknown of ["fail", "warn"] as const) {
    const ok = validate(toSarif(report, { color: false, unknown }));
    t.ok(ok, `valid (${unknown}): ${JSON.stringify(validate.errors ?? [], null, 1).slice(0, 2000)}`);
  }
  const empty = { ...report, results: [], inputs: [], summary: { deny: 0, allow: 0, unknown: 0, waived: 0 } };
  t.ok(validate(toSarif(empty, { color: false, unknown: "fail" })), "empty run is valid");
});

t.test("sarif: the validator rejects a broken log (the check has teeth)", async (t) => {
  const validate = sarifValidator();
  const bad = toSarif(await fixtureReport(), { color: false, unknown: "fail" }) as { runs: { results: { level: string }[] }[] };
  const first = bad.runs[0]?.results[0];
  if (first) first.level = "fatal";
  t.notOk(validate(bad));
});

t.test("sarif: locations point at .tf files when known, the input otherwise", async (t) => {
  const log = toSarif(await fixtureReport(), { color: false, unknown: "fail" }) as {
    runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; message: { text: string } }[] }[];
  };
  const uris = log.runs[0]?.results.map((r) => `${r.locations[0]?.physicalLocation.artifactLocation.uri}:${r.locations[0]?.physicalLocation.region.startLine}`);
  t.ok(uris?.includes("infra/main.tf:3"), "no_vpc at its resource block");
  t.ok(uris?.includes("app.plan.json:1"), "unknown location falls back to the plan");
});

t.test("json: report validates against schemas/report.schema.json", async (t) => {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(JSON.parse(readFileSync(resolve(repoRoot, "schemas/report.schema.json"), "utf8")));
  const ok = validate(toJsonReport(await fixtureReport()));
  t.ok(ok, JSON.stringify(validate.errors ?? []));
});

t.test("config schema: is itself valid draft-07 for editors", async (t) => {
  const ajv = new Ajv({ allErrors: true });
  t.ok(ajv.validateSchema(JSON.parse(readFileSync(resolve(repoRoot, "schemas/config.schema.json"), "utf8"))), JSON.stringify(ajv.errors ?? []));
});
