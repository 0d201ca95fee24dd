/*
 * General ref heads (`p[q].r := v`, `p[q] contains x`): every rule at or below such a rule's
 * ground prefix (`data.pkg.p`) joins one partial-object rule set at that prefix, each rule keeping
 * the key terms below the prefix as its keyPath (static segments become string keys); a default
 * below the prefix becomes a defaultLeaf rule, and `else` chains stay on their (static) rule.
 * Input: normalised drafts. Output: the drafts with those rules regrouped, plus conflict diagnostics.
 */

import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticAt } from "../diagnostics/diagnostic.js";
import type { Body, Module, Rule, Term } from "./ast.js";
import type { RuleKind } from "./program.js";

/** Draft is a normalised rule before resolution: what check.ts builds and this regrouping reads and writes. */
export interface Draft {
  readonly kind: RuleKind;
  readonly path: string[];
  readonly rule: Rule;
  readonly module: Module;
  readonly body: Body;
  readonly key?: Term;
  readonly isDefault: boolean;
  /** keyPath/setLeaf/element: general-ref form; element replaces the head value. */
  readonly keyPath?: Term[];
  readonly setLeaf?: boolean;
  readonly element?: Term;
  readonly defaultLeaf?: boolean;
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  return a.length <= b.length && a.every((s, i) => b[i] === s);
}

/** groupGeneralRefs moves every rule at or below a general-ref prefix into that prefix's rule set. */
export function groupGeneralRefs(drafts: readonly Draft[], diagnostics: Diagnostic[]): Draft[] {
  const prefixes: string[][] = [];
  for (const d of drafts) if (d.keyPath !== undefined) prefixes.push(d.path);
  // A partial object with rules below its path (`p.q[s] := 2` beside `p.q.r := 1`) groups them too.
  for (const d of drafts) {
    if (d.kind === "partial-object" && d.keyPath === undefined && drafts.some((o) => o.path.length > d.path.length && isPrefix(d.path, o.path))) prefixes.push(d.path);
  }
  if (prefixes.length === 0) return [...drafts];
  const out: Draft[] = [];
  const defaults = new Set<string>();
  for (const d of drafts) {
    let g: string[] | undefined;
    for (const p of prefixes) if (isPrefix(p, d.path) && (g === undefined || p.length < g.length)) g = p;
    if (g === undefined) {
      out.push(d);
      continue;
    }
    const span = d.rule.head.span;
    const fail = (code: string, msg: string): void => {
      diagnostics.push(diagnosticAt(code, msg, d.module.source, span.start, span.end));
    };
    const rest: Term[] = d.path.slice(g.length).map((value) => ({ kind: "String", value, span }));
    const { key, ...rule } = d;
    const base = { ...rule, kind: "partial-object" as const, path: g, isDefault: false };
    if (d.keyPath !== undefined) {
      out.push({ ...d, path: g, keyPath: [...rest, ...d.keyPath] });
      continue;
    }
    if (d.kind === "function") {
      fail("rego_conflict_error", `conflicting rules data.${d.path.join(".")} found: function below a rule with variables in its ref`);
      continue;
    }
    const value = d.rule.head.value;
    const withValue = value === undefined ? {} : { element: value };
    switch (d.kind) {
      case "partial-object":
        if (key !== undefined) out.push({ ...base, keyPath: [...rest, key], setLeaf: false, ...withValue });
        continue;
      case "partial-set":
        if (rest.length === 0 || key === undefined) {
          fail("rego_conflict_error", `conflicting rules data.${g.join(".")} found`);
          continue;
        }
        out.push({ ...base, keyPath: rest, setLeaf: true, element: key });
        continue;
      case "complete":
        if (rest.length === 0) {
          fail("rego_conflict_error", `conflicting rules data.${g.join(".")} found`);
          continue;
        }
        // `else` chains stay on the rule; a default fills its path only when no rule defined it.
        if (d.isDefault) {
          const k = d.path.join(".");
          if (defaults.has(k)) {
            fail("rego_conflict_error", `multiple default rules data.${k} found`);
            continue;
          }
          defaults.add(k);
        }
        out.push({ ...base, keyPath: rest, setLeaf: false, ...withValue, ...(d.isDefault ? { defaultLeaf: true } : {}) });
        continue;
    }
  }
  return out;
}
