-- A device carries the name its user gives it at registration ("Telefoon van Mohamed"), shown in
-- Toestellen and in the access log instead of the browser's description ("Linux · Chrome") that every
-- phone shares (issue 19). Devices registered before get the name the registration form proposes.
ALTER TABLE "devices" ADD COLUMN "name" text;--> statement-breakpoint
UPDATE "devices" d SET "name" = 'Telefoon van ' || split_part(u."display_name", ' ', 1) FROM "users" u WHERE u."id" = d."user_id";--> statement-breakpoint
ALTER TABLE "devices" ALTER COLUMN "name" SET NOT NULL;
