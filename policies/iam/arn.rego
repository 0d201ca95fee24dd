# ARN matching for Resource/NotResource and the Arn* operators: six colon-separated components,
# the sixth keeping any further colons, each matched on its own with * and ? (iam-semantics §3.3, §4.3).
# Input: an ARN pattern (policy variables only in the sixth component) and a request scalar.
# Output: "T", "F" or "U" (unknown parts of a $parts/$fresh value never contain ':').
package vpcgate.iam

# arn_pv precomputes an ARN pattern: per-component pieces, whether it has six components, variables.
arn_pv(p, vars) := {"ok": false, "names": []} if {
	count(split(p, ":")) < 6
}

arn_pv(p, vars) := {"ok": true, "segs": segs, "dyn": nonempty(names), "names": names, "pats": static_pats(segs, names)} if {
	ps := split6(p)
	segs := [arn_seg_pieces(i, s, vars) | some i, s in ps]
	names := var_names(segs[5])
}

arn_seg_pieces(i, s, vars) := raw_pieces(s, true, vars) if {
	i == 5
} else := text_pieces(s, true)

static_pats(segs, names) := [build_pattern(s, false) | some s in segs] if {
	count(names) == 0
} else := []

# split6 splits on the first five colons; undefined with fewer than six components.
split6(t) := array.concat(array.slice(ps, 0, 5), [concat(":", array.slice(ps, 5, count(ps)))]) if {
	ps := split(t, ":")
	count(ps) >= 6
}

arn_pats(pv, ctx) := pv.pats if {
	not pv.dyn
} else := [build_pattern(resolve_pieces(s, ctx), false) | some s in pv.segs]

# arn_match matches one request scalar against a precomputed ARN pattern.
arn_match(pv, x, ctx) := "F" if {
	not pv.ok
}

arn_match(pv, x, ctx) := arn_match_pats(arn_pats(pv, ctx), x) if pv.ok

arn_match_pats(pats, x) := "F" if {
	some p in pats
	p.k == "none"
}

arn_match_pats(pats, x) := "U" if {
	not any_none_pat(pats)
	not has_template(x)
}

arn_match_pats(pats, x) := arn_match_template(pats, arn_template(x)) if {
	not any_none_pat(pats)
}

any_none_pat(pats) if {
	some p in pats
	p.k == "none"
}

arn_match_template(pats, t) := "F" if {
	count(split(t, ":")) < 6
}

arn_match_template(pats, t) := and3([match3(pats[i], seg_val(vs[i]), false) | some i in numbers.range(0, 5)]) if {
	vs := split6(t)
}

# arn_template renders a value with `hole` for each unknown part; undefined for a bare $unknown.
arn_template(x) := x if is_string(x)

arn_template(x) := concat("", [x["$fresh"], hole]) if is_string(x["$fresh"])

arn_template(x) := concat("", [template_part(p) | some p in x["$parts"]]) if is_array(x["$parts"])

has_template(x) if arn_template(x)

template_part(p) := p if {
	is_string(p)
} else := concat("", [p["$fresh"], hole]) if {
	is_string(p["$fresh"])
} else := hole

seg_val(s) := {"k": "known", "s": s} if {
	not contains(s, hole)
}

seg_val(s) := {"k": "partial", "a": bits[0], "b": bits[count(bits) - 1], "fresh": false} if {
	contains(s, hole)
	bits := split(s, hole)
}
