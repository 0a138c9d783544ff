CREATE TABLE "billing_counters" (
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "billing_counters_pkey" PRIMARY KEY("series","year"),
	CONSTRAINT "billing_counters_series_valid" CHECK (series IN ('invoice', 'credit_note')),
	CONSTRAINT "billing_counters_seq_positive" CHECK ("billing_counters"."last_seq" >= 1)
);
--> statement-breakpoint
CREATE TABLE "company_files" (
	"key" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size_bytes" integer NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "company_files_key_valid" CHECK (key IN ('logo')),
	CONSTRAINT "company_files_type_valid" CHECK (content_type IN ('image/png', 'image/jpeg')),
	CONSTRAINT "company_files_size" CHECK ("company_files"."size_bytes" BETWEEN 1 AND 524288)
);
--> statement-breakpoint
CREATE TABLE "credit_note_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"device_id" uuid,
	"quantity" integer NOT NULL,
	"unit_cents" integer NOT NULL,
	"net_cents" integer NOT NULL,
	"taxable" boolean NOT NULL,
	"tax_rate" integer NOT NULL,
	"tax_cents" integer NOT NULL,
	"total_cents" integer NOT NULL,
	"credit_note_id" uuid NOT NULL,
	CONSTRAINT "credit_note_lines_kind_valid" CHECK (kind IN ('call_out', 'device', 'surcharge', 'vendor_case_fee', 'extra', 'adjustment')),
	CONSTRAINT "credit_note_lines_quantity_range" CHECK (quantity BETWEEN 1 AND 1000),
	CONSTRAINT "credit_note_lines_unit_range" CHECK (unit_cents BETWEEN 0 AND 100000000),
	CONSTRAINT "credit_note_lines_net" CHECK (net_cents = quantity * unit_cents),
	CONSTRAINT "credit_note_lines_tax" CHECK (tax_cents >= 0 AND tax_rate BETWEEN 0 AND 100000 AND (taxable OR tax_cents = 0)),
	CONSTRAINT "credit_note_lines_total" CHECK (total_cents = net_cents + tax_cents),
	CONSTRAINT "credit_note_lines_description_len" CHECK (char_length(description) BETWEEN 1 AND 300)
);
--> statement-breakpoint
CREATE TABLE "credit_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"number" text NOT NULL,
	"number_year" integer NOT NULL,
	"number_seq" integer NOT NULL,
	"currency" text NOT NULL,
	"subtotal_cents" integer DEFAULT 0 NOT NULL,
	"tax_cents" integer DEFAULT 0 NOT NULL,
	"total_cents" integer DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	CONSTRAINT "credit_notes_positive" CHECK ("credit_notes"."total_cents" > 0),
	CONSTRAINT "credit_notes_reason_len" CHECK (char_length("credit_notes"."reason") BETWEEN 3 AND 500),
	CONSTRAINT "credit_notes_totals" CHECK (subtotal_cents >= 0 AND tax_cents >= 0 AND total_cents = subtotal_cents + tax_cents),
	CONSTRAINT "credit_notes_currency_valid" CHECK (currency IN ('USD', 'CAD', 'EUR', 'GBP', 'AUD', 'MXN'))
);
--> statement-breakpoint
CREATE TABLE "estimate_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"device_id" uuid,
	"quantity" integer NOT NULL,
	"unit_cents" integer NOT NULL,
	"net_cents" integer NOT NULL,
	"taxable" boolean NOT NULL,
	"tax_rate" integer NOT NULL,
	"tax_cents" integer NOT NULL,
	"total_cents" integer NOT NULL,
	"estimate_id" uuid NOT NULL,
	CONSTRAINT "estimate_lines_kind_valid" CHECK (kind IN ('call_out', 'device', 'surcharge', 'vendor_case_fee', 'extra', 'adjustment')),
	CONSTRAINT "estimate_lines_quantity_range" CHECK (quantity BETWEEN 1 AND 1000),
	CONSTRAINT "estimate_lines_unit_range" CHECK (unit_cents BETWEEN 0 AND 100000000),
	CONSTRAINT "estimate_lines_net" CHECK (net_cents = quantity * unit_cents),
	CONSTRAINT "estimate_lines_tax" CHECK (tax_cents >= 0 AND tax_rate BETWEEN 0 AND 100000 AND (taxable OR tax_cents = 0)),
	CONSTRAINT "estimate_lines_total" CHECK (total_cents = net_cents + tax_cents),
	CONSTRAINT "estimate_lines_description_len" CHECK (char_length(description) BETWEEN 1 AND 300)
);
--> statement-breakpoint
CREATE TABLE "estimates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"currency" text NOT NULL,
	"subtotal_cents" integer DEFAULT 0 NOT NULL,
	"tax_cents" integer DEFAULT 0 NOT NULL,
	"total_cents" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"sent_at" timestamp with time zone,
	"valid_until" date,
	"accepted_name" text,
	"accepted_at" timestamp with time zone,
	"accepted_ip" text,
	"accepted_user_agent" text,
	"accepted_by" uuid,
	"accepted_via" text,
	"declined_at" timestamp with time zone,
	"decline_reason" text,
	"superseded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "estimates_status_valid" CHECK (status IN ('draft', 'sent', 'accepted', 'declined')),
	CONSTRAINT "estimates_version_positive" CHECK ("estimates"."version" >= 1),
	CONSTRAINT "estimates_accepted_has_signature" CHECK (("estimates"."status" = 'accepted') = ("estimates"."accepted_at" IS NOT NULL AND "estimates"."accepted_name" IS NOT NULL AND "estimates"."accepted_via" IN ('portal','on_site'))),
	CONSTRAINT "estimates_declined_has_time" CHECK (("estimates"."status" = 'declined') = ("estimates"."declined_at" IS NOT NULL)),
	CONSTRAINT "estimates_sent_has_time" CHECK ("estimates"."status" = 'draft' OR "estimates"."sent_at" IS NOT NULL),
	CONSTRAINT "estimates_totals" CHECK (subtotal_cents >= 0 AND tax_cents >= 0 AND total_cents = subtotal_cents + tax_cents),
	CONSTRAINT "estimates_currency_valid" CHECK (currency IN ('USD', 'CAD', 'EUR', 'GBP', 'AUD', 'MXN'))
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"device_id" uuid,
	"quantity" integer NOT NULL,
	"unit_cents" integer NOT NULL,
	"net_cents" integer NOT NULL,
	"taxable" boolean NOT NULL,
	"tax_rate" integer NOT NULL,
	"tax_cents" integer NOT NULL,
	"total_cents" integer NOT NULL,
	"invoice_id" uuid NOT NULL,
	CONSTRAINT "invoice_lines_kind_valid" CHECK (kind IN ('call_out', 'device', 'surcharge', 'vendor_case_fee', 'extra', 'adjustment')),
	CONSTRAINT "invoice_lines_quantity_range" CHECK (quantity BETWEEN 1 AND 1000),
	CONSTRAINT "invoice_lines_unit_range" CHECK (unit_cents BETWEEN 0 AND 100000000),
	CONSTRAINT "invoice_lines_net" CHECK (net_cents = quantity * unit_cents),
	CONSTRAINT "invoice_lines_tax" CHECK (tax_cents >= 0 AND tax_rate BETWEEN 0 AND 100000 AND (taxable OR tax_cents = 0)),
	CONSTRAINT "invoice_lines_total" CHECK (total_cents = net_cents + tax_cents),
	CONSTRAINT "invoice_lines_description_len" CHECK (char_length(description) BETWEEN 1 AND 300)
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"number" text,
	"number_year" integer,
	"number_seq" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"currency" text NOT NULL,
	"subtotal_cents" integer DEFAULT 0 NOT NULL,
	"tax_cents" integer DEFAULT 0 NOT NULL,
	"total_cents" integer DEFAULT 0 NOT NULL,
	"credited_cents" integer DEFAULT 0 NOT NULL,
	"paid_cents" integer DEFAULT 0 NOT NULL,
	"terms_days" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"issued_at" timestamp with time zone,
	"due_on" date,
	"issued_by" uuid,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"overdue_reminded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_status_valid" CHECK (status IN ('draft', 'issued', 'partially_paid', 'paid', 'void')),
	CONSTRAINT "invoices_paid_within_total" CHECK ("invoices"."paid_cents" >= 0 AND "invoices"."credited_cents" >= 0 AND "invoices"."paid_cents" + "invoices"."credited_cents" <= "invoices"."total_cents"),
	CONSTRAINT "invoices_number_when_issued" CHECK (("invoices"."number" IS NULL) = ("invoices"."issued_at" IS NULL) AND ("invoices"."number" IS NULL) = ("invoices"."due_on" IS NULL)
        AND ("invoices"."number" IS NULL) = ("invoices"."number_seq" IS NULL) AND ("invoices"."number_year" IS NULL) = ("invoices"."number_seq" IS NULL)
        AND ("invoices"."status" = 'draft' OR "invoices"."status" = 'void' OR "invoices"."number" IS NOT NULL) AND ("invoices"."status" <> 'draft' OR "invoices"."number" IS NULL)),
	CONSTRAINT "invoices_status_matches_amounts" CHECK ("invoices"."status" IN ('draft','void')
        OR ("invoices"."status" = 'paid' AND "invoices"."paid_cents" + "invoices"."credited_cents" = "invoices"."total_cents")
        OR ("invoices"."status" = 'partially_paid' AND "invoices"."paid_cents" > 0 AND "invoices"."paid_cents" + "invoices"."credited_cents" < "invoices"."total_cents")
        OR ("invoices"."status" = 'issued' AND "invoices"."paid_cents" = 0 AND "invoices"."credited_cents" < "invoices"."total_cents")),
	CONSTRAINT "invoices_void_has_reason" CHECK (("invoices"."status" = 'void') = ("invoices"."voided_at" IS NOT NULL) AND ("invoices"."status" <> 'void' OR "invoices"."paid_cents" = 0)),
	CONSTRAINT "invoices_terms_range" CHECK ("invoices"."terms_days" BETWEEN 0 AND 365),
	CONSTRAINT "invoices_totals" CHECK (subtotal_cents >= 0 AND tax_cents >= 0 AND total_cents = subtotal_cents + tax_cents),
	CONSTRAINT "invoices_currency_valid" CHECK (currency IN ('USD', 'CAD', 'EUR', 'GBP', 'AUD', 'MXN'))
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invoice_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"method" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"received_on" date NOT NULL,
	"reference" text,
	"client_ref" uuid,
	"provider" text,
	"provider_ref" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_method_valid" CHECK (method IN ('cash', 'check', 'card', 'bank_transfer', 'online')),
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount_cents" > 0),
	CONSTRAINT "payments_provider_pair" CHECK (("payments"."provider" IS NULL) = ("payments"."provider_ref" IS NULL) AND ("payments"."method" = 'online') = ("payments"."provider" IS NOT NULL)),
	CONSTRAINT "payments_reference_len" CHECK ("payments"."reference" IS NULL OR char_length("payments"."reference") <= 100)
);
--> statement-breakpoint
CREATE TABLE "price_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"brand" text,
	"device_class" text,
	"surcharge" text,
	"name" text NOT NULL,
	"unit_cents" integer NOT NULL,
	"taxable" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_items_kind_valid" CHECK (kind IN ('call_out', 'device', 'surcharge', 'vendor_case_fee', 'extra')),
	CONSTRAINT "price_items_unit_range" CHECK ("price_items"."unit_cents" BETWEEN 0 AND 100000000),
	CONSTRAINT "price_items_name_len" CHECK (char_length("price_items"."name") BETWEEN 1 AND 200),
	CONSTRAINT "price_items_device_fields" CHECK (("price_items"."kind" = 'device') = ("price_items"."brand" IS NOT NULL AND "price_items"."device_class" IS NOT NULL) AND ("price_items"."brand" IS NULL OR "price_items"."brand" IN ('dahua','lorex','hikvision'))
        AND ("price_items"."device_class" IS NULL OR device_class IN ('recorder', 'camera'))),
	CONSTRAINT "price_items_surcharge_fields" CHECK (("price_items"."kind" = 'surcharge') = ("price_items"."surcharge" IS NOT NULL) AND ("price_items"."surcharge" IS NULL OR surcharge IN ('after_hours', 'weekend', 'same_day')))
);
--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_scopes_valid";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_event_valid";--> statement-breakpoint
ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "webhook_endpoints_events_valid";--> statement-breakpoint
ALTER TABLE "company_files" ADD CONSTRAINT "company_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_credit_note_id_credit_notes_id_fk" FOREIGN KEY ("credit_note_id") REFERENCES "public"."credit_notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimate_lines" ADD CONSTRAINT "estimate_lines_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimate_lines" ADD CONSTRAINT "estimate_lines_estimate_id_estimates_id_fk" FOREIGN KEY ("estimate_id") REFERENCES "public"."estimates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_note_lines_position_key" ON "credit_note_lines" USING btree ("credit_note_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_number_key" ON "credit_notes" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_year_seq_key" ON "credit_notes" USING btree ("number_year","number_seq");--> statement-breakpoint
CREATE INDEX "credit_notes_invoice_idx" ON "credit_notes" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "estimate_lines_position_key" ON "estimate_lines" USING btree ("estimate_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "estimates_visit_version_key" ON "estimates" USING btree ("visit_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "estimates_one_current_per_visit" ON "estimates" USING btree ("visit_id") WHERE "estimates"."superseded_at" IS NULL;--> statement-breakpoint
CREATE INDEX "estimates_customer_idx" ON "estimates" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_position_key" ON "invoice_lines" USING btree ("invoice_id","position");--> statement-breakpoint
CREATE INDEX "invoice_lines_device_idx" ON "invoice_lines" USING btree ("device_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_key" ON "invoices" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_year_seq_key" ON "invoices" USING btree ("number_year","number_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_one_per_visit" ON "invoices" USING btree ("visit_id") WHERE "invoices"."status" <> 'void';--> statement-breakpoint
CREATE INDEX "invoices_customer_idx" ON "invoices" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "invoices_status_due_idx" ON "invoices" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "payments_invoice_idx" ON "payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "payments_customer_idx" ON "payments" USING btree ("customer_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_client_ref_key" ON "payments" USING btree ("client_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_ref_key" ON "payments" USING btree ("provider","provider_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "price_items_slot_key" ON "price_items" USING btree ("kind",coalesce("brand", ''),coalesce("device_class", ''),coalesce("surcharge", '')) WHERE "price_items"."kind" <> 'extra' AND "price_items"."active";--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_scopes_valid" CHECK ("api_tokens"."scopes" <@ ARRAY['customers:read','devices:read','visits:read','visits:write','bookings:write','attempts:read','attempts:write','backups:read','vendor-cases:read','reports:read','estimates:read','invoices:read','payments:read']::text[] AND cardinality("api_tokens"."scopes") >= 1);--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_valid" CHECK (event IN ('visit.booked', 'visit.rescheduled', 'visit.cancelled', 'visit.completed', 'vendor_case.overdue', 'backup.uploaded', 'invoice.issued', 'invoice.paid'));--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_events_valid" CHECK ("webhook_endpoints"."events" <@ ARRAY['visit.booked','visit.rescheduled','visit.cancelled','visit.completed','vendor_case.overdue','backup.uploaded','invoice.issued','invoice.paid']::text[] AND cardinality("webhook_endpoints"."events") >= 1);