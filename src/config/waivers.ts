/*
 * Waivers: config waivers (address or glob, mandatory reason, optional expiry) and inline
 * `# vpcgate:ignore <rule> <reason>` comments. Input: waivers and results; output: which waiver
 * covers each result, and which waivers have expired (an expired waiver fails the run).
 */

import { resolve } from "node:path";
import type { Location } from "../lambda/model.js";

/** Waiver is one suppression; `rule` "*" (or absent) covers every rule. */
export interface Waiver {
  /** address is an exact address or a glob where `*` matches any run of characters. */
  readonly address: string;
  readonly rule?: string;
  readonly reason: string;
  /** expires is YYYY-MM-DD; the waiver stops applying at the end of that day (UTC). */
  readonly expires?: string;
  /** origin is where the waiver was written (config file line or .tf comment). */
  readonly origin: Location;
  /** inline: written in .tf, matched by location rather than by address. */
  readonly inline?: { readonly kind: "resource" | "module"; readonly name: string };
}

/** WaiverTarget is what a waiver is matched against. */
export interface WaiverTarget {
  readonly address: string;
  readonly configAddress: string;
  readonly rules: readonly string[];
  readonly location?: Location;
  readonly moduleChain: readonly { readonly name: string; readonly location?: Location }[];
}

/** globToRegExp turns an address glob into an anchored RegExp (`*` = any run, `?` = one char). */
export function globToRegExp(glob: string): RegExp {
  let src = "";
  for (const ch of glob) {
    if (ch === "*") src += ".*";
    else if (ch === "?") src += ".";
    else src += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${src}$`, "s");
}

/** isExpired reports whether a waiver's expiry date lies before `now` (the expiry day itself is valid). */
export function isExpired(w: Waiver, now: Date): boolean {
  if (w.expires === undefined) return false;
  const end = Date.parse(`${w.expires}T23:59:59.999Z`);
  return Number.isFinite(end) && end < now.getTime();
}

/**
 * addressMatches: exact address, glob, or the configuration address (so a waiver on
 * `aws_lambda_function.f` covers `aws_lambda_function.f[0]` and `f["x"]`), or a module prefix.
 */
export function addressMatches(pattern: string, t: WaiverTarget): boolean {
  if (pattern === t.address || pattern === t.configAddress) return true;
  if (pattern.includes("*") || pattern.includes("?")) {
    const re = globToRegExp(pattern);
    return re.test(t.address) || re.test(t.configAddress);
  }
  // `module.a` covers everything inside module.a (and its instances).
  if (pattern.startsWith("module.")) {
    return t.address.startsWith(pattern + ".") || t.address.startsWith(pattern + "[");
  }
  return false;
}

/** sameLine compares two locations by file and line. */
function sameLine(a: Location | undefined, b: Location): boolean {
  return a !== undefined && a.line === b.line && (a.file === b.file || resolve(a.file) === resolve(b.file));
}

/** inlineMatches: an inline waiver sits above the resource block or a module call in the chain. */
function inlineMatches(w: Waiver, t: WaiverTarget): boolean {
  if (w.inline === undefined) return false;
  // origin of an inline waiver is the block header it annotates.
  if (w.inline.kind === "resource") return sameLine(t.location, w.origin);
  return t.moduleChain.some((m) => sameLine(m.location, w.origin));
}

/** ruleMatches: "*" or absent covers all; otherwise every blocking rule must be covered. */
function ruleMatches(w: Waiver, rules: readonly string[]): boolean {
  if (w.rule === undefined || w.rule === "*" || w.rule === "all") return true;
  return rules.length > 0 && rules.every((r) => r === w.rule);
}

/** WaiverMatch is the outcome for one target: the live waiver that covers it and any expired ones. */
export interface WaiverMatch {
  readonly live: Waiver | undefined;
  readonly expired: readonly Waiver[];
}

/** matchWaivers finds the first live waiver covering the target and the expired waivers that would have. */
export function matchWaivers(waivers: readonly Waiver[], t: WaiverTarget, now: Date): WaiverMatch {
  let live: Waiver | undefined;
  const expired: Waiver[] = [];
  for (const w of waivers) {
    const hit = w.inline !== undefined ? inlineMatches(w, t) : addressMatches(w.address, t);
    if (!hit || !ruleMatches(w, t.rules)) continue;
    if (isExpired(w, now)) expired.push(w);
    else if (live === undefined) live = w;
  }
  return { live, expired };
}
