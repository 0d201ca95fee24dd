# Unit tests of the explain entrypoint (explain.rego): per-condition results and reasons, the
# Action/Resource trace, notApplied, and that explain's decisions equal `decisions`.
package vpcgate.iam

x_arn := "arn:aws:lambda:us-east-1:123456789012:function:f"

x_req(ctx) := {"action": "lambda:CreateFunction", "resource": x_arn, "context": ctx}

x_doc(statements) := {"Version": "2012-10-17", "Statement": statements}

x_pols(statements) := [{"name": "p", "kind": "identity", "document": x_doc(statements)}]

x_allow(cond) := {"Sid": "A", "Effect": "Allow", "Action": "lambda:*", "Resource": "*", "Condition": cond}

# x_cond traces a single-condition Allow statement and returns its one condition trace.
x_cond(op, key, vals, ctx) := c if {
	ds := explain with input as {"requests": [x_req(ctx)]} with data.policies as x_pols([x_allow({op: {key: vals}})])
	d := ds[0]
	some s in array.concat(d.statements, d.notApplied)
	s.sid == "A"
	c := s.conditions[0]
}

test_trace_ifexists_absent if {
	c := x_cond("StringEqualsIfExists", "lambda:VpcIds", "vpc-1", {})
	c == {"operator": "StringEqualsIfExists", "key": "lambda:VpcIds", "values": ["vpc-1"], "result": "true", "reason": "key absent: IfExists makes it true"}
}

test_trace_forall_empty_set if {
	c := x_cond("ForAllValues:StringEquals", "lambda:SubnetIds", ["subnet-1"], {"lambda:SubnetIds": []})
	c.result == "true"
	c.reason == "key absent: ForAllValues on an empty set is true"
}

test_trace_forany_absent if x_cond("ForAnyValue:StringEquals", "k", "a", {}).reason == "key absent: ForAnyValue on an empty set is false"

test_trace_negated_absent if x_cond("StringNotEquals", "k", "a", {}).reason == "key absent: a negated operator is true on a missing key"

test_trace_positive_absent if {
	c := x_cond("StringEquals", "k", "a", {})
	c.result == "false"
	c.reason == "key absent: nothing to match"
}

test_trace_fresh_cannot_equal_existing if {
	c := x_cond("ForAllValues:StringEquals", "lambda:SubnetIds", ["subnet-1"], {"lambda:SubnetIds": ["subnet-1", {"$fresh": "subnet-"}]})
	c.result == "false"
	c.reason == "the fresh subnet-… id (created by this apply) matches no policy value"
}

test_trace_forall_every_value if x_cond("ForAllValues:StringLike", "k", ["a*"], {"k": ["ab", "ac"]}).reason == "every value matches a policy value"

test_trace_plain_any_value if x_cond("StringEquals", "k", ["b"], {"k": ["a", "b"]}).reason == "b matches a policy value"

test_trace_plain_no_value if x_cond("StringEquals", "k", ["c"], {"k": ["a", "b"]}).reason == "no value matches a policy value"

test_trace_negated_one_value_fails if {
	c := x_cond("StringNotEquals", "lambda:VpcIds", "vpc-1", {"lambda:VpcIds": "vpc-1"})
	c.result == "false"
	c.reason == "vpc-1 matches a policy value"
}

test_trace_forany_negated if x_cond("ForAnyValue:StringNotLike", "k", ["a"], {"k": ["a", "b"]}).reason == "b matches no policy value"

test_trace_unknown_element if {
	c := x_cond("StringEquals", "k", "a", {"k": [{"$unknown": "x"}]})
	c.result == "unknown"
	c.reason == "whether an unknown value matches is unknown before apply"
}

test_trace_whole_unknown if {
	c := x_cond("StringEquals", "k", "a", {"k": {"$unknown": "x"}})
	c.result == "unknown"
	c.reason == "the key's values are unknown before apply"
}

test_trace_whole_unknown_decided if x_cond("ForAllValues:StringLike", "k", "*", {"k": {"$unknown": "x"}}).reason == "true whatever the unknown values are"

test_trace_null if {
	x_cond("Null", "k", "true", {}).reason == "key is absent"
	x_cond("Null", "k", "false", {}).reason == "key is absent, but Null \"false\" wants it present"
	x_cond("Null", "k", "false", {"k": "v"}).reason == "key is present"
	x_cond("Null", "k", "true", {"k": "v"}).reason == "key is present, but Null \"true\" wants it absent"
	x_cond("Null", "k", "true", {"k": {"$unknown": "x"}}).result == "unknown"
	x_cond("Null", "k", "maybe", {}).reason == "Null wants \"true\" or \"false\": never matches"
}

test_trace_bad_operator if x_cond("StringEqualz", "k", "a", {"k": "a"}).reason == "unsupported condition operator: never matches"

test_trace_statement_fields if {
	ds := explain with input as {"requests": [x_req({})]} with data.policies as x_pols([{"Sid": "R", "Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "arn:aws:lambda:*:*:function:g"}])
	ds[0].decision == "ImplicitDeny"
	ds[0].statements == []
	ds[0].notApplied == [{"policy": "p", "kind": "identity", "index": 0, "sid": "R", "effect": "Allow", "status": "does-not-apply", "action": "true", "resource": "false", "conditions": []}]
}

test_trace_other_actions_not_listed if {
	ds := explain with input as {"requests": [x_req({})]} with data.policies as x_pols([{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}])
	ds[0].notApplied == []
}

test_explain_decisions_equal if {
	reqs := [x_req({}), x_req({"lambda:VpcIds": "vpc-1", "lambda:SubnetIds": ["subnet-1"]}), x_req({"lambda:VpcIds": {"$unknown": "u"}})]
	pols := [
		{"name": "org", "kind": "scp", "document": x_doc([allow_all, enforce_vpc])},
		{"name": "dev", "kind": "identity", "document": x_doc([allow_all])},
	]
	es := explain with input as {"requests": reqs} with data.policies as pols
	ds := decisions with input as {"requests": reqs} with data.policies as pols
	[e.decision | some e in es] == [d.decision | some d in ds]
	[e.decision | some e in es] == ["ExplicitDeny", "Allow", "Unknown"]
	[[s.index | some s in e.statements] | some e in es] == [[s.index | some s in d.statements] | some d in ds]
	es[0].statements[0].conditions[0].reason == "key is absent"
	es[2].statements[0].status == "unknown"
}
