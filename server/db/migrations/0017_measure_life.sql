CREATE TYPE "public"."maatregel_end_reason" AS ENUM('doel_bereikt', 'meerderjarig', 'andere_gi', 'opgeheven', 'overig', 'verlopen', 'omgezet');--> statement-breakpoint
ALTER TABLE "maatregelen" ADD COLUMN "end_reason" "maatregel_end_reason";--> statement-breakpoint
ALTER TABLE "maatregelen" ADD COLUMN "end_reason_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "maatregelen" ADD COLUMN "previous_maatregel_id" uuid;--> statement-breakpoint
ALTER TABLE "maatregelen" ADD COLUMN "norms_from" date;--> statement-breakpoint
ALTER TABLE "maatregelen" ADD CONSTRAINT "maatregelen_previous_maatregel_id_maatregelen_id_fk" FOREIGN KEY ("previous_maatregel_id") REFERENCES "public"."maatregelen"("id") ON DELETE no action ON UPDATE no action;