INSERT INTO ops.validation_results BY NAME
SELECT run_id, suite, expectation_id, expectation_type, column_name, severity, success,
       observed_value, unexpected_count, unexpected_examples::JSON AS unexpected_examples, validated_at
FROM outcomes;
