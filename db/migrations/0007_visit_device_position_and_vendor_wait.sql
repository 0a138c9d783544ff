ALTER TABLE "visit_devices" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recovery_methods" ADD COLUMN "vendor_wait_minutes" integer;--> statement-breakpoint
ALTER TABLE "visit_devices" ADD CONSTRAINT "visit_devices_position_valid" CHECK ("visit_devices"."position" >= 0);--> statement-breakpoint
ALTER TABLE "recovery_methods" ADD CONSTRAINT "recovery_methods_wait_valid" CHECK ("recovery_methods"."vendor_wait_minutes" IS NULL OR "recovery_methods"."vendor_wait_minutes" > 0);