# The explain entrypoint `vpcgate/iam/explain`: the decisions of `vpcgate/iam/decisions` plus a
# condition-level trace, for `vpcgate explain` only (check never evaluates it, so pays nothing).
# Input/data as decisions.rego. Output per request: the Decision, each reported statement with
# action/resource results and per-condition {operator, key, values, result, reason}, and
# notApplied: the statements whose Action matched but that do not apply, traced the same way.
package vpcgate.iam

explain := [explain_one(r) | some r in input.requests]

explain_one(req) := object.union(d, {
	"statements": [stmt_trace(r, e.ctx, status) | some r in reported_results(d.decision, e)],
	"notApplied": [stmt_trace(r, e.ctx, "does-not-apply") | some r in e.rs; r.act == "T"; r.v == "F"],
}) if {
	e := evaluation(req)
	d := compose(e.deny, e.allowed, e.lv, e.rs, e.notes)
	status := reported_status(d.decision)
}

# reported_results: the statements compose reports, in the same order.
reported_results(dk, e) := [r | some r in e.rs; r.st.effect == "Deny"; r.v == "T"] if {
	dk == "ExplicitDeny"
} else := [r | some r in e.rs; r.st.effect == "Allow"; r.v == "T"] if {
	dk == "Allow"
} else := involved_results(e.deny, e.lv, e.rs) if {
	dk == "Unknown"
} else := []

reported_status(dk) := "unknown" if {
	dk == "Unknown"
} else := "applies"

words3 := {"T": "true", "F": "false", "U": "unknown"}

# stmt_trace is a StatementRef with the trace: Action and Resource results, and each condition.
stmt_trace(r, ctx, status) := object.union(stmt_ref(r.st, status), {
	"action": words3[r.act],
	"resource": words3[r.res],
	"conditions": [cond_trace(c, ctx) | some c in r.st.conds],
})

cond_trace(c, ctx) := {"operator": c.op, "key": c.okey, "values": c.vals, "result": words3[v], "reason": cond_reason(c, ctx, v)} if {
	v := entry_result(c, ctx)
}

# --- reasons: a few words on why one condition entry is true, false or unknown

cond_reason(c, ctx, v) := "the condition block is not an object: never matches" if {
	c.pop.k == "bad"
	c.block_bad
} else := "unsupported condition operator: never matches" if {
	c.pop.k == "bad"
} else := null_reason(c, ctx, v) if {
	c.pop.k == "null"
} else := absent_reason(c.pop) if {
	not ctx[c.key]
} else := whole_reason(v) if {
	ctx[c.key].whole
} else := list_reason(c, ctx, v)

null_reason(c, ctx, v) := "Null wants \"true\" or \"false\": never matches" if {
	count([p | some p in c.vals; lower(p) in {"true", "false"}]) == 0
} else := "key is absent" if {
	not ctx[c.key]
	v == "T"
} else := "key is absent, but Null \"false\" wants it present" if {
	not ctx[c.key]
} else := "whether the key has any value is unknown before apply" if {
	ctx[c.key].whole
} else := "key is present" if {
	v == "T"
} else := "key is present, but Null \"true\" wants it absent"

absent_reason(pop) := "key absent: ForAllValues on an empty set is true" if {
	pop.set == "all"
} else := "key absent: IfExists makes it true" if {
	pop.ife == true
} else := "key absent: a negated operator is true on a missing key" if {
	pop.set == ""
	pop.neg == true
} else := "key absent: ForAnyValue on an empty set is false" if {
	pop.set == "any"
} else := "key absent: nothing to match"

whole_reason(v) := "the key's values are unknown before apply" if {
	v == "U"
} else := concat("", [words3[v], " whatever the unknown values are"])

# list_reason names the first request value that decides the entry.
list_reason(c, ctx, v) := concat("", ["whether ", show_val(first_with(c, ctx, "U")), " matches is unknown before apply"]) if {
	v == "U"
} else := all_pass_reason(c.pop.neg) if {
	all_mode(c.pop)
	v == "T"
} else := concat("", [show_val(first_with(c, ctx, "F")), fail_reason(c.pop.neg)]) if {
	all_mode(c.pop)
} else := concat("", [show_val(first_with(c, ctx, "T")), pass_reason(c.pop.neg)]) if {
	v == "T"
} else := none_pass_reason(c.pop.neg)

# all_mode: every request value must pass (ForAllValues, or a plain negated operator).
all_mode(pop) if pop.set == "all"

all_mode(pop) if {
	pop.set == ""
	pop.neg == true
}

all_pass_reason(neg) := "no value matches a policy value" if {
	neg == true
} else := "every value matches a policy value"

none_pass_reason(neg) := "every value matches a policy value" if {
	neg == true
} else := "no value matches a policy value"

pass_reason(neg) := " matches no policy value" if {
	neg == true
} else := " matches a policy value"

fail_reason(neg) := " matches a policy value" if {
	neg == true
} else := " matches no policy value"

first_with(c, ctx, want) := [x | some x in ctx[c.key].vals; per_value(c, x, ctx) == want][0]

# show_val renders one request value for a reason.
show_val(x) := x if {
	is_string(x)
} else := concat("", ["the fresh ", x["$fresh"], "… id (created by this apply)"]) if {
	is_string(x["$fresh"])
} else := "a partly known value" if {
	x["$parts"]
} else := "an unknown value"
