-- Rules Prisma's schema language cannot express. Objects here are named sw_* so the drift check
-- (lib/database/fingerprint.ts) can tell them from what prisma/schema.prisma describes.

-- At most one live (pending, changes requested or granted) row per app and scope.
CREATE UNIQUE INDEX "sw_app_scope_live" ON "AppScope" ("appId", "scope")
  WHERE "state" IN ('pending', 'changes_requested', 'granted');

-- Partner members belong to an organisation, admins and reviewers belong to none.
ALTER TABLE "User" ADD CONSTRAINT "sw_user_org_role" CHECK (("role" = 'partner') = ("organizationId" IS NOT NULL));

-- The audit log is append-only: rows can be added, never changed or removed.
CREATE FUNCTION sw_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER sw_audit_no_change BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION sw_audit_append_only();
CREATE TRIGGER sw_audit_no_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION sw_audit_append_only();

-- The chain starts from a fixed genesis hash.
INSERT INTO "AuditHead" ("id", "seq", "hash") VALUES (1, 0, 'genesis');
