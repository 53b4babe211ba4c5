-- The access log's trigger (migration 0011) finds the last entry of the organisation's chain with
-- ORDER BY seq DESC LIMIT 1 under a per-organisation lock held until commit. Working as the app role,
-- row-level security puts its policy (organisation_id = app.organisation_id) before the trigger's own
-- condition on coalesce(organisation_id, …), so access_log_chain_key could not serve the lookup and
-- every insert read the whole log, under the lock: each pull or read that logs got slower as the log
-- grew. This index serves the policy's condition in seq order, a single index step.
CREATE INDEX IF NOT EXISTS "access_log_org_seq_idx" ON "access_log" USING btree ("organisation_id", "seq");
