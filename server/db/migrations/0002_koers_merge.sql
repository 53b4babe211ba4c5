CREATE TABLE "koers_conflicts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"row_version" bigint DEFAULT 0 NOT NULL,
	"organisation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"koers_id" uuid NOT NULL,
	"field" text NOT NULL,
	"theirs" jsonb,
	"mine" jsonb,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text
);
--> statement-breakpoint
ALTER TABLE "koersen" ADD COLUMN "field_versions" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "koers_conflicts" ADD CONSTRAINT "koers_conflicts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koers_conflicts" ADD CONSTRAINT "koers_conflicts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koers_conflicts" ADD CONSTRAINT "koers_conflicts_koers_id_koersen_id_fk" FOREIGN KEY ("koers_id") REFERENCES "public"."koersen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "koers_conflicts" ADD CONSTRAINT "koers_conflicts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "koers_conflicts_case_idx" ON "koers_conflicts" USING btree ("case_id");