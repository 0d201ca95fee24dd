package lex.test
import rego.v1
# comment
p := {"a": 1.5e3, "b": [true, false, null], "c": `raw\n`} if {
	x := "esc \"q\" \u00e9 \ud83d\ude00"; y = -12345678901234567890
	x != y; 1 <= 2; 3 >= 2; 1 < 2; 2 > 1; 1 == 1
	z := (1 + 2 - 3 * 4 / 5 % 6) & {1} | {2}
	some k, v in input.xs
	every e in [1] { e == 1 }
	not false
	contains("abc", "b") with input as {}
}
default q := false
f(a) = b { b := a } else = 2
