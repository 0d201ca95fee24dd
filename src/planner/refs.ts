/*
 * Planning references: `input...` and local refs become Dot/Scan chains; `data...` refs are
 * resolved against the rule trie: rules become CallStmts of their funcs, base documents are
 * Dot/Scan chains on the data local, a variable over rule-tree keys enumerates the virtual
 * children and then the remaining base keys, and a ref ending at a package builds the extent
 * (virtual object merged with the base document). Input: RefTerms. Output: statements.
 */

import type { RefTerm, StringTerm, Term } from "../rego/ast.js";
import { LOCAL_DATA } from "./ir.js";
import type { Operand } from "./ir.js";
import { planRules } from "./rules.js";
import type { OpIter, Planner } from "./state.js";
import { planTerm, planUnifyLocal, toLocal } from "./terms.js";
import type { TrieNode } from "./trie.js";

const DATA: Operand = { type: "local", value: LOCAL_DATA };

/** planRef plans a reference; `k` runs once per value (inside the scans the ref needs). */
export function planRef(p: Planner, ref: RefTerm, k: OpIter): void {
  const head = ref.head;
  if (head.kind === "Var" && head.name === "data") {
    return planRefData(p, p.trie, [], ref.path, 0, k);
  }
  planTerm(p, head, (o) => planRefRec(p, o, ref.path, 0, k));
}

/** planRefRec walks the remaining segments of a plain value: Dot for known keys, Scan otherwise. */
export function planRefRec(p: Planner, src: Operand, path: readonly Term[], i: number, k: OpIter): void {
  const seg = path[i];
  if (seg === undefined) return k(src);
  if (allVarsBound(p, seg)) {
    return planTerm(p, seg, (key) => {
      const t = p.newLocal();
      p.emit({ kind: "DotStmt", source: src, key, target: t });
      planRefRec(p, { type: "local", value: t }, path, i + 1, k);
    });
  }
  const source = toLocal(p, src);
  const key = p.newLocal();
  const value = p.newLocal();
  const block = p.block(() => planUnifyLocal(p, { type: "local", value: key }, seg, () => planRefRec(p, { type: "local", value }, path, i + 1, k)));
  p.emit({ kind: "ScanStmt", source, key, value, block });
}

/** allVarsBound reports whether every variable of a term is bound (so it can be evaluated as a key). */
export function allVarsBound(p: Planner, t: Term): boolean {
  switch (t.kind) {
    case "Null":
    case "Boolean":
    case "Number":
    case "String":
    case "ArrayComprehension":
    case "SetComprehension":
    case "ObjectComprehension":
      return true;
    case "Var":
      return p.scope.get(t.name) !== undefined;
    case "Ref":
      return allVarsBound(p, t.head) && t.path.every((s) => allVarsBound(p, s));
    case "Call":
      return t.args.every((a) => allVarsBound(p, a));
    case "Array":
    case "Set":
      return t.items.every((x) => allVarsBound(p, x));
    case "Object":
      return t.items.every((x) => allVarsBound(p, x.key) && allVarsBound(p, x.value));
  }
}

function isGround(t: Term): boolean {
  switch (t.kind) {
    case "Null":
    case "Boolean":
    case "Number":
    case "String":
      return true;
    case "Array":
    case "Set":
      return t.items.every(isGround);
    case "Object":
      return t.items.every((x) => isGround(x.key) && isGround(x.value));
    default:
      return false;
  }
}

function stringTerm(value: string, like: Term): StringTerm {
  return { kind: "String", value, span: like.span };
}

/**
 * planRefData plans `data.<basePath><path[i..]>` where `node` is the trie node reached so far
 * (undefined once the path has left the rule tree: pure base document).
 */
export function planRefData(
  p: Planner,
  node: TrieNode | undefined,
  basePath: readonly Term[],
  path: readonly Term[],
  i: number,
  k: OpIter,
): void {
  if (node === undefined) return planRefRec(p, DATA, [...basePath, ...path.slice(i)], 0, k);
  const seg = path[i];
  if (seg === undefined) return planExtent(p, node, basePath, k);
  if (isGround(seg)) {
    const child = seg.kind === "String" ? p.child(node, seg.value) : undefined;
    return planRefDataChild(p, child, [...basePath, seg], path, i + 1, k);
  }
  const children = p.childrenOf(node).filter((c) => c.ruleSet?.kind !== "function");
  if (children.length === 0) return planRefRec(p, DATA, [...basePath, ...path.slice(i)], 0, k);
  // Enumerate the virtual children: one block per key, the variable unified with the key.
  const blocks = children.map((c) =>
    p.block(() =>
      p.scoped(() => {
        const key = stringTerm(c.name, seg);
        planUnifyLocal(p, p.strOp(c.name), seg, () => planRefDataChild(p, c, [...basePath, key], path, i + 1, k));
      }),
    ),
  );
  p.emit({ kind: "BlockStmt", blocks });
  // Then the base document's keys that no virtual child covers.
  const exclude = p.newLocal();
  p.emit({ kind: "MakeSetStmt", target: exclude });
  for (const c of children) p.emit({ kind: "SetAddStmt", set: exclude, value: p.strOp(c.name) });
  const blk = p.block(() =>
    p.scoped(() =>
      planRefRec(p, DATA, basePath, 0, (base) => {
        const source = toLocal(p, base);
        const key = p.newLocal();
        const value = p.newLocal();
        const body = p.block(() => {
          const ignore = p.newLocal();
          p.emit({ kind: "NotStmt", block: p.block(() => p.emit({ kind: "DotStmt", source: { type: "local", value: exclude }, key: { type: "local", value: key }, target: ignore })) });
          planUnifyLocal(p, { type: "local", value: key }, seg, () => planRefRec(p, { type: "local", value }, path, i + 1, k));
        });
        p.emit({ kind: "ScanStmt", source, key, value, block: body });
      }),
    ),
  );
  p.emit({ kind: "BlockStmt", blocks: [blk] });
}

function planRefDataChild(
  p: Planner,
  child: TrieNode | undefined,
  basePath: readonly Term[],
  path: readonly Term[],
  i: number,
  k: OpIter,
): void {
  const rs = child?.ruleSet;
  if (rs !== undefined) {
    if (rs.kind === "function") {
      const last = path[i - 1] ?? basePath[basePath.length - 1];
      if (last !== undefined) p.error("rego_type_error", `function data.${rs.path.join(".")} referenced without a call`, last.span);
      return;
    }
    const name = planRules(p, rs);
    const t = p.newLocal();
    p.emit({ kind: "CallStmt", func: name, args: [{ type: "local", value: 0 }, DATA], result: t });
    return planRefRec(p, { type: "local", value: t }, path, i, k);
  }
  planRefData(p, child, basePath, path, i, k);
}

/** planExtent builds the whole document at a trie node: rule values merged with the base document. */
function planExtent(p: Planner, node: TrieNode, basePath: readonly Term[], k: OpIter): void {
  const vt = planVirtualObject(p, node);
  const target = p.newLocal();
  const inner = p.block(() =>
    planRefRec(p, DATA, basePath, 0, (base) => {
      p.emit({ kind: "ObjectMergeStmt", a: toLocal(p, base), b: vt, target });
      p.emit({ kind: "BreakStmt", index: 1 });
    }),
  );
  const outer = p.block(() => {
    p.emit({ kind: "BlockStmt", blocks: [inner] });
    p.emit({ kind: "AssignVarStmt", source: { type: "local", value: vt }, target });
  });
  p.emit({ kind: "BlockStmt", blocks: [outer] });
  k({ type: "local", value: target });
}

function planVirtualObject(p: Planner, node: TrieNode): number {
  const vt = p.newLocal();
  p.emit({ kind: "MakeObjectStmt", target: vt });
  for (const c of p.childrenOf(node)) {
    const rs = c.ruleSet;
    if (rs === undefined) {
      const sub = planVirtualObject(p, c);
      p.emit({ kind: "ObjectInsertStmt", object: vt, key: p.strOp(c.name), value: { type: "local", value: sub } });
      continue;
    }
    if (rs.kind === "function") continue;
    const name = planRules(p, rs);
    const lv = p.newLocal();
    const b = p.block(() => {
      p.emit({ kind: "CallStmt", func: name, args: [{ type: "local", value: 0 }, DATA], result: lv });
      p.emit({ kind: "ObjectInsertStmt", object: vt, key: p.strOp(c.name), value: { type: "local", value: lv } });
    });
    p.emit({ kind: "BlockStmt", blocks: [b] });
  }
  return vt;
}
