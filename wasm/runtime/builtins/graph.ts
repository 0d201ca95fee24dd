// Traversal builtins: walk (a relation: returns every [path, value] pair of a document in
// pre-order, object keys and set elements in sorted order; the planner scans the array) and
// graph.reachable (nodes reachable from the initial ones; nodes absent from the graph are
// skipped, like OPA). Input: any value / a graph object and an array or set. Output: a value.

import { T_ARRAY, T_OBJECT, T_SET, newArray, arrPush, arrLen, arrGet } from "../value";
import { tableNew, tableLen, keyAt, valAt, ensureSorted, tableFind, tableInsert } from "../table";
import { opa_value_get } from "../values-api";
import { newInt } from "../number";
import { isType } from "../builtin-support";

function pathWith(path: usize, k: usize): usize {
  const n = arrLen(path);
  const p = newArray(n + 1);
  for (let i: usize = 0; i < n; i++) arrPush(p, arrGet(path, i));
  arrPush(p, k);
  return p;
}

function pair(a: usize, b: usize): usize {
  const r = newArray(2);
  arrPush(r, a);
  arrPush(r, b);
  return r;
}

function walkInto(out: usize, path: usize, v: usize): void {
  arrPush(out, pair(path, v));
  const t = load<u8>(v);
  if (t == T_ARRAY) {
    const n = arrLen(v);
    for (let i: usize = 0; i < n; i++) walkInto(out, pathWith(path, newInt(<i64>i)), arrGet(v, i));
  } else if (t == T_OBJECT || t == T_SET) {
    ensureSorted(v);
    const n = tableLen(v);
    for (let i: usize = 0; i < n; i++) {
      const k = keyAt(v, i);
      walkInto(out, pathWith(path, k), t == T_SET ? k : valAt(v, i));
    }
  }
}

export function b_walk(v: usize): usize {
  if (v == 0) return 0;
  const out = newArray(8);
  walkInto(out, newArray(0), v);
  return out;
}

/** The neighbours of a node: array/set elements, object values. */
function elems(v: usize): usize {
  if (isType(v, T_ARRAY)) return v;
  if (isType(v, T_SET) || isType(v, T_OBJECT)) {
    ensureSorted(v);
    const n = tableLen(v);
    const a = newArray(n);
    for (let i: usize = 0; i < n; i++) arrPush(a, isType(v, T_SET) ? keyAt(v, i) : valAt(v, i));
    return a;
  }
  return 0;
}

export function b_graph__reachable(graph: usize, initial: usize): usize {
  if (!isType(graph, T_OBJECT)) return 0;
  const init = elems(initial);
  if (init == 0) return 0;
  const queue = newArray(arrLen(init));
  for (let i: usize = 0; i < arrLen(init); i++) arrPush(queue, arrGet(init, i));
  const reached = tableNew(T_SET, 0);
  for (let q: usize = 0; q < arrLen(queue); q++) {
    const node = arrGet(queue, q);
    const edges = opa_value_get(graph, node);
    if (edges == 0) continue;
    const next = elems(edges);
    if (next != 0) {
      for (let i: usize = 0; i < arrLen(next); i++) {
        const nb = arrGet(next, i);
        if (tableFind(reached, nb) < 0) arrPush(queue, nb);
      }
    }
    tableInsert(reached, node, 0);
  }
  return reached;
}
