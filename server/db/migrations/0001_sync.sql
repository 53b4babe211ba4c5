CREATE TYPE "public"."mutation_status" AS ENUM('toegepast', 'geweigerd');--> statement-breakpoint
CREATE TABLE "mutation_results" (
	"client_id" uuid NOT NULL,
	"mutation_id" bigint NOT NULL,
	"name" text NOT NULL,
	"status" "mutation_status" NOT NULL,
	"reason" text,
	"args" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mutation_results_client_id_mutation_id_pk" PRIMARY KEY("client_id","mutation_id")
);
--> statement-breakpoint
CREATE TABLE "organisation_versions" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"last_mutation_id" bigint DEFAULT 0 NOT NULL,
	"synced_case_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pending_target" bigint,
	"pending_case_ids" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "beschikkingen" ADD COLUMN "row_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "betrokkenen" ADD COLUMN "row_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD COLUMN "row_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "row_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "row_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "gezinnen" ADD COLUMN "row_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "jeugdigen" ADD COLUMN "row_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "koersen" ADD COLUMN "row_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "maatregelen" ADD COLUMN "row_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "row_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mutation_results" ADD CONSTRAINT "mutation_results_client_id_sync_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."sync_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_versions" ADD CONSTRAINT "organisation_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_clients" ADD CONSTRAINT "sync_clients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_clients_user_idx" ON "sync_clients" USING btree ("user_id");