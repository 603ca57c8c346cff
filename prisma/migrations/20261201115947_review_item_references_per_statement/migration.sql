-- ReviewItem's references (campaignId → ReviewCampaign, appScopeId → AppScope) are checked once per
-- statement rather than by per-row foreign keys. Opening a campaign inserts one item per live grant
-- in a single statement; at a million grants the two per-row checks (a look-up, and a row lock on
-- every referenced grant) were most of its time. The same guarantees, set-based:
--   1. every item written refers to an existing campaign and grant (one anti-join per statement);
--   2. an item's campaign and grant never change;
--   3. a campaign or grant an item refers to cannot be deleted, have its id changed, or be
--      truncated while review items exist.
-- Races with 3 are closed by a lock: removing a referenced row first takes a SHARE lock on
-- ReviewItem, so it waits for any transaction writing items and then sees what it wrote, and a
-- transaction writing items waits for one that is removing rows and then no longer finds them.
-- (The portal itself never deletes grants or campaigns; this guards against everything else.)
-- The choice and its measurements are in docs/access-reviews.md.

-- DropForeignKey
ALTER TABLE "ReviewItem" DROP CONSTRAINT "ReviewItem_campaignId_fkey";

-- DropForeignKey
ALTER TABLE "ReviewItem" DROP CONSTRAINT "ReviewItem_appScopeId_fkey";

CREATE FUNCTION sw_review_item_references_exist() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM sw_new_items n
             WHERE NOT EXISTS (SELECT 1 FROM "AppScope" s WHERE s."id" = n."appScopeId")) THEN
    RAISE EXCEPTION 'ReviewItem refers to an AppScope that does not exist'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT "campaignId" FROM sw_new_items) n
             WHERE NOT EXISTS (SELECT 1 FROM "ReviewCampaign" c WHERE c."id" = n."campaignId")) THEN
    RAISE EXCEPTION 'ReviewItem refers to a ReviewCampaign that does not exist'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER sw_review_item_references AFTER INSERT ON "ReviewItem"
  REFERENCING NEW TABLE AS sw_new_items
  FOR EACH STATEMENT EXECUTE FUNCTION sw_review_item_references_exist();

CREATE FUNCTION sw_review_item_references_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a review item''s campaign and grant cannot change'
    USING ERRCODE = 'foreign_key_violation';
END
$$;
CREATE TRIGGER sw_review_item_references_fixed BEFORE UPDATE OF "campaignId", "appScopeId" ON "ReviewItem"
  FOR EACH ROW WHEN (OLD."campaignId" IS DISTINCT FROM NEW."campaignId" OR OLD."appScopeId" IS DISTINCT FROM NEW."appScopeId")
  EXECUTE FUNCTION sw_review_item_references_fixed();

CREATE FUNCTION sw_review_item_target_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "ReviewItem" IN SHARE MODE;
  IF TG_TABLE_NAME = 'AppScope' THEN
    PERFORM 1 FROM "ReviewItem" WHERE "appScopeId" = OLD."id" LIMIT 1;
  ELSE
    PERFORM 1 FROM "ReviewItem" WHERE "campaignId" = OLD."id" LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION '% % is referred to by a review item', TG_TABLE_NAME, OLD."id"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER sw_app_scope_reviewed BEFORE DELETE ON "AppScope"
  FOR EACH ROW EXECUTE FUNCTION sw_review_item_target_kept();
CREATE TRIGGER sw_app_scope_reviewed_id BEFORE UPDATE OF "id" ON "AppScope"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION sw_review_item_target_kept();
CREATE TRIGGER sw_review_campaign_reviewed BEFORE DELETE ON "ReviewCampaign"
  FOR EACH ROW EXECUTE FUNCTION sw_review_item_target_kept();
CREATE TRIGGER sw_review_campaign_reviewed_id BEFORE UPDATE OF "id" ON "ReviewCampaign"
  FOR EACH ROW WHEN (OLD."id" IS DISTINCT FROM NEW."id") EXECUTE FUNCTION sw_review_item_target_kept();

CREATE FUNCTION sw_review_item_targets_not_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "ReviewItem") THEN
    RAISE EXCEPTION 'cannot truncate %: review items refer to it (truncate "ReviewItem" first)', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER sw_app_scope_not_truncated BEFORE TRUNCATE ON "AppScope"
  FOR EACH STATEMENT EXECUTE FUNCTION sw_review_item_targets_not_truncated();
CREATE TRIGGER sw_review_campaign_not_truncated BEFORE TRUNCATE ON "ReviewCampaign"
  FOR EACH STATEMENT EXECUTE FUNCTION sw_review_item_targets_not_truncated();
