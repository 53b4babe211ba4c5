-- The sealer, fast enough to follow a Monday's 08:30 (issue 17). Under 300 syncing phones the log
-- gains about 2,000 entries a second; sealing them one UPDATE at a time, each hash over a text built
-- by twenty nested SQL-function calls (not inlined: to_char is only STABLE), cost about 0.35 ms an
-- entry, so the sealer fell behind and its backlog took the database's CPU from the requests.
--  - access_log_canonical: the same text, built in one PL/pgSQL pass (about ten times faster).
--    server/audit/chain.ts still builds it independently; the verification compares the two.
--  - seal_access_log: hashes the batch in memory, in id order as before, then writes it with one
--    UPDATE. An entry that changed under it (moved or gone) rolls the whole batch back (the chain
--    never gets a gap); the next turn seals it again.
CREATE OR REPLACE FUNCTION access_log_canonical(e access_log) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  fields text[] := ARRAY[e.id::text, e.seq::text, e.prev_hash, e.organisation_id::text,
    to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(e.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.user_id::text, e.role::text, e.on_behalf_of::text, e.case_id::text, e.action, e.procedure,
    e.result::text, e.session_id::text, e.device_id::text, e.device, e.reason, e.client_event_id::text];
  canonical text := 'v1';
  f text;
BEGIN
  FOREACH f IN ARRAY fields LOOP
    canonical := canonical || '|' || CASE WHEN f IS NULL THEN '-' ELSE octet_length(f)::text || ':' || f END;
  END LOOP;
  RETURN canonical;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION seal_access_log(org uuid, max_rows integer DEFAULT 5000) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  chain uuid := coalesce(org, '00000000-0000-0000-0000-000000000000'::uuid);
  last_seq bigint;
  last_hash text;
  e access_log;
  ids bigint[] := '{}';
  ats timestamptz[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
  first_seq bigint;
  updated integer;
BEGIN
  PERFORM set_config('app.sealing', 'on', true);
  PERFORM pg_advisory_xact_lock(7513, hashtext(chain::text));
  SELECT h.seq, h.hash INTO last_seq, last_hash FROM access_log_chain_head(chain) h;
  last_seq := coalesce(last_seq, 0);
  last_hash := coalesce(last_hash, repeat('0', 64));
  first_seq := last_seq + 1;
  FOR e IN SELECT * FROM access_log
      WHERE coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid) = chain
        AND seq IS NULL
        AND hash IS NULL AND prev_hash IS NULL
      ORDER BY id LIMIT max_rows LOOP
    last_seq := last_seq + 1;
    e.seq := last_seq;
    e.prev_hash := last_hash;
    last_hash := encode(sha256(convert_to(access_log_canonical(e), 'UTF8')), 'hex');
    ids := ids || e.id;
    ats := ats || e.at;
    prevs := prevs || e.prev_hash;
    hashes := hashes || last_hash;
  END LOOP;
  IF cardinality(ids) = 0 THEN
    PERFORM set_config('app.sealing', 'off', true);
    RETURN 0;
  END IF;
  UPDATE access_log l SET seq = first_seq + s.i - 1, prev_hash = s.prev_hash, hash = s.hash
    FROM unnest(ids, ats, prevs, hashes) WITH ORDINALITY AS s(id, at, prev_hash, hash, i)
    WHERE l.id = s.id AND l.at = s.at AND l.seq IS NULL;
  GET DIAGNOSTICS updated = ROW_COUNT;
  IF updated <> cardinality(ids) THEN
    RAISE EXCEPTION 'access log seal raced: % of % entries sealed, nothing kept', updated, cardinality(ids)
      USING ERRCODE = 'serialization_failure';
  END IF;
  PERFORM set_config('app.sealing', 'off', true);
  RETURN updated;
END $$;
