# The statement table and statement matching: Effect, Action/NotAction (case-insensitive
# wildcards), Resource/NotResource (ARN components), Condition (AND of entries).
# Input: data.policies (IamPolicy objects: name, kind, document). Output: stmt_table, computed once
# per evaluation, and stmt_result(st, req, action, ctx) = {"st", "v", "act", "unk"} per request.
package vpcgate.iam

# stmt_table lists every statement of every policy, in policy then statement order.
stmt_table := [stmt_info(pol, si, s) |
	some pol in data.policies
	some si, s in statement_list(pol.document)
	is_object(s)
]

statement_list(doc) := doc.Statement if {
	is_array(doc.Statement)
} else := [doc.Statement] if {
	is_object(doc.Statement)
} else := []

stmt_info(pol, si, s) := {
	"name": pol.name,
	"kind": pol.kind,
	"si": si,
	"sid": object.get(s, "Sid", null),
	"effect": effect_of(s),
	"act_not": act_not,
	"acts": [glob_wild(lower(a)) | some a in as_list(object.get(s, action_field(act_not), [])); is_string(a)],
	"res_not": res_not,
	"res": [res_info(p, vars) | some p in resource_list(s, res_not); is_string(p)],
	"conds": [c | some op, block in condition_of(s); some c in cond_entries(op, block, vars)],
} if {
	vars := version_vars(pol.document)
	act_not := not_form(s, "Action", "NotAction")
	res_not := not_form(s, "Resource", "NotResource")
}

effect_of(s) := "Deny" if {
	s.Effect == "Deny"
} else := "Allow"

# version_vars: policy variables are honoured only under Version 2012-10-17 (§3.9).
version_vars(doc) := true if {
	doc.Version == "2012-10-17"
} else := false

not_form(s, pos, neg) := true if {
	not has_key(s, pos)
	has_key(s, neg)
} else := false

action_field(n) := "NotAction" if {
	n == true
} else := "Action"

resource_list(s, n) := ["*"] if {
	not has_key(s, "Resource")
	not has_key(s, "NotResource")
} else := as_list(s.NotResource) if {
	n == true
} else := as_list(s.Resource)

res_info(p, vars) := {"star": true} if {
	p == "*"
} else := {"star": false, "pv": arn_pv(p, vars)}

condition_of(s) := s.Condition if {
	is_object(s.Condition)
} else := {}

cond_entries(op, block, vars) := [cond_info(op, key, raw, vars) | some key, raw in block] if {
	is_object(block)
} else := [{"key": "", "op": op, "okey": "", "block_bad": true, "pop": {"k": "bad"}, "vals": [], "pvs": [], "names": []}]

# cond_info precomputes one condition entry; op and okey keep the spelling of the policy (trace).
cond_info(op, key, raw, vars) := {"key": lower(key), "op": op, "okey": key, "pop": pop, "vals": vals, "pvs": pvs, "names": [n | some pv in pvs; some n in pv.names]} if {
	pop := parse_op(op)
	vals := policy_strings(raw)
	pvs := [policy_value(pop, p, vars) | some p in vals]
}

# --- per request

action_result(st, act) := neg_if(st.act_not, b3(action_any(st, act)))

action_any(st, act) := true if {
	some g in st.acts
	glob.match(g, null, act)
} else := false

resource_result(st, x, ctx) := neg_if(st.res_not, or3([resource_one(ri, x, ctx) | some ri in st.res]))

resource_one(ri, x, ctx) := "T" if {
	ri.star
} else := arn_match(ri.pv, x, ctx)

# stmt_result evaluates one statement for one request: v is "T"/"F"/"U" (act, res: Action and
# Resource alone); unk lists the keys
# with unknown values that make it unknown (empty unless v is "U").
stmt_result(st, req, act, ctx) := {"st": st, "v": v, "act": a, "res": r, "unk": unk} if {
	a := action_result(st, act)
	r := resource_result(st, req.resource, ctx)
	ers := [{"r": entry_result(c, ctx), "c": c} | some c in st.conds]
	v := and3([a, r, and3([e.r | some e in ers])])
	unk := stmt_unknown_keys(v, st, r, req.resource, ers, ctx)
}

stmt_unknown_keys(v, st, r, x, ers, ctx) := [] if {
	v != "U"
} else := array.concat(resource_unknown_keys(st, r, x, ctx), [k | some e in ers; e.r == "U"; some k in entry_unknown_keys(e.c, ctx)])

resource_unknown_keys(st, r, x, ctx) := [] if {
	r != "U"
} else := array.concat(resource_marker(x), [k | some ri in st.res; not ri.star; some k in unknown_var_keys(ri.pv.names, ctx)])

resource_marker(x) := [] if {
	is_string(x)
} else := ["resource"]

entry_unknown_keys(c, ctx) := array.concat(entry_marker(c, ctx), unknown_var_keys(c.names, ctx))

entry_marker(c, ctx) := [ctx[c.key].name] if {
	has_marker(ctx[c.key])
} else := []

has_marker(e) if e.whole

has_marker(e) if {
	some x in e.vals
	not is_string(x)
}

unknown_var_keys(names, ctx) := [e.name |
	some n in names
	e := ctx[n]
	unknownish(e)
]
