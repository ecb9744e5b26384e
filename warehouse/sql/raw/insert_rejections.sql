-- Inputs that could not become articles, kept whole with the reason.
INSERT INTO raw.rejected_inputs BY NAME
SELECT batch_id, source, source_ref, reason, content, received_at, input_hash FROM rejections;
