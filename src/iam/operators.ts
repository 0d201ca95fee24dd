/*
 * The IAM condition operator catalogue (iam-semantics §3) for validation and the doctor.
 * Input: an operator name as written in a policy. Output: its parsed form (family, negation,
 * set operator, IfExists) or undefined when IAM has no such operator. Names are case-insensitive.
 */

/** OperatorFamily groups operators by how values compare. */
export type OperatorFamily = "String" | "Arn" | "Numeric" | "Date" | "Bool" | "Binary" | "Ip" | "Null";

/** ParsedOperator is one condition operator split into its parts. */
export interface ParsedOperator {
  readonly name: string;
  readonly family: OperatorFamily;
  readonly negated: boolean;
  readonly set: "ForAllValues" | "ForAnyValue" | undefined;
  readonly ifExists: boolean;
}

const BASE: Readonly<Record<string, readonly [OperatorFamily, boolean]>> = {
  stringequals: ["String", false], stringnotequals: ["String", true],
  stringequalsignorecase: ["String", false], stringnotequalsignorecase: ["String", true],
  stringlike: ["String", false], stringnotlike: ["String", true],
  numericequals: ["Numeric", false], numericnotequals: ["Numeric", true],
  numericlessthan: ["Numeric", false], numericlessthanequals: ["Numeric", false],
  numericgreaterthan: ["Numeric", false], numericgreaterthanequals: ["Numeric", false],
  dateequals: ["Date", false], datenotequals: ["Date", true],
  datelessthan: ["Date", false], datelessthanequals: ["Date", false],
  dategreaterthan: ["Date", false], dategreaterthanequals: ["Date", false],
  bool: ["Bool", false], binaryequals: ["Binary", false],
  ipaddress: ["Ip", false], notipaddress: ["Ip", true],
  arnequals: ["Arn", false], arnlike: ["Arn", false], arnnotequals: ["Arn", true], arnnotlike: ["Arn", true],
};

/** parseOperator parses `[ForAllValues:|ForAnyValue:]Op[IfExists]`; undefined if not an IAM operator. */
export function parseOperator(name: string): ParsedOperator | undefined {
  let n = name.toLowerCase();
  let set: ParsedOperator["set"];
  if (n.startsWith("forallvalues:")) { set = "ForAllValues"; n = n.slice(13); }
  else if (n.startsWith("foranyvalue:")) { set = "ForAnyValue"; n = n.slice(12); }
  if (n === "null") return set === undefined ? { name, family: "Null", negated: false, set, ifExists: false } : undefined;
  const ifExists = n.endsWith("ifexists");
  if (ifExists) n = n.slice(0, -8);
  const b = BASE[n];
  return b === undefined ? undefined : { name, family: b[0], negated: b[1], set, ifExists };
}

/** MULTIVALUED_KEYS are ArrayOfString keys (lower case): they need a set operator. */
export const MULTIVALUED_KEYS: ReadonlySet<string> = new Set(["lambda:subnetids", "lambda:securitygroupids", "lambda:layer", "aws:tagkeys", "aws:principalorgpaths", "aws:calledvia"]);

/** isSingleValuedKey: known single-valued keys (lower case), where a set operator is a pitfall. */
export function isSingleValuedKey(k: string): boolean {
  const key = k.toLowerCase();
  if (MULTIVALUED_KEYS.has(key)) return false;
  return key === "lambda:vpcids" || key === "lambda:codesigningconfigarn" || key.startsWith("aws:requesttag/") || key.startsWith("aws:resourcetag/")
    || key.startsWith("aws:principaltag/") || ["aws:principalarn", "aws:sourceip", "aws:username", "aws:userid", "aws:currenttime", "aws:epochtime", "aws:securetransport", "aws:multifactorauthpresent", "aws:requestedregion", "aws:principalaccount", "aws:sourcevpc", "aws:sourcevpce"].includes(key);
}
