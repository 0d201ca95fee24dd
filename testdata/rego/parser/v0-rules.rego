package example.legacy

p[x] { x := input.xs[_] }
p[1]
q[k] = v { v := input.m[k] }
r { input.a; input.b } { input.c }
g(x) = y { y := x + 1 }
s = 7
t = data.example.legacy.s
u = x { x := object.get(input, ["a", "b"], "d").c }
