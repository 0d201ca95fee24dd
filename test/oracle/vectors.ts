/*
 * Loads ../shared/iam/vectors-dev.json (and any file of the same format) for tests.
 * Input: a vectors file path. Output: vectors with their policies as IamPolicy[] (a single
 * document is an identity policy; a list carries `kind` per document, which is removed).
 */

import { readFileSync } from "node:fs";
import type { DecisionKind, IamPolicy, PolicyKind, Request } from "../../src/iam/types.js";

/** Vector is one decision vector: policies, a request and the expected decision. */
export interface Vector {
  readonly id: string;
  readonly description: string;
  readonly policies: IamPolicy[];
  readonly rawPolicy: unknown;
  readonly request: Request;
  readonly expect: DecisionKind;
}

/** vectorPolicies converts a vector's `policy` member into named IamPolicy values. */
export function vectorPolicies(policy: unknown): IamPolicy[] {
  const docs = Array.isArray(policy) ? policy : [policy];
  return docs.map((d: Record<string, unknown>, i) => {
    const { kind, ...doc } = d;
    const k = (Array.isArray(policy) ? kind : "identity") as PolicyKind;
    const st = doc.Statement;
    return { name: `${k}-${i}`, kind: k, document: { ...doc, Statement: Array.isArray(st) ? st : [st] } };
  });
}

/** loadVectors reads a vectors JSON file. */
export function loadVectors(file: string): Vector[] {
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>[];
  return raw.map((v) => ({
    id: String(v.id),
    description: String(v.description ?? ""),
    policies: vectorPolicies(v.policy),
    rawPolicy: v.policy,
    request: v.request as Request,
    expect: v.expect as DecisionKind,
  }));
}

/** VECTORS_DEV is the development vector file, relative to the repository root. */
export const VECTORS_DEV = "../shared/iam/vectors-dev.json";
