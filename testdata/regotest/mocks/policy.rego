# Policy under test for the mock fixtures: data, functions and builtins used by rules.
package mocks

import data.roles

is_admin if input.user in roles.admins

double(x) := x * 2

triple(x) := x * 3

shout(s) := upper(s)

big if double(input.n) > 10

gate if big

stamp := time.now_ns()

recent if time.now_ns() > 1000

loud := shout(input.s)

parsed := time.parse_rfc3339_ns("2020-01-01T00:00:00Z")
