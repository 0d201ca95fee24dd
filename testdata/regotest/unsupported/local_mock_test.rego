# A function mocked by a value held in a local variable, used by another rule: valid OPA,
# not yet supported by vpcgate's planner (rego_unsupported_error).
package unsupported

double(x) := x * 2

big if double(input.n) > 10

test_mock_local_value if {
	x := 12
	big with double as x with input.n as 0
}
