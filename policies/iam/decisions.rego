# The IAM evaluator's entrypoint `vpcgate/iam/decisions`: one Decision per request, in order.
# Input: {"requests": [Request...]} (src/iam/types.ts). Data: {"policies": [IamPolicy...]}.
# Output: [{decision, statements, notes[, unknownKeys]}...] combining policy kinds per §4.4:
# an explicit deny wins; an allow needs SCP ∩ boundary ∩ identity; unknowns never become Allow.
package vpcgate.iam

decisions := [decide(r) | some r in input.requests]

kind_order := ["scp", "boundary", "identity"]

# level_present: the identity level always counts; SCP and boundary only when given.
level_present(k) if k == "identity"

level_present(k) if {
	some p in data.policies
	p.kind == k
}

decide(req) := compose(e.deny, e.allowed, e.lv, e.rs, e.notes) if {
	e := evaluation(req)
}

# evaluation evaluates every statement for one request and combines them per level (§4.4);
# decide and the explain entrypoint (explain.rego) share it.
evaluation(req) := {"ctx": ctx, "rs": rs, "deny": deny, "lv": lv, "allowed": allowed, "notes": notes} if {
	ctx := norm_ctx(object.get(req, "context", {}))
	act := lower(req.action)
	rs := [stmt_result(st, req, act, ctx) | some st in stmt_table]
	deny := or3([r.v | some r in rs; r.st.effect == "Deny"])
	lv := [{"kind": k, "v": or3([r.v | some r in rs; r.st.effect == "Allow"; r.st.kind == k])} |
		some k in kind_order
		level_present(k)
	]
	allowed := and3([l.v | some l in lv])
	notes := array.concat(object.get(req, "notes", []), a1_notes(req, rs))
}

# norm_ctx: lower-case key → {name, whole, scalar, vals}; empty lists are absent (A1).
norm_ctx(ctx) := {lower(k): ctx_entry(k, v) | some k, v in ctx; v != []}

ctx_entry(k, v) := {"name": k, "whole": false, "scalar": false, "vals": v} if {
	is_array(v)
} else := {"name": k, "whole": true, "scalar": false, "vals": []} if {
	is_string(v["$unknown"])
} else := {"name": k, "whole": false, "scalar": true, "vals": [v]}

a1_notes(req, rs) := [concat("", ["A1: ", k, " is an empty list, evaluated as absent (docs/iam-semantics.md §1.7)"]) |
	some k in sort([n | some n, v in object.get(req, "context", {}); v == []])
	lower(k) in referenced
] if {
	referenced := {c.key | some r in rs; r.act == "T"; some c in r.st.conds}
}

compose(deny, allowed, lv, rs, notes) := {"decision": "ExplicitDeny", "statements": refs(rs, "Deny", "T", "applies"), "notes": notes} if {
	deny == "T"
}

compose(deny, allowed, lv, rs, notes) := {"decision": "ImplicitDeny", "statements": [], "notes": array.concat(notes, array.concat(no_allow_notes(lv), maybe_deny_note(deny)))} if {
	deny != "T"
	allowed == "F"
}

compose(deny, allowed, lv, rs, notes) := {"decision": "Allow", "statements": refs(rs, "Allow", "T", "applies"), "notes": notes} if {
	deny == "F"
	allowed == "T"
}

compose(deny, allowed, lv, rs, notes) := unknown_decision(deny, lv, rs, notes) if {
	deny != "T"
	allowed != "F"
	"U" in {deny, allowed}
}

refs(rs, effect, v, status) := [stmt_ref(r.st, status) | some r in rs; r.st.effect == effect; r.v == v]

no_allow_notes(lv) := [concat("", ["no ", l.kind, " policy allows the request"]) | some l in lv; l.v == "F"]

maybe_deny_note(deny) := ["an explicit deny may also apply, depending on unknown values"] if {
	deny == "U"
} else := []

unknown_decision(deny, lv, rs, notes) := {
	"decision": "Unknown",
	"statements": [stmt_ref(r.st, "unknown") | some r in involved],
	"notes": array.concat(notes, [concat("", ["the decision depends on values unknown before apply: ", concat(", ", keys)])]),
	"unknownKeys": keys,
} if {
	involved := involved_results(deny, lv, rs)
	keys := sort({k | some r in involved; some k in r.unk})
}

# involved_results: the unknown statements an Unknown decision depends on.
involved_results(deny, lv, rs) := [r | some r in rs; r.v == "U"; involved_in(r, deny, ulevels)] if {
	ulevels := {l.kind | some l in lv; l.v == "U"}
}

involved_in(r, deny, ulevels) if {
	r.st.effect == "Deny"
	deny == "U"
}

involved_in(r, deny, ulevels) if {
	r.st.effect == "Allow"
	r.st.kind in ulevels
}

# stmt_ref is the trace entry of a statement (src/iam/types.ts StatementRef).
stmt_ref(st, status) := {"policy": st.name, "kind": st.kind, "index": st.si, "sid": st.sid, "effect": st.effect, "status": status} if {
	is_string(st.sid)
} else := {"policy": st.name, "kind": st.kind, "index": st.si, "effect": st.effect, "status": status}
