-- Locking the server session with the app (issue 16, point 7): a locked session answers nothing
-- but unlock; unlock proves the PIN-derived key with an HMAC over a server nonce; wrong proofs are
-- counted per device and too many lock its sessions until a new sign-in.
ALTER TABLE "devices" ADD COLUMN "unlock_key" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "unlock_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "unlock_blocked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "unlock_challenge" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "unlock_challenge_expires_at" timestamp with time zone;