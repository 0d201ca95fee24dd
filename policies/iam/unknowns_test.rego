# Unit tests of the unknown markers (docs/unknowns.md): $unknown, $fresh and $parts values are
# three-valued; anything undecidable is "U", never a guessed true or false.
package vpcgate.iam

fresh_subnet := {"$fresh": "subnet-"}

test_fresh_not_equal_to_existing if cond("StringEquals", "k", "subnet-1", {"k": fresh_subnet}) == "F"
test_fresh_not_equal_ignore_case if cond("StringEqualsIgnoreCase", "k", "SUBNET-1", {"k": fresh_subnet}) == "F"
test_fresh_matches_prefix_pattern if cond("StringLike", "k", "subnet-*", {"k": fresh_subnet}) == "T"
test_fresh_pattern_undecidable if cond("StringLike", "k", "subnet-0a*", {"k": fresh_subnet}) == "U"
test_fresh_prefix_mismatch if cond("StringLike", "k", "sg-*", {"k": fresh_subnet}) == "F"
test_fresh_negated_existing if cond("StringNotEquals", "k", "subnet-1", {"k": fresh_subnet}) == "T"
test_fresh_in_list_forall if cond("ForAllValues:StringLike", "k", ["subnet-*"], {"k": ["subnet-1", fresh_subnet]}) == "T"
test_fresh_in_list_forall_equals if cond("ForAllValues:StringEquals", "k", ["subnet-1"], {"k": ["subnet-1", fresh_subnet]}) == "F"

test_unknown_value_equals if cond("StringEquals", "k", "a", {"k": [{"$unknown": "x"}]}) == "U"
test_unknown_value_star if cond("StringLike", "k", "*", {"k": [{"$unknown": "x"}]}) == "T"
test_unknown_value_numeric if cond("NumericLessThan", "k", "5", {"k": [{"$unknown": "x"}]}) == "U"
test_unknown_value_null_present if cond("Null", "k", "true", {"k": [{"$unknown": "x"}]}) == "F"

test_whole_unknown_null if cond("Null", "k", "true", {"k": {"$unknown": "x"}}) == "U"
test_whole_unknown_forall_star if cond("ForAllValues:StringLike", "k", "*", {"k": {"$unknown": "x"}}) == "T"
test_whole_unknown_forall if cond("ForAllValues:StringEquals", "k", "a", {"k": {"$unknown": "x"}}) == "U"
test_whole_unknown_forany if cond("ForAnyValue:StringEquals", "k", "a", {"k": {"$unknown": "x"}}) == "U"
test_whole_unknown_positive if cond("StringEquals", "k", "a", {"k": {"$unknown": "x"}}) == "U"

test_parts_known if cond("StringEquals", "k", "ab", {"k": {"$parts": ["a", "b"]}}) == "T"
test_parts_prefix_suffix if cond("StringLike", "k", "arn:*:f", {"k": {"$parts": ["arn:", {"$unknown": "acct"}, ":f"]}}) == "T"
test_parts_suffix_mismatch if cond("StringLike", "k", "arn:*:g", {"k": {"$parts": ["arn:", {"$unknown": "acct"}, ":f"]}}) == "F"

test_unknown_variable if cond("StringEquals", "k", "${aws:username}", {"k": "a", "aws:username": {"$fresh": ""}}) == "U"

partial_arn := {"$parts": ["arn:aws:lambda:us-east-1:", {"$unknown": "account"}, ":function:f"]}

test_arn_partial_account_star if cond("ArnLike", "k", "arn:aws:lambda:*:*:function:f", {"k": partial_arn}) == "T"
test_arn_partial_account_literal if cond("ArnLike", "k", "arn:aws:lambda:*:123:function:f", {"k": partial_arn}) == "U"
test_arn_partial_name_mismatch if cond("ArnLike", "k", "arn:aws:lambda:*:*:function:g", {"k": partial_arn}) == "F"
test_arn_bare_unknown if cond("ArnLike", "k", "arn:aws:lambda:*:*:function:g", {"k": [{"$unknown": "arn"}]}) == "U"
