-- Configuration changes in the audit log (issue 10): each row may carry the changed record as it was and as it
-- became (JSON, NULL when there was none: a creation has no before, a removal no after). Personal data never goes in
-- here: staff rows are written without their password hash, devices without their token.
ALTER TABLE audit_log ADD COLUMN before_json TEXT;
ALTER TABLE audit_log ADD COLUMN after_json TEXT;
CREATE INDEX audit_log_by_at ON audit_log (at);
