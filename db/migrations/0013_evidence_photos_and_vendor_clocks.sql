ALTER TABLE "config_backups" DROP CONSTRAINT "config_backups_kind_valid";--> statement-breakpoint
ALTER TABLE "recovery_methods" ADD COLUMN "answer_validity" jsonb DEFAULT '{"kind":"unknown"}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "recovery_methods" ADD COLUMN "voided_by" text[] DEFAULT ARRAY[]::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "recovery_methods" ADD COLUMN "do_not_reboot" text;--> statement-breakpoint
ALTER TABLE "recovery_methods" ADD COLUMN "evidence" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "config_backups" ADD COLUMN "photo_kind" text;--> statement-breakpoint
ALTER TABLE "config_backups" ADD COLUMN "taken_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "config_backups" ADD COLUMN "width" integer;--> statement-breakpoint
ALTER TABLE "config_backups" ADD COLUMN "height" integer;--> statement-breakpoint
ALTER TABLE "config_backups" ADD COLUMN "thumb_ciphertext" "bytea";--> statement-breakpoint
ALTER TABLE "config_backups" ADD COLUMN "thumb_iv" "bytea";--> statement-breakpoint
ALTER TABLE "config_backups" ADD COLUMN "thumb_auth_tag" "bytea";--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD COLUMN "overdue_mailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD COLUMN "expiry_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD COLUMN "closed_reason" text;--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD COLUMN "vendor_mail_id" uuid;--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD CONSTRAINT "vendor_cases_vendor_mail_id_mail_outbox_id_fk" FOREIGN KEY ("vendor_mail_id") REFERENCES "public"."mail_outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vendor_cases_status_expires_idx" ON "vendor_cases" USING btree ("status","expires_at");--> statement-breakpoint
ALTER TABLE "config_backups" ADD CONSTRAINT "config_backups_photo_kind_valid" CHECK ("config_backups"."photo_kind" IS NULL OR photo_kind IN ('label', 'screen_info', 'screen_code', 'other'));--> statement-breakpoint
ALTER TABLE "config_backups" ADD CONSTRAINT "config_backups_photo_shape" CHECK (("config_backups"."kind" = 'photo') = ("config_backups"."photo_kind" IS NOT NULL AND "config_backups"."thumb_ciphertext" IS NOT NULL AND "config_backups"."thumb_iv" IS NOT NULL AND "config_backups"."thumb_auth_tag" IS NOT NULL AND "config_backups"."width" IS NOT NULL AND "config_backups"."height" IS NOT NULL AND "config_backups"."width" > 0 AND "config_backups"."height" > 0));--> statement-breakpoint
ALTER TABLE "config_backups" ADD CONSTRAINT "config_backups_kind_valid" CHECK (kind IN ('config', 'guid', 'vendor_request', 'vendor_result', 'photo'));--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD CONSTRAINT "vendor_cases_close_reason_valid" CHECK ("vendor_cases"."closed_reason" IS NULL OR closed_reason IN ('answered', 'no_answer', 'expired_unused', 'voided'));--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD CONSTRAINT "vendor_cases_close_reason_when_ended" CHECK ("vendor_cases"."closed_reason" IS NULL OR "vendor_cases"."status" IN ('closed', 'expired'));--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD CONSTRAINT "vendor_cases_expiry_after_answer" CHECK ("vendor_cases"."expires_at" IS NULL OR ("vendor_cases"."result_received_at" IS NOT NULL AND "vendor_cases"."expires_at" > "vendor_cases"."result_received_at"));