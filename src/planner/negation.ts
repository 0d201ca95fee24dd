/*
 * Negation helper shared by `not` and `every`: plans an expression so that the emitted code is
 * defined exactly when the expression has no solution. Input: a planning callback. Output: a
 * NotStmt when success is simply "the block ran to its end"; otherwise (iteration, enumeration)
 * a flag local set at every success point, checked with IsUndefinedStmt (a NotStmt around a
 * ScanStmt would be undefined even when no iteration succeeded).
 */

import type { Block, Stmt } from "./ir.js";
import type { Iter, Planner } from "./state.js";

/** emitNegation emits code that is defined iff `plan` has no solution (`plan` calls its iter at each solution). */
export function emitNegation(p: Planner, plan: (k: Iter) => void): void {
  const flag = p.newLocal();
  const markers: Stmt[] = [];
  let block: Block = { stmts: [] };
  p.scoped(() => {
    block = p.block(() =>
      plan(() => {
        const m: Stmt = { kind: "AssignVarStmt", source: { type: "bool", value: true }, target: flag, loc: p.loc };
        markers.push(m);
        p.curr.push(m);
      }),
    );
  });
  const last = block.stmts[block.stmts.length - 1];
  if (markers.length === 0 || (markers.length === 1 && last === markers[0])) {
    p.emit({ kind: "NotStmt", block: { stmts: block.stmts.filter((s) => s !== markers[0]) } });
    return;
  }
  p.emit({ kind: "ResetLocalStmt", target: flag });
  p.emit({ kind: "BlockStmt", blocks: [block] });
  p.emit({ kind: "IsUndefinedStmt", source: flag });
}
