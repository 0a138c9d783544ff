-- The office's search box (lib/search): a visit by reference, a customer by
-- name, email or phone, a device by serial, MAC or Lorex Device ID. Each index
-- is on the exact expression lib/search/query.ts matches against, so a search
-- stays an index scan as the tables grow. Trigram GIN indexes (pg_trgm, a
-- trusted extension on PostgreSQL 13+; bundled with PGlite) serve "contains"
-- matches; references are matched by prefix (btree, text_pattern_ops).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_search_trgm" ON "customers" USING gin (
  (lower("name") || ' ' || lower(coalesce("email", '')) || ' ' || regexp_replace(coalesce("phone", ''), '[^0-9]', '', 'g')) gin_trgm_ops
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "devices_search_trgm" ON "devices" USING gin (
  (regexp_replace(upper(coalesce("serial", '') || ' ' || coalesce("mac", '') || ' ' || coalesce("lorex_device_id", '')), '[^0-9A-Z ]', '', 'g')) gin_trgm_ops
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "visits_reference_search" ON "visits" (
  (regexp_replace(upper("reference"), '[^0-9A-Z]', '', 'g')) text_pattern_ops
);
