# Passing, failing, erroring, skipped, duplicate and partial-object tests for vpcgate test.
package example

test_admin_allowed if allow with input as {"user": "admin"}

test_get_allowed if allow with input as {"method": "GET"}

test_post_denied if not allow with input as {"method": "POST"}

# fails: allow is false, not true
test_post_allowed_wrong if allow with input as {"method": "POST"}

# fails: the value is undefined
test_undefined if input.missing == 1

# fails: a non-boolean value is not a pass
test_non_boolean := 7

# errors: the rule it reads has conflicting values
test_conflict if conflict with input as {"n": 1}

test_double if double(2) == 4

todo_test_later if false

# two definitions of one name are two tests (the second is reported as test_dup#01)
test_dup if true

test_dup if false

# a partial-object test: one sub-result per case (the value must be true)
test_cases[name] := ok if {
	some name, c in {"two": [1, 2], "four": [2, 4], "bad": [3, 7]}
	ok := double(c[0]) == c[1]
}
