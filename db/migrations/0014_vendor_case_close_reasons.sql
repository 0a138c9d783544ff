-- Every ended vendor case says why it ended (lib/values VENDOR_CASE_CLOSE_REASONS).
-- Cases closed before the reason existed: "closed" was "the result came back"
-- (answered); "expired" was "no usable answer" (the clock never expired a case).
UPDATE "vendor_cases" SET "closed_reason" = 'answered' WHERE "status" = 'closed' AND "closed_reason" IS NULL;
--> statement-breakpoint
UPDATE "vendor_cases" SET "closed_reason" = 'no_answer' WHERE "status" = 'expired' AND "closed_reason" IS NULL;
--> statement-breakpoint
-- The reverse of vendor_cases_close_reason_when_ended (declared in db/tables/vault.ts): an ended case has a reason.
ALTER TABLE "vendor_cases" ADD CONSTRAINT "vendor_cases_ended_has_reason"
  CHECK ("status" NOT IN ('closed', 'expired') OR "closed_reason" IS NOT NULL);
