-- The access log's trigger (migration 0011) finds the last entry of the organisation's chain with
-- ORDER BY seq DESC LIMIT 1, under a per-organisation lock held until commit. Working as the app
-- role, row-level security puts its policy (organisation_id = app.organisation_id) before the
-- trigger's condition on coalesce(organisation_id, …), so access_log_chain_key could not serve the
-- lookup: the planner read every entry of the organisation and sorted them, for every entry written,
-- under the lock. Logging got slower as the log grew, and concurrent pulls queued on the lock.
--
-- The trigger now runs as the function's owner (the tables' owner, as on PGlite), for whom the
-- policy does not apply: the lookup is one step back along access_log_chain_key, whatever the
-- statistics say. It reads only the chain named by the new entry itself, and the insert is still
-- checked by the access_log_append policy (WITH CHECK applies to the row this trigger returns), so
-- the app role can write no entry for another organisation. A trigger function cannot be called on
-- its own; search_path is pinned, as for any SECURITY DEFINER function.
CREATE OR REPLACE FUNCTION access_log_chain() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
