// graph.reachable_paths(graph, initial): every path from an initial node, following edges
// (arrays or sets of neighbours; other edge values count as none) until a leaf, a node missing
// from the graph (not included) or a cycle, exactly as OPA's pathBuilder. Input: an object and an
// array or set. Output: a set of arrays, or 0 (undefined) for wrong operand types.

import { T_ARRAY, T_OBJECT, T_SET, newArray, arrPush, arrLen, arrGet } from "../value";
import { tableNew, tableLen, keyAt, ensureSorted, tableFind, tableInsert, tableCopy } from "../table";
import { opa_value_get } from "../values-api";
import { isType } from "../builtin-support";

/** Elements of an array or (sorted) set as an array; an empty array for anything else. */
function vertices(v: usize): usize {
  if (isType(v, T_ARRAY)) return v;
  const a = newArray(0);
  if (isType(v, T_SET)) {
    ensureSorted(v);
    for (let i: usize = 0; i < tableLen(v); i++) arrPush(a, keyAt(v, i));
  }
  return a;
}

function copyPath(path: usize, extra: usize): usize {
  const r = newArray(arrLen(path) + 1);
  for (let i: usize = 0; i < arrLen(path); i++) arrPush(r, arrGet(path, i));
  if (extra != 0) arrPush(r, extra);
  return r;
}

function build(graph: usize, root: usize, path: usize, out: usize, reached: usize): void {
  const edges = opa_value_get(graph, root);
  if (edges == 0) {
    tableInsert(out, path, 0);
    return;
  }
  const p = copyPath(path, root);
  const vs = vertices(edges);
  if (arrLen(vs) == 0) {
    tableInsert(out, p, 0);
    return;
  }
  const seen = tableCopy(reached);
  tableInsert(seen, root, 0);
  for (let i: usize = 0; i < arrLen(vs); i++) {
    const nb = arrGet(vs, i);
    if (tableFind(seen, nb) >= 0) tableInsert(out, p, 0);
    else build(graph, nb, copyPath(p, 0), out, seen);
  }
}

export function b_graph__reachable_paths(graph: usize, initial: usize): usize {
  if (!isType(graph, T_OBJECT)) return 0;
  if (!isType(initial, T_ARRAY) && !isType(initial, T_SET)) return 0;
  const out = tableNew(T_SET, 0);
  const init = vertices(initial);
  for (let i: usize = 0; i < arrLen(init); i++) {
    const node = arrGet(init, i);
    const edges = opa_value_get(graph, node);
    if (edges == 0) continue;
    const vs = vertices(edges);
    if (arrLen(vs) == 0) {
      const one = newArray(1);
      arrPush(one, node);
      tableInsert(out, one, 0);
      continue;
    }
    for (let j: usize = 0; j < arrLen(vs); j++) {
      const start = newArray(1);
      arrPush(start, node);
      const seen = tableNew(T_SET, 0);
      tableInsert(seen, node, 0);
      build(graph, arrGet(vs, j), start, out, seen);
    }
  }
  return out;
}
