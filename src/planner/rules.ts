/*
 * Planning rule sets into funcs (OPA's planRules): one Func per data path and `with`
 * environment. Complete rules and functions assign each definition's value with
 * AssignVarOnceStmt (conflict → "var assignment conflict"); `else` chains are guarded by
 * IsUndefinedStmt on the chain's result; partial sets/objects build a set/object
 * (ObjectInsertOnceStmt → "object insert conflict"); `default` runs when the result is undefined.
 * Input: a RuleSet. Output: the func's name (the Func is appended to the planner's list).
 */

import type { Body, Span, Term } from "../rego/ast.js";
import type { ProgramRule, RuleSet } from "../rego/program.js";
import type { SourceFile } from "../diagnostics/source.js";
import type { Block, Local } from "./ir.js";
import { planBody } from "./body.js";
import { planGeneralDefault, planGeneralLeaf } from "./general-refs.js";
import { Scope } from "./state.js";
import type { Iter, Planner } from "./state.js";
import { planTerm, planUnifyLocal } from "./terms.js";

interface Branch {
  readonly value: Term;
  readonly body: Body;
  readonly span: Span;
}

function planParams(p: Planner, params: readonly Local[], args: readonly Term[], i: number, k: Iter): void {
  const a = args[i];
  const l = params[i];
  if (a === undefined || l === undefined) return k();
  planUnifyLocal(p, { type: "local", value: l }, a, () => planParams(p, params, args, i + 1, k));
}

/** planRules returns the name of the func computing `rs` under the current `with` environment, planning it on first use. */
export function planRules(p: Planner, rs: RuleSet): string {
  const cacheKey = `${p.env.key}\u0000${rs.path.join(".")}`;
  const known = p.funcNames.get(cacheKey);
  if (known !== undefined) return known;
  const name = `g${p.env.gen}.data.${rs.path.join(".")}`;
  p.funcNames.set(cacheKey, name); // before planning: recursion (rejected by the checker) cannot loop here

  const saved = { curr: p.curr, lnext: p.lnext, scope: p.scope, loc: p.loc, source: p.source, funcId: p.funcId, pkg: p.pkg };
  try {
    p.funcId = p.nextFuncId();
    p.lnext = 0;
    const params: Local[] = [p.newLocal(), p.newLocal()];
    const ret = p.newLocal();
    const arity = rs.kind === "function" ? (rs.arity ?? rs.rules[0]?.args.length ?? rs.default?.args.length ?? 0) : 0;
    for (let i = 0; i < arity; i++) params.push(p.newLocal());
    const args = params.slice(2);
    const first = rs.rules[0] ?? rs.default;
    if (first !== undefined) {
      p.source = first.source;
      p.pkg = first.path.slice(0, pkgLength(p, first));
    }
    const headLoc = first !== undefined ? p.locAt(first.span, first.source) : p.loc;
    p.loc = headLoc;

    const blocks: Block[] = [];
    if (rs.kind === "partial-object") blocks.push(p.block(() => p.emit({ kind: "MakeObjectStmt", target: ret })));
    const kinds = rs.rules.some((r) => r.keyPath !== undefined) ? p.newLocal() : undefined;
    if (kinds !== undefined) blocks.push(p.block(() => p.emit({ kind: "MakeObjectStmt", target: kinds })));
    if (rs.kind === "partial-set") blocks.push(p.block(() => p.emit({ kind: "MakeSetStmt", target: ret })));
    const lresult = p.newLocal();
    const lfirst = p.lnext;

    // Default leaves of a general-ref set run after every other rule (they fill only empty paths).
    const ordered = [...rs.rules.filter((r) => r.defaultLeaf !== true), ...rs.rules.filter((r) => r.defaultLeaf === true)];
    for (const rule of ordered) {
      const general = rule.keyPath !== undefined && kinds !== undefined ? { keyPath: rule.keyPath, kinds } : undefined;
      if (general !== undefined && rule.defaultLeaf === true) {
        p.lnext = Math.max(p.lnext, lfirst);
        p.scope = new Scope();
        enterRule(p, rule.source, rule, rule.span);
        blocks.push(p.block(() => planGeneralDefault(p, ret, general.kinds, general.keyPath, rule.value)));
        continue;
      }
      // A static rule with an `else` chain below a general-ref prefix: the chain's value, then one insert.
      const chained = general !== undefined && rule.else.length > 0;
      const chain: Branch[] = [{ value: rule.value, body: rule.body, span: rule.span }, ...rule.else];
      const target: Block[] = [];
      chain.forEach((br, j) => {
        p.lnext = Math.max(p.lnext, lfirst);
        p.scope = new Scope();
        enterRule(p, rule.source, rule, br.span);
        target.push(
          p.block(() => {
            if (j > 0) p.emit({ kind: "IsUndefinedStmt", source: lresult });
            else p.emit({ kind: "ResetLocalStmt", target: lresult });
            planParams(p, args, rule.args, 0, () =>
              planBody(p, br.body, 0, () => {
                switch (rs.kind) {
                  case "complete":
                  case "function":
                    return planTerm(p, br.value, (o) => p.emit({ kind: "AssignVarOnceStmt", source: o, target: lresult }));
                  case "partial-set":
                    return planTerm(p, rule.key ?? br.value, (o) => p.emit({ kind: "SetAddStmt", set: ret, value: o }));
                  case "partial-object": {
                    if (chained) return planTerm(p, br.value, (o) => p.emit({ kind: "AssignVarOnceStmt", source: o, target: lresult }));
                    if (general !== undefined) return planGeneralLeaf(p, ret, general.kinds, general.keyPath, rule.setLeaf === true, br.value);
                    const key = rule.key;
                    if (key === undefined) return;
                    return planTerm(p, key, (ko) => planTerm(p, br.value, (vo) => p.emit({ kind: "ObjectInsertOnceStmt", object: ret, key: ko, value: vo })));
                  }
                }
              }),
            );
          }),
        );
      });
      if (chained && general !== undefined) {
        target.push(
          p.block(() => {
            p.emit({ kind: "IsDefinedStmt", source: lresult });
            planGeneralLeaf(p, ret, general.kinds, general.keyPath, false, { type: "local", value: lresult });
          }),
        );
      }
      if (rs.kind === "complete" || rs.kind === "function") {
        target.push(
          p.block(() => {
            p.emit({ kind: "IsDefinedStmt", source: lresult });
            p.emit({ kind: "AssignVarOnceStmt", source: { type: "local", value: lresult }, target: ret });
          }),
        );
      }
      if (rule.else.length === 0) blocks.push(...target);
      else blocks.push(p.block(() => p.emit({ kind: "BlockStmt", blocks: target })));
    }

    const def = rs.default;
    if (def !== undefined) {
      p.scope = new Scope();
      enterRule(p, def.source, def, def.span);
      blocks.push(
        p.block(() => {
          p.emit({ kind: "IsUndefinedStmt", source: ret });
          planParams(p, args, def.args, 0, () =>
            planBody(p, def.body, 0, () => planTerm(p, def.value, (o) => p.emit({ kind: "AssignVarOnceStmt", source: o, target: ret }))),
          );
        }),
      );
    }
    p.loc = headLoc;
    blocks.push(p.block(() => p.emit({ kind: "ReturnLocalStmt", source: ret })));
    p.funcs.push({ name, params, return: ret, blocks, path: [`g${p.env.gen}`, ...rs.path] });
  } finally {
    Object.assign(p, saved);
  }
  return name;
}

function enterRule(p: Planner, source: SourceFile, _rule: ProgramRule, span: Span): void {
  p.source = source;
  p.loc = p.locAt(span, source);
}

/** pkgLength finds how many leading path segments of a rule are its package (from its module). */
function pkgLength(p: Planner, rule: ProgramRule): number {
  const m = p.program.modules.find((mod) => mod.source === rule.source);
  return m !== undefined ? m.package.path.length : Math.max(0, rule.path.length - 1);
}
