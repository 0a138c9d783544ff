-- No two active visits of one technician may overlap, travel buffer included.
-- busy_until = ends_at + the travel buffer, set by the booking code and checked
-- by visits_time_order. Drizzle cannot express an exclusion constraint.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_no_overlap"
  EXCLUDE USING gist (
    "technician_id" WITH =,
    tstzrange("starts_at", "busy_until", '[)') WITH &&
  ) WHERE ("status" IN ('scheduled', 'en_route', 'on_site', 'waiting_vendor') AND "technician_id" IS NOT NULL);
