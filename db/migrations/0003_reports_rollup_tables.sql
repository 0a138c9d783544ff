CREATE TABLE "report_attempt_daily" (
	"day" date NOT NULL,
	"technician_id" uuid NOT NULL,
	"brand" text NOT NULL,
	"kind" text NOT NULL,
	"method_id" text NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"waiting" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_attempt_daily_day_technician_id_brand_kind_method_id_pk" PRIMARY KEY("day","technician_id","brand","kind","method_id")
);
--> statement-breakpoint
CREATE TABLE "report_attempt_summary" (
	"technician_id" uuid NOT NULL,
	"brand" text NOT NULL,
	"kind" text NOT NULL,
	"method_id" text NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"waiting" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_attempt_summary_technician_id_brand_kind_method_id_pk" PRIMARY KEY("technician_id","brand","kind","method_id")
);
--> statement-breakpoint
CREATE TABLE "report_duration_daily" (
	"day" date NOT NULL,
	"technician_id" uuid NOT NULL,
	"brand" text NOT NULL,
	"kind" text NOT NULL,
	"method_id" text NOT NULL,
	"bucket" smallint NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_duration_daily_day_technician_id_brand_kind_method_id_bucket_pk" PRIMARY KEY("day","technician_id","brand","kind","method_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "report_duration_summary" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"bucket" smallint NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_duration_summary_scope_key_bucket_pk" PRIMARY KEY("scope","key","bucket")
);
--> statement-breakpoint
CREATE TABLE "report_vendor_summary" (
	"vendor" text NOT NULL,
	"bucket" smallint NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_vendor_summary_vendor_bucket_pk" PRIMARY KEY("vendor","bucket")
);
--> statement-breakpoint
CREATE TABLE "report_visit_facts" (
	"visit_id" uuid PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"technician_id" uuid NOT NULL,
	"fixed" boolean NOT NULL,
	"brands" text[] NOT NULL,
	"kinds" text[] NOT NULL,
	"pairs" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_visit_summary" (
	"technician_id" uuid NOT NULL,
	"brand" text NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"fixed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_visit_summary_technician_id_brand_pk" PRIMARY KEY("technician_id","brand")
);
--> statement-breakpoint
CREATE TABLE "report_week_summary" (
	"week" date PRIMARY KEY NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"waiting" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_visit_facts_day_idx" ON "report_visit_facts" USING btree ("day");--> statement-breakpoint
CREATE INDEX "devices_brand_kind_model_idx" ON "devices" USING btree ("brand","kind",lower("model"));--> statement-breakpoint
CREATE INDEX "vendor_cases_sent_idx" ON "vendor_cases" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "visits_follow_up_of_idx" ON "visits" USING btree ("follow_up_of");