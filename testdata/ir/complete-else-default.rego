# entrypoints: test/p, test/f_out
package test

default p := "none"

p := "small" if {
	input.x < 10
} else := "big" if {
	input.x >= 10
}

f(x) := y if {
	y := x + 1
}

f_out := f(1)
