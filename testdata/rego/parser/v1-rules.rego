package example.rules
import rego.v1
import data.lib.helpers as h
import input.request

default allow := false

allow if {
	request.method == "GET"
	some role in input.roles
	role in {"admin", "reader"}
	h.allowed[role]
}

deny contains msg if {
	not allow
	msg := sprintf("denied %v", [input.user])
}

labels[k] := v if {
	some k, v in input.labels
	startswith(k, "app")
}

a.b.c := 1

f(x) := y if y := x * 2

f(x) := 0 if x < 0

grade := "A" if input.score > 90
else := "B" if input.score > 80
else := "C"

all_ok if every x in input.xs { x > 0 }

names := [n | some u in input.users; n := u.name]
by_id := {u.id: u | some u in input.users}
uniq := {n | n := input.users[_].name}
