/*
 * The planner's rule trie: the Program's rule tree with each node's full data path, plus a node
 * for every package (so `data.x` over an empty `package x.y` is `{"y": {}}`).
 * Input: a checked Program. Output: the root TrieNode (`data`).
 */

import type { Program, RuleSet, RuleTreeNode } from "../rego/program.js";

/** TrieNode is one data path that holds rules (a leaf with `ruleSet`) or packages/prefixes. */
export interface TrieNode {
  readonly name: string;
  readonly path: readonly string[];
  readonly children: Map<string, TrieNode>;
  ruleSet?: RuleSet;
}

function ensure(root: TrieNode, path: readonly string[]): TrieNode {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    let c = node.children.get(seg);
    if (c === undefined) {
      c = { name: seg, path: path.slice(0, i + 1), children: new Map() };
      node.children.set(seg, c);
    }
    node = c;
  }
  return node;
}

/** buildTrie builds the trie from the program's rule sets, its rule tree and its packages. */
export function buildTrie(program: Program): TrieNode {
  const root: TrieNode = { name: "data", path: [], children: new Map() };
  const walk = (src: RuleTreeNode, path: string[]): void => {
    const node = ensure(root, path);
    if (src.ruleSet !== undefined) node.ruleSet = src.ruleSet;
    for (const [name, c] of src.children) walk(c, [...path, name]);
  };
  walk(program.tree, []);
  for (const rs of program.ruleSets.values()) ensure(root, rs.path).ruleSet = rs;
  for (const m of program.modules) ensure(root, m.package.path);
  return root;
}
