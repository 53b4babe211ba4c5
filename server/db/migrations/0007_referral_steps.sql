CREATE TYPE "public"."escalation_level" AS ENUM('geen', 'expertteam', 'ozj');--> statement-breakpoint
CREATE TABLE "verwijzing_stappen" (
	"row_version" bigint DEFAULT 0 NOT NULL,
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"verwijzing_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"step" text NOT NULL,
	"from_status" "verwijzing_status" NOT NULL,
	"to_status" "verwijzing_status" NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"aanbieder_id" uuid,
	"on" date,
	"by_user_id" uuid NOT NULL,
	"by_role" "role" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "escalation" "escalation_level" DEFAULT 'geen' NOT NULL;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "expected_start_on" date;--> statement-breakpoint
ALTER TABLE "verwijzing_stappen" ADD CONSTRAINT "verwijzing_stappen_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verwijzing_stappen" ADD CONSTRAINT "verwijzing_stappen_verwijzing_id_verwijzingen_id_fk" FOREIGN KEY ("verwijzing_id") REFERENCES "public"."verwijzingen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verwijzing_stappen" ADD CONSTRAINT "verwijzing_stappen_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verwijzing_stappen" ADD CONSTRAINT "verwijzing_stappen_aanbieder_id_aanbieders_id_fk" FOREIGN KEY ("aanbieder_id") REFERENCES "public"."aanbieders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verwijzing_stappen" ADD CONSTRAINT "verwijzing_stappen_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "verwijzing_stappen_verwijzing_idx" ON "verwijzing_stappen" USING btree ("verwijzing_id","at");