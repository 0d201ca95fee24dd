/*
 * The IAM request/decision model shared by inputs (which build requests), the policy engine
 * (which evaluates them) and the reports. This is also the JSON shape of the `input` the
 * shipped IAM Rego policies receive, so it stays plain JSON: strings, arrays and marker objects.
 */

/**
 * Unknown is a value not knowable before apply: `{"$unknown": note}`. The note is free text for
 * humans (what it is and why), ignored by evaluation. Standing for a whole key, it also means the
 * number of elements is unknown.
 */
export interface UnknownMarker {
  readonly $unknown: string;
}

/**
 * Fresh is the id of a resource created by the same apply: `{"$fresh": prefix}`. It equals no id
 * that exists today, starts with `prefix` (e.g. "subnet-", or "" when not even that is known),
 * and is otherwise unknown, so `subnet-*` matches it but `subnet-0abc` does not equal it.
 */
export interface FreshMarker {
  readonly $fresh: string;
  /** note says which resource it is, e.g. "aws_subnet.a.id". */
  readonly note?: string;
}

/**
 * Parts is a string known only in part, the concatenation of its parts: e.g. an ARN with an
 * unknown account `{"$parts": ["arn:aws:lambda:eu-west-1:", {"$unknown": "account id"}, ":function:f"]}`.
 */
export interface PartsMarker {
  readonly $parts: readonly (string | UnknownMarker | FreshMarker)[];
}

/** Scalar is one context value: a known string or a marker. */
export type Scalar = string | UnknownMarker | FreshMarker | PartsMarker;

/**
 * ContextValue is the value of one condition key: a single value, or a list whose elements may be
 * individually unknown, or an UnknownMarker for the whole key (list of unknown cardinality).
 * An absent key is simply not present in the context object.
 */
export type ContextValue = Scalar | readonly Scalar[];

/** Request is one IAM authorization request: the action, the resource ARN and the context keys. */
export interface Request {
  /** action is `service:Action`, e.g. "lambda:CreateFunction". */
  readonly action: string;
  /** resource is the ARN, possibly partly unknown. */
  readonly resource: Scalar;
  /** context maps a condition key (case as AWS documents it) to its value. */
  readonly context: Readonly<Record<string, ContextValue>>;
  /** notes are copied into the decision: e.g. which ambiguity reading (A2–A4) built this request. */
  readonly notes?: readonly string[];
}

/** PolicyKind says where an IAM policy sits in the evaluation (docs/iam-semantics.md §4.4). */
export type PolicyKind = "identity" | "scp" | "boundary";

/** IamPolicy is one named IAM policy document (standard JSON: Version, Statement). */
export interface IamPolicy {
  readonly name: string;
  readonly kind: PolicyKind;
  /** document is the parsed policy JSON, normalised (Statement always an array). */
  readonly document: unknown;
  /** file is where it came from, for diagnostics and reports. */
  readonly file?: string;
}

/** DecisionKind is the outcome of one request: IAM's three plus Unknown (depends on an unknown value). */
export type DecisionKind = "Allow" | "ExplicitDeny" | "ImplicitDeny" | "Unknown";

/** Truth is a three-valued result in a trace. */
export type Truth = "true" | "false" | "unknown";

/**
 * ConditionTrace explains one condition entry (`operator: {key: values}`) of a statement, from the
 * explain entrypoint only (vpcgate/iam/explain): its result and, in a few words, why.
 */
export interface ConditionTrace {
  /** operator and key as the policy spells them; key is "" when the operator's block is no object. */
  readonly operator: string;
  readonly key: string;
  /** values are the policy values, as strings. */
  readonly values: readonly string[];
  readonly result: Truth;
  /** reason, e.g. "key absent: IfExists makes it true", "subnet-1 matches no policy value". */
  readonly reason: string;
}

/** StatementRef identifies one statement that decided (or could decide) a request. */
export interface StatementRef {
  readonly policy: string;
  readonly kind: PolicyKind;
  /** index is the 0-based position of the statement in the policy's Statement array. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  /**
   * status: the statement applied, or might apply depending on unknown values; "does-not-apply"
   * only in Decision.notApplied (explain).
   */
  readonly status?: "applies" | "unknown" | "does-not-apply";
  /** The trace (explain entrypoint only): Action/NotAction and Resource/NotResource results. */
  readonly action?: Truth;
  readonly resource?: Truth;
  /** conditions (explain only): every condition entry, by operator then key in code point order. */
  readonly conditions?: readonly ConditionTrace[];
}

/** Decision is the evaluation result for one request, with the trace that explains it. */
export interface Decision {
  readonly decision: DecisionKind;
  /** statements that decided it (for Unknown: the statements whose outcome is unknown). */
  readonly statements: readonly StatementRef[];
  /** notes: ambiguities relied on (A1–A4), unknown keys involved, and other explanations. */
  readonly notes: readonly string[];
  /** unknownKeys names the context keys (or "resource") whose unknown value the decision depends on. */
  readonly unknownKeys?: readonly string[];
  /**
   * notApplied (explain entrypoint only): the statements whose Action matched the request but that
   * do not apply (a Resource or a condition is false), each traced, in policy order.
   */
  readonly notApplied?: readonly StatementRef[];
}
