# Condition operators (iam-semantics §3): String*, Arn*, Numeric*, Date*, Bool, BinaryEquals,
# IpAddress/NotIpAddress, Null, the IfExists suffix, ForAllValues:/ForAnyValue:, and the
# missing-key/empty-value rules (§3.8). Input: a precomputed condition entry and the normalised
# request context. Output: "T", "F" or "U".
package vpcgate.iam

# op_table maps a lower-case base operator to its family, polarity and comparison.
op_table := {
	"stringequals": {"fam": "streq", "neg": false, "cmp": ""},
	"stringnotequals": {"fam": "streq", "neg": true, "cmp": ""},
	"stringequalsignorecase": {"fam": "streqi", "neg": false, "cmp": ""},
	"stringnotequalsignorecase": {"fam": "streqi", "neg": true, "cmp": ""},
	"stringlike": {"fam": "strlike", "neg": false, "cmp": ""},
	"stringnotlike": {"fam": "strlike", "neg": true, "cmp": ""},
	"numericequals": {"fam": "num", "neg": false, "cmp": "eq"},
	"numericnotequals": {"fam": "num", "neg": true, "cmp": "eq"},
	"numericlessthan": {"fam": "num", "neg": false, "cmp": "lt"},
	"numericlessthanequals": {"fam": "num", "neg": false, "cmp": "lte"},
	"numericgreaterthan": {"fam": "num", "neg": false, "cmp": "gt"},
	"numericgreaterthanequals": {"fam": "num", "neg": false, "cmp": "gte"},
	"dateequals": {"fam": "date", "neg": false, "cmp": "eq"},
	"datenotequals": {"fam": "date", "neg": true, "cmp": "eq"},
	"datelessthan": {"fam": "date", "neg": false, "cmp": "lt"},
	"datelessthanequals": {"fam": "date", "neg": false, "cmp": "lte"},
	"dategreaterthan": {"fam": "date", "neg": false, "cmp": "gt"},
	"dategreaterthanequals": {"fam": "date", "neg": false, "cmp": "gte"},
	"bool": {"fam": "bool", "neg": false, "cmp": ""},
	"binaryequals": {"fam": "bin", "neg": false, "cmp": ""},
	"ipaddress": {"fam": "ip", "neg": false, "cmp": ""},
	"notipaddress": {"fam": "ip", "neg": true, "cmp": ""},
	"arnequals": {"fam": "arn", "neg": false, "cmp": ""},
	"arnlike": {"fam": "arn", "neg": false, "cmp": ""},
	"arnnotequals": {"fam": "arn", "neg": true, "cmp": ""},
	"arnnotlike": {"fam": "arn", "neg": true, "cmp": ""},
}

# parse_op reads "[ForAllValues:|ForAnyValue:]<Operator>[IfExists]" case-insensitively.
parse_op(name) := {"k": "null"} if {
	lower(name) == "null"
}

parse_op(name) := {"k": "op", "fam": op.fam, "neg": op.neg, "cmp": op.cmp, "set": op_set(n), "ife": ife} if {
	n := lower(name)
	rest := op_rest(n)
	ife := endswith(rest, "ifexists")
	op := op_table[op_base(rest, ife)]
}

parse_op(name) := {"k": "bad"} if {
	lower(name) != "null"
	n := lower(name)
	rest := op_rest(n)
	not op_table[op_base(rest, endswith(rest, "ifexists"))]
}

op_set(n) := "all" if {
	startswith(n, "forallvalues:")
} else := "any" if {
	startswith(n, "foranyvalue:")
} else := ""

op_rest(n) := substring(n, 13, -1) if {
	startswith(n, "forallvalues:")
} else := substring(n, 12, -1) if {
	startswith(n, "foranyvalue:")
} else := n

op_base(rest, ife) := substring(rest, 0, count(rest) - 8) if {
	ife == true
} else := rest

# policy_strings normalises a condition's values to strings (booleans and numbers as text).
policy_strings(raw) := [s | some x in as_list(raw); s := scalar_text(x)]

scalar_text(x) := x if is_string(x)

scalar_text(x) := "true" if x == true

scalar_text(x) := "false" if x == false

scalar_text(x) := sprintf("%v", [x]) if is_number(x)

# policy_value precomputes one policy value for its operator family.
policy_value(pop, p, vars) := {"raw": p, "names": []} if {
	pop.k != "op"
}

policy_value(pop, p, vars) := string_pv(p, fam_is(pop, "strlike"), fam_is(pop, "streqi"), vars) if {
	pop.k == "op"
	pop.fam in {"streq", "streqi", "strlike"}
}

policy_value(pop, p, vars) := arn_pv(p, vars) if {
	pop.k == "op"
	pop.fam == "arn"
}

policy_value(pop, p, vars) := {"n": parse_num(p), "names": []} if {
	pop.k == "op"
	pop.fam == "num"
}

policy_value(pop, p, vars) := {"t": parse_date(p), "names": []} if {
	pop.k == "op"
	pop.fam == "date"
}

policy_value(pop, p, vars) := {"raw": p, "names": []} if {
	pop.k == "op"
	pop.fam in {"bool", "bin"}
}

policy_value(pop, p, vars) := {"cidr": cidr_of(p), "names": []} if {
	pop.k == "op"
	pop.fam == "ip"
}

string_pv(p, wild, lc, vars) := {"dyn": nonempty(names), "pieces": pieces, "names": names, "lc": lc, "pat": static_pat(pieces, names, lc)} if {
	pieces := raw_pieces(p, wild, vars)
	names := var_names(pieces)
}

static_pat(pieces, names, lc) := build_pattern(pieces, lc) if {
	count(names) == 0
} else := null

pv_pat(pv, ctx) := pv.pat if {
	not pv.dyn
} else := build_pattern(resolve_pieces(pv.pieces, ctx), pv.lc)

cidr_of(p) := p if {
	contains(p, "/")
} else := concat("", [p, "/128"]) if {
	contains(p, ":")
} else := concat("", [p, "/32"])

# --- numbers and dates

digits(x) if {
	x != ""
	trim(x, "0123456789") == ""
}

decimal_ok(b) if {
	ps := split(b, ".")
	count(ps) == 1
	digits(ps[0])
}

decimal_ok(b) if {
	ps := split(b, ".")
	count(ps) == 2
	digits(ps[0])
	digits(ps[1])
}

num_body(s) := substring(s, 1, -1) if {
	startswith(s, "-")
} else := substring(s, 1, -1) if {
	startswith(s, "+")
} else := s

# parse_num reads [+-]digits[.digits]; null otherwise.
parse_num(s) := n if {
	b := num_body(s)
	decimal_ok(b)
	n := num_signed(s, to_number(b))
} else := null

num_signed(s, v) := 0 - v if {
	startswith(s, "-")
} else := v

# parse_date reads epoch seconds, YYYY-MM-DD or RFC 3339 into nanoseconds; null otherwise.
parse_date(s) := n if {
	digits(s)
	n := to_number(s) * 1000000000
} else := n if {
	n := time.parse_rfc3339_ns(day_fix(s))
	is_number(n)
} else := null

day_fix(s) := concat("", [s, "T00:00:00Z"]) if {
	count(s) == 10
	not digits(s)
} else := s

cmp_ok(c, a, b) if {
	c == "eq"
	a == b
}

cmp_ok(c, a, b) if {
	c == "lt"
	a < b
}

cmp_ok(c, a, b) if {
	c == "lte"
	a <= b
}

cmp_ok(c, a, b) if {
	c == "gt"
	a > b
}

cmp_ok(c, a, b) if {
	c == "gte"
	a >= b
}

# --- one request value against one policy value (the positive base operator)

value_match(pop, pv, x, ctx) := match3(pv_pat(pv, ctx), abs_val(x), true) if pop.fam in {"streq", "strlike"}

value_match(pop, pv, x, ctx) := match3(pv_pat(pv, ctx), lower_val(abs_val(x)), true) if pop.fam == "streqi"

value_match(pop, pv, x, ctx) := arn_match(pv, x, ctx) if pop.fam == "arn"

value_match(pop, pv, x, ctx) := "U" if {
	pop.fam in {"num", "date", "bool", "bin", "ip"}
	not is_string(x)
}

value_match(pop, pv, x, ctx) := num_match(pop.cmp, x, pv.n) if {
	pop.fam == "num"
	is_string(x)
}

value_match(pop, pv, x, ctx) := date_match(pop.cmp, x, pv.t) if {
	pop.fam == "date"
	is_string(x)
}

value_match(pop, pv, x, ctx) := bool_match(x, pv.raw) if {
	pop.fam == "bool"
	is_string(x)
}

value_match(pop, pv, x, ctx) := bin_match(x, pv.raw) if {
	pop.fam == "bin"
	is_string(x)
}

value_match(pop, pv, x, ctx) := ip_match(x, pv.cidr) if {
	pop.fam == "ip"
	is_string(x)
}

num_match(c, x, p) := "T" if {
	is_number(p)
	a := parse_num(x)
	is_number(a)
	cmp_ok(c, a, p)
} else := "F"

date_match(c, x, p) := "T" if {
	is_number(p)
	a := parse_date(x)
	is_number(a)
	cmp_ok(c, a, p)
} else := "F"

bool_match(x, p) := "T" if {
	lower(p) in {"true", "false"}
	lower(x) == lower(p)
} else := "F"

bin_match(x, p) := "T" if {
	x == p
} else := "F"

null_present(want) := "T" if {
	want == "false"
} else := "F"

fam_is(pop, f) := true if {
	pop.fam == f
} else := false

ip_match(x, cidr) := "T" if {
	not contains(x, "/")
	net.cidr_contains(cidr, x)
} else := "F"

# --- one condition entry: operator, key, values

# unknown_scalar stands for one value of a wholly unknown key.
unknown_scalar := {"$unknown": ""}

# per_value: the base operator on one request value (OR over policy values; NOR when negated).
per_value(c, x, ctx) := neg_if(c.pop.neg, or3([value_match(c.pop, pv, x, ctx) | some pv in c.pvs]))

# absent_res is the result on an absent key or an empty list (A1), per the §3.8 table.
absent_res(pop) := "T" if {
	pop.set == "all"
} else := "T" if {
	pop.ife == true
} else := "T" if {
	pop.set == ""
	pop.neg == true
} else := "F"

entry_result(c, ctx) := "F" if c.pop.k == "bad"

entry_result(c, ctx) := or3([null_result(lower(p), ctx[c.key]) | some p in c.vals]) if {
	c.pop.k == "null"
	ctx[c.key]
}

entry_result(c, ctx) := or3([null_absent(lower(p)) | some p in c.vals]) if {
	c.pop.k == "null"
	not ctx[c.key]
}

entry_result(c, ctx) := absent_res(c.pop) if {
	c.pop.k == "op"
	not ctx[c.key]
}

entry_result(c, ctx) := whole_res(absent_res(c.pop), per_value(c, unknown_scalar, ctx)) if {
	c.pop.k == "op"
	ctx[c.key].whole
}

entry_result(c, ctx) := combine(c.pop, [per_value(c, x, ctx) | some x in e.vals]) if {
	c.pop.k == "op"
	e := ctx[c.key]
	not e.whole
}

null_absent(want) := "T" if want == "true"

null_absent(want) := "F" if want != "true"

null_result(want, e) := "F" if not want in {"true", "false"}

null_result(want, e) := "U" if {
	want in {"true", "false"}
	e.whole
}

null_result(want, e) := null_present(want) if {
	want in {"true", "false"}
	not e.whole
}

whole_res(a, mu) := mu if {
	a == mu
} else := "U"

combine(pop, ms) := and3(ms) if {
	pop.set == "all"
} else := and3(ms) if {
	pop.set == ""
	pop.neg == true
} else := or3(ms)
