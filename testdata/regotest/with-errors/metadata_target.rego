package w

f(x) := x

g(x, y) := x

p := {"a": 1}

test_x if true with rego.metadata.rule as f
