package w

f(x) := x

g(x, y) := x

p := {"a": 1}

test_x if f(1) == 1 with f as g
