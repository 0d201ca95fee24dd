package w

f(x) := x

g(x, y) := x

p := {"a": 1}

test_x if p.a == 2 with data.w.p.a as 2
