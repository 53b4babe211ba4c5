-- The head of one organisation's access-log chain (its last sealed position and that entry's
-- hash), for the signed checkpoints kept outside the database (server/audit/checkpoints.ts).
-- Queried as the app role, row-level security would put its policy before the lookup and read the
-- organisation's whole log (see 0012); this function runs as its owner, so the lookup is one step
-- back along access_log_chain_key. It answers only for the organisation the caller's transaction
-- is scoped to (app.organisation_id), and only position and hash: no entry's content. Entries not
-- yet sealed into the chain (no position) are not part of the head.
CREATE OR REPLACE FUNCTION access_log_head(org uuid) RETURNS TABLE (seq bigint, hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT l.seq, l.hash FROM access_log l
    WHERE coalesce(l.organisation_id, '00000000-0000-0000-0000-000000000000'::uuid) = org
      AND org = nullif(current_setting('app.organisation_id', true), '')::uuid
      AND l.seq IS NOT NULL
    ORDER BY coalesce(l.organisation_id, '00000000-0000-0000-0000-000000000000'::uuid) DESC, l.seq DESC
    LIMIT 1
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION access_log_head(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION access_log_head(uuid) TO jb_app;
