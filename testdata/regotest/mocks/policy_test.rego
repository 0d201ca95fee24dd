# with input / data / function / builtin mocks, following OPA's rules on what may be mocked.
package mocks

test_data_file_loaded if is_admin with input.user as "alice"

test_data_mocked if is_admin with input.user as "bob" with data.roles.admins as ["bob"]

test_rule_replaced_by_data if gate with data.mocks.big as true with input.n as 1

test_rule_replaced_by_data_false if not gate with data.mocks.big as false with input.n as 100

test_function_mocked_by_value if big with double as 11 with input.n as 1

test_function_mocked_by_function if big with double as triple with input.n as 4

test_function_mocked_by_path if big with data.mocks.double as triple with input.n as 4

test_not_big if not big with input.n as 4

test_builtin_mocked_by_value if loud == "X" with upper as "X" with input.s as "a"

test_builtin_mocked_by_builtin if loud == "a" with upper as lower with input.s as "A"

lower_bang(s) := concat("", [lower(s), "!"])

test_builtin_mocked_by_function if loud == "a!" with upper as lower_bang with input.s as "A"

test_now_from_host if stamp == 1767225600000000000

test_now_mocked if stamp == 5 with time.now_ns as 5

test_now_mocked_not_recent if not recent with time.now_ns as 5

test_host_builtin if parsed == 1577836800000000000


test_yaml_data_file if data.limits.max == 3
