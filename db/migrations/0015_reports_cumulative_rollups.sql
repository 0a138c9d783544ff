CREATE TABLE "report_attempts" (
	"attempt_id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"tech" uuid NOT NULL,
	"method" text NOT NULL,
	"profile" integer NOT NULL,
	"first" boolean NOT NULL,
	"outcome" smallint NOT NULL,
	"bucket" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_cum" (
	"key" integer NOT NULL,
	"day" date NOT NULL,
	"c1" integer DEFAULT 0 NOT NULL,
	"c2" integer DEFAULT 0 NOT NULL,
	"c3" integer DEFAULT 0 NOT NULL,
	"c4" integer DEFAULT 0 NOT NULL,
	"c5" integer DEFAULT 0 NOT NULL,
	"c6" integer DEFAULT 0 NOT NULL,
	"c7" integer DEFAULT 0 NOT NULL,
	"c8" integer DEFAULT 0 NOT NULL,
	"h1" integer[],
	"h2" integer[],
	CONSTRAINT "report_cum_key_day_pk" PRIMARY KEY("key","day")
);
--> statement-breakpoint
CREATE TABLE "report_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"fam" text NOT NULL,
	"sign" smallint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"tech" uuid NOT NULL,
	"method" text,
	"profile" integer,
	"first" boolean,
	"outcome" smallint,
	"bucket" smallint,
	"vendor" text,
	"fixed" boolean,
	"sig" integer
);
--> statement-breakpoint
CREATE TABLE "report_device_first" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"attempt_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_device_profiles" (
	"device_id" uuid PRIMARY KEY NOT NULL,
	"profile" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_devkeys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_devkeys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"brand" text NOT NULL,
	"kind" text NOT NULL,
	"attr" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_firmwares" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_firmwares_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"brand" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"fam" text NOT NULL,
	"devkey" integer NOT NULL,
	"method" text DEFAULT '' NOT NULL,
	"tech" uuid NOT NULL,
	"vendor" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_models" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_models_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"brand" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_profile_devkeys" (
	"profile" integer NOT NULL,
	"devkey" integer NOT NULL,
	CONSTRAINT "report_profile_devkeys_profile_devkey_pk" PRIMARY KEY("profile","devkey")
);
--> statement-breakpoint
CREATE TABLE "report_profiles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_profiles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"brand" text NOT NULL,
	"kind" text NOT NULL,
	"model_id" integer NOT NULL,
	"firmware_id" integer NOT NULL,
	"options" integer NOT NULL,
	"seal" text NOT NULL,
	"devkey" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_sig_devkeys" (
	"sig" integer NOT NULL,
	"devkey" integer NOT NULL,
	CONSTRAINT "report_sig_devkeys_sig_devkey_pk" PRIMARY KEY("sig","devkey")
);
--> statement-breakpoint
CREATE TABLE "report_sigs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_sigs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"profiles" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"from_tz" text NOT NULL,
	"to_tz" text NOT NULL,
	"cursor" timestamp with time zone,
	"lo" timestamp with time zone,
	"hi" timestamp with time zone,
	"pending_tz" text,
	"started_at" timestamp with time zone,
	"updated_at" timestamp with time zone,
	"step_by" text
);
--> statement-breakpoint
CREATE TABLE "report_vendor_cases" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"tech" uuid NOT NULL,
	"profile" integer NOT NULL,
	"vendor" text NOT NULL,
	"bucket" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_visits" (
	"visit_id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"tech" uuid NOT NULL,
	"fixed" boolean NOT NULL,
	"sig" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_weeks" (
	"key" integer NOT NULL,
	"week" date NOT NULL,
	"c1" integer DEFAULT 0 NOT NULL,
	"c2" integer DEFAULT 0 NOT NULL,
	"c3" integer DEFAULT 0 NOT NULL,
	"c4" integer DEFAULT 0 NOT NULL,
	"c5" integer DEFAULT 0 NOT NULL,
	"c6" integer DEFAULT 0 NOT NULL,
	"c7" integer DEFAULT 0 NOT NULL,
	"c8" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_weeks_key_week_pk" PRIMARY KEY("key","week")
);
--> statement-breakpoint
DROP TABLE "report_attempt_daily" CASCADE;--> statement-breakpoint
DROP TABLE "report_attempt_summary" CASCADE;--> statement-breakpoint
DROP TABLE "report_duration_daily" CASCADE;--> statement-breakpoint
DROP TABLE "report_duration_summary" CASCADE;--> statement-breakpoint
DROP TABLE "report_vendor_summary" CASCADE;--> statement-breakpoint
DROP TABLE "report_visit_facts" CASCADE;--> statement-breakpoint
DROP TABLE "report_visit_summary" CASCADE;--> statement-breakpoint
DROP TABLE "report_week_summary" CASCADE;--> statement-breakpoint
CREATE INDEX "report_attempts_at_idx" ON "report_attempts" USING btree ("at");--> statement-breakpoint
CREATE INDEX "report_attempts_tech_idx" ON "report_attempts" USING btree ("tech","at");--> statement-breakpoint
CREATE INDEX "report_attempts_method_idx" ON "report_attempts" USING btree ("method","at");--> statement-breakpoint
CREATE INDEX "report_attempts_profile_idx" ON "report_attempts" USING btree ("profile","at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_devkeys_key" ON "report_devkeys" USING btree ("brand","kind","attr");--> statement-breakpoint
CREATE UNIQUE INDEX "report_firmwares_brand_key" ON "report_firmwares" USING btree ("brand","key");--> statement-breakpoint
CREATE UNIQUE INDEX "report_keys_key" ON "report_keys" USING btree ("fam","devkey","method","tech","vendor");--> statement-breakpoint
CREATE UNIQUE INDEX "report_models_brand_key" ON "report_models" USING btree ("brand","key");--> statement-breakpoint
CREATE UNIQUE INDEX "report_profiles_key" ON "report_profiles" USING btree ("brand","kind","model_id","firmware_id","options","seal");--> statement-breakpoint
CREATE UNIQUE INDEX "report_sigs_profiles" ON "report_sigs" USING btree ("profiles");--> statement-breakpoint
CREATE INDEX "report_vendor_cases_at_idx" ON "report_vendor_cases" USING btree ("at");--> statement-breakpoint
CREATE INDEX "report_visits_at_idx" ON "report_visits" USING btree ("at");