# End-to-end tests of vpcgate/iam/decisions: §4.4 combination, trace, notes, and the seed
# scenarios of issue 4 (EnforceVPCFunction, the ForAllValues hole).
package vpcgate.iam

fn_arn := "arn:aws:lambda:us-east-1:123456789012:function:f"

t_req(action, ctx) := {"action": action, "resource": fn_arn, "context": ctx}

t_doc(statements) := {"Version": "2012-10-17", "Statement": statements}

allow_all := {"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}

enforce_vpc := {
	"Sid": "EnforceVPCFunction",
	"Effect": "Deny",
	"Action": ["lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"],
	"Resource": "*",
	"Condition": {"Null": {"lambda:VpcIds": "true"}},
}

guide_policies := [
	{"name": "org", "kind": "scp", "document": t_doc([allow_all, enforce_vpc])},
	{"name": "dev", "kind": "identity", "document": t_doc([allow_all])},
]

vpc_ctx := {"lambda:VpcIds": "vpc-1", "lambda:SubnetIds": ["subnet-1"], "lambda:SecurityGroupIds": ["sg-1"]}

test_enforce_vpc_denies_create_without_vpc if {
	ds := decisions with input as {"requests": [t_req("lambda:CreateFunction", {})]} with data.policies as guide_policies
	ds[0].decision == "ExplicitDeny"
	ds[0].statements == [{"policy": "org", "kind": "scp", "index": 1, "sid": "EnforceVPCFunction", "effect": "Deny", "status": "applies"}]
}

test_enforce_vpc_denies_update_removing_vpc if {
	ctx := {"lambda:SubnetIds": [], "lambda:SecurityGroupIds": []}
	ds := decisions with input as {"requests": [t_req("lambda:UpdateFunctionConfiguration", ctx)]} with data.policies as guide_policies
	ds[0].decision == "ExplicitDeny"
}

test_enforce_vpc_allows_create_in_vpc if {
	ds := decisions with input as {"requests": [t_req("lambda:CreateFunction", vpc_ctx)]} with data.policies as guide_policies
	ds[0].decision == "Allow"
	count(ds[0].statements) == 2
}

test_forallvalues_hole_lets_non_vpc_function_through if {
	sg_allow := {"Effect": "Allow", "Action": "lambda:CreateFunction", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"lambda:SecurityGroupIds": ["sg-1", "sg-2"]}}}
	pols := [{"name": "p", "kind": "identity", "document": t_doc([sg_allow])}]
	ds := decisions with input as {"requests": [t_req("lambda:CreateFunction", {}), t_req("lambda:CreateFunction", {"lambda:SecurityGroupIds": ["sg-1"]}), t_req("lambda:CreateFunction", {"lambda:SecurityGroupIds": ["sg-3"]})]} with data.policies as pols
	[d.decision | some d in ds] == ["Allow", "Allow", "ImplicitDeny"]
}

test_batch_keeps_order if {
	ds := decisions with input as {"requests": [t_req("lambda:CreateFunction", vpc_ctx), t_req("lambda:CreateFunction", {})]} with data.policies as guide_policies
	[d.decision | some d in ds] == ["Allow", "ExplicitDeny"]
}

test_boundary_limits if {
	pols := [
		{"name": "b", "kind": "boundary", "document": t_doc([{"Effect": "Allow", "Action": "lambda:Create*", "Resource": "*"}])},
		{"name": "i", "kind": "identity", "document": t_doc([allow_all])},
	]
	ds := decisions with input as {"requests": [t_req("lambda:UpdateFunctionConfiguration", {})]} with data.policies as pols
	ds[0].decision == "ImplicitDeny"
	ds[0].notes == ["no boundary policy allows the request"]
}

test_scp_allow_alone_grants_nothing if {
	pols := [{"name": "s", "kind": "scp", "document": t_doc([allow_all])}]
	ds := decisions with input as {"requests": [t_req("lambda:CreateFunction", {})]} with data.policies as pols
	ds[0].decision == "ImplicitDeny"
	ds[0].notes == ["no identity policy allows the request"]
}

test_action_case_and_notaction if {
	pols := [{"name": "i", "kind": "identity", "document": t_doc([
		{"Effect": "Allow", "Action": "LAMBDA:create*", "Resource": "*"},
		{"Effect": "Deny", "NotAction": "lambda:Get*", "Resource": "*"},
	])}]
	ds := decisions with input as {"requests": [t_req("lambda:CreateFunction", {})]} with data.policies as pols
	ds[0].decision == "ExplicitDeny"
	ds[0].statements[0].index == 1
}

test_resource_wildcards if {
	pols := [{"name": "i", "kind": "identity", "document": t_doc([{"Effect": "Allow", "Action": "lambda:*", "Resource": "arn:aws:lambda:*:*:function:${aws:username}-?"}])}]
	ds := decisions with input as {"requests": [
		{"action": "lambda:CreateFunction", "resource": "arn:aws:lambda:us-east-1:1:function:al-1", "context": {"aws:username": "al"}},
		{"action": "lambda:CreateFunction", "resource": "arn:aws:lambda:us-east-1:1:function:al-12", "context": {"aws:username": "al"}},
	]} with data.policies as pols
	[d.decision | some d in ds] == ["Allow", "ImplicitDeny"]
}

test_unknown_decision if {
	pols := [{"name": "i", "kind": "identity", "document": t_doc([{"Sid": "S", "Effect": "Allow", "Action": "lambda:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"lambda:SubnetIds": ["subnet-1"]}, "Null": {"lambda:SubnetIds": "false"}}}])}]
	ds := decisions with input as {"requests": [t_req("lambda:CreateFunction", {"lambda:SubnetIds": [{"$unknown": "module output"}]})]} with data.policies as pols
	ds[0].decision == "Unknown"
	ds[0].unknownKeys == ["lambda:SubnetIds"]
	ds[0].statements == [{"policy": "i", "kind": "identity", "index": 0, "sid": "S", "effect": "Allow", "status": "unknown"}]
}

test_unknown_never_allow_with_deny if {
	pols := [{"name": "i", "kind": "identity", "document": t_doc([allow_all, {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"lambda:VpcIds": "vpc-1"}}}])}]
	ds := decisions with input as {"requests": [t_req("lambda:CreateFunction", {"lambda:VpcIds": [{"$unknown": "x"}]})]} with data.policies as pols
	ds[0].decision == "Unknown"
}

test_a1_note if {
	pols := [{"name": "i", "kind": "identity", "document": t_doc([{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"lambda:SubnetIds": ["subnet-1"]}}}])}]
	ds := decisions with input as {"requests": [t_req("lambda:CreateFunction", {"lambda:SubnetIds": []})]} with data.policies as pols
	ds[0].decision == "Allow"
	ds[0].notes == ["A1: lambda:SubnetIds is an empty list, evaluated as absent (docs/iam-semantics.md §1.7)"]
}
