CREATE TABLE "field_writes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"visit_id" uuid,
	"kind" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"made_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_writes_kind_format" CHECK ("field_writes"."kind" ~ '^[a-z_]+\.[a-z_]+$'),
	CONSTRAINT "field_writes_status_range" CHECK ("field_writes"."status" BETWEEN 200 AND 499),
	CONSTRAINT "field_writes_hash_hex" CHECK ("field_writes"."request_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "config_backups" ADD COLUMN "client_id" uuid;--> statement-breakpoint
ALTER TABLE "field_writes" ADD CONSTRAINT "field_writes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_writes" ADD CONSTRAINT "field_writes_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "field_writes_visit_idx" ON "field_writes" USING btree ("visit_id","received_at");--> statement-breakpoint
CREATE INDEX "field_writes_user_idx" ON "field_writes" USING btree ("user_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "config_backups_client_id_key" ON "config_backups" USING btree ("client_id");