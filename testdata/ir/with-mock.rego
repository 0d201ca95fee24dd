# entrypoints: test/p
package test

f(x) := x * 2

g(x) := x * 3

q := f(1)

p := [q, r] if {
	r := q with f as g
	input.y == 1 with input as {"y": 1}
}
