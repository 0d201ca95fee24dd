/*
 * The "name" custom section's function-name map, so traps and profiles show generated functions
 * by name (e.g. g0.data.lambda.allow). Input: the module's existing name section (if any) and
 * new {index, name} pairs with indices above every existing one. Output: the updated section.
 */

import { pushU32, readU32 } from "./leb128.js";
import type { WasmModule } from "./module.js";
import { Section } from "./opcodes.js";

const FUNCTION_NAMES = 1;

/** appendFunctionNames adds names for new functions to the module's name section (creating it if needed). */
export function appendFunctionNames(m: WasmModule, names: readonly { index: number; name: string }[]): void {
  if (names.length === 0) return;
  const at = m.customs.findIndex((c) => c.name === "name");
  const old = at >= 0 ? m.customs[at]?.bytes : undefined;
  const subsections = old === undefined ? [] : splitSubsections(old);
  const fn = subsections.find((s) => s.id === FUNCTION_NAMES);
  const entries: number[] = [];
  let count = 0;
  if (fn !== undefined) {
    const n = readU32(fn.body, 0);
    count = n.value;
    entries.push(...fn.body.subarray(n.next));
  }
  const enc = new TextEncoder();
  for (const { index, name } of [...names].sort((a, b) => a.index - b.index)) {
    pushU32(entries, index);
    const b = enc.encode(name);
    pushU32(entries, b.length);
    entries.push(...b);
    count++;
  }
  const body: number[] = [];
  pushU32(body, count);
  body.push(...entries);
  const updated = { id: FUNCTION_NAMES, body: Uint8Array.from(body) };
  const all = fn === undefined ? [...subsections, updated] : subsections.map((s) => (s === fn ? updated : s));
  all.sort((a, b) => a.id - b.id);
  const out: number[] = [];
  for (const s of all) {
    out.push(s.id);
    pushU32(out, s.body.length);
    out.push(...s.body);
  }
  const section = { name: "name", bytes: Uint8Array.from(out), after: Section.Data };
  if (at >= 0) m.customs[at] = { ...section, after: m.customs[at]?.after ?? Section.Data };
  else m.customs.push(section);
}

function splitSubsections(bytes: Uint8Array): { id: number; body: Uint8Array }[] {
  const out: { id: number; body: Uint8Array }[] = [];
  let i = 0;
  while (i < bytes.length) {
    const id = bytes[i++] ?? 0;
    const size = readU32(bytes, i);
    out.push({ id, body: bytes.slice(size.next, size.next + size.value) });
    i = size.next + size.value;
  }
  return out;
}
