-- The access log, partitioned by month (issue 17: five years of reads stay fast to append, are
-- verified a month at a time, and are dropped past their retention term).
--
-- 1. access_log becomes a table range-partitioned on `at` (the time of the access), one partition
--    per calendar month in UTC (access_log_2026_03), and a DEFAULT partition so an insert never
--    fails. ensure_access_log_partitions() makes the partitions of the previous, this and the coming
--    months (the server calls it at start and every few hours); an entry that landed in DEFAULT (a
--    read on a phone from a month without a partition yet) moves to its month's partition when that
--    is made. Every entry keeps its id, its place in the chain and its hash: the partition is not
--    part of what is hashed.
-- 2. A partitioned table's unique indexes must hold the partition key, so the primary key is
--    (id, at) and the chain's key (chain, seq, at); ids still come from one sequence and positions
--    from the sealer under the chain's lock. The one uniqueness that mattered across months — a read
--    uploaded twice by a phone counts once (client_event_id) — is kept by a trigger under a lock per
--    event instead of a unique index.
-- 3. Retention: drop_expired_access_log() drops whole months older than the retention term (at least
--    the 5 years of NEN 7513), only when every entry in them is sealed. What went is recorded first:
--    per chain a row in access_log_retention (the positions dropped, and the hashes on both sides of
--    each run of positions, so the chain that remains still links up), and an entry in the log
--    itself that names that row's hash, so the record is sealed into the chain and cannot be altered
--    unseen afterwards. The sealer and the chain head read past a dropped month (a chain whose last
--    entries were dropped continues from the recorded hash, it does not start again).
-- Nobody but these functions (running as the tables' owner) makes or drops partitions; the app role
-- gets no rights on the partitions themselves, so it reaches the log only through access_log and its
-- policies.

-- ── The partitioned table, the rows moved over ─────────────────────────────────────────────────
ALTER TABLE access_log RENAME TO access_log_unpartitioned;
--> statement-breakpoint
ALTER SEQUENCE access_log_id_seq OWNED BY NONE;
--> statement-breakpoint
CREATE TABLE access_log (
  id bigint NOT NULL DEFAULT nextval('access_log_id_seq'),
  at timestamptz NOT NULL DEFAULT now(),
  organisation_id uuid,
  user_id uuid,
  role role,
  on_behalf_of uuid,
  case_id uuid,
  action text NOT NULL,
  procedure text NOT NULL,
  result access_result NOT NULL,
  session_id uuid,
  device text,
  reason text,
  client_event_id uuid,
  received_at timestamptz,
  device_id uuid,
  seq bigint,
  prev_hash text,
  hash text
) PARTITION BY RANGE (at);
--> statement-breakpoint
ALTER SEQUENCE access_log_id_seq OWNED BY access_log.id;
--> statement-breakpoint
CREATE TABLE access_log_default PARTITION OF access_log DEFAULT;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION access_log_partition_name(month date) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT 'access_log_' || to_char(month, 'YYYY_MM')
  $$;
--> statement-breakpoint
-- The partitions of the months that hold entries now, before the rows come over.
DO $$
DECLARE
  m date;
BEGIN
  FOR m IN SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'UTC')::date FROM access_log_unpartitioned LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF access_log FOR VALUES FROM (%L) TO (%L)',
      access_log_partition_name(m), m::timestamp AT TIME ZONE 'UTC',
      (m + interval '1 month')::timestamp AT TIME ZONE 'UTC');
  END LOOP;
END $$;
--> statement-breakpoint
-- No triggers on the new table yet: every row comes over as it is, chain values included.
INSERT INTO access_log SELECT * FROM access_log_unpartitioned;
--> statement-breakpoint
-- The text an entry's hash is taken over takes the table's row type: made again for the new table.
DROP FUNCTION access_log_canonical(access_log_unpartitioned);
--> statement-breakpoint
DROP TABLE access_log_unpartitioned;
--> statement-breakpoint
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
-- ── Indexes (made on every partition, present and future) ──────────────────────────────────────
ALTER TABLE access_log ADD CONSTRAINT access_log_pkey PRIMARY KEY (id, at);
--> statement-breakpoint
CREATE INDEX access_log_case_idx ON access_log (case_id, at);
--> statement-breakpoint
CREATE INDEX access_log_user_idx ON access_log (user_id, at);
--> statement-breakpoint
CREATE INDEX access_log_client_event_idx ON access_log (client_event_id);
--> statement-breakpoint
CREATE UNIQUE INDEX access_log_chain_key
  ON access_log ((coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid)), seq, at);
--> statement-breakpoint
CREATE INDEX access_log_unsealed
  ON access_log ((coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid)), id)
  WHERE seq IS NULL;
--> statement-breakpoint
-- ── Triggers, row-level security, rights ───────────────────────────────────────────────────────
-- A phone's read uploaded again (same client_event_id) is skipped, as ON CONFLICT did: the lock per
-- event makes a second upload wait for the first to commit, then find it. Runs as the owner so it
-- finds the event whichever organisation the caller is scoped to.
CREATE OR REPLACE FUNCTION access_log_once() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.client_event_id IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(7516, hashtext(NEW.client_event_id::text));
    IF EXISTS (SELECT 1 FROM access_log WHERE client_event_id = NEW.client_event_id) THEN
      RETURN NULL;
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER access_log_chain BEFORE INSERT ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_chain();
--> statement-breakpoint
CREATE TRIGGER access_log_once BEFORE INSERT ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_once();
--> statement-breakpoint
CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
--> statement-breakpoint
ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY access_log_read ON access_log FOR SELECT
  USING (organisation_id = nullif(current_setting('app.organisation_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY access_log_append ON access_log FOR INSERT
  WITH CHECK (organisation_id = nullif(current_setting('app.organisation_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT, INSERT ON access_log TO jb_app;
--> statement-breakpoint
-- A partition on its own: row-level security without policies (nobody but the owner reads it
-- directly; the app role has no rights on it anyway) and no TRUNCATE (row triggers come with the
-- partition, a statement trigger does not).
CREATE OR REPLACE FUNCTION access_log_guard_partition(part text) RETURNS void
  LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', part);
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = part::regclass AND tgname = 'access_log_no_truncate') THEN
    EXECUTE format('CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only()', part);
  END IF;
END $$;
--> statement-breakpoint
SELECT access_log_guard_partition(c.relname::text)
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
  WHERE i.inhparent = 'access_log'::regclass;
--> statement-breakpoint
-- ── Making partitions ──────────────────────────────────────────────────────────────────────────
-- One month's partition, if it is not there: made as a table of its own, given the month's entries
-- that waited in DEFAULT (moved as they are, chain values included), then attached. Attaching
-- takes a light lock on access_log (appends go on); DEFAULT is locked for the moment of the move,
-- so no entry of the month slips into it meanwhile.
CREATE OR REPLACE FUNCTION access_log_create_partition(month date) RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m date := date_trunc('month', month::timestamp)::date;
  part text := access_log_partition_name(m);
  lo timestamptz := m::timestamp AT TIME ZONE 'UTC';
  hi timestamptz := (m + interval '1 month') AT TIME ZONE 'UTC';
BEGIN
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  LOCK TABLE access_log_default IN ACCESS EXCLUSIVE MODE;
  EXECUTE format('CREATE TABLE %I (LIKE access_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
  IF EXISTS (SELECT 1 FROM access_log_default WHERE at >= lo AND at < hi) THEN
    -- The guard against deletes is off only inside this transaction, which holds DEFAULT alone.
    ALTER TABLE access_log_default DISABLE TRIGGER access_log_no_change;
    EXECUTE format(
      'WITH moved AS (DELETE FROM access_log_default WHERE at >= $1 AND at < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
      part) USING lo, hi;
    ALTER TABLE access_log_default ENABLE TRIGGER access_log_no_change;
  END IF;
  EXECUTE format('ALTER TABLE access_log ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
  PERFORM access_log_guard_partition(part);
  RETURN true;
END $$;
--> statement-breakpoint
-- The partitions of last month, this month and `months_ahead` months after it (at most 24), and
-- of every month that has entries waiting in DEFAULT. Returns how many it made. Two server
-- processes take turns; neither waits long for a lock (it tries again at its next turn).
CREATE OR REPLACE FUNCTION ensure_access_log_partitions(months_ahead integer DEFAULT 3, as_of timestamptz DEFAULT now())
  RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '5s' AS $$
DECLARE
  this_month date := date_trunc('month', as_of AT TIME ZONE 'UTC')::date;
  m date;
  waiting date[];
  made integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7517, 0);
  FOR m IN SELECT generate_series(this_month - interval '1 month',
      this_month + make_interval(months => least(greatest(coalesce(months_ahead, 3), 0), 24)),
      interval '1 month')::date LOOP
    IF access_log_create_partition(m) THEN
      made := made + 1;
    END IF;
  END LOOP;
  -- Read first: DEFAULT cannot be altered (its guard switched off for the move) while a loop reads it.
  waiting := ARRAY(SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'UTC')::date FROM access_log_default);
  FOREACH m IN ARRAY waiting LOOP
    IF access_log_create_partition(m) THEN
      made := made + 1;
    END IF;
  END LOOP;
  RETURN made;
END $$;
--> statement-breakpoint
-- ── Retention ──────────────────────────────────────────────────────────────────────────────────
-- One row per chain per dropped month: which positions went (`ranges`: runs of consecutive
-- positions, each with the previous hash of its first entry and the hash of its last), so what
-- remains verifies on, and the entry in the log that names this row's hash.
CREATE TABLE access_log_retention (
  id bigserial PRIMARY KEY,
  organisation_id uuid,
  month date NOT NULL,
  entries integer NOT NULL,
  first_seq bigint NOT NULL,
  last_seq bigint NOT NULL,
  ranges jsonb NOT NULL,
  retention_years integer NOT NULL,
  as_of timestamptz NOT NULL,
  dropped_at timestamptz NOT NULL,
  log_entry_id bigint NOT NULL,
  log_entry_at timestamptz NOT NULL,
  record_hash text NOT NULL
);
--> statement-breakpoint
CREATE INDEX access_log_retention_chain
  ON access_log_retention ((coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid)), last_seq);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION access_log_retention_fixed() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Wat het toegangslog (NEN 7513) na de bewaartermijn verwijderde, blijft vastgelegd'
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER access_log_retention_no_change BEFORE UPDATE OR DELETE ON access_log_retention
  FOR EACH ROW EXECUTE FUNCTION access_log_retention_fixed();
--> statement-breakpoint
CREATE TRIGGER access_log_retention_no_truncate BEFORE TRUNCATE ON access_log_retention
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_retention_fixed();
--> statement-breakpoint
ALTER TABLE access_log_retention ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY access_log_retention_read ON access_log_retention FOR SELECT
  USING (organisation_id = nullif(current_setting('app.organisation_id', true), '')::uuid);
--> statement-breakpoint
GRANT SELECT ON access_log_retention TO jb_app;
--> statement-breakpoint
-- The text a retention record's hash is taken over; server/audit/chain.ts builds the same.
CREATE OR REPLACE FUNCTION access_log_retention_canonical(
  organisation_id uuid, month date, entries integer, first_seq bigint, last_seq bigint, ranges jsonb,
  retention_years integer, as_of timestamptz, dropped_at timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    SELECT concat_ws('|', 'r1',
      access_log_field(organisation_id::text), access_log_field(to_char(month, 'YYYY-MM')),
      access_log_field(entries::text), access_log_field(first_seq::text), access_log_field(last_seq::text),
      access_log_field((SELECT string_agg(concat_ws(':', r->>'from', r->>'to', r->>'prevHash', r->>'hash'), ','
                                          ORDER BY (r->>'from')::bigint)
                        FROM jsonb_array_elements(ranges) AS r)),
      access_log_field(retention_years::text), access_log_field(access_log_time(as_of)),
      access_log_field(access_log_time(dropped_at)))
  $$;
--> statement-breakpoint
-- The head of one chain: its last sealed position and hash, in the log or, when the chain's last
-- entries were dropped after their term, in the retention record.
CREATE OR REPLACE FUNCTION access_log_chain_head(chain uuid, OUT seq bigint, OUT hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT h.seq, h.hash FROM (
      (SELECT l.seq, l.hash FROM access_log l
        WHERE coalesce(l.organisation_id, '00000000-0000-0000-0000-000000000000'::uuid) = chain
          AND l.seq IS NOT NULL
        ORDER BY coalesce(l.organisation_id, '00000000-0000-0000-0000-000000000000'::uuid) DESC, l.seq DESC
        LIMIT 1)
      UNION ALL
      (SELECT r.last_seq, r.ranges -> -1 ->> 'hash' FROM access_log_retention r
        WHERE coalesce(r.organisation_id, '00000000-0000-0000-0000-000000000000'::uuid) = chain
        ORDER BY coalesce(r.organisation_id, '00000000-0000-0000-0000-000000000000'::uuid) DESC, r.last_seq DESC
        LIMIT 1)
    ) h ORDER BY h.seq DESC LIMIT 1
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION access_log_chain_head(uuid) FROM PUBLIC;
--> statement-breakpoint
-- Drops the months whose end lies more than `retention_years` (at least 5: NEN 7513) before
-- `as_of` (never later than the database's own clock), oldest first, one row per month considered:
-- dropped, or kept with the reason. A month with any entry not yet sealed is kept (the sealer takes
-- it, the next run drops it). The log is locked for the moment of the drop; a run that cannot have
-- the lock within seconds leaves the month for its next turn.
CREATE OR REPLACE FUNCTION drop_expired_access_log(retention_years integer, as_of timestamptz DEFAULT now())
  RETURNS TABLE (month date, dropped boolean, entries bigint, note text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '5s' AS $$
DECLARE
  years integer := greatest(coalesce(retention_years, 5), 5);
  counted_from timestamptz := date_trunc('milliseconds', least(coalesce(as_of, now()), now()));
  dropped_time timestamptz := date_trunc('milliseconds', now());
  cutoff date := date_trunc('month', (least(coalesce(as_of, now()), now()) AT TIME ZONE 'UTC') - make_interval(years => greatest(coalesce(retention_years, 5), 5)))::date;
  part record;
  m date;
  top_id bigint;
  c record;
  rec_hash text;
  entry_id bigint;
  entry_at timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(7517, 0);
  FOR part IN SELECT cl.relname::text AS name FROM pg_inherits i JOIN pg_class cl ON cl.oid = i.inhrelid
      WHERE i.inhparent = 'access_log'::regclass AND cl.relname ~ '^access_log_[0-9]{4}_[0-9]{2}$'
      ORDER BY cl.relname LOOP
    m := to_date(substr(part.name, 12), 'YYYY_MM');
    EXIT WHEN m >= cutoff;
    month := m;
    EXECUTE format('SELECT max(id) FROM %I', part.name) INTO top_id;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE seq IS NULL)', part.name) INTO dropped;
    IF dropped THEN
      dropped := false;
      entries := NULL;
      note := 'niet alles verzegeld';
      RETURN NEXT;
      CONTINUE;
    END IF;
    -- From here on nothing reaches the log until the drop commits (the partition's parent first, so
    -- no reader that holds the parent can wait on us for the partition).
    LOCK TABLE access_log IN ACCESS EXCLUSIVE MODE;
    EXECUTE format('SELECT max(id) IS NOT DISTINCT FROM $1 AND NOT EXISTS (SELECT 1 FROM %I WHERE seq IS NULL) FROM %I',
      part.name, part.name) INTO dropped USING top_id;
    IF NOT dropped THEN
      entries := NULL;
      note := 'nieuwe items tijdens het verwijderen';
      RETURN NEXT;
      CONTINUE;
    END IF;
    entries := 0;
    FOR c IN EXECUTE format($q$
        WITH runs AS (
          SELECT organisation_id, id, seq, prev_hash, hash,
                 seq - row_number() OVER (PARTITION BY organisation_id ORDER BY seq, id) AS run
          FROM %I
        ), spans AS (
          SELECT organisation_id, min(seq) AS lo, max(seq) AS hi, count(*) AS n,
                 (array_agg(prev_hash ORDER BY seq, id))[1] AS prev_hash,
                 (array_agg(hash ORDER BY seq DESC, id DESC))[1] AS hash
          FROM runs GROUP BY organisation_id, run
        )
        SELECT organisation_id, sum(n)::integer AS n, min(lo) AS lo, max(hi) AS hi,
               jsonb_agg(jsonb_build_object('from', lo, 'to', hi, 'prevHash', prev_hash, 'hash', hash) ORDER BY lo) AS ranges
        FROM spans GROUP BY organisation_id
      $q$, part.name) LOOP
      rec_hash := encode(sha256(convert_to(access_log_retention_canonical(
        c.organisation_id, m, c.n, c.lo, c.hi, c.ranges, years, counted_from, dropped_time), 'UTF8')), 'hex');
      INSERT INTO access_log (organisation_id, action, procedure, result, device, reason)
        VALUES (c.organisation_id, 'delete', 'audit.retention', 'toegestaan', 'server',
          format('bewaartermijn van %s jaar verstreken: maand %s verwijderd, %s items (posities %s–%s); vastlegging %s',
            years, to_char(m, 'YYYY-MM'), c.n, c.lo, c.hi, rec_hash))
        RETURNING access_log.id, access_log.at INTO entry_id, entry_at;
      INSERT INTO access_log_retention (organisation_id, month, entries, first_seq, last_seq, ranges,
          retention_years, as_of, dropped_at, log_entry_id, log_entry_at, record_hash)
        VALUES (c.organisation_id, m, c.n, c.lo, c.hi, c.ranges, years, counted_from, dropped_time,
          entry_id, entry_at, rec_hash);
      entries := entries + c.n;
    END LOOP;
    EXECUTE format('DROP TABLE %I', part.name);
    note := NULL;
    RETURN NEXT;
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION access_log_create_partition(date) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION access_log_guard_partition(text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION ensure_access_log_partitions(integer, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ensure_access_log_partitions(integer, timestamptz) TO jb_app;
--> statement-breakpoint
REVOKE ALL ON FUNCTION drop_expired_access_log(integer, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION drop_expired_access_log(integer, timestamptz) TO jb_app;
--> statement-breakpoint
-- ── Appending, sealing, the head: as before, on the partitioned table ─────────────────────────
-- A repeated upload is skipped by access_log_once (no unique index on client_event_id any more).
CREATE OR REPLACE FUNCTION append_access_log(org uuid, entries jsonb) RETURNS SETOF bigint
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM set_config('app.organisation_id', org::text, true);
  RETURN QUERY
    INSERT INTO access_log (at, organisation_id, user_id, role, on_behalf_of, case_id, action, procedure,
      result, session_id, device, reason, client_event_id, received_at, device_id)
    SELECT coalesce(e.at, now()), e.organisation_id, e.user_id, e.role, e.on_behalf_of, e.case_id, e.action,
      e.procedure, e.result, e.session_id, e.device, e.reason, e.client_event_id, e.received_at, e.device_id
    FROM jsonb_populate_recordset(NULL::access_log, entries) AS e
    RETURNING access_log.id;
END $$;
--> statement-breakpoint
-- As in 0020, with two changes: the chain goes on from its head also when that was dropped after its
-- term (access_log_chain_head), and an entry that moved to its month's partition while this seal
-- waited for it is left for the next seal instead of being skipped in the chain.
CREATE OR REPLACE FUNCTION seal_access_log(org uuid, max_rows integer DEFAULT 5000) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  chain uuid := coalesce(org, '00000000-0000-0000-0000-000000000000'::uuid);
  last_seq bigint;
  last_hash text;
  e access_log;
  sealed integer := 0;
BEGIN
  PERFORM set_config('app.sealing', 'on', true);
  PERFORM pg_advisory_xact_lock(7513, hashtext(chain::text));
  SELECT h.seq, h.hash INTO last_seq, last_hash FROM access_log_chain_head(chain) h;
  last_seq := coalesce(last_seq, 0);
  last_hash := coalesce(last_hash, repeat('0', 64));
  FOR e IN SELECT * FROM access_log
      WHERE coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid) = chain
        AND seq IS NULL
        -- An entry given chain values by someone else is no append to seal: the verification names it.
        AND hash IS NULL AND prev_hash IS NULL
      ORDER BY id LIMIT max_rows LOOP
    e.seq := last_seq + 1;
    e.prev_hash := last_hash;
    e.hash := encode(sha256(convert_to(access_log_canonical(e), 'UTF8')), 'hex');
    UPDATE access_log SET seq = e.seq, prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id AND at = e.at;
    EXIT WHEN NOT FOUND;
    last_seq := e.seq;
    last_hash := e.hash;
    sealed := sealed + 1;
  END LOOP;
  PERFORM set_config('app.sealing', 'off', true);
  RETURN sealed;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION access_log_head(org uuid) RETURNS TABLE (seq bigint, hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT h.seq, h.hash FROM access_log_chain_head(org) h
    WHERE org = nullif(current_setting('app.organisation_id', true), '')::uuid
      AND h.seq IS NOT NULL
  $$;
--> statement-breakpoint
SELECT ensure_access_log_partitions(3);
