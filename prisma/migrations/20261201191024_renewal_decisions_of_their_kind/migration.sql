-- Renewal approvals were stored as approvals marked "renewal" in narrowedScope; they are now
-- decisions of their own kind (the enum value comes from the previous migration, committed first).
UPDATE "ApprovalDecision" SET "kind" = 'renew', "narrowedScope" = NULL
WHERE "kind" = 'approve' AND "narrowedScope" = 'renewal';
