# IAM wildcards, policy variables and partially known values (docs/iam.md, docs/unknowns.md).
# Input: policy value text, the normalised request context, request scalars (strings or the
# $unknown / $fresh / $parts markers). Output: pattern objects and three-valued matches.
# IAM `*` and `?` are matched with glob.match (no delimiters), every other glob metacharacter escaped.
package vpcgate.iam

# hole stands for an unknown part of a value (never contains ':') in ARN templates.
hole := "\u0001"

# glob_lit escapes text so that glob.match treats every character literally.
glob_lit(s) := replace(replace(replace(replace(replace(replace(replace(s, "\\", "\\\\"), "*", "\\*"), "?", "\\?"), "[", "\\["), "]", "\\]"), "{", "\\{"), "}", "\\}")

# glob_wild escapes glob metacharacters except the IAM wildcards * and ?.
glob_wild(s) := replace(replace(replace(replace(replace(s, "\\", "\\\\"), "[", "\\["), "]", "\\]"), "{", "\\{"), "}", "\\}")

# --- pieces: {"c": literal text} | {"w": "*" or "?"} | {"var": lower-case key, "def": default or null}

# text_pieces splits text into literal and wildcard pieces (wild) or keeps it one literal piece.
text_pieces(text, wild) := wild_pieces(text) if {
	wild == true
} else := [{"c": text}]

wild_pieces(text) := [pc |
	some i, chunk in split(text, "*")
	some pc in star_chunk(i, chunk)
]

star_chunk(i, chunk) := qmark_pieces(chunk) if {
	i == 0
} else := array.concat([{"w": "*"}], qmark_pieces(chunk))

qmark_pieces(chunk) := [pc |
	some j, sub in split(chunk, "?")
	some pc in qmark_chunk(j, sub)
]

qmark_chunk(j, sub) := [{"c": sub}] if {
	j == 0
} else := [{"w": "?"}, {"c": sub}]

# raw_pieces also recognises ${...} policy variables when vars is true.
raw_pieces(text, wild, vars) := [pc |
	some i, part in split(text, "${")
	some pc in var_part(i, part, wild)
] if {
	vars == true
	contains(text, "${")
} else := text_pieces(text, wild)

var_part(i, part, wild) := text_pieces(part, wild) if {
	i == 0
}

var_part(i, part, wild) := text_pieces(concat("", ["${", part]), wild) if {
	i > 0
	indexof(part, "}") < 0
}

var_part(i, part, wild) := array.concat([var_piece(trim_space(substring(part, 0, k)))], text_pieces(substring(part, k + 1, -1), wild)) if {
	i > 0
	k := indexof(part, "}")
	k >= 0
}

special_vars := {"*", "?", "$"}

var_piece(body) := {"c": body} if {
	body in special_vars
}

var_piece(body) := {"var": lower(trim_space(substring(body, 0, k))), "def": unquote(trim_space(substring(body, k + 1, -1)))} if {
	not body in special_vars
	k := indexof(body, ",")
	k >= 0
}

var_piece(body) := {"var": lower(body), "def": null} if {
	not body in special_vars
	indexof(body, ",") < 0
}

unquote(d) := substring(d, 1, count(d) - 2) if {
	count(d) >= 2
	startswith(d, "'")
	endswith(d, "'")
} else := d

# var_names lists the variables the pieces use.
var_names(pieces) := [pc.var | some pc in pieces]

# --- resolution of variables against the request context

resolve_pieces(pieces, ctx) := [resolve_piece(pc, ctx) | some pc in pieces]

resolve_piece(pc, ctx) := pc if {
	not pc.var
}

resolve_piece(pc, ctx) := {"unk": e.name} if {
	e := ctx[pc.var]
	unknownish(e)
}

resolve_piece(pc, ctx) := {"c": e.vals[0]} if {
	e := ctx[pc.var]
	e.scalar
	is_string(e.vals[0])
}

resolve_piece(pc, ctx) := {"c": pc.def} if {
	pc.var
	not scalar_entry(ctx, pc.var)
	is_string(pc.def)
}

resolve_piece(pc, ctx) := {"none": true} if {
	pc.var
	not scalar_entry(ctx, pc.var)
	not is_string(pc.def)
}

# scalar_entry: the key holds one value (known or not) or is wholly unknown.
scalar_entry(ctx, k) if ctx[k].scalar

scalar_entry(ctx, k) if ctx[k].whole

# unknownish: an entry whose value is not known before apply.
unknownish(e) if e.whole

unknownish(e) if {
	e.scalar
	not is_string(e.vals[0])
}

# --- pattern objects

# build_pattern turns resolved pieces into {"k": "none"} (an unresolved variable: matches nothing),
# {"k": "unknown"} (a variable with an unknown value) or {"k": "pat", ...}; lc lower-cases literals.
build_pattern(rp, lc) := {"k": "none"} if {
	some pc in rp
	pc.none
}

build_pattern(rp, lc) := {"k": "unknown"} if {
	not any_none(rp)
	some pc in rp
	pc.unk
}

build_pattern(rp, lc) := pat_of(lc_pieces(rp, lc)) if {
	not any_none(rp)
	not any_unk(rp)
}

any_none(rp) if {
	some pc in rp
	pc.none
}

any_unk(rp) if {
	some pc in rp
	pc.unk
}

lc_pieces(rp, lc) := [lower_piece(pc) | some pc in rp] if {
	lc == true
} else := rp

lower_piece(pc) := {"c": lower(pc.c)} if {
	is_string(pc.c)
} else := pc

pat_of(ps) := {"k": "pat", "lit": true, "text": concat("", [pc.c | some pc in ps])} if {
	not has_wild(ps)
}

pat_of(ps) := {
	"k": "pat",
	"lit": false,
	"glob": concat("", [piece_glob(pc) | some pc in ps]),
	"stars": all_stars(ps),
	"simple": simple_mid(ps, first, last),
	"p": concat("", [pc.c | some i, pc in ps; i < first]),
	"s": concat("", [pc.c | some i, pc in ps; i > last]),
} if {
	ws := [i | some i, pc in ps; pc.w]
	count(ws) > 0
	first := ws[0]
	last := ws[count(ws) - 1]
}

has_wild(ps) if {
	some pc in ps
	pc.w
}

piece_glob(pc) := pc.w if {
	pc.w
} else := glob_lit(pc.c)

star_or_empty(pc) if pc.w == "*"

star_or_empty(pc) if pc.c == ""

all_stars(ps) := false if {
	some pc in ps
	not star_or_empty(pc)
} else := true

simple_mid(ps, first, last) := false if {
	some i, pc in ps
	i >= first
	i <= last
	not star_or_empty(pc)
} else := true

# --- values: {"k": "known", "s": text} | {"k": "partial", "a": known prefix, "b": known suffix, "fresh": bool}

abs_val(x) := {"k": "known", "s": x} if is_string(x)

abs_val(x) := {"k": "partial", "a": x["$fresh"], "b": "", "fresh": true} if is_string(x["$fresh"])

abs_val(x) := parts_val(x["$parts"]) if is_array(x["$parts"])

abs_val(x) := {"k": "partial", "a": "", "b": "", "fresh": false} if {
	is_object(x)
	not is_string(x["$fresh"])
	not is_array(x["$parts"])
}

parts_val(ps) := {"k": "known", "s": concat("", ps)} if {
	not any_marker(ps)
}

parts_val(ps) := {"k": "partial", "a": a, "b": b, "fresh": false} if {
	marks := sort([i | some i, p in ps; not is_string(p)])
	count(marks) > 0
	first := marks[0]
	last := marks[count(marks) - 1]
	a := concat("", [concat("", array.slice(ps, 0, first)), fresh_prefix(ps[first])])
	b := concat("", array.slice(ps, last + 1, count(ps)))
}

any_marker(ps) if {
	some p in ps
	not is_string(p)
}

fresh_prefix(p) := p["$fresh"] if {
	is_string(p["$fresh"])
} else := ""

lower_val(v) := {"k": "known", "s": lower(v.s)} if {
	v.k == "known"
} else := {"k": "partial", "a": lower(v.a), "b": lower(v.b), "fresh": v.fresh}

# --- three-valued matching of a pattern against a value

# match3: fr enables the fresh-id rule (a fresh id equals no literal text).
match3(pat, v, fr) := "F" if pat.k == "none"

match3(pat, v, fr) := "U" if pat.k == "unknown"

match3(pat, v, fr) := known_match(pat, v.s) if {
	pat.k == "pat"
	v.k == "known"
}

match3(pat, v, fr) := partial_match(pat, v, fr) if {
	pat.k == "pat"
	v.k == "partial"
}

known_match(pat, s) := "T" if {
	pat.lit
	pat.text == s
}

known_match(pat, s) := "F" if {
	pat.lit
	pat.text != s
}

known_match(pat, s) := "T" if {
	not pat.lit
	glob.match(pat.glob, null, s)
}

known_match(pat, s) := "F" if {
	not pat.lit
	not glob.match(pat.glob, null, s)
}

partial_match(pat, v, fr) := "F" if {
	pat.lit
	fresh_excluded(v, fr)
}

partial_match(pat, v, fr) := "U" if {
	pat.lit
	not fresh_excluded(v, fr)
	lit_compatible(pat.text, v)
}

partial_match(pat, v, fr) := "F" if {
	pat.lit
	not fresh_excluded(v, fr)
	not lit_compatible(pat.text, v)
}

partial_match(pat, v, fr) := "T" if {
	not pat.lit
	pat.stars
}

partial_match(pat, v, fr) := "F" if {
	not pat.lit
	not pat.stars
	not ends_compatible(pat, v)
}

partial_match(pat, v, fr) := "T" if {
	not pat.lit
	not pat.stars
	ends_compatible(pat, v)
	covers(pat, v)
}

partial_match(pat, v, fr) := "U" if {
	not pat.lit
	not pat.stars
	ends_compatible(pat, v)
	not covers(pat, v)
}

fresh_excluded(v, fr) if {
	v.fresh
	fr == true
}

lit_compatible(t, v) if {
	startswith(t, v.a)
	endswith(t, v.b)
	count(t) >= count(v.a) + count(v.b)
}

ends_compatible(pat, v) if {
	prefix_compatible(v.a, pat.p)
	suffix_compatible(v.b, pat.s)
}

prefix_compatible(a, p) if startswith(a, p)

prefix_compatible(a, p) if startswith(p, a)

suffix_compatible(b, s) if endswith(b, s)

suffix_compatible(b, s) if endswith(s, b)

# covers: every value a·…·b matches a pattern p*…*s whose wildcards are all stars.
covers(pat, v) if {
	pat.simple
	startswith(v.a, pat.p)
	endswith(v.b, pat.s)
}
