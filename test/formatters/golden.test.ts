// Golden tests: every formatter on the same fixture set (testdata/golden/fixtures), in both
// --unknown modes; UPDATE_GOLDEN=1 rewrites testdata/golden/formatters/*.
import t from "tap";
import type { UnknownMode } from "../../src/engine/report.js";
import { formatters, FORMAT_NAMES } from "../../src/formatters/index.js";
import { expectGolden } from "../helpers/golden.js";
import { fixtureReport } from "../helpers/fixture-backends.js";

const EXT = { text: "txt", json: "json", sarif: "sarif", junit: "xml", github: "github", markdown: "md" } as const;

t.test("formatters: golden output on the shared fixtures", async (t) => {
  const report = await fixtureReport();
  for (const mode of ["fail", "warn"] as UnknownMode[]) {
    for (const name of FORMAT_NAMES) {
      const out = formatters[name](report, { color: false, unknown: mode });
      expectGolden(t, `testdata/golden/formatters/fixture.unknown-${mode}.${EXT[name]}`, out);
    }
  }
  expectGolden(t, "testdata/golden/formatters/fixture.color.txt", formatters.text(report, { color: true, unknown: "fail" }));
});

t.test("formatters: output is independent of input order", async (t) => {
  const a = await fixtureReport(["infra", "app.plan.json"]);
  const b = await fixtureReport(["app.plan.json", "infra"]);
  for (const name of FORMAT_NAMES) {
    t.equal(formatters[name](a, { color: false, unknown: "fail" }), formatters[name](b, { color: false, unknown: "fail" }), name);
  }
});
