# A tiny policy under test: allow when the user is an admin or the method is GET.
package example

default allow := false

allow if input.user == "admin"

allow if input.method == "GET"

double(x) := x * 2

# conflict has two different values when input.n == 1: evaluating it aborts (a conflict).
conflict := 1 if input.n == 1

conflict := 2 if input.n == 1
