// Builtins: equal neq lt lte gt gte (OPA's total order). Input: two values.
// Output: the static true/false value (the codegen turns false into undefined for conditions).

import { boolValue } from "../value";
import { compareValues } from "../compare";

export function b_equal(a: usize, b: usize): usize {
  return boolValue(compareValues(a, b) == 0);
}

export function b_neq(a: usize, b: usize): usize {
  return boolValue(compareValues(a, b) != 0);
}

export function b_lt(a: usize, b: usize): usize {
  return boolValue(compareValues(a, b) < 0);
}

export function b_lte(a: usize, b: usize): usize {
  return boolValue(compareValues(a, b) <= 0);
}

export function b_gt(a: usize, b: usize): usize {
  return boolValue(compareValues(a, b) > 0);
}

export function b_gte(a: usize, b: usize): usize {
  return boolValue(compareValues(a, b) >= 0);
}
