// Builtins: is_number is_string is_boolean is_array is_set is_object is_null type_name.
// Input: any value. Output: true/false (OPA's non-strict behaviour) or the type's name.

import { T_NULL, T_BOOLEAN, T_NUMBER, T_STRING, T_ARRAY, T_OBJECT, T_SET, boolValue, litString } from "../value";
import { isType } from "../builtin-support";

export function b_is_number(v: usize): usize {
  return boolValue(isType(v, T_NUMBER));
}

export function b_is_string(v: usize): usize {
  return boolValue(isType(v, T_STRING));
}

export function b_is_boolean(v: usize): usize {
  return boolValue(isType(v, T_BOOLEAN));
}

export function b_is_array(v: usize): usize {
  return boolValue(isType(v, T_ARRAY));
}

export function b_is_set(v: usize): usize {
  return boolValue(isType(v, T_SET));
}

export function b_is_object(v: usize): usize {
  return boolValue(isType(v, T_OBJECT));
}

export function b_is_null(v: usize): usize {
  return boolValue(isType(v, T_NULL));
}

export function b_type_name(v: usize): usize {
  if (v == 0) return 0;
  switch (load<u8>(v)) {
    case T_NULL: return litString("null");
    case T_BOOLEAN: return litString("boolean");
    case T_NUMBER: return litString("number");
    case T_STRING: return litString("string");
    case T_ARRAY: return litString("array");
    case T_OBJECT: return litString("object");
    case T_SET: return litString("set");
  }
  return 0;
}
