-- The approval queue's keyset orders (lib/approvals/queue.ts), on pending rows only: a small part
-- of AppScope once most requests are decided. Ties go to the longest waiting in the sort's own
-- direction, written as the age of "createdAt" (a fixed instant minus it), so each order is one
-- direction of one index. The expression must match lib/tables/keyset.ts exactly.
-- (By app or partner, the apps are walked in name order, App_name_id_idx and
-- App_organizationId_name_id_idx, and each app's pending requests read by AppScope_appId_state_idx.)

-- Longest (or shortest) waiting first.
CREATE INDEX "sw_app_scope_queue_waiting"
  ON "AppScope" ((timestamptz '2000-01-01 00:00:00+00' - "createdAt"), "id")
  WHERE "state" = 'pending';

-- By risk, longest waiting first within each level; also one risk level by waiting time.
CREATE INDEX "sw_app_scope_queue_risk"
  ON "AppScope" ("risk", (timestamptz '2000-01-01 00:00:00+00' - "createdAt"), "id")
  WHERE "state" = 'pending';

-- The same two for the "two-person only" filter: those requests cluster at the top risk levels,
-- so walking the indexes above for them would read every lower-risk request first.
CREATE INDEX "sw_app_scope_queue_two_waiting"
  ON "AppScope" ((timestamptz '2000-01-01 00:00:00+00' - "createdAt"), "id")
  WHERE "state" = 'pending' AND "approvalsRequired" >= 2;
CREATE INDEX "sw_app_scope_queue_two_risk"
  ON "AppScope" ("risk", (timestamptz '2000-01-01 00:00:00+00' - "createdAt"), "id")
  WHERE "state" = 'pending' AND "approvalsRequired" >= 2;
