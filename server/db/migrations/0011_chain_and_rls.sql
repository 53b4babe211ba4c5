-- Security in the database itself (issue: security for children's files).
--
-- 1. The access log (NEN 7513) is a hash chain per organisation. Every entry
--    gets its position (seq), the previous entry's hash and its own hash from
--    this trigger, under a per-organisation lock held until commit, so
--    concurrent writers never fork the chain. `npm run audit:verify`
--    recomputes the chain and names every altered, removed or inserted entry.
-- 2. The log is append-only: no UPDATE, DELETE or TRUNCATE, for anyone, and
--    the app role is granted only SELECT and INSERT. Nothing purges it:
--    retention is at least the 5 years NEN 7513 asks (in practice: forever,
--    until an archiving procedure outside the app is agreed).
-- 3. Row-level security on every table with a child's data, as a second line
--    behind the services' checks: a connection sees only the organisation
--    in its transaction setting `app.organisation_id`. The app connects as
--    role jb_app, which does not own the tables (owners bypass RLS).

CREATE OR REPLACE FUNCTION access_log_field(v text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN v IS NULL THEN '-' ELSE octet_length(v)::text || ':' || v END
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION access_log_time(v timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(v AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  $$;
--> statement-breakpoint
-- The text an entry's hash is taken over. server/audit/chain.ts builds the same
-- text independently; the verification compares the two.
CREATE OR REPLACE FUNCTION access_log_canonical(e access_log) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT concat_ws('|', 'v1',
      access_log_field(e.id::text), access_log_field(e.seq::text), access_log_field(e.prev_hash),
      access_log_field(e.organisation_id::text), access_log_field(access_log_time(e.at)),
      access_log_field(access_log_time(e.received_at)), access_log_field(e.user_id::text),
      access_log_field(e.role::text), access_log_field(e.on_behalf_of::text),
      access_log_field(e.case_id::text), access_log_field(e.action), access_log_field(e.procedure),
      access_log_field(e.result::text), access_log_field(e.session_id::text),
      access_log_field(e.device_id::text), access_log_field(e.device), access_log_field(e.reason),
      access_log_field(e.client_event_id::text))
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION access_log_chain() RETURNS trigger
  LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  chain uuid := coalesce(NEW.organisation_id, '00000000-0000-0000-0000-000000000000'::uuid);
  last_seq bigint;
  last_hash text;
BEGIN
  -- Held until commit: the next writer of this chain reads this entry as its predecessor.
  PERFORM pg_advisory_xact_lock(7513, hashtext(chain::text));
  SELECT seq, hash INTO last_seq, last_hash FROM access_log
    WHERE coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid) = chain
    ORDER BY seq DESC LIMIT 1;
  NEW.at := date_trunc('milliseconds', NEW.at);
  NEW.received_at := date_trunc('milliseconds', NEW.received_at);
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := encode(sha256(convert_to(access_log_canonical(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Chain the entries written before this migration, in the order they were written.
DO $$
DECLARE
  e access_log;
  prev_chain uuid := NULL;
  prev_seq bigint := 0;
  prev_hash_v text := NULL;
  chain uuid;
BEGIN
  FOR e IN SELECT * FROM access_log
      ORDER BY coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid), id LOOP
    chain := coalesce(e.organisation_id, '00000000-0000-0000-0000-000000000000'::uuid);
    IF prev_chain IS DISTINCT FROM chain THEN
      prev_seq := 0;
      prev_hash_v := repeat('0', 64);
      prev_chain := chain;
    END IF;
    e.at := date_trunc('milliseconds', e.at);
    e.received_at := date_trunc('milliseconds', e.received_at);
    e.seq := prev_seq + 1;
    e.prev_hash := prev_hash_v;
    e.hash := encode(sha256(convert_to(access_log_canonical(e), 'UTF8')), 'hex');
    UPDATE access_log SET at = e.at, received_at = e.received_at, seq = e.seq,
      prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id;
    prev_seq := e.seq;
    prev_hash_v := e.hash;
  END LOOP;
END $$;
--> statement-breakpoint
ALTER TABLE access_log ALTER COLUMN seq SET NOT NULL;
--> statement-breakpoint
ALTER TABLE access_log ALTER COLUMN prev_hash SET NOT NULL;
--> statement-breakpoint
ALTER TABLE access_log ALTER COLUMN hash SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX access_log_chain_key
  ON access_log ((coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid)), seq);
--> statement-breakpoint
CREATE TRIGGER access_log_chain BEFORE INSERT ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_chain();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Het toegangslog (NEN 7513) kan alleen worden aangevuld, niet gewijzigd of gewist'
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
--> statement-breakpoint
-- The role the app works as. Roles belong to the whole server, so several
-- databases (tests) may try to create it at once; the one that loses the race
-- finds it made.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jb_app') THEN
    BEGIN
      CREATE ROLE jb_app NOLOGIN NOINHERIT;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO jb_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO jb_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM jb_app;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM jb_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jb_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'gezinnen', 'jeugdigen', 'betrokkenen', 'cases', 'maatregelen', 'beschikkingen',
    'case_assignments', 'koersen', 'contacts', 'koers_conflicts', 'organisation_settings',
    'case_waiting', 'region_arrangements', 'verwijzingen', 'verwijzing_stappen',
    'organisation_versions', 'device_surrenders'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY organisation_isolation ON %I USING (organisation_id = nullif(current_setting(''app.organisation_id'', true), '''')::uuid) WITH CHECK (organisation_id = nullif(current_setting(''app.organisation_id'', true), '''')::uuid)',
      t);
  END LOOP;
END $$;
--> statement-breakpoint
ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY access_log_read ON access_log FOR SELECT
  USING (organisation_id = nullif(current_setting('app.organisation_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY access_log_append ON access_log FOR INSERT
  WITH CHECK (organisation_id = nullif(current_setting('app.organisation_id', true), '')::uuid);
