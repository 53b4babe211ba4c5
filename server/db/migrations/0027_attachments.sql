-- Bijlagen (issue 20, section 3): photos and PDFs on a contact or on the case file
-- (shared/schemas/attachment.ts). Three tables:
--  - attachments: the metadata, a synced row (entity `bijlage`) stamped with the organisation's
--    version like every synced table; the pull reads only this table, never the bytes;
--  - attachment_chunks: the upload's parts as they arrive, one row per (attachment, index), so a
--    repeated part is stored once and an interrupted upload resumes where it stopped; removed once
--    the parts are joined;
--  - attachment_contents: the joined, checked bytes, one row per complete attachment.
-- Row-level security as in 0011: a row is visible (and writable) to the organisation in the
-- transaction setting `app.organisation_id`.
CREATE TABLE "attachments" (
	"row_version" bigint DEFAULT 0 NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"case_id" uuid NOT NULL REFERENCES "cases"("id"),
	"contact_id" uuid REFERENCES "contacts"("id"),
	"kind" text NOT NULL CHECK ("kind" IN ('foto', 'document')),
	"mime" text NOT NULL CHECK ("mime" IN ('image/jpeg', 'application/pdf')),
	"bytes" integer NOT NULL CHECK ("bytes" > 0 AND "bytes" <= 10485760),
	"sha256" text NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
	"file_name" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"author_id" uuid NOT NULL REFERENCES "users"("id"),
	"device_id" uuid REFERENCES "devices"("id"),
	"client_id" uuid,
	"status" text DEFAULT 'uploading' NOT NULL CHECK ("status" IN ('uploading', 'complete', 'refused')),
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "attachments_case_version_idx" ON "attachments" USING btree ("case_id","row_version");
--> statement-breakpoint
CREATE INDEX "attachments_device_idx" ON "attachments" USING btree ("device_id");
--> statement-breakpoint
CREATE INDEX "attachments_client_idx" ON "attachments" USING btree ("client_id");
--> statement-breakpoint
CREATE TABLE "attachment_chunks" (
	"attachment_id" uuid NOT NULL REFERENCES "attachments"("id"),
	"index" integer NOT NULL CHECK ("index" >= 0),
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"content" bytea NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	PRIMARY KEY ("attachment_id", "index")
);
--> statement-breakpoint
CREATE TABLE "attachment_contents" (
	"attachment_id" uuid PRIMARY KEY NOT NULL REFERENCES "attachments"("id"),
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"content" bytea NOT NULL,
	"stored_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The app role (0011) works with all three; it owns none of them.
GRANT SELECT, INSERT, UPDATE, DELETE ON attachments, attachment_chunks, attachment_contents TO jb_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['attachments', 'attachment_chunks', 'attachment_contents'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY organisation_isolation ON %I USING (organisation_id = nullif(current_setting(''app.organisation_id'', true), '''')::uuid) WITH CHECK (organisation_id = nullif(current_setting(''app.organisation_id'', true), '''')::uuid)',
      t);
  END LOOP;
END $$;
