package w

f(x) := x

g(x, y) := x

p := {"a": 1}

test_x if 1 in [1] with internal.member_2 as f
