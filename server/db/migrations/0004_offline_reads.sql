ALTER TABLE "access_log" ADD COLUMN "client_event_id" uuid;--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "access_log_client_event_idx" ON "access_log" USING btree ("client_event_id");