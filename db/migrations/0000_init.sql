CREATE TABLE "attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"method_id" text NOT NULL,
	"seq" integer NOT NULL,
	"technician_id" uuid NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"duration_seconds" integer,
	"outcome" text NOT NULL,
	"description" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attempts_outcome_valid" CHECK (outcome IN ('succeeded', 'failed', 'waiting_vendor', 'abandoned')),
	CONSTRAINT "attempts_duration_range" CHECK ("attempts"."duration_seconds" IS NULL OR "attempts"."duration_seconds" BETWEEN 0 AND 86400),
	CONSTRAINT "attempts_time_order" CHECK ("attempts"."started_at" IS NULL OR "attempts"."ended_at" IS NULL OR "attempts"."started_at" <= "attempts"."ended_at"),
	CONSTRAINT "attempts_seq_positive" CHECK ("attempts"."seq" >= 1)
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authorizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"relationship" text NOT NULL,
	"statement" text NOT NULL,
	"signature_png" "bytea",
	"typed_acknowledgement" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "authorizations_relationship_valid" CHECK (relationship IN ('owner', 'manager', 'installer', 'other')),
	CONSTRAINT "authorizations_has_signature" CHECK ("authorizations"."signature_png" IS NOT NULL OR "authorizations"."typed_acknowledgement" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "checklists" (
	"visit_id" uuid PRIMARY KEY NOT NULL,
	"pattern_lock_set" text NOT NULL,
	"config_exported" text NOT NULL,
	"recovery_email_updated" text NOT NULL,
	"notes" text,
	"answered_by" uuid NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklists_pattern_valid" CHECK (pattern_lock_set IN ('yes', 'no', 'na')),
	CONSTRAINT "checklists_config_valid" CHECK (config_exported IN ('yes', 'no', 'na')),
	CONSTRAINT "checklists_email_valid" CHECK (recovery_email_updated IN ('yes', 'no', 'na'))
);
--> statement-breakpoint
CREATE TABLE "config_backups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"visit_id" uuid,
	"version" integer NOT NULL,
	"kind" text DEFAULT 'config' NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"ciphertext" "bytea" NOT NULL,
	"iv" "bytea" NOT NULL,
	"auth_tag" "bytea" NOT NULL,
	"key_id" text NOT NULL,
	"firmware_at_export" text,
	"note" text,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "config_backups_kind_valid" CHECK (kind IN ('config', 'guid', 'vendor_request', 'vendor_result')),
	CONSTRAINT "config_backups_size_positive" CHECK ("config_backups"."size_bytes" > 0),
	CONSTRAINT "config_backups_sha256_hex" CHECK ("config_backups"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_name_len" CHECK (char_length("customers"."name") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"site_id" uuid,
	"brand" text NOT NULL,
	"kind" text NOT NULL,
	"model" text,
	"serial" text,
	"firmware" text,
	"mac" text,
	"channels" integer,
	"lorex_device_id" text,
	"recovery_options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"warranty_seal" text DEFAULT 'unknown' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "devices_brand_valid" CHECK (brand IN ('dahua', 'lorex', 'hikvision')),
	CONSTRAINT "devices_kind_valid" CHECK (kind IN ('dvr', 'nvr', 'camera')),
	CONSTRAINT "devices_warranty_valid" CHECK (warranty_seal IN ('intact', 'broken', 'none', 'unknown')),
	CONSTRAINT "devices_channels_range" CHECK ("devices"."channels" IS NULL OR "devices"."channels" BETWEEN 1 AND 256)
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"visit_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"claimed_by" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_outbox_status_valid" CHECK (status IN ('pending', 'sending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "password_reset_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text DEFAULT 'reset' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "password_reset_purpose_valid" CHECK (purpose IN ('reset', 'invite'))
);
--> statement-breakpoint
CREATE TABLE "recovery_methods" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"brands" text[] NOT NULL,
	"kinds" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"requirements" text NOT NULL,
	"requires_options" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"wipes_config" text NOT NULL,
	"vendor_pending" boolean DEFAULT false NOT NULL,
	"typical_time" text NOT NULL,
	"typical_minutes" integer,
	"steps" jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort_order" integer NOT NULL,
	"claimed_success_rate" numeric(4, 3),
	"claim_source" text,
	"requires_description" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "recovery_methods_wipes_valid" CHECK (wipes_config IN ('yes', 'no', 'unclear')),
	CONSTRAINT "recovery_methods_claim_range" CHECK ("recovery_methods"."claimed_success_rate" IS NULL OR "recovery_methods"."claimed_success_rate" BETWEEN 0 AND 1)
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"label" text,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"city" text NOT NULL,
	"region" text NOT NULL,
	"postal_code" text NOT NULL,
	"access_notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technician_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"technician_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	CONSTRAINT "technician_hours_weekday" CHECK ("technician_hours"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "technician_hours_range" CHECK ("technician_hours"."start_minute" >= 0 AND "technician_hours"."end_minute" <= 1440 AND "technician_hours"."start_minute" < "technician_hours"."end_minute")
);
--> statement-breakpoint
CREATE TABLE "technician_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"brands" text[] DEFAULT ARRAY['dahua','lorex','hikvision']::text[] NOT NULL,
	"color" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "technician_brands_valid" CHECK ("technician_profiles"."brands" <@ ARRAY['dahua','lorex','hikvision']::text[])
);
--> statement-breakpoint
CREATE TABLE "technician_time_off" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"technician_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_off_range" CHECK ("technician_time_off"."starts_at" < "technician_time_off"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"role" text NOT NULL,
	"password_hash" text,
	"customer_id" uuid,
	"disabled_at" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_valid" CHECK (role IN ('customer', 'technician', 'admin')),
	CONSTRAINT "users_email_len" CHECK (char_length("users"."email") BETWEEN 3 AND 254),
	CONSTRAINT "users_customer_link" CHECK (("users"."role" = 'customer') = ("users"."customer_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "vendor_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"attempt_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"vendor" text NOT NULL,
	"what_was_sent" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"request_backup_id" uuid,
	"result_backup_id" uuid,
	"result_received_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"notes" text,
	"overdue_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_cases_vendor_valid" CHECK (vendor IN ('dahua', 'hikvision', 'lorex')),
	CONSTRAINT "vendor_cases_status_valid" CHECK (status IN ('open', 'result_received', 'closed', 'expired')),
	CONSTRAINT "vendor_cases_due_after_sent" CHECK ("vendor_cases"."due_at" > "vendor_cases"."sent_at")
);
--> statement-breakpoint
CREATE TABLE "visit_devices" (
	"visit_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"problem" text,
	"not_attempted_reason" text,
	CONSTRAINT "visit_devices_visit_id_device_id_pk" PRIMARY KEY("visit_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"technician_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"busy_until" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"idempotency_key" text,
	"booking_notes" text,
	"follow_up_of" uuid,
	"created_by" uuid,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"completed_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_status_valid" CHECK (status IN ('requested', 'scheduled', 'en_route', 'on_site', 'waiting_vendor', 'completed', 'cancelled', 'no_show')),
	CONSTRAINT "visits_time_order" CHECK ("visits"."starts_at" < "visits"."ends_at" AND "visits"."ends_at" <= "visits"."busy_until"),
	CONSTRAINT "visits_scheduled_has_technician" CHECK ("visits"."status" IN ('requested','cancelled','no_show','completed') OR "visits"."technician_id" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_method_id_recovery_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."recovery_methods"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_visit_device_fk" FOREIGN KEY ("visit_id","device_id") REFERENCES "public"."visit_devices"("visit_id","device_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklists" ADD CONSTRAINT "checklists_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklists" ADD CONSTRAINT "checklists_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_backups" ADD CONSTRAINT "config_backups_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_backups" ADD CONSTRAINT "config_backups_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_backups" ADD CONSTRAINT "config_backups_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_backups" ADD CONSTRAINT "config_backups_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_hours" ADD CONSTRAINT "technician_hours_technician_id_technician_profiles_user_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technician_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_profiles" ADD CONSTRAINT "technician_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_time_off" ADD CONSTRAINT "technician_time_off_technician_id_technician_profiles_user_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technician_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD CONSTRAINT "vendor_cases_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD CONSTRAINT "vendor_cases_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD CONSTRAINT "vendor_cases_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD CONSTRAINT "vendor_cases_request_backup_id_config_backups_id_fk" FOREIGN KEY ("request_backup_id") REFERENCES "public"."config_backups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_cases" ADD CONSTRAINT "vendor_cases_result_backup_id_config_backups_id_fk" FOREIGN KEY ("result_backup_id") REFERENCES "public"."config_backups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_devices" ADD CONSTRAINT "visit_devices_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_devices" ADD CONSTRAINT "visit_devices_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_follow_up_of_fk" FOREIGN KEY ("follow_up_of") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attempts_visit_device_seq_key" ON "attempts" USING btree ("visit_id","device_id","seq");--> statement-breakpoint
CREATE INDEX "attempts_method_idx" ON "attempts" USING btree ("method_id");--> statement-breakpoint
CREATE INDEX "attempts_device_idx" ON "attempts" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "attempts_created_idx" ON "attempts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "authorizations_visit_key" ON "authorizations" USING btree ("visit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "config_backups_device_version_key" ON "config_backups" USING btree ("device_id","version");--> statement-breakpoint
CREATE INDEX "config_backups_visit_idx" ON "config_backups" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "customers_email_idx" ON "customers" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "devices_customer_idx" ON "devices" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "devices_site_idx" ON "devices" USING btree ("site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_brand_serial_key" ON "devices" USING btree ("brand",upper("serial")) WHERE "devices"."serial" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "login_failures_email_at_idx" ON "login_failures" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_failures_ip_at_idx" ON "login_failures" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "mail_outbox_visit_idx" ON "mail_outbox" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "password_reset_tokens_user_idx" ON "password_reset_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sites_customer_idx" ON "sites" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "technician_hours_tech_idx" ON "technician_hours" USING btree ("technician_id","weekday");--> statement-breakpoint
CREATE INDEX "technician_time_off_tech_idx" ON "technician_time_off" USING btree ("technician_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_customer_idx" ON "users" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendor_cases_attempt_key" ON "vendor_cases" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "vendor_cases_status_due_idx" ON "vendor_cases" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "vendor_cases_visit_idx" ON "vendor_cases" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_devices_device_idx" ON "visit_devices" USING btree ("device_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_idempotency_key" ON "visits" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_reference_key" ON "visits" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "visits_technician_start_idx" ON "visits" USING btree ("technician_id","starts_at");--> statement-breakpoint
CREATE INDEX "visits_customer_idx" ON "visits" USING btree ("customer_id","starts_at");--> statement-breakpoint
CREATE INDEX "visits_start_idx" ON "visits" USING btree ("starts_at");