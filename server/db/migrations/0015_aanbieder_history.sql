-- The sociale kaart's providers are shared by every organisation (issue 16, point 12). Every edit is
-- now written down (who, of which organisation, when, before and after), and a provider carries a
-- version: an edit names the version it was made on, and one made on an older version is refused
-- with the current one shown beside it, instead of silently overwriting someone else's change.
CREATE TABLE "aanbieder_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"aanbieder_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"before" jsonb,
	"after" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "aanbieders" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "aanbieder_changes" ADD CONSTRAINT "aanbieder_changes_aanbieder_id_aanbieders_id_fk" FOREIGN KEY ("aanbieder_id") REFERENCES "public"."aanbieders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aanbieder_changes" ADD CONSTRAINT "aanbieder_changes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aanbieder_changes" ADD CONSTRAINT "aanbieder_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "aanbieder_changes_version_key" ON "aanbieder_changes" USING btree ("aanbieder_id","version");
--> statement-breakpoint
-- The app role (0011) reads the history and adds to it; it never changes or deletes an entry.
GRANT SELECT, INSERT ON aanbieder_changes TO jb_app;--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE aanbieder_changes_id_seq TO jb_app;--> statement-breakpoint
ALTER TABLE aanbieder_changes ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
-- The kaart is shared, so is its history: every organisation reads all of it. An entry is written
-- only in the name of the organisation the request works for.
CREATE POLICY aanbieder_changes_read ON aanbieder_changes FOR SELECT USING (true);--> statement-breakpoint
CREATE POLICY aanbieder_changes_append ON aanbieder_changes FOR INSERT
  WITH CHECK (organisation_id = nullif(current_setting('app.organisation_id', true), '')::uuid);
