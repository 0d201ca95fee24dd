/*
 * Deterministic text printer for the IR, used by golden tests (testdata/ir/*.ir.txt) and
 * `vpcgate inspect --stage ir`. Input: a Policy. Output: indented text, one statement per line,
 * locals as `%n`, string constants as quoted text, locations as `@file:row:col` (file = index
 * into static.files).
 */

import { assertNever } from "../diagnostics/diagnostic.js";
import type { Block, Operand, Policy, Stmt } from "./ir.js";

/** printIr renders a whole Policy as stable text. */
export function printIr(policy: Policy): string {
  const out: string[] = [];
  const strings = policy.static.strings;
  const str = (i: number): string => JSON.stringify(strings[i]?.value ?? `<bad string ${i}>`);
  const op = (o: Operand): string => {
    switch (o.type) {
      case "local":
        return `%${o.value}`;
      case "string_index":
        return str(o.value);
      case "bool":
        return String(o.value);
      default:
        return assertNever(o, "operand");
    }
  };

  out.push("static");
  out.push("  strings");
  strings.forEach((s, i) => out.push(`    ${i} ${JSON.stringify(s.value)}`));
  out.push("  builtin_funcs");
  for (const b of policy.static.builtin_funcs) out.push(`    ${b.name} ${JSON.stringify(b.decl)}`);
  out.push("  files");
  policy.static.files.forEach((s, i) => out.push(`    ${i} ${JSON.stringify(s.value)}`));

  const block = (b: Block, indent: string): void => {
    out.push(`${indent}block`);
    for (const s of b.stmts) stmt(s, indent + "  ");
  };
  const stmt = (s: Stmt, indent: string): void => {
    const at = `  @${s.loc.file}:${s.loc.row}:${s.loc.col}`;
    const line = (text: string): void => {
      out.push(`${indent}${text}${at}`);
    };
    switch (s.kind) {
      case "ReturnLocalStmt":
        return line(`ReturnLocalStmt %${s.source}`);
      case "CallStmt":
        return line(`CallStmt %${s.result} = ${s.func}(${s.args.map(op).join(", ")})`);
      case "CallDynamicStmt":
        return line(`CallDynamicStmt %${s.result} = [${s.path.map(op).join(", ")}](${s.args.map((a) => `%${a}`).join(", ")})`);
      case "BlockStmt":
        line("BlockStmt");
        for (const b of s.blocks) block(b, indent + "  ");
        return;
      case "BreakStmt":
        return line(`BreakStmt ${s.index}`);
      case "DotStmt":
        return line(`DotStmt %${s.target} = ${op(s.source)}[${op(s.key)}]`);
      case "LenStmt":
        return line(`LenStmt %${s.target} = len(${op(s.source)})`);
      case "ScanStmt":
        line(`ScanStmt %${s.source} key=%${s.key} value=%${s.value}`);
        return block(s.block, indent + "  ");
      case "NotStmt":
        line("NotStmt");
        return block(s.block, indent + "  ");
      case "AssignIntStmt":
        return line(`AssignIntStmt %${s.target} = ${s.value}`);
      case "AssignVarStmt":
        return line(`AssignVarStmt %${s.target} = ${op(s.source)}`);
      case "AssignVarOnceStmt":
        return line(`AssignVarOnceStmt %${s.target} = ${op(s.source)}`);
      case "ResetLocalStmt":
        return line(`ResetLocalStmt %${s.target}`);
      case "MakeNullStmt":
        return line(`MakeNullStmt %${s.target}`);
      case "MakeNumberIntStmt":
        return line(`MakeNumberIntStmt %${s.target} = ${s.value}`);
      case "MakeNumberRefStmt":
        return line(`MakeNumberRefStmt %${s.target} = ${str(s.index)}`);
      case "MakeArrayStmt":
        return line(`MakeArrayStmt %${s.target} cap=${s.capacity}`);
      case "MakeObjectStmt":
        return line(`MakeObjectStmt %${s.target}`);
      case "MakeSetStmt":
        return line(`MakeSetStmt %${s.target}`);
      case "EqualStmt":
        return line(`EqualStmt ${op(s.a)} ${op(s.b)}`);
      case "NotEqualStmt":
        return line(`NotEqualStmt ${op(s.a)} ${op(s.b)}`);
      case "IsArrayStmt":
        return line(`IsArrayStmt ${op(s.source)}`);
      case "IsObjectStmt":
        return line(`IsObjectStmt ${op(s.source)}`);
      case "IsSetStmt":
        return line(`IsSetStmt ${op(s.source)}`);
      case "IsDefinedStmt":
        return line(`IsDefinedStmt %${s.source}`);
      case "IsUndefinedStmt":
        return line(`IsUndefinedStmt %${s.source}`);
      case "ArrayAppendStmt":
        return line(`ArrayAppendStmt %${s.array} += ${op(s.value)}`);
      case "ObjectInsertStmt":
        return line(`ObjectInsertStmt %${s.object}[${op(s.key)}] = ${op(s.value)}`);
      case "ObjectInsertOnceStmt":
        return line(`ObjectInsertOnceStmt %${s.object}[${op(s.key)}] = ${op(s.value)}`);
      case "ObjectMergeStmt":
        return line(`ObjectMergeStmt %${s.target} = merge(%${s.a}, %${s.b})`);
      case "SetAddStmt":
        return line(`SetAddStmt %${s.set} += ${op(s.value)}`);
      case "WithStmt":
        line(`WithStmt %${s.local}[${s.path.map(str).join(", ")}] = ${op(s.value)}`);
        return block(s.block, indent + "  ");
      case "NopStmt":
        return line("NopStmt");
      case "ResultSetAddStmt":
        return line(`ResultSetAddStmt %${s.value}`);
      default:
        return assertNever(s, "statement");
    }
  };

  out.push("funcs");
  for (const f of policy.funcs.funcs) {
    out.push(`  func ${f.name} params=[${f.params.map((p) => `%${p}`).join(", ")}] return=%${f.return} path=[${f.path.join(", ")}]`);
    for (const b of f.blocks) block(b, "    ");
  }
  out.push("plans");
  for (const p of policy.plans.plans) {
    out.push(`  plan ${p.name}`);
    for (const b of p.blocks) block(b, "    ");
  }
  return out.join("\n") + "\n";
}
