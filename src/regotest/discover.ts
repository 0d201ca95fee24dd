/*
 * Test discovery, following `opa test`: every rule whose head reference has a ground segment
 * starting with `test_` is a test (`todo_test_` is a skipped test); functions and default rules
 * are not. A test name defined more than once is one test per definition: later definitions are
 * renamed in the source text (`test_x` → `test_x__dupNN`) and reported as `test_x#NN` like OPA.
 * Input: Rego sources. Output: TestCase[] (file order) and the sources to compile.
 */

import { SourceFile } from "../diagnostics/source.js";
import type { Rule, Term } from "../rego/ast.js";
import { parseModule } from "../rego/parser.js";
import type { RegoSource } from "../bundle/loader.js";

/** TEST_PREFIX and SKIP_PREFIX are OPA's test rule name prefixes. */
export const TEST_PREFIX = "test_";
export const SKIP_PREFIX = "todo_test_";

/** TestLocation is where a test rule's head starts (1-based). */
export interface TestLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** TestCase is one test rule definition. */
export interface TestCase {
  /** pkg is the package path, e.g. `data.vpcgate.iam`. */
  readonly pkg: string;
  /** name is the rule reference below the package, e.g. `test_x`, `test_x#01` or `a.test_y`. */
  readonly name: string;
  /** fullName is `pkg.name`, the string `--run` matches. */
  readonly fullName: string;
  /** entrypoint is the compiled entrypoint path, e.g. `vpcgate/iam/test_x`. */
  readonly entrypoint: string;
  /** skip is true for `todo_test_` rules. */
  readonly skip: boolean;
  /** partialObject is true when the head continues past the test name (`test_x[k] if ...`): sub-results. */
  readonly partialObject: boolean;
  readonly location: TestLocation;
}

/** Discovered is the tests and the (possibly renamed) sources that define them. */
export interface Discovered {
  readonly tests: TestCase[];
  readonly sources: RegoSource[];
}

interface Rename {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** discoverTests finds test rules; sources that do not parse are passed through (the compiler reports them). */
export function discoverTests(sources: readonly RegoSource[]): Discovered {
  const tests: TestCase[] = [];
  const out: RegoSource[] = [];
  const seen = new Map<string, number>();
  for (const src of sources) {
    const file = new SourceFile(src.path, src.text);
    const parsed = parseModule(file);
    const mod = parsed.module;
    if (mod === undefined) {
      out.push(src);
      continue;
    }
    const renames: Rename[] = [];
    const pkgPath = mod.package.path;
    for (const rule of mod.rules) {
      const found = testSegment(rule);
      if (found === undefined) continue;
      const { segs, nameTerm, tail } = found;
      const key = [...pkgPath, ...segs].join("\u0000");
      const count = seen.get(key) ?? 0;
      seen.set(key, count + 1);
      let shown = segs;
      let compiled = segs;
      if (count > 0) {
        // OPA runs each definition as its own test; only a bare name can be renamed in place.
        if (nameTerm.kind !== "Var") continue;
        const suffix = String(count).padStart(2, "0");
        const last = segs[segs.length - 1] ?? "";
        shown = [...segs.slice(0, -1), `${last}#${suffix}`];
        compiled = [...segs.slice(0, -1), `${last}__dup${suffix}`];
        renames.push({ start: nameTerm.span.start, end: nameTerm.span.end, text: `${last}__dup${suffix}` });
      }
      const pos = file.positionAt(rule.span.start);
      const pkg = refString(["data", ...pkgPath]);
      const name = refString(shown);
      tests.push({
        pkg,
        name,
        fullName: `${pkg}.${name}`,
        entrypoint: [...pkgPath, ...compiled].join("/"),
        skip: (segs[segs.length - 1] ?? "").startsWith(SKIP_PREFIX),
        partialObject: tail && !rule.head.contains,
        location: { file: src.path, line: pos.line, column: pos.column },
      });
    }
    out.push(renames.length === 0 ? src : { path: src.path, text: applyRenames(src.text, renames) });
  }
  return { tests, sources: out };
}

interface Found {
  /** segs is the head reference up to and including the test name. */
  readonly segs: string[];
  readonly nameTerm: Term;
  /** tail is true when the head reference goes on after the test name. */
  readonly tail: boolean;
}

/** testSegment finds the first ground head segment with a test prefix (OPA's ruleName). */
function testSegment(rule: Rule): Found | undefined {
  if (rule.default || rule.head.args !== undefined) return undefined;
  const ref = rule.head.ref;
  const terms: Term[] = [ref.head, ...ref.path];
  const segs: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as Term;
    let n: string;
    if (t.kind === "Var" && i === 0) n = t.name;
    else if (t.kind === "String") n = t.value;
    else return undefined; // the ground prefix ends here
    segs.push(n);
    if (n.startsWith(TEST_PREFIX) || n.startsWith(SKIP_PREFIX)) {
      return { segs, nameTerm: t, tail: i < terms.length - 1 };
    }
  }
  return undefined;
}

function applyRenames(text: string, renames: readonly Rename[]): string {
  let out = text;
  for (const r of [...renames].sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** refString renders a reference like OPA: `data.a.b`, `data.a["b-c"]`. */
export function refString(segs: readonly string[]): string {
  let out = "";
  for (const [i, s] of segs.entries()) {
    if (i === 0) out = s;
    else if (IDENT.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
