package w

f(x) := x

g(x, y) := x

p := {"a": 1}

test_x if count([]) == 0 with count as g
