-- Row-level security for the tables 0011 left out: sessions, devices, sync_clients and
-- mutation_results (which keeps every pushed mutation's content: contact reports too). As in 0011,
-- a row is visible (and writable) to the organisation in the transaction setting
-- `app.organisation_id`; sessions, sync clients and their results through their user's
-- organisation (users itself has no row-level security: sign-in reads it).
--
-- Two rows must be found before the organisation is known, each by the secret that points at it
-- (server/db/organisation-scope.ts, scopeToSecret):
--  - a session by its token's hash (`app.session_token_hash`): reading the session of a request,
--    creating one at sign-in, ending it at logout; the device that session is bound to goes with it;
--  - a device by its own secret's hash (`app.device_secret_hash`): its status, surrender and wipe
--    report, which it sends without a session.
-- Holding the secret is the right to that one row; without a setting, nothing is visible.
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_or_token ON sessions
  USING (
    token_hash = nullif(current_setting('app.session_token_hash', true), '')
    OR EXISTS (
      SELECT 1 FROM users u
      WHERE u.id = sessions.user_id
        AND u.organisation_id = nullif(current_setting('app.organisation_id', true), '')::uuid
    )
  );
--> statement-breakpoint
ALTER TABLE devices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_or_secret ON devices
  USING (
    organisation_id = nullif(current_setting('app.organisation_id', true), '')::uuid
    OR secret_hash = nullif(current_setting('app.device_secret_hash', true), '')
    OR EXISTS (
      SELECT 1 FROM sessions s
      WHERE s.device_id = devices.id
        AND s.token_hash = nullif(current_setting('app.session_token_hash', true), '')
    )
  );
--> statement-breakpoint
ALTER TABLE sync_clients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON sync_clients
  USING (
    EXISTS (
      SELECT 1 FROM users u
      WHERE u.id = sync_clients.user_id
        AND u.organisation_id = nullif(current_setting('app.organisation_id', true), '')::uuid
    )
  );
--> statement-breakpoint
ALTER TABLE mutation_results ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON mutation_results
  USING (
    EXISTS (
      SELECT 1 FROM sync_clients c JOIN users u ON u.id = c.user_id
      WHERE c.id = mutation_results.client_id
        AND u.organisation_id = nullif(current_setting('app.organisation_id', true), '')::uuid
    )
  );
