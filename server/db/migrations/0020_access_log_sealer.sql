-- The access log's chain leaves the request path (issue: every phone of a GI syncing at once).
--
-- Until now every entry took its organisation's lock in a trigger and held it until commit: the
-- requests of one organisation queued behind one writer. Now an entry is appended freely, without
-- its place in the chain, and a sealer (server/audit/sealer.ts, a moment later, in batches) gives
-- the unsealed entries of an organisation their position, the previous entry's hash and their own,
-- under the organisation's lock, in the order it finds them (by id). A crash between an append and
-- its seal loses nothing: the entry waits unsealed, and the next seal — of any server process, or of
-- `npm run audit:verify` — picks it up. The log stays append-only: the only change allowed to an
-- entry is the sealer filling in its three empty chain columns, with its content unchanged.
ALTER TABLE access_log ALTER COLUMN seq DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE access_log ALTER COLUMN prev_hash DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE access_log ALTER COLUMN hash DROP NOT NULL;
--> statement-breakpoint
-- An append: no lock, no lookup. A writer cannot choose the chain values: they are set by the sealer.
CREATE OR REPLACE FUNCTION access_log_chain() RETURNS trigger
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  NEW.at := date_trunc('milliseconds', NEW.at);
  NEW.received_at := date_trunc('milliseconds', NEW.received_at);
  NEW.seq := NULL;
  NEW.prev_hash := NULL;
  NEW.hash := NULL;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- The entries still to seal, per chain, in the order the sealer takes them.
CREATE INDEX access_log_unsealed
  ON access_log ((coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid)), id)
  WHERE seq IS NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  -- The sealer's own update: the chain columns filled in once, nothing else touched.
  IF TG_OP = 'UPDATE' AND current_setting('app.sealing', true) = 'on'
     AND OLD.seq IS NULL AND OLD.hash IS NULL AND OLD.prev_hash IS NULL
     AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
     AND (NEW.id, NEW.at, NEW.organisation_id, NEW.user_id, NEW.role, NEW.on_behalf_of, NEW.case_id,
          NEW.action, NEW.procedure, NEW.result, NEW.session_id, NEW.device, NEW.reason,
          NEW.client_event_id, NEW.received_at, NEW.device_id)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.organisation_id, OLD.user_id, OLD.role, OLD.on_behalf_of, OLD.case_id,
          OLD.action, OLD.procedure, OLD.result, OLD.session_id, OLD.device, OLD.reason,
          OLD.client_event_id, OLD.received_at, OLD.device_id) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'Het toegangslog (NEN 7513) kan alleen worden aangevuld, niet gewijzigd of gewist'
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
-- Seals up to max_rows unsealed entries of one chain; returns how many. Runs as the tables' owner
-- (the app role may not update the log), reads and writes only the chain it is given, and takes that
-- chain's lock until commit, so two sealers (two server processes) never fork a chain.
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
  SELECT seq, hash INTO last_seq, last_hash FROM access_log
    WHERE coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid) = chain
      AND seq IS NOT NULL
    ORDER BY seq DESC LIMIT 1;
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
    UPDATE access_log SET seq = e.seq, prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id;
    last_seq := e.seq;
    last_hash := e.hash;
    sealed := sealed + 1;
  END LOOP;
  PERFORM set_config('app.sealing', 'off', true);
  RETURN sealed;
END $$;
--> statement-breakpoint
-- The chains with entries waiting for their seal (for the app role too: it sees only its own).
CREATE OR REPLACE FUNCTION access_log_unsealed_chains() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT organisation_id FROM access_log WHERE seq IS NULL
  $$;
