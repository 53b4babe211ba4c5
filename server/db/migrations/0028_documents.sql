-- Paperwork the app writes (issue 21): the extension request, the handover, the family's copy of
-- the koers. Documents are made on request and downloaded; the server stores none of them. It keeps:
--  - document_templates: the organisation's own DOCX template for the extension request (one per
--    organisation and kind), uploaded by a beheerder after its placeholders were checked;
--  - document_settings: per organisation, whether a child from 12 gets its own copy of the koers,
--    and who (if anyone) must approve an extension request as second reader;
--  - extension_approvals: the second reader's approval of the request for one measure's end date
--    (who and when); until it exists the draft says "concept";
--  - case_assignments.handover_note: what the previous worker or the team lead wrote when the case
--    moved, on the new vaste assignment, so it syncs to the new worker's phone with that row.
-- Row-level security as in 0011/0022: a row is visible (and writable) to the organisation in the
-- transaction setting `app.organisation_id`.
CREATE TABLE "document_templates" (
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"kind" text NOT NULL CHECK ("kind" IN ('verlengingsverzoek')),
	"file_name" text NOT NULL,
	"content" bytea NOT NULL CHECK (octet_length("content") <= 524288),
	"placeholders" jsonb NOT NULL,
	"uploaded_by" uuid NOT NULL REFERENCES "users"("id"),
	"uploaded_at" timestamp with time zone NOT NULL,
	PRIMARY KEY ("organisation_id", "kind")
);
--> statement-breakpoint
CREATE TABLE "document_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL REFERENCES "organisations"("id"),
	"child_copy_from_12" boolean DEFAULT false NOT NULL,
	"second_reader" text DEFAULT 'geen' NOT NULL CHECK ("second_reader" IN ('geen', 'teamleider')),
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid REFERENCES "users"("id")
);
--> statement-breakpoint
CREATE TABLE "extension_approvals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL REFERENCES "organisations"("id"),
	"case_id" uuid NOT NULL REFERENCES "cases"("id"),
	"maatregel_id" uuid NOT NULL REFERENCES "maatregelen"("id"),
	"end_date" date NOT NULL,
	"approved_by" uuid NOT NULL REFERENCES "users"("id"),
	"approved_role" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "extension_approvals_measure_key" ON "extension_approvals" USING btree ("maatregel_id","end_date");
--> statement-breakpoint
ALTER TABLE "case_assignments" ADD COLUMN "handover_note" text CHECK (char_length("handover_note") <= 2000);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON document_templates, document_settings, extension_approvals TO jb_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
  org constant text := '(select nullif(current_setting(''app.organisation_id'', true), '''')::uuid)';
BEGIN
  FOREACH t IN ARRAY ARRAY['document_templates', 'document_settings', 'extension_approvals'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY organisation_isolation ON %I USING (organisation_id = %s) WITH CHECK (organisation_id = %s)', t, org, org);
  END LOOP;
END $$;
