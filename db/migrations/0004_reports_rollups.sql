-- Report rollups, kept current by triggers in the same transaction as every
-- write to the facts they summarise. Plain PL/pgSQL (PostgreSQL 15 and PGlite).
-- Definitions (lib/reports/README.md has the long version):
--   * an attempt's day = its started_at (or created_at) in the company time zone;
--   * outcomes are counted by an attempt's CURRENT outcome: correcting an attempt
--     (e.g. waiting_vendor -> succeeded when the vendor's answer worked) moves it;
--   * durations of succeeded attempts go into fixed buckets (reports_duration_bucket);
--   * a completed visit is a first-visit fix when it has devices, every device's
--     last attempt on it succeeded, no attempt is waiting on a vendor, it has no
--     vendor case and no (non-cancelled) follow-up visit points at it.
-- Bulk loads may `SET LOCAL fieldkey.reports_bulk = 'on'` and call reports_rebuild().

CREATE OR REPLACE FUNCTION reports_tz() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT value #>> '{}' FROM settings WHERE key = 'timeZone'), 'America/New_York')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_triggers_on() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('fieldkey.reports_bulk', true), '') <> 'on'
$$;
--> statement-breakpoint
-- Bucket k holds durations in [edge[k], edge[k+1]) minutes; edges in lib/reports/buckets.ts.
CREATE OR REPLACE FUNCTION reports_duration_bucket(seconds integer) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
  SELECT count(*)::smallint
  FROM unnest(ARRAY[1,2,3,4,5,6,7,8,9,10,12,14,16,18,20,25,30,35,40,45,50,60,75,90,105,120,150,180,240,300,360,480,720]) AS e(minutes)
  WHERE seconds >= e.minutes * 60
$$;
--> statement-breakpoint
-- Vendor turnaround (sent -> result) in hour buckets; -1 = no result yet.
CREATE OR REPLACE FUNCTION reports_turnaround_bucket(sent timestamptz, received timestamptz) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN received IS NULL THEN -1::smallint ELSE (
    SELECT count(*)::smallint
    FROM unnest(ARRAY[6,12,18,24,30,36,42,48,60,72,96,120,168,336]) AS e(hours)
    WHERE extract(epoch FROM received - sent) >= e.hours * 3600
  ) END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_week_of(d date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT d - (extract(isodow FROM d)::int - 1)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_bump_attempts(p_day date, p_tech uuid, p_brand text, p_kind text, p_method text, s int, f int, ab int, w int)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_attempt_daily AS r (day, technician_id, brand, kind, method_id, succeeded, failed, abandoned, waiting)
  VALUES (p_day, p_tech, p_brand, p_kind, p_method, s, f, ab, w)
  ON CONFLICT (day, technician_id, brand, kind, method_id) DO UPDATE
    SET succeeded = r.succeeded + excluded.succeeded, failed = r.failed + excluded.failed,
        abandoned = r.abandoned + excluded.abandoned, waiting = r.waiting + excluded.waiting;
  INSERT INTO report_attempt_summary AS r (technician_id, brand, kind, method_id, succeeded, failed, abandoned, waiting)
  VALUES (p_tech, p_brand, p_kind, p_method, s, f, ab, w)
  ON CONFLICT (technician_id, brand, kind, method_id) DO UPDATE
    SET succeeded = r.succeeded + excluded.succeeded, failed = r.failed + excluded.failed,
        abandoned = r.abandoned + excluded.abandoned, waiting = r.waiting + excluded.waiting;
  INSERT INTO report_week_summary AS r (week, succeeded, failed, abandoned, waiting)
  VALUES (reports_week_of(p_day), s, f, ab, w)
  ON CONFLICT (week) DO UPDATE
    SET succeeded = r.succeeded + excluded.succeeded, failed = r.failed + excluded.failed,
        abandoned = r.abandoned + excluded.abandoned, waiting = r.waiting + excluded.waiting;
  IF s + f + ab + w < 0 THEN
    DELETE FROM report_attempt_daily WHERE day = p_day AND technician_id = p_tech AND brand = p_brand AND kind = p_kind AND method_id = p_method
      AND succeeded = 0 AND failed = 0 AND abandoned = 0 AND waiting = 0;
    DELETE FROM report_attempt_summary WHERE technician_id = p_tech AND brand = p_brand AND kind = p_kind AND method_id = p_method
      AND succeeded = 0 AND failed = 0 AND abandoned = 0 AND waiting = 0;
    DELETE FROM report_week_summary WHERE week = reports_week_of(p_day)
      AND succeeded = 0 AND failed = 0 AND abandoned = 0 AND waiting = 0;
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_bump_duration(p_day date, p_tech uuid, p_brand text, p_kind text, p_method text, p_bucket smallint, delta int)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_duration_daily AS r (day, technician_id, brand, kind, method_id, bucket, n)
  VALUES (p_day, p_tech, p_brand, p_kind, p_method, p_bucket, delta)
  ON CONFLICT (day, technician_id, brand, kind, method_id, bucket) DO UPDATE SET n = r.n + excluded.n;
  INSERT INTO report_duration_summary AS r (scope, key, bucket, n) VALUES ('method', p_method, p_bucket, delta), ('technician', p_tech::text, p_bucket, delta)
  ON CONFLICT (scope, key, bucket) DO UPDATE SET n = r.n + excluded.n;
  IF delta < 0 THEN
    DELETE FROM report_duration_daily WHERE day = p_day AND technician_id = p_tech AND brand = p_brand AND kind = p_kind AND method_id = p_method
      AND bucket = p_bucket AND n = 0;
    DELETE FROM report_duration_summary WHERE ((scope = 'method' AND key = p_method) OR (scope = 'technician' AND key = p_tech::text))
      AND bucket = p_bucket AND n = 0;
  END IF;
END $$;
--> statement-breakpoint
-- Add (sign = 1) or remove (sign = -1) one attempt's contribution, for the device's brand and kind given.
CREATE OR REPLACE FUNCTION reports_apply_attempt(a attempts, p_brand text, p_kind text, sign int)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d date;
BEGIN
  IF p_brand IS NULL THEN
    RETURN;
  END IF;
  d := (coalesce(a.started_at, a.created_at) AT TIME ZONE reports_tz())::date;
  PERFORM reports_bump_attempts(d, a.technician_id, p_brand, p_kind, a.method_id,
    sign * (a.outcome = 'succeeded')::int, sign * (a.outcome = 'failed')::int,
    sign * (a.outcome = 'abandoned')::int, sign * (a.outcome = 'waiting_vendor')::int);
  IF a.outcome = 'succeeded' AND a.duration_seconds IS NOT NULL THEN
    PERFORM reports_bump_duration(d, a.technician_id, p_brand, p_kind, a.method_id, reports_duration_bucket(a.duration_seconds), sign);
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_bump_visit(f report_visit_facts, sign int)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  b text;
BEGIN
  FOREACH b IN ARRAY array_prepend('*'::text, f.brands) LOOP
    INSERT INTO report_visit_summary AS r (technician_id, brand, completed, fixed)
    VALUES (f.technician_id, b, sign, sign * f.fixed::int)
    ON CONFLICT (technician_id, brand) DO UPDATE SET completed = r.completed + excluded.completed, fixed = r.fixed + excluded.fixed;
    IF sign < 0 THEN
      DELETE FROM report_visit_summary WHERE technician_id = f.technician_id AND brand = b AND completed = 0 AND fixed = 0;
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
-- Recompute one visit's first-visit-fix facts and move the rollups by the difference.
CREATE OR REPLACE FUNCTION reports_refresh_visit(v_id uuid)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  old_f report_visit_facts;
  new_f report_visit_facts;
  has_old boolean;
  has_new boolean := false;
  v record;
BEGIN
  IF v_id IS NULL THEN
    RETURN;
  END IF;
  SELECT * INTO old_f FROM report_visit_facts WHERE visit_id = v_id;
  has_old := FOUND;
  SELECT id, status, starts_at, technician_id INTO v FROM visits WHERE id = v_id;
  IF FOUND AND v.status = 'completed' THEN
    has_new := true;
    new_f.visit_id := v_id;
    new_f.day := (v.starts_at AT TIME ZONE reports_tz())::date;
    new_f.technician_id := coalesce(v.technician_id, '00000000-0000-0000-0000-000000000000'::uuid);
    SELECT coalesce(array_agg(DISTINCT d.brand ORDER BY d.brand), '{}'),
           coalesce(array_agg(DISTINCT d.kind ORDER BY d.kind), '{}'),
           coalesce(array_agg(DISTINCT d.brand || ':' || d.kind ORDER BY d.brand || ':' || d.kind), '{}'),
           count(*) > 0 AND count(*) = count(*) FILTER (WHERE la.outcome = 'succeeded')
      INTO new_f.brands, new_f.kinds, new_f.pairs, new_f.fixed
      FROM visit_devices vd
      JOIN devices d ON d.id = vd.device_id
      LEFT JOIN LATERAL (
        SELECT a.outcome FROM attempts a WHERE a.visit_id = vd.visit_id AND a.device_id = vd.device_id ORDER BY a.seq DESC LIMIT 1
      ) la ON true
     WHERE vd.visit_id = v_id;
    new_f.fixed := new_f.fixed
      AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.visit_id = v_id AND a.outcome = 'waiting_vendor')
      AND NOT EXISTS (SELECT 1 FROM vendor_cases c WHERE c.visit_id = v_id)
      AND NOT EXISTS (SELECT 1 FROM visits f WHERE f.follow_up_of = v_id AND f.status <> 'cancelled');
  END IF;
  IF has_old AND has_new AND old_f IS NOT DISTINCT FROM new_f THEN
    RETURN;
  END IF;
  IF has_old THEN
    PERFORM reports_bump_visit(old_f, -1);
    DELETE FROM report_visit_facts WHERE visit_id = v_id;
  END IF;
  IF has_new THEN
    INSERT INTO report_visit_facts (visit_id, day, technician_id, fixed, brands, kinds, pairs)
    VALUES (new_f.visit_id, new_f.day, new_f.technician_id, new_f.fixed, new_f.brands, new_f.kinds, new_f.pairs);
    PERFORM reports_bump_visit(new_f, 1);
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_bump_vendor(p_vendor text, p_bucket smallint, delta int)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_vendor_summary AS r (vendor, bucket, n) VALUES (p_vendor, p_bucket, delta)
  ON CONFLICT (vendor, bucket) DO UPDATE SET n = r.n + excluded.n;
  IF delta < 0 THEN
    DELETE FROM report_vendor_summary WHERE vendor = p_vendor AND bucket = p_bucket AND n = 0;
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_attempts_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ob text; okind text; nb text; nkind text;
BEGIN
  IF NOT reports_triggers_on() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF (OLD.visit_id, OLD.device_id, OLD.seq, OLD.method_id, OLD.technician_id, OLD.started_at, OLD.created_at, OLD.duration_seconds, OLD.outcome)
       IS NOT DISTINCT FROM
       (NEW.visit_id, NEW.device_id, NEW.seq, NEW.method_id, NEW.technician_id, NEW.started_at, NEW.created_at, NEW.duration_seconds, NEW.outcome) THEN
      RETURN NULL; -- notes, description, updated_at: nothing the reports count
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT brand, kind INTO ob, okind FROM devices WHERE id = OLD.device_id;
    PERFORM reports_apply_attempt(OLD, ob, okind, -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    SELECT brand, kind INTO nb, nkind FROM devices WHERE id = NEW.device_id;
    PERFORM reports_apply_attempt(NEW, nb, nkind, 1);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM reports_refresh_visit(OLD.visit_id);
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM reports_refresh_visit(NEW.visit_id);
  ELSIF TG_OP = 'UPDATE' THEN
    IF NEW.visit_id <> OLD.visit_id THEN
      PERFORM reports_refresh_visit(NEW.visit_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_attempts AFTER INSERT OR UPDATE OR DELETE ON attempts
  FOR EACH ROW EXECUTE FUNCTION reports_attempts_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_devices_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a attempts;
  vid uuid;
BEGIN
  IF NOT reports_triggers_on() THEN
    RETURN NULL;
  END IF;
  FOR a IN SELECT * FROM attempts WHERE device_id = NEW.id LOOP
    PERFORM reports_apply_attempt(a, OLD.brand, OLD.kind, -1);
    PERFORM reports_apply_attempt(a, NEW.brand, NEW.kind, 1);
  END LOOP;
  FOR vid IN SELECT visit_id FROM visit_devices WHERE device_id = NEW.id LOOP
    PERFORM reports_refresh_visit(vid);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_devices AFTER UPDATE OF brand, kind ON devices
  FOR EACH ROW WHEN (OLD.brand IS DISTINCT FROM NEW.brand OR OLD.kind IS DISTINCT FROM NEW.kind)
  EXECUTE FUNCTION reports_devices_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_visits_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT reports_triggers_on() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM reports_refresh_visit(NEW.id);
    PERFORM reports_refresh_visit(NEW.follow_up_of);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM reports_refresh_visit(OLD.id);
    PERFORM reports_refresh_visit(OLD.follow_up_of);
  ELSIF (OLD.status, OLD.starts_at, OLD.technician_id, OLD.follow_up_of) IS DISTINCT FROM (NEW.status, NEW.starts_at, NEW.technician_id, NEW.follow_up_of) THEN
    PERFORM reports_refresh_visit(NEW.id);
    PERFORM reports_refresh_visit(OLD.follow_up_of);
    IF NEW.follow_up_of IS DISTINCT FROM OLD.follow_up_of THEN
      PERFORM reports_refresh_visit(NEW.follow_up_of);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_visits AFTER INSERT OR UPDATE OR DELETE ON visits
  FOR EACH ROW EXECUTE FUNCTION reports_visits_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_visit_devices_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT reports_triggers_on() THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM reports_refresh_visit(OLD.visit_id);
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM reports_refresh_visit(NEW.visit_id);
  ELSIF TG_OP = 'UPDATE' THEN
    IF NEW.visit_id <> OLD.visit_id THEN
      PERFORM reports_refresh_visit(NEW.visit_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_visit_devices AFTER INSERT OR DELETE OR UPDATE OF visit_id, device_id ON visit_devices
  FOR EACH ROW EXECUTE FUNCTION reports_visit_devices_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_vendor_cases_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT reports_triggers_on() THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM reports_bump_vendor(OLD.vendor, reports_turnaround_bucket(OLD.sent_at, OLD.result_received_at), -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM reports_bump_vendor(NEW.vendor, reports_turnaround_bucket(NEW.sent_at, NEW.result_received_at), 1);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM reports_refresh_visit(OLD.visit_id);
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM reports_refresh_visit(NEW.visit_id);
  ELSIF TG_OP = 'UPDATE' THEN
    IF NEW.visit_id <> OLD.visit_id THEN
      PERFORM reports_refresh_visit(NEW.visit_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_vendor_cases AFTER INSERT OR DELETE OR UPDATE OF vendor, sent_at, result_received_at, visit_id ON vendor_cases
  FOR EACH ROW EXECUTE FUNCTION reports_vendor_cases_trigger();
--> statement-breakpoint
-- Recompute every rollup from the facts, set-based (an independent implementation
-- of the same definitions: the property tests compare it with the triggers).
CREATE OR REPLACE FUNCTION reports_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tz text := reports_tz();
BEGIN
  DELETE FROM report_attempt_daily;
  DELETE FROM report_attempt_summary;
  DELETE FROM report_week_summary;
  DELETE FROM report_duration_daily;
  DELETE FROM report_duration_summary;
  DELETE FROM report_visit_facts;
  DELETE FROM report_visit_summary;
  DELETE FROM report_vendor_summary;

  INSERT INTO report_attempt_daily (day, technician_id, brand, kind, method_id, succeeded, failed, abandoned, waiting)
  SELECT (coalesce(a.started_at, a.created_at) AT TIME ZONE tz)::date, a.technician_id, d.brand, d.kind, a.method_id,
         count(*) FILTER (WHERE a.outcome = 'succeeded'), count(*) FILTER (WHERE a.outcome = 'failed'),
         count(*) FILTER (WHERE a.outcome = 'abandoned'), count(*) FILTER (WHERE a.outcome = 'waiting_vendor')
    FROM attempts a JOIN devices d ON d.id = a.device_id
   GROUP BY 1, 2, 3, 4, 5;

  INSERT INTO report_attempt_summary (technician_id, brand, kind, method_id, succeeded, failed, abandoned, waiting)
  SELECT technician_id, brand, kind, method_id, sum(succeeded), sum(failed), sum(abandoned), sum(waiting)
    FROM report_attempt_daily GROUP BY 1, 2, 3, 4;

  INSERT INTO report_week_summary (week, succeeded, failed, abandoned, waiting)
  SELECT reports_week_of(day), sum(succeeded), sum(failed), sum(abandoned), sum(waiting)
    FROM report_attempt_daily GROUP BY 1;

  INSERT INTO report_duration_daily (day, technician_id, brand, kind, method_id, bucket, n)
  SELECT (coalesce(a.started_at, a.created_at) AT TIME ZONE tz)::date, a.technician_id, d.brand, d.kind, a.method_id,
         reports_duration_bucket(a.duration_seconds), count(*)
    FROM attempts a JOIN devices d ON d.id = a.device_id
   WHERE a.outcome = 'succeeded' AND a.duration_seconds IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6;

  INSERT INTO report_duration_summary (scope, key, bucket, n)
  SELECT 'method', method_id, bucket, sum(n) FROM report_duration_daily GROUP BY 2, 3
  UNION ALL
  SELECT 'technician', technician_id::text, bucket, sum(n) FROM report_duration_daily GROUP BY 2, 3;

  INSERT INTO report_visit_facts (visit_id, day, technician_id, fixed, brands, kinds, pairs)
  SELECT v.id, (v.starts_at AT TIME ZONE tz)::date, coalesce(v.technician_id, '00000000-0000-0000-0000-000000000000'::uuid),
         coalesce(dv.n_devices > 0 AND dv.n_devices = dv.n_ok, false)
           AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.visit_id = v.id AND a.outcome = 'waiting_vendor')
           AND NOT EXISTS (SELECT 1 FROM vendor_cases c WHERE c.visit_id = v.id)
           AND NOT EXISTS (SELECT 1 FROM visits f WHERE f.follow_up_of = v.id AND f.status <> 'cancelled'),
         coalesce(dv.brands, '{}'), coalesce(dv.kinds, '{}'), coalesce(dv.pairs, '{}')
    FROM visits v
    LEFT JOIN (
      SELECT vd.visit_id, count(*) AS n_devices, count(*) FILTER (WHERE la.outcome = 'succeeded') AS n_ok,
             array_agg(DISTINCT d.brand ORDER BY d.brand) AS brands,
             array_agg(DISTINCT d.kind ORDER BY d.kind) AS kinds,
             array_agg(DISTINCT d.brand || ':' || d.kind ORDER BY d.brand || ':' || d.kind) AS pairs
        FROM visit_devices vd
        JOIN visits cv ON cv.id = vd.visit_id AND cv.status = 'completed'
        JOIN devices d ON d.id = vd.device_id
        LEFT JOIN (
          SELECT DISTINCT ON (visit_id, device_id) visit_id, device_id, outcome
            FROM attempts ORDER BY visit_id, device_id, seq DESC
        ) la ON la.visit_id = vd.visit_id AND la.device_id = vd.device_id
       GROUP BY vd.visit_id
    ) dv ON dv.visit_id = v.id
   WHERE v.status = 'completed';

  INSERT INTO report_visit_summary (technician_id, brand, completed, fixed)
  SELECT f.technician_id, b.brand, count(*), count(*) FILTER (WHERE f.fixed)
    FROM report_visit_facts f, unnest(array_prepend('*'::text, f.brands)) AS b(brand)
   GROUP BY 1, 2;

  INSERT INTO report_vendor_summary (vendor, bucket, n)
  SELECT vendor, reports_turnaround_bucket(sent_at, result_received_at), count(*)
    FROM vendor_cases GROUP BY 1, 2;
END $$;
--> statement-breakpoint
-- Days are company-local: a new time zone re-buckets everything.
CREATE OR REPLACE FUNCTION reports_settings_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.value IS NOT DISTINCT FROM NEW.value THEN
      RETURN NULL;
    END IF;
  END IF;
  PERFORM reports_rebuild();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_settings AFTER INSERT OR UPDATE ON settings
  FOR EACH ROW WHEN (NEW.key = 'timeZone') EXECUTE FUNCTION reports_settings_trigger();
--> statement-breakpoint
SELECT reports_rebuild();
