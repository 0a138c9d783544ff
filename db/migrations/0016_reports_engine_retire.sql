-- Retire the day-bucket rollup engine of 0004 (its triggers and functions); its tables were
-- dropped by *_reports_cumulative_rollups. The cumulative engine replaces it (*_reports_engine.sql).
DROP TRIGGER IF EXISTS reports_attempts ON attempts;
--> statement-breakpoint
DROP TRIGGER IF EXISTS reports_devices ON devices;
--> statement-breakpoint
DROP TRIGGER IF EXISTS reports_visits ON visits;
--> statement-breakpoint
DROP TRIGGER IF EXISTS reports_visit_devices ON visit_devices;
--> statement-breakpoint
DROP TRIGGER IF EXISTS reports_vendor_cases ON vendor_cases;
--> statement-breakpoint
DROP TRIGGER IF EXISTS reports_settings ON settings;
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_attempts_trigger();
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_devices_trigger();
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_visits_trigger();
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_visit_devices_trigger();
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_vendor_cases_trigger();
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_settings_trigger();
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_rebuild();
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_apply_attempt(attempts, text, text, int);
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_bump_attempts(date, uuid, text, text, text, int, int, int, int);
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_bump_duration(date, uuid, text, text, text, smallint, int);
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_bump_visit(report_visit_facts, int);
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_refresh_visit(uuid);
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_bump_vendor(text, smallint, int);
