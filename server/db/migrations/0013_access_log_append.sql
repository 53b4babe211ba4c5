-- Access-log entries written in one statement. The chain's trigger (0011, 0012) takes the
-- organisation's lock at the insert and holds it until commit. Written as BEGIN, set_config,
-- INSERT, COMMIT from the server, the lock stayed held for the two round trips between the insert
-- and the commit: under load, while the server's event loop was busy with other requests, every
-- other writer of the organisation's log waited behind it. Called on its own (autocommit), this
-- function scopes itself to the organisation, inserts, and commits in the same round trip.
--
-- SECURITY INVOKER: it runs as the caller (jb_app), so the access_log_append policy still checks
-- every entry against the organisation named here; it cannot write another organisation's entries.
-- A repeated upload of device events (same client_event_id) is skipped, as before.
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
    ON CONFLICT (client_event_id) DO NOTHING
    RETURNING access_log.id;
END $$;
