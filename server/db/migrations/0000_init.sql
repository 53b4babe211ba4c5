CREATE TYPE "public"."access_result" AS ENUM('toegestaan', 'geweigerd');--> statement-breakpoint
CREATE TYPE "public"."assignment_role" AS ENUM('vast', 'waarnemer');--> statement-breakpoint
CREATE TYPE "public"."beschikking_kind" AS ENUM('uitspraak', 'verlenging', 'machtiging_uhp', 'wijziging', 'beeindiging');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('instroom', 'wachtlijst', 'actief', 'afgesloten');--> statement-breakpoint
CREATE TYPE "public"."contact_kind" AS ENUM('huisbezoek', 'telefonisch', 'kind_alleen', 'netwerkberaad', 'ketenoverleg', 'school', 'videogesprek', 'overig');--> statement-breakpoint
CREATE TYPE "public"."koers_status" AS ENUM('concept', 'in_afstemming', 'vastgesteld');--> statement-breakpoint
CREATE TYPE "public"."maatregel_status" AS ENUM('lopend', 'beeindigd');--> statement-breakpoint
CREATE TYPE "public"."maatregel_type" AS ENUM('ots', 'vots', 'voogdij', 'jeugdreclassering');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('jeugdbeschermer', 'teamleider', 'ondersteuner', 'beheerder');--> statement-breakpoint
CREATE TYPE "public"."urgency" AS ENUM('regulier', 'urgent', 'acuut');--> statement-breakpoint
CREATE TYPE "public"."verwijzing_status" AS ENUM('concept', 'ingediend', 'afstemming_gemeente', 'aangemeld', 'geaccepteerd', 'afgewezen', 'wachtlijst', 'gestart', 'beeindigd', 'opgeschaald', 'ingetrokken');--> statement-breakpoint
CREATE TABLE "aanbieder_regions" (
	"aanbieder_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	CONSTRAINT "aanbieder_regions_aanbieder_id_region_id_pk" PRIMARY KEY("aanbieder_id","region_id")
);
--> statement-breakpoint
CREATE TABLE "aanbieders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"agb_code" text NOT NULL,
	"products" jsonb NOT NULL,
	"wait_weeks" integer DEFAULT 0 NOT NULL,
	"contact_route" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"organisation_id" uuid,
	"user_id" uuid,
	"role" "role",
	"on_behalf_of" uuid,
	"case_id" uuid,
	"action" text NOT NULL,
	"procedure" text NOT NULL,
	"result" "access_result" NOT NULL,
	"session_id" uuid,
	"device" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "beschikkingen" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"maatregel_id" uuid NOT NULL,
	"kind" "beschikking_kind" NOT NULL,
	"date" date NOT NULL,
	"valid_until" date,
	"court" text NOT NULL,
	"reference" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "betrokkenen" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"gezin_id" uuid NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"has_custody" boolean DEFAULT false NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "assignment_role" NOT NULL,
	"from_date" date NOT NULL,
	"until_date" date,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_by" uuid
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"team_id" uuid,
	"jeugdige_id" uuid NOT NULL,
	"status" "case_status" NOT NULL,
	"opened_on" date NOT NULL,
	"closed_on" date
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "contact_kind" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"present" jsonb NOT NULL,
	"child_seen" boolean NOT NULL,
	"report" text NOT NULL,
	"amends_id" uuid,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gemeenten" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"cbs_code" text NOT NULL,
	"region_id" uuid NOT NULL,
	CONSTRAINT "gemeenten_cbsCode_unique" UNIQUE("cbs_code")
);
--> statement-breakpoint
CREATE TABLE "gezinnen" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"postcode" text DEFAULT '' NOT NULL,
	"gemeente_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jeugdigen" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"gezin_id" uuid NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"gemeente_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "koersen" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" "koers_status" NOT NULL,
	"content" jsonb NOT NULL,
	"agreement" jsonb NOT NULL,
	"evaluation_date" date,
	"agreed_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"success" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "maatregelen" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"type" "maatregel_type" NOT NULL,
	"court" text NOT NULL,
	"ruling_date" date NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"out_of_home_placement" boolean DEFAULT false NOT NULL,
	"status" "maatregel_status" NOT NULL,
	"ended_on" date
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "regions_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"user_agent" text,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"team_id" uuid,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "role" NOT NULL,
	"password_hash" text,
	"fte" numeric(3, 2) DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verwijzingen" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"status" "verwijzing_status" NOT NULL,
	"product_category" text NOT NULL,
	"product_name" text NOT NULL,
	"need" text NOT NULL,
	"urgency" "urgency" NOT NULL,
	"urgency_reason" text DEFAULT '' NOT NULL,
	"aanbieder_id" uuid,
	"gemeente_id" uuid NOT NULL,
	"help_due_date" date NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_on" date,
	"ended_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "aanbieder_regions" ADD CONSTRAINT "aanbieder_regions_aanbieder_id_aanbieders_id_fk" FOREIGN KEY ("aanbieder_id") REFERENCES "public"."aanbieders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aanbieder_regions" ADD CONSTRAINT "aanbieder_regions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beschikkingen" ADD CONSTRAINT "beschikkingen_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beschikkingen" ADD CONSTRAINT "beschikkingen_maatregel_id_maatregelen_id_fk" FOREIGN KEY ("maatregel_id") REFERENCES "public"."maatregelen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "betrokkenen" ADD CONSTRAINT "betrokkenen_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "betrokkenen" ADD CONSTRAINT "betrokkenen_gezin_id_gezinnen_id_fk" FOREIGN KEY ("gezin_id") REFERENCES "public"."gezinnen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_jeugdige_id_jeugdigen_id_fk" FOREIGN KEY ("jeugdige_id") REFERENCES "public"."jeugdigen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gemeenten" ADD CONSTRAINT "gemeenten_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gezinnen" ADD CONSTRAINT "gezinnen_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gezinnen" ADD CONSTRAINT "gezinnen_gemeente_id_gemeenten_id_fk" FOREIGN KEY ("gemeente_id") REFERENCES "public"."gemeenten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jeugdigen" ADD CONSTRAINT "jeugdigen_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jeugdigen" ADD CONSTRAINT "jeugdigen_gezin_id_gezinnen_id_fk" FOREIGN KEY ("gezin_id") REFERENCES "public"."gezinnen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jeugdigen" ADD CONSTRAINT "jeugdigen_gemeente_id_gemeenten_id_fk" FOREIGN KEY ("gemeente_id") REFERENCES "public"."gemeenten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koersen" ADD CONSTRAINT "koersen_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koersen" ADD CONSTRAINT "koersen_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koersen" ADD CONSTRAINT "koersen_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maatregelen" ADD CONSTRAINT "maatregelen_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maatregelen" ADD CONSTRAINT "maatregelen_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD CONSTRAINT "verwijzingen_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD CONSTRAINT "verwijzingen_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD CONSTRAINT "verwijzingen_aanbieder_id_aanbieders_id_fk" FOREIGN KEY ("aanbieder_id") REFERENCES "public"."aanbieders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD CONSTRAINT "verwijzingen_gemeente_id_gemeenten_id_fk" FOREIGN KEY ("gemeente_id") REFERENCES "public"."gemeenten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD CONSTRAINT "verwijzingen_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_case_idx" ON "access_log" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "access_log_user_idx" ON "access_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "beschikkingen_maatregel_idx" ON "beschikkingen" USING btree ("maatregel_id");--> statement-breakpoint
CREATE INDEX "betrokkenen_gezin_idx" ON "betrokkenen" USING btree ("gezin_id");--> statement-breakpoint
CREATE INDEX "case_assignments_user_idx" ON "case_assignments" USING btree ("user_id","until_date");--> statement-breakpoint
CREATE INDEX "case_assignments_case_idx" ON "case_assignments" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_jeugdige_key" ON "cases" USING btree ("jeugdige_id");--> statement-breakpoint
CREATE INDEX "cases_team_idx" ON "cases" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "cases_org_idx" ON "cases" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "contacts_case_occurred_idx" ON "contacts" USING btree ("case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "jeugdigen_gezin_idx" ON "jeugdigen" USING btree ("gezin_id");--> statement-breakpoint
CREATE UNIQUE INDEX "koersen_case_version_key" ON "koersen" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "login_attempts_username_at_idx" ON "login_attempts" USING btree ("username","at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_at_idx" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "maatregelen_case_idx" ON "maatregelen" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key" ON "users" USING btree ("username");--> statement-breakpoint
CREATE INDEX "users_team_idx" ON "users" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "verwijzingen_case_idx" ON "verwijzingen" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "verwijzingen_status_idx" ON "verwijzingen" USING btree ("status");