-- The request path at 08:30 on a Monday (issue 17): every phone of a GI syncing at once.
--
-- 1. Row-level security reads its settings once per statement, not once per row: each policy
--    compares with `(select nullif(current_setting(...), '')::uuid)`, an InitPlan the planner
--    evaluates once, instead of calling current_setting for every row it filters.
-- 2. The rows a pull reads are found through (case_id, row_version): a pull asks "the rows of these
--    cases newer than my cookie", and without these indexes it read every row of the caseload.
-- 3. A request's session in one round trip, before the organisation is known: app_session(hash, at)
--    returns the session, its user and its device, for the holder of the token (its hash) only.
DO $$
DECLARE
  t text;
  org constant text := '(select nullif(current_setting(''app.organisation_id'', true), '''')::uuid)';
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'gezinnen', 'jeugdigen', 'betrokkenen', 'cases', 'maatregelen', 'beschikkingen',
    'case_assignments', 'koersen', 'contacts', 'koers_conflicts', 'organisation_settings',
    'case_waiting', 'region_arrangements', 'verwijzingen', 'verwijzing_stappen',
    'organisation_versions', 'device_surrenders'
  ] LOOP
    EXECUTE format('ALTER POLICY organisation_isolation ON %I USING (organisation_id = %s) WITH CHECK (organisation_id = %s)', t, org, org);
  END LOOP;
END $$;
--> statement-breakpoint
ALTER POLICY access_log_read ON access_log
  USING (organisation_id = (select nullif(current_setting('app.organisation_id', true), '')::uuid));
--> statement-breakpoint
ALTER POLICY access_log_append ON access_log
  WITH CHECK (organisation_id = (select nullif(current_setting('app.organisation_id', true), '')::uuid));
--> statement-breakpoint
ALTER POLICY access_log_retention_read ON access_log_retention
  USING (organisation_id = (select nullif(current_setting('app.organisation_id', true), '')::uuid));
--> statement-breakpoint
ALTER POLICY aanbieder_changes_append ON aanbieder_changes
  WITH CHECK (organisation_id = (select nullif(current_setting('app.organisation_id', true), '')::uuid));
--> statement-breakpoint
ALTER POLICY organisation_or_token ON sessions
  USING (
    token_hash = (select nullif(current_setting('app.session_token_hash', true), ''))
    OR EXISTS (
      SELECT 1 FROM users u
      WHERE u.id = sessions.user_id
        AND u.organisation_id = (select nullif(current_setting('app.organisation_id', true), '')::uuid)
    )
  );
--> statement-breakpoint
ALTER POLICY organisation_or_secret ON devices
  USING (
    organisation_id = (select nullif(current_setting('app.organisation_id', true), '')::uuid)
    OR secret_hash = (select nullif(current_setting('app.device_secret_hash', true), ''))
    OR EXISTS (
      SELECT 1 FROM sessions s
      WHERE s.device_id = devices.id
        AND s.token_hash = (select nullif(current_setting('app.session_token_hash', true), ''))
    )
  );
--> statement-breakpoint
ALTER POLICY organisation_isolation ON sync_clients
  USING (
    EXISTS (
      SELECT 1 FROM users u
      WHERE u.id = sync_clients.user_id
        AND u.organisation_id = (select nullif(current_setting('app.organisation_id', true), '')::uuid)
    )
  );
--> statement-breakpoint
ALTER POLICY organisation_isolation ON mutation_results
  USING (
    EXISTS (
      SELECT 1 FROM sync_clients c JOIN users u ON u.id = c.user_id
      WHERE c.id = mutation_results.client_id
        AND u.organisation_id = (select nullif(current_setting('app.organisation_id', true), '')::uuid)
    )
  );
--> statement-breakpoint
-- (case_id, row_version) also serves every lookup by case_id alone: the index on case_id goes.
DROP INDEX IF EXISTS case_assignments_case_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS maatregelen_case_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS koers_conflicts_case_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS verwijzingen_case_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS beschikkingen_maatregel_idx;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS case_assignments_case_version_idx ON case_assignments (case_id, row_version);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS maatregelen_case_version_idx ON maatregelen (case_id, row_version);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS beschikkingen_maatregel_version_idx ON beschikkingen (maatregel_id, row_version);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS koersen_case_row_version_idx ON koersen (case_id, row_version);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS koers_conflicts_case_version_idx ON koers_conflicts (case_id, row_version);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contacts_case_version_idx ON contacts (case_id, row_version);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS verwijzingen_case_version_idx ON verwijzingen (case_id, row_version);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS verwijzing_stappen_case_version_idx ON verwijzing_stappen (case_id, row_version);
--> statement-breakpoint
-- The session behind a token (its SHA-256), with its user and its device, in one statement and
-- without the organisation: the token is the right to its own session, as the sessions policy
-- says (0018). Only a session that is not revoked, not expired, of an active user.
CREATE FUNCTION app_session(p_token_hash text, p_at timestamptz)
RETURNS TABLE (
  session_id uuid, user_id uuid, organisation_id uuid, team_id uuid, role text, display_name text,
  last_seen_at timestamptz, authenticated_at timestamptz, auth_method text, locked_at timestamptz,
  device_id uuid, device_client_id uuid, device_revoked_at timestamptz, device_lockable boolean
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.id, u.id, u.organisation_id, u.team_id, u.role::text, u.display_name,
         s.last_seen_at, s.authenticated_at, s.auth_method, s.locked_at,
         s.device_id, d.client_id, d.revoked_at, d.unlock_key IS NOT NULL
  FROM sessions s
  JOIN users u ON u.id = s.user_id AND u.active
  LEFT JOIN devices d ON d.id = s.device_id
  WHERE s.token_hash = p_token_hash AND s.revoked_at IS NULL AND s.expires_at > p_at
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_session(text, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_session(text, timestamptz) TO jb_app;
