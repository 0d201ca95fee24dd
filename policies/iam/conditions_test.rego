# Unit tests of the condition operators: every family, and every row and column of the
# missing-key/empty-value table (iam-semantics §3.8). Run with `vpcgate test policies`.
package vpcgate.iam

cond(op, key, vals, ctx) := entry_result(cond_info(op, key, vals, true), norm_ctx(ctx))

# --- §3.8: positive operator without set operator: absent F, empty F, present per-value OR
test_positive_absent if cond("StringEquals", "k", "a", {}) == "F"
test_positive_empty if cond("StringEquals", "k", "a", {"k": []}) == "F"
test_positive_present_or if cond("StringEquals", "k", ["a", "b"], {"k": "b"}) == "T"
test_positive_present_false if cond("StringEquals", "k", ["a", "b"], {"k": "c"}) == "F"

# --- negated operator: absent T, empty T, present NOR
test_negated_absent if cond("StringNotEquals", "k", "a", {}) == "T"
test_negated_empty if cond("StringNotEquals", "k", "a", {"k": []}) == "T"
test_negated_nor_true if cond("StringNotEquals", "k", ["a", "b"], {"k": "c"}) == "T"
test_negated_nor_false if cond("StringNotEquals", "k", ["a", "b"], {"k": "b"}) == "F"
test_notipaddress_absent if cond("NotIpAddress", "aws:SourceIp", "10.0.0.0/8", {}) == "T"

# --- IfExists: absent T, empty T, present as the base operator
test_ifexists_absent if cond("StringEqualsIfExists", "k", "a", {}) == "T"
test_ifexists_empty if cond("StringEqualsIfExists", "k", "a", {"k": []}) == "T"
test_ifexists_present_match if cond("StringEqualsIfExists", "k", "a", {"k": "a"}) == "T"
test_ifexists_present_mismatch if cond("StringEqualsIfExists", "k", "a", {"k": "b"}) == "F"
test_ifexists_negated_absent if cond("StringNotEqualsIfExists", "k", "a", {}) == "T"

# --- ForAllValues: absent T, empty T, present subset
test_forall_absent if cond("ForAllValues:StringEquals", "k", ["a", "b"], {}) == "T"
test_forall_empty if cond("ForAllValues:StringEquals", "k", ["a", "b"], {"k": []}) == "T"
test_forall_subset if cond("ForAllValues:StringEquals", "k", ["a", "b"], {"k": ["b", "a"]}) == "T"
test_forall_one_outside if cond("ForAllValues:StringEquals", "k", ["a", "b"], {"k": ["a", "c"]}) == "F"
test_forall_notlike if cond("ForAllValues:StringNotLike", "k", ["key1*", "key2*"], {"k": ["key3:legal"]}) == "T"
test_forall_notlike_false if cond("ForAllValues:StringNotLike", "k", ["key1*", "key2*"], {"k": ["key1:hr", "key3"]}) == "F"

# --- ForAnyValue: absent F, empty F, present overlap
test_forany_absent if cond("ForAnyValue:StringEquals", "k", ["a"], {}) == "F"
test_forany_empty if cond("ForAnyValue:StringEquals", "k", ["a"], {"k": []}) == "F"
test_forany_overlap if cond("ForAnyValue:StringEquals", "k", ["a"], {"k": ["c", "a"]}) == "T"
test_forany_no_overlap if cond("ForAnyValue:StringEquals", "k", ["a"], {"k": ["c"]}) == "F"
test_forany_notequals if cond("ForAnyValue:StringNotEquals", "k", ["a"], {"k": ["a", "x"]}) == "T"
test_forany_ifexists_absent if cond("ForAnyValue:StringEqualsIfExists", "k", ["a"], {}) == "T"

# --- Null: "true" absent T, empty T, present F; "false" the opposite
test_null_true_absent if cond("Null", "k", "true", {}) == "T"
test_null_true_empty if cond("Null", "k", "true", {"k": []}) == "T"
test_null_true_present if cond("Null", "k", "true", {"k": "x"}) == "F"
test_null_false_absent if cond("Null", "k", "false", {}) == "F"
test_null_false_empty if cond("Null", "k", "false", {"k": []}) == "F"
test_null_false_present if cond("Null", "k", "false", {"k": "x"}) == "T"
test_null_boolean_value if cond("Null", "k", true, {}) == "T"

# --- string family
test_key_name_case if cond("StringEquals", "LAMBDA:vpcids", "vpc-1", {"lambda:VpcIds": "vpc-1"}) == "T"
test_string_equals_case_sensitive if cond("StringEquals", "k", "Vpc-1", {"k": "vpc-1"}) == "F"
test_string_equals_ignore_case if cond("StringEqualsIgnoreCase", "k", "VPC-1", {"k": "vpc-1"}) == "T"
test_string_not_equals_ignore_case if cond("StringNotEqualsIgnoreCase", "k", "VPC-1", {"k": "vpc-1"}) == "F"
test_string_equals_star_is_literal if cond("StringEquals", "k", "vpc-*", {"k": "vpc-1"}) == "F"
test_string_like_star if cond("StringLike", "k", "vpc-*", {"k": "vpc-1"}) == "T"
test_string_like_star_empty_run if cond("StringLike", "k", "vpc-*", {"k": "vpc-"}) == "T"
test_string_like_qmark_one if cond("StringLike", "k", "vpc-?", {"k": "vpc-1"}) == "T"
test_string_like_qmark_two if cond("StringLike", "k", "vpc-?", {"k": "vpc-12"}) == "F"
test_string_like_whole_string if cond("StringLike", "k", "vpc", {"k": "vpc-1"}) == "F"
test_string_like_crosses_colon if cond("StringLike", "k", "arn:*:x", {"k": "arn:a:b:x"}) == "T"
test_string_like_glob_metachars_literal if cond("StringLike", "k", "a[b]{c}*", {"k": "a[b]{c}d"}) == "T"
test_string_not_like if cond("StringNotLike", "k", "vpc-0*", {"k": "vpc-1"}) == "T"
test_string_like_star_absent if cond("StringLike", "k", "*", {}) == "F"

# --- policy variables
test_variable_resolved if cond("StringEquals", "k", "${aws:username}", {"k": "alice", "aws:username": "alice"}) == "T"
test_variable_unresolved_matches_nothing if cond("StringEquals", "k", "${aws:username}", {"k": "alice"}) == "F"
test_variable_default if cond("StringEquals", "k", "${aws:username, 'bob'}", {"k": "bob"}) == "T"
test_variable_literal_star if cond("StringLike", "k", "a${*}", {"k": "ab"}) == "F"
test_variable_old_version if entry_result(cond_info("StringEquals", "k", "${x}", false), norm_ctx({"k": "${x}"})) == "T"

# --- ARN family
test_arn_like if cond("ArnLike", "k", "arn:aws:lambda:*:123456789012:function:*", {"k": "arn:aws:lambda:us-east-1:123456789012:function:f"}) == "T"
test_arn_like_case_sensitive if cond("ArnLike", "k", "arn:aws:lambda:*:1:code-signing-config:CSC-*", {"k": "arn:aws:lambda:us-west-2:1:code-signing-config:csc-0"}) == "F"
test_arn_star_does_not_cross_colon if cond("ArnLike", "k", "arn:aws:someservice:*:111122223333:finance/*", {"k": "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"}) == "F"
test_arn_sixth_keeps_colons if cond("ArnEquals", "k", "arn:aws:lambda:*:1:layer:*", {"k": "arn:aws:lambda:us-east-1:1:layer:l:3"}) == "T"
test_arn_too_few_components if cond("ArnLike", "k", "arn:aws:*", {"k": "arn:aws:lambda:us-east-1:1:function:f"}) == "F"
test_arn_not_like_absent if cond("ArnNotLike", "k", "arn:*:*:*:*:*", {}) == "T"

# --- numeric, date, bool, binary, IP
test_numeric_lte if cond("NumericLessThanEquals", "n", "100", {"n": "100"}) == "T"
test_numeric_gt if cond("NumericGreaterThan", "n", "5", {"n": "5.5"}) == "T"
test_numeric_not_equals_nor if cond("NumericNotEquals", "n", ["6", "7"], {"n": "6"}) == "F"
test_numeric_not_a_number if cond("NumericEquals", "n", "5", {"n": "five"}) == "F"
test_date_epoch if cond("DateLessThan", "aws:EpochTime", "1700000000", {"aws:EpochTime": "1600000000"}) == "T"
test_date_iso_vs_epoch if cond("DateGreaterThan", "t", "2020-01-01T00:00:00Z", {"t": "1600000000"}) == "T"
test_date_day_only if cond("DateEquals", "t", "2020-01-01", {"t": "2020-01-01T00:00:00Z"}) == "T"
test_bool_true if cond("Bool", "aws:SecureTransport", "true", {"aws:SecureTransport": "true"}) == "T"
test_bool_false if cond("Bool", "aws:SecureTransport", "true", {"aws:SecureTransport": "false"}) == "F"
test_bool_absent if cond("Bool", "aws:SecureTransport", "false", {}) == "F"
test_binary_equals if cond("BinaryEquals", "b", "QmluYXJ5", {"b": "QmluYXJ5"}) == "T"
test_binary_not_equal if cond("BinaryEquals", "b", "QmluYXJ5", {"b": "T3RoZXI="}) == "F"
test_ip_cidr if cond("IpAddress", "aws:SourceIp", "203.0.113.0/24", {"aws:SourceIp": "203.0.113.7"}) == "T"
test_ip_single if cond("IpAddress", "aws:SourceIp", "203.0.113.7", {"aws:SourceIp": "203.0.113.8"}) == "F"
test_ip_v6 if cond("IpAddress", "aws:SourceIp", "2001:db8::/32", {"aws:SourceIp": "2001:db8:1234:5678::1"}) == "T"
test_not_ip_outside if cond("NotIpAddress", "aws:SourceIp", "203.0.113.0/24", {"aws:SourceIp": "198.51.100.1"}) == "T"

# --- operators that do not exist never match
test_unknown_operator if cond("StringEqualz", "k", "a", {"k": "a"}) == "F"
test_null_ifexists_is_invalid if cond("NullIfExists", "k", "true", {}) == "F"
