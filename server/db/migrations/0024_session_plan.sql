-- The session behind every request, planned once per connection instead of at every call (issue 17).
-- A SQL-language function that is not inlined (SECURITY DEFINER never is) has its query parsed and
-- planned at each call on PostgreSQL 15: about 0.3 ms of the database's CPU for every request a phone
-- sends. PL/pgSQL keeps the plan of RETURN QUERY for the connection's life: about 0.04 ms. Same
-- columns, same rows, same rights.
CREATE OR REPLACE FUNCTION app_session(p_token_hash text, p_at timestamptz)
RETURNS TABLE (
  session_id uuid, user_id uuid, organisation_id uuid, team_id uuid, role text, display_name text,
  last_seen_at timestamptz, authenticated_at timestamptz, auth_method text, locked_at timestamptz,
  device_id uuid, device_client_id uuid, device_revoked_at timestamptz, device_lockable boolean
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  RETURN QUERY
  SELECT s.id, u.id, u.organisation_id, u.team_id, u.role::text, u.display_name,
         s.last_seen_at, s.authenticated_at, s.auth_method, s.locked_at,
         s.device_id, d.client_id, d.revoked_at, d.unlock_key IS NOT NULL
  FROM sessions s
  JOIN users u ON u.id = s.user_id AND u.active
  LEFT JOIN devices d ON d.id = s.device_id
  WHERE s.token_hash = p_token_hash AND s.revoked_at IS NULL AND s.expires_at > p_at;
END $$;
