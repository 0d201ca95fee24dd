# Three-valued (Kleene) logic for the IAM evaluator: "T" true, "F" false, "U" unknown.
# Input: arrays or sets of "T"/"F"/"U". Output: one of "T"/"F"/"U".
# Used everywhere a result may depend on a value not known before apply (docs/unknowns.md).
package vpcgate.iam

# and3 is false if any part is false, unknown if any is unknown, else true (true when empty).
and3(xs) := "F" if {
	"F" in xs
} else := "U" if {
	"U" in xs
} else := "T"

# or3 is true if any part is true, unknown if any is unknown, else false (false when empty).
or3(xs) := "T" if {
	"T" in xs
} else := "U" if {
	"U" in xs
} else := "F"

# not3 swaps true and false and keeps unknown.
not3(x) := {"T": "F", "F": "T", "U": "U"}[x]

# b3 turns a boolean into "T"/"F".
b3(b) := "T" if {
	b == true
} else := "F"

# neg_if negates x when n is true.
neg_if(n, x) := not3(x) if {
	n == true
} else := x

# as_list wraps a non-array in a one-element array.
as_list(x) := x if {
	is_array(x)
} else := [x]

# has_key reports whether object o has key k.
has_key(o, k) if {
	is_object(o)
	k in object.keys(o)
}

# nonempty reports whether a collection has elements, as a boolean.
nonempty(xs) := true if {
	count(xs) > 0
} else := false
