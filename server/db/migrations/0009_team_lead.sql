CREATE TYPE "public"."triage" AS ENUM('acuut', 'niet_acuut');--> statement-breakpoint
CREATE TABLE "case_waiting" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"since" date NOT NULL,
	"triage" "triage" NOT NULL,
	"risk_outcome" text DEFAULT '' NOT NULL,
	"risk_assessed_on" date,
	"risk_instrument" text DEFAULT '' NOT NULL,
	"interim_contact_id" uuid,
	"next_safety_check_on" date,
	"bridging" text DEFAULT '' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"priority_reason" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "organisation_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"caseload_norm" jsonb NOT NULL,
	"caseload_weights" jsonb NOT NULL,
	"holiday_policy" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "complex_divorce" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "registered_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "gezinnen" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "jeugdigen" ADD COLUMN "client_number" text;--> statement-breakpoint
ALTER TABLE "maatregelen" ADD COLUMN "zaaknummer" text;--> statement-breakpoint
ALTER TABLE "case_waiting" ADD CONSTRAINT "case_waiting_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_waiting" ADD CONSTRAINT "case_waiting_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_waiting" ADD CONSTRAINT "case_waiting_interim_contact_id_users_id_fk" FOREIGN KEY ("interim_contact_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_waiting" ADD CONSTRAINT "case_waiting_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_settings" ADD CONSTRAINT "organisation_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_settings" ADD CONSTRAINT "organisation_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_waiting_org_idx" ON "case_waiting" USING btree ("organisation_id","priority");--> statement-breakpoint
CREATE UNIQUE INDEX "gezinnen_external_ref_key" ON "gezinnen" USING btree ("organisation_id","external_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "jeugdigen_client_number_key" ON "jeugdigen" USING btree ("organisation_id","client_number");--> statement-breakpoint
CREATE UNIQUE INDEX "maatregelen_zaaknummer_key" ON "maatregelen" USING btree ("organisation_id","zaaknummer");