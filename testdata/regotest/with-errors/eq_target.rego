package w

f(x) := x

g(x, y) := x

p := {"a": 1}

test_x if 1 == 1 with eq as f
