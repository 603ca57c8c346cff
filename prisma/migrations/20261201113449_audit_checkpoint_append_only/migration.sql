-- Signed checkpoints are append-only like the events they vouch for. The same trigger function
-- now names the table it guards.
CREATE OR REPLACE FUNCTION sw_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;
CREATE TRIGGER sw_audit_checkpoint_no_change BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION sw_audit_append_only();
CREATE TRIGGER sw_audit_checkpoint_no_truncate BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION sw_audit_append_only();
