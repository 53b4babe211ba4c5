-- A family reference is the team's own: intake links a new child only to a family of the same team
-- (issue 16, point 13), so another team's reference is as unknown as one that does not exist, and two
-- teams may each have an F-1. The unique index would have told one team about the other's reference
-- (a refused import); it becomes a plain index for the lookup. Intake writes of one organisation take
-- turns under an advisory lock instead, so one family is still created once.
DROP INDEX "gezinnen_external_ref_key";--> statement-breakpoint
CREATE INDEX "gezinnen_external_ref_idx" ON "gezinnen" USING btree ("organisation_id","external_ref");
