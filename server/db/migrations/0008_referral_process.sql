CREATE TYPE "public"."instemming" AS ENUM('ja', 'gedeeltelijk', 'nee', 'niet_gevraagd');--> statement-breakpoint
CREATE TYPE "public"."afstemming_wijze" AS ENUM('geen', 'email', 'portaal', 'telefoon', 'overleg');--> statement-breakpoint
CREATE TABLE "region_arrangements" (
	"organisation_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"consultation" "afstemming_wijze" DEFAULT 'geen' NOT NULL,
	"contact_point" text DEFAULT '' NOT NULL,
	"answer_workdays" integer DEFAULT 0 NOT NULL,
	"expertteam_contact" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "region_arrangements_organisation_id_region_id_pk" PRIMARY KEY("organisation_id","region_id")
);
--> statement-breakpoint
ALTER TABLE "aanbieders" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "aanbieders" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "product_code" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "goal_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "preferred_aanbieder_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "consent" "instemming" DEFAULT 'niet_gevraagd' NOT NULL;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "family_views" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "gemeente_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "bridging" jsonb;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "alternative" jsonb;--> statement-breakpoint
ALTER TABLE "verwijzingen" ADD COLUMN "follow_up_on" date;--> statement-breakpoint
ALTER TABLE "region_arrangements" ADD CONSTRAINT "region_arrangements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_arrangements" ADD CONSTRAINT "region_arrangements_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_arrangements" ADD CONSTRAINT "region_arrangements_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;