-- The report rollup engine (docs/reports.md "Where the numbers come from").
-- Plain SQL and PL/pgSQL: PostgreSQL 15 and PGlite.
--
-- 1. Triggers keep a record of each fact as the reports count it
--    (report_attempts, report_visits, report_vendor_cases) and append every
--    change to it to report_deltas as -old / +new. Cheap: a few index probes
--    and two or three small inserts per write, whatever the rollups' size.
-- 2. reports_compact() folds the deltas into the cumulative rollups
--    (report_cum: for each key, running totals on the days they changed;
--    report_weeks: weekly totals for the trend). It runs before a report is
--    read and from a background job; reports_fold() does the folding.
-- 3. A time-zone change moves, in short steps (reports_migrate_step, from the
--    background job), only the facts whose company-local day changes; a
--    cursor says which facts are done, so every figure stays consistent.
-- 4. reports_rebuild() recomputes everything from the base tables (bulk loads,
--    and the property tests compare it with the incremental path).
-- Bulk loads may `SET LOCAL fieldkey.reports_bulk = 'on'` and rebuild after.

-- Scratch tables of the folding (used only while report_state's row is locked).
CREATE TABLE report_stage_facts (
  fam text NOT NULL, sign int NOT NULL, day date NOT NULL, tech uuid NOT NULL, method text, profile int,
  first boolean, outcome smallint, bucket smallint, vendor text, fixed boolean, sig int
);
--> statement-breakpoint
CREATE TABLE report_stage_cum (
  key int NOT NULL, day date NOT NULL,
  c1 int NOT NULL DEFAULT 0, c2 int NOT NULL DEFAULT 0, c3 int NOT NULL DEFAULT 0, c4 int NOT NULL DEFAULT 0,
  c5 int NOT NULL DEFAULT 0, c6 int NOT NULL DEFAULT 0, c7 int NOT NULL DEFAULT 0, c8 int NOT NULL DEFAULT 0,
  h1 int[], h2 int[]
);
--> statement-breakpoint
INSERT INTO report_state (id, from_tz, to_tz) VALUES (1, reports_tz(), reports_tz());
--> statement-breakpoint

-- ---------------------------------------------------------------- helpers
CREATE OR REPLACE FUNCTION reports_outcome_code(o text) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE o WHEN 'succeeded' THEN 0 WHEN 'failed' THEN 1 WHEN 'abandoned' THEN 2 ELSE 3 END::smallint
$$;
--> statement-breakpoint
-- Histograms are int[] (index = bucket position), trailing zeros trimmed, NULL when empty.
CREATE OR REPLACE FUNCTION reports_vadd(a int[], b int[]) RETURNS int[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  n int := greatest(coalesce(cardinality(a), 0), coalesce(cardinality(b), 0));
  r int[];
  last int := 0;
  v int;
BEGIN
  IF n = 0 THEN
    RETURN NULL;
  END IF;
  r := array_fill(0, ARRAY[n]);
  FOR i IN 1..n LOOP
    v := coalesce(a[i], 0) + coalesce(b[i], 0);
    r[i] := v;
    IF v <> 0 THEN
      last := i;
    END IF;
  END LOOP;
  IF last = 0 THEN
    RETURN NULL;
  END IF;
  RETURN r[1:last];
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_vneg(a int[]) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a IS NULL THEN NULL ELSE (SELECT array_agg(-x ORDER BY i) FROM unnest(a) WITH ORDINALITY u(x, i)) END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_vsub(a int[], b int[]) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
  SELECT reports_vadd(a, reports_vneg(b))
$$;
--> statement-breakpoint
CREATE AGGREGATE reports_vsum(int[]) (SFUNC = reports_vadd, STYPE = int[]);
--> statement-breakpoint
-- A histogram from (position, count) pairs (positions may repeat).
CREATE OR REPLACE FUNCTION reports_hist(idx int[], vals int[]) RETURNS int[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  r int[];
  n int;
BEGIN
  IF idx IS NULL OR cardinality(idx) = 0 THEN
    RETURN NULL;
  END IF;
  SELECT max(x) INTO n FROM unnest(idx) x;
  r := array_fill(0, ARRAY[n]);
  FOR i IN 1..cardinality(idx) LOOP
    r[idx[i]] := r[idx[i]] + vals[i];
  END LOOP;
  RETURN reports_vadd(r, NULL);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_devkey(p_brand text, p_kind text, p_attr text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  r int;
BEGIN
  SELECT id INTO r FROM report_devkeys WHERE brand = p_brand AND kind = p_kind AND attr = p_attr;
  IF NOT FOUND THEN
    INSERT INTO report_devkeys (brand, kind, attr) VALUES (p_brand, p_kind, p_attr) ON CONFLICT DO NOTHING;
    SELECT id INTO r FROM report_devkeys WHERE brand = p_brand AND kind = p_kind AND attr = p_attr;
  END IF;
  RETURN r;
END $$;
--> statement-breakpoint
-- Bit i (from 0) of a device's options: RECOVERY_OPTIONS[i] (lib/values) was 'yes'.
CREATE OR REPLACE FUNCTION reports_options_mask(o jsonb) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(sum(1 << (i - 1)::int), 0)::int
  FROM unnest(ARRAY['recovery_email', 'security_questions', 'app_account', 'guid_file', 'reset_button', 'unlock_pattern']) WITH ORDINALITY u(k, i)
  WHERE o ->> k = 'yes'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_name_id(p_table text, p_brand text, p_name text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  k text := lower(btrim(coalesce(p_name, '')));
  r int;
BEGIN
  IF k = '' THEN
    RETURN 0;
  END IF;
  IF p_table = 'model' THEN
    SELECT id INTO r FROM report_models WHERE brand = p_brand AND key = k;
    IF NOT FOUND THEN
      INSERT INTO report_models (brand, key, name) VALUES (p_brand, k, btrim(p_name)) ON CONFLICT DO NOTHING;
      SELECT id INTO r FROM report_models WHERE brand = p_brand AND key = k;
    END IF;
  ELSE
    SELECT id INTO r FROM report_firmwares WHERE brand = p_brand AND key = k;
    IF NOT FOUND THEN
      INSERT INTO report_firmwares (brand, key, name) VALUES (p_brand, k, btrim(p_name)) ON CONFLICT DO NOTHING;
      SELECT id INTO r FROM report_firmwares WHERE brand = p_brand AND key = k;
    END IF;
  END IF;
  RETURN r;
END $$;
--> statement-breakpoint
-- The attributes a profile is counted under besides its own key: none (brand × kind), its model,
-- each recovery option it had, its warranty seal. One filter on one of them reads its keys only.
CREATE OR REPLACE FUNCTION reports_profile_attrs(m int, o int, s text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[''] || CASE WHEN m > 0 THEN ARRAY['m' || m] ELSE ARRAY[]::text[] END
         || ARRAY(SELECT 'o' || b FROM generate_series(0, 5) b WHERE (o & (1 << b)) <> 0 ORDER BY b)
         || ARRAY['w' || s]
$$;
--> statement-breakpoint
-- A profile's id from its dimension ids (created with its device keys on first use).
CREATE OR REPLACE FUNCTION reports_profile_of_ids(p_brand text, p_kind text, m int, f int, o int, s text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  r int;
  dk int;
BEGIN
  SELECT id INTO r FROM report_profiles WHERE brand = p_brand AND kind = p_kind AND model_id = m AND firmware_id = f AND options = o AND seal = s;
  IF FOUND THEN
    RETURN r;
  END IF;
  INSERT INTO report_profiles (brand, kind, model_id, firmware_id, options, seal, devkey) VALUES (p_brand, p_kind, m, f, o, s, 0)
  ON CONFLICT DO NOTHING RETURNING id INTO r;
  IF r IS NULL THEN -- made meanwhile by another transaction
    SELECT id INTO r FROM report_profiles WHERE brand = p_brand AND kind = p_kind AND model_id = m AND firmware_id = f AND options = o AND seal = s;
    RETURN r;
  END IF;
  dk := reports_devkey(p_brand, p_kind, 'p' || r);
  UPDATE report_profiles SET devkey = dk WHERE id = r;
  INSERT INTO report_profile_devkeys (profile, devkey)
  SELECT r, reports_devkey(p_brand, p_kind, a) FROM unnest(reports_profile_attrs(m, o, s)) a
  UNION SELECT r, dk
  ON CONFLICT DO NOTHING;
  RETURN r;
END $$;
--> statement-breakpoint
-- The profile id of these device facts (created with its device keys on first use).
CREATE OR REPLACE FUNCTION reports_profile_of(p_brand text, p_kind text, p_model text, p_firmware text, p_options jsonb, p_seal text)
RETURNS int LANGUAGE sql AS $$
  SELECT reports_profile_of_ids(p_brand, p_kind, reports_name_id('model', p_brand, p_model), reports_name_id('firmware', p_brand, p_firmware),
                                reports_options_mask(p_options), coalesce(p_seal, 'unknown'))
$$;
--> statement-breakpoint
-- The signature id of a visit with these (distinct, sorted) device profiles, created with its device keys on first use:
-- the visit counts once under "every visit", once per brand and kind of its devices, and under its signature.
CREATE OR REPLACE FUNCTION reports_sig_of(p_profiles int[]) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  r int;
BEGIN
  SELECT id INTO r FROM report_sigs WHERE profiles = p_profiles;
  IF FOUND THEN
    RETURN r;
  END IF;
  INSERT INTO report_sigs (profiles) VALUES (p_profiles) ON CONFLICT DO NOTHING RETURNING id INTO r;
  IF r IS NULL THEN
    SELECT id INTO r FROM report_sigs WHERE profiles = p_profiles;
    RETURN r;
  END IF;
  -- once under each (brand or any, kind or any, attribute) of its devices, and under its signature ('g<id>')
  INSERT INTO report_sig_devkeys (sig, devkey)
  SELECT DISTINCT r, reports_devkey(b.b, k.k, a.a)
    FROM report_profiles p
   CROSS JOIN LATERAL unnest(reports_profile_attrs(p.model_id, p.options, p.seal)) a(a)
   CROSS JOIN LATERAL (VALUES (p.brand), ('*')) b(b)
   CROSS JOIN LATERAL (VALUES (p.kind), ('*')) k(k)
   WHERE p.id = ANY (p_profiles)
  UNION SELECT r, reports_devkey('*', '*', '')
  UNION SELECT r, reports_devkey('*', '*', 'g' || r)
  ON CONFLICT DO NOTHING;
  RETURN r;
END $$;
--> statement-breakpoint

-- ------------------------------------------------------- facts as counted
-- Each sync compares the fact as counted with the fact now and logs the difference (idempotent).
CREATE OR REPLACE FUNCTION reports_sync_attempt(p_id uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  o report_attempts;
  n report_attempts;
  has_o boolean;
  has_n boolean;
BEGIN
  SELECT * INTO o FROM report_attempts WHERE attempt_id = p_id;
  has_o := FOUND;
  SELECT a.id, coalesce(a.started_at, a.created_at), a.technician_id, a.method_id, dp.profile, coalesce(f.attempt_id = a.id, false),
         reports_outcome_code(a.outcome),
         CASE WHEN a.outcome = 'succeeded' AND a.duration_seconds IS NOT NULL THEN reports_duration_bucket(a.duration_seconds) ELSE -1 END
    INTO n
    FROM attempts a
    JOIN report_device_profiles dp ON dp.device_id = a.device_id
    LEFT JOIN report_device_first f ON f.device_id = a.device_id
   WHERE a.id = p_id;
  has_n := FOUND;
  IF has_o AND has_n AND o IS NOT DISTINCT FROM n THEN
    RETURN;
  END IF;
  IF has_o THEN
    INSERT INTO report_deltas (fam, sign, at, tech, method, profile, first, outcome, bucket)
    VALUES ('a', -1, o.at, o.tech, o.method, o.profile, o.first, o.outcome, o.bucket);
  END IF;
  IF has_n THEN
    INSERT INTO report_deltas (fam, sign, at, tech, method, profile, first, outcome, bucket)
    VALUES ('a', 1, n.at, n.tech, n.method, n.profile, n.first, n.outcome, n.bucket);
    INSERT INTO report_attempts VALUES (n.*)
    ON CONFLICT (attempt_id) DO UPDATE SET at = excluded.at, tech = excluded.tech, method = excluded.method, profile = excluded.profile,
      first = excluded.first, outcome = excluded.outcome, bucket = excluded.bucket;
  ELSIF has_o THEN
    DELETE FROM report_attempts WHERE attempt_id = p_id;
  END IF;
END $$;
--> statement-breakpoint
-- A device's first attempt: earliest by coalesce(started_at, created_at), then seq, then id.
CREATE OR REPLACE FUNCTION reports_sync_first(p_device uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  f_old uuid;
  f_new uuid;
BEGIN
  SELECT attempt_id INTO f_old FROM report_device_first WHERE device_id = p_device;
  SELECT id INTO f_new FROM attempts WHERE device_id = p_device ORDER BY coalesce(started_at, created_at), seq, id LIMIT 1;
  IF f_old IS NOT DISTINCT FROM f_new THEN
    RETURN;
  END IF;
  IF f_new IS NULL THEN
    DELETE FROM report_device_first WHERE device_id = p_device;
  ELSE
    INSERT INTO report_device_first (device_id, attempt_id) VALUES (p_device, f_new)
    ON CONFLICT (device_id) DO UPDATE SET attempt_id = excluded.attempt_id;
  END IF;
  IF f_old IS NOT NULL THEN
    PERFORM reports_sync_attempt(f_old);
  END IF;
  IF f_new IS NOT NULL THEN
    PERFORM reports_sync_attempt(f_new);
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_sync_vendor_case(p_id uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  o report_vendor_cases;
  n report_vendor_cases;
  has_o boolean;
  has_n boolean;
BEGIN
  SELECT * INTO o FROM report_vendor_cases WHERE case_id = p_id;
  has_o := FOUND;
  SELECT c.id, c.sent_at, a.technician_id, dp.profile, c.vendor, reports_turnaround_bucket(c.sent_at, c.result_received_at)
    INTO n
    FROM vendor_cases c
    JOIN attempts a ON a.id = c.attempt_id
    JOIN report_device_profiles dp ON dp.device_id = c.device_id
   WHERE c.id = p_id;
  has_n := FOUND;
  IF has_o AND has_n AND o IS NOT DISTINCT FROM n THEN
    RETURN;
  END IF;
  IF has_o THEN
    INSERT INTO report_deltas (fam, sign, at, tech, profile, vendor, bucket) VALUES ('c', -1, o.at, o.tech, o.profile, o.vendor, o.bucket);
  END IF;
  IF has_n THEN
    INSERT INTO report_deltas (fam, sign, at, tech, profile, vendor, bucket) VALUES ('c', 1, n.at, n.tech, n.profile, n.vendor, n.bucket);
    INSERT INTO report_vendor_cases VALUES (n.*)
    ON CONFLICT (case_id) DO UPDATE SET at = excluded.at, tech = excluded.tech, profile = excluded.profile, vendor = excluded.vendor, bucket = excluded.bucket;
  ELSIF has_o THEN
    DELETE FROM report_vendor_cases WHERE case_id = p_id;
  END IF;
END $$;
--> statement-breakpoint
-- A completed visit's first-visit facts (definition in docs/reports.md).
CREATE OR REPLACE FUNCTION reports_refresh_visit(v_id uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  o report_visits;
  n report_visits;
  has_o boolean;
  has_n boolean := false;
  v record;
  profs int[];
  ok boolean;
BEGIN
  IF v_id IS NULL THEN
    RETURN;
  END IF;
  SELECT * INTO o FROM report_visits WHERE visit_id = v_id;
  has_o := FOUND;
  SELECT id, status, starts_at, technician_id INTO v FROM visits WHERE id = v_id;
  IF FOUND AND v.status = 'completed' THEN
    has_n := true;
    SELECT coalesce(array_agg(DISTINCT dp.profile ORDER BY dp.profile) FILTER (WHERE dp.profile IS NOT NULL), '{}'),
           count(*) > 0 AND count(*) = count(*) FILTER (WHERE la.outcome = 'succeeded')
      INTO profs, ok
      FROM visit_devices vd
      LEFT JOIN report_device_profiles dp ON dp.device_id = vd.device_id
      LEFT JOIN LATERAL (
        SELECT a.outcome FROM attempts a WHERE a.visit_id = vd.visit_id AND a.device_id = vd.device_id ORDER BY a.seq DESC LIMIT 1
      ) la ON true
     WHERE vd.visit_id = v_id;
    n.visit_id := v_id;
    n.at := v.starts_at;
    n.tech := coalesce(v.technician_id, '00000000-0000-0000-0000-000000000000'::uuid);
    n.fixed := ok
      AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.visit_id = v_id AND a.outcome = 'waiting_vendor')
      AND NOT EXISTS (SELECT 1 FROM vendor_cases c WHERE c.visit_id = v_id)
      AND NOT EXISTS (SELECT 1 FROM visits f WHERE f.follow_up_of = v_id AND f.status <> 'cancelled');
    n.sig := reports_sig_of(profs);
  END IF;
  IF has_o AND has_n AND o IS NOT DISTINCT FROM n THEN
    RETURN;
  END IF;
  IF has_o THEN
    INSERT INTO report_deltas (fam, sign, at, tech, fixed, sig) VALUES ('v', -1, o.at, o.tech, o.fixed, o.sig);
  END IF;
  IF has_n THEN
    INSERT INTO report_deltas (fam, sign, at, tech, fixed, sig) VALUES ('v', 1, n.at, n.tech, n.fixed, n.sig);
    INSERT INTO report_visits VALUES (n.*)
    ON CONFLICT (visit_id) DO UPDATE SET at = excluded.at, tech = excluded.tech, fixed = excluded.fixed, sig = excluded.sig;
  ELSIF has_o THEN
    DELETE FROM report_visits WHERE visit_id = v_id;
  END IF;
END $$;
--> statement-breakpoint

-- ---------------------------------------------------------------- triggers
CREATE OR REPLACE FUNCTION reports_attempts_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
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
  IF TG_OP <> 'INSERT' THEN
    PERFORM reports_sync_first(OLD.device_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.device_id <> OLD.device_id) THEN
    PERFORM reports_sync_first(NEW.device_id);
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM reports_sync_attempt(OLD.id);
    PERFORM reports_refresh_visit(OLD.visit_id);
    RETURN NULL;
  END IF;
  PERFORM reports_sync_attempt(NEW.id);
  IF TG_OP = 'UPDATE' AND OLD.technician_id IS DISTINCT FROM NEW.technician_id THEN
    PERFORM reports_sync_vendor_case(c.id) FROM vendor_cases c WHERE c.attempt_id = NEW.id;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.visit_id <> OLD.visit_id THEN
    PERFORM reports_refresh_visit(OLD.visit_id);
  END IF;
  PERFORM reports_refresh_visit(NEW.visit_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_attempts AFTER INSERT OR UPDATE OR DELETE ON attempts
  FOR EACH ROW EXECUTE FUNCTION reports_attempts_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_devices_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p int;
BEGIN
  IF NOT reports_triggers_on() THEN
    RETURN NULL; -- a bulk load rebuilds afterwards
  END IF;
  IF TG_OP = 'DELETE' THEN
    DELETE FROM report_device_profiles WHERE device_id = OLD.id;
    RETURN NULL;
  END IF;
  p := reports_profile_of(NEW.brand, NEW.kind, NEW.model, NEW.firmware, NEW.recovery_options, NEW.warranty_seal);
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_device_profiles (device_id, profile) VALUES (NEW.id, p) ON CONFLICT (device_id) DO UPDATE SET profile = excluded.profile;
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM report_device_profiles WHERE device_id = NEW.id AND profile = p) THEN
    RETURN NULL;
  END IF;
  INSERT INTO report_device_profiles (device_id, profile) VALUES (NEW.id, p) ON CONFLICT (device_id) DO UPDATE SET profile = excluded.profile;
  -- everything counted on this device moves to its new profile
  PERFORM reports_sync_attempt(a.id) FROM attempts a WHERE a.device_id = NEW.id;
  PERFORM reports_sync_vendor_case(c.id) FROM vendor_cases c WHERE c.device_id = NEW.id;
  PERFORM reports_refresh_visit(vd.visit_id) FROM visit_devices vd WHERE vd.device_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_devices AFTER INSERT OR DELETE OR UPDATE OF brand, kind, model, firmware, recovery_options, warranty_seal ON devices
  FOR EACH ROW EXECUTE FUNCTION reports_devices_trigger();
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
  PERFORM reports_sync_vendor_case(coalesce(NEW.id, OLD.id));
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
CREATE TRIGGER reports_vendor_cases AFTER INSERT OR DELETE OR UPDATE OF vendor, sent_at, result_received_at, visit_id, attempt_id, device_id ON vendor_cases
  FOR EACH ROW EXECUTE FUNCTION reports_vendor_cases_trigger();
--> statement-breakpoint

-- ---------------------------------------------------------------- folding
-- Fold report_stage_facts (signed facts with their day) into the rollups, then empty it.
-- (The rebuild fills empty rollups its own way: reports_rebuild_rollups.)
CREATE OR REPLACE FUNCTION reports_fold() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  all_t constant uuid := 'ffffffff-ffff-ffff-ffff-ffffffffffff';
BEGIN
  -- the keys every staged fact counts under
  INSERT INTO report_keys (fam, devkey, method, tech, vendor)
  SELECT DISTINCT 'a', pd.devkey, c.method, c.tech, ''
    FROM report_stage_facts s
    JOIN report_profile_devkeys pd ON pd.profile = s.profile
   CROSS JOIN LATERAL (VALUES (s.method, all_t), ('', s.tech), (s.method, s.tech), ('', all_t)) c(method, tech)
   WHERE s.fam = 'a'
  UNION
  SELECT DISTINCT 'w', pd.devkey, '', c.tech, ''
    FROM report_stage_facts s
    JOIN report_profile_devkeys pd ON pd.profile = s.profile
   CROSS JOIN LATERAL (VALUES (s.tech), (all_t)) c(tech)
   WHERE s.fam = 'a'
  UNION
  SELECT DISTINCT 'v', sd.devkey, '', s.tech, ''
    FROM report_stage_facts s JOIN report_sig_devkeys sd ON sd.sig = s.sig
   WHERE s.fam = 'v'
  UNION
  SELECT DISTINCT 'c', pd.devkey, '', c.tech, s.vendor
    FROM report_stage_facts s
    JOIN report_profile_devkeys pd ON pd.profile = s.profile
   CROSS JOIN LATERAL (VALUES (s.tech), (all_t)) c(tech)
   WHERE s.fam = 'c'
  ON CONFLICT DO NOTHING;

  -- attempts: per key and day
  INSERT INTO report_stage_cum (key, day, c1, c2, c3, c4, c5, c6, c7, c8, h1, h2)
  WITH x AS (
    SELECT k.id AS key, s.day, s.first, s.outcome, s.bucket, sum(s.sign)::int AS n
      FROM report_stage_facts s
      JOIN report_profile_devkeys pd ON pd.profile = s.profile
     CROSS JOIN LATERAL (VALUES (s.method, all_t), ('', s.tech), (s.method, s.tech), ('', all_t)) c(method, tech)
      JOIN report_keys k ON k.fam = 'a' AND k.devkey = pd.devkey AND k.method = c.method AND k.tech = c.tech AND k.vendor = ''
     WHERE s.fam = 'a'
     GROUP BY 1, 2, 3, 4, 5
  )
  SELECT key, day,
         coalesce(sum(n) FILTER (WHERE first AND outcome = 0), 0), coalesce(sum(n) FILTER (WHERE first AND outcome = 1), 0),
         coalesce(sum(n) FILTER (WHERE first AND outcome = 2), 0), coalesce(sum(n) FILTER (WHERE first AND outcome = 3), 0),
         coalesce(sum(n) FILTER (WHERE NOT first AND outcome = 0), 0), coalesce(sum(n) FILTER (WHERE NOT first AND outcome = 1), 0),
         coalesce(sum(n) FILTER (WHERE NOT first AND outcome = 2), 0), coalesce(sum(n) FILTER (WHERE NOT first AND outcome = 3), 0),
         reports_hist(array_agg(bucket + 1) FILTER (WHERE first AND outcome = 0 AND bucket >= 0), array_agg(n) FILTER (WHERE first AND outcome = 0 AND bucket >= 0)),
         reports_hist(array_agg(bucket + 1) FILTER (WHERE NOT first AND outcome = 0 AND bucket >= 0), array_agg(n) FILTER (WHERE NOT first AND outcome = 0 AND bucket >= 0))
    FROM x GROUP BY key, day;

  -- completed visits (c1) and first-visit fixes (c2)
  INSERT INTO report_stage_cum (key, day, c1, c2)
  SELECT k.id, s.day, sum(s.sign)::int, coalesce(sum(s.sign) FILTER (WHERE s.fixed), 0)::int
    FROM report_stage_facts s
    JOIN report_sig_devkeys sd ON sd.sig = s.sig
    JOIN report_keys k ON k.fam = 'v' AND k.devkey = sd.devkey AND k.method = '' AND k.tech = s.tech AND k.vendor = ''
   WHERE s.fam = 'v'
   GROUP BY 1, 2;

  -- vendor cases: turnaround histogram
  INSERT INTO report_stage_cum (key, day, h1)
  WITH x AS (
    SELECT k.id AS key, s.day, s.bucket, sum(s.sign)::int AS n
      FROM report_stage_facts s
      JOIN report_profile_devkeys pd ON pd.profile = s.profile
     CROSS JOIN LATERAL (VALUES (s.tech), (all_t)) c(tech)
      JOIN report_keys k ON k.fam = 'c' AND k.devkey = pd.devkey AND k.method = '' AND k.tech = c.tech AND k.vendor = s.vendor
     WHERE s.fam = 'c'
     GROUP BY 1, 2, 3
  )
  SELECT key, day, reports_hist(array_agg(bucket + 2), array_agg(n)) FROM x GROUP BY key, day;

  -- the weekly trend (plain sums)
  INSERT INTO report_weeks AS w (key, week, c1, c2, c3, c4, c5, c6, c7, c8)
  SELECT k.id, reports_week_of(s.day),
         coalesce(sum(s.sign) FILTER (WHERE s.first AND s.outcome = 0), 0), coalesce(sum(s.sign) FILTER (WHERE s.first AND s.outcome = 1), 0),
         coalesce(sum(s.sign) FILTER (WHERE s.first AND s.outcome = 2), 0), coalesce(sum(s.sign) FILTER (WHERE s.first AND s.outcome = 3), 0),
         coalesce(sum(s.sign) FILTER (WHERE NOT s.first AND s.outcome = 0), 0), coalesce(sum(s.sign) FILTER (WHERE NOT s.first AND s.outcome = 1), 0),
         coalesce(sum(s.sign) FILTER (WHERE NOT s.first AND s.outcome = 2), 0), coalesce(sum(s.sign) FILTER (WHERE NOT s.first AND s.outcome = 3), 0)
    FROM report_stage_facts s
    JOIN report_profile_devkeys pd ON pd.profile = s.profile
   CROSS JOIN LATERAL (VALUES (s.tech), (all_t)) c(tech)
    JOIN report_keys k ON k.fam = 'w' AND k.devkey = pd.devkey AND k.method = '' AND k.tech = c.tech AND k.vendor = ''
   WHERE s.fam = 'a'
   GROUP BY 1, 2
  ON CONFLICT (key, week) DO UPDATE SET c1 = w.c1 + excluded.c1, c2 = w.c2 + excluded.c2, c3 = w.c3 + excluded.c3, c4 = w.c4 + excluded.c4,
    c5 = w.c5 + excluded.c5, c6 = w.c6 + excluded.c6, c7 = w.c7 + excluded.c7, c8 = w.c8 + excluded.c8;
  DELETE FROM report_weeks w USING (SELECT DISTINCT k.id, reports_week_of(s.day) AS week
                                      FROM report_stage_facts s JOIN report_profile_devkeys pd ON pd.profile = s.profile
                                      JOIN report_keys k ON k.fam = 'w' AND k.devkey = pd.devkey AND k.method = '' AND k.vendor = ''
                                       AND k.tech IN (s.tech, all_t)
                                     WHERE s.fam = 'a') x
   WHERE w.key = x.id AND w.week = x.week AND w.c1 = 0 AND w.c2 = 0 AND w.c3 = 0 AND w.c4 = 0 AND w.c5 = 0 AND w.c6 = 0 AND w.c7 = 0 AND w.c8 = 0;

  PERFORM reports_fold_cum();
  DELETE FROM report_stage_facts;
  DELETE FROM report_stage_cum;
END $$;
--> statement-breakpoint
-- report_stage_cum (per key and day) into report_cum. New cumulative value at a
-- day = old value there + the running sum of the changes up to that day; only
-- stretches where that running sum is not zero are rewritten, and an entry is
-- added on every changed day. Then entries equal to the one before go.
CREATE OR REPLACE FUNCTION reports_fold_cum() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_cum AS e (key, day, c1, c2, c3, c4, c5, c6, c7, c8, h1, h2)
  WITH d AS (
    SELECT key, day, sum(c1)::int AS c1, sum(c2)::int AS c2, sum(c3)::int AS c3, sum(c4)::int AS c4,
           sum(c5)::int AS c5, sum(c6)::int AS c6, sum(c7)::int AS c7, sum(c8)::int AS c8, reports_vsum(h1) AS h1, reports_vsum(h2) AS h2
      FROM report_stage_cum GROUP BY key, day
  ),
  seg AS (
    SELECT key, day, lead(day) OVER w AS until,
           sum(c1) OVER r AS r1, sum(c2) OVER r AS r2, sum(c3) OVER r AS r3, sum(c4) OVER r AS r4,
           sum(c5) OVER r AS r5, sum(c6) OVER r AS r6, sum(c7) OVER r AS r7, sum(c8) OVER r AS r8,
           reports_vsum(h1) OVER r AS rh1, reports_vsum(h2) OVER r AS rh2,
           (c1 <> 0 OR c2 <> 0 OR c3 <> 0 OR c4 <> 0 OR c5 <> 0 OR c6 <> 0 OR c7 <> 0 OR c8 <> 0 OR h1 IS NOT NULL OR h2 IS NOT NULL) AS changed
      FROM d
    WINDOW w AS (PARTITION BY key ORDER BY day), r AS (PARTITION BY key ORDER BY day ROWS UNBOUNDED PRECEDING)
  ),
  nz AS (
    SELECT * FROM seg
     WHERE r1 <> 0 OR r2 <> 0 OR r3 <> 0 OR r4 <> 0 OR r5 <> 0 OR r6 <> 0 OR r7 <> 0 OR r8 <> 0 OR rh1 IS NOT NULL OR rh2 IS NOT NULL
  ),
  pos AS (
    SELECT c.key, c.day, c.c1 + nz.r1 AS c1, c.c2 + nz.r2 AS c2, c.c3 + nz.r3 AS c3, c.c4 + nz.r4 AS c4,
           c.c5 + nz.r5 AS c5, c.c6 + nz.r6 AS c6, c.c7 + nz.r7 AS c7, c.c8 + nz.r8 AS c8,
           reports_vadd(c.h1, nz.rh1) AS h1, reports_vadd(c.h2, nz.rh2) AS h2
      FROM nz
      JOIN report_cum c ON c.key = nz.key AND c.day >= nz.day AND (nz.until IS NULL OR c.day < nz.until)
    UNION ALL
    SELECT seg.key, seg.day, coalesce(p.c1, 0) + seg.r1, coalesce(p.c2, 0) + seg.r2, coalesce(p.c3, 0) + seg.r3, coalesce(p.c4, 0) + seg.r4,
           coalesce(p.c5, 0) + seg.r5, coalesce(p.c6, 0) + seg.r6, coalesce(p.c7, 0) + seg.r7, coalesce(p.c8, 0) + seg.r8,
           reports_vadd(p.h1, seg.rh1), reports_vadd(p.h2, seg.rh2)
      FROM seg
      LEFT JOIN LATERAL (SELECT * FROM report_cum c WHERE c.key = seg.key AND c.day < seg.day ORDER BY c.day DESC LIMIT 1) p ON true
     WHERE seg.changed AND NOT EXISTS (SELECT 1 FROM report_cum c WHERE c.key = seg.key AND c.day = seg.day)
  )
  SELECT * FROM pos
  ON CONFLICT (key, day) DO UPDATE SET c1 = excluded.c1, c2 = excluded.c2, c3 = excluded.c3, c4 = excluded.c4,
    c5 = excluded.c5, c6 = excluded.c6, c7 = excluded.c7, c8 = excluded.c8, h1 = excluded.h1, h2 = excluded.h2;

  -- Only entries at or after a changed day can have become equal to the one before them.
  DELETE FROM report_cum e USING (
    SELECT c.key, c.day
      FROM (SELECT DISTINCT key, day FROM report_stage_cum) dd
     CROSS JOIN LATERAL (SELECT * FROM report_cum c WHERE c.key = dd.key AND c.day >= dd.day ORDER BY c.day LIMIT 1) c
      LEFT JOIN LATERAL (SELECT * FROM report_cum p WHERE p.key = c.key AND p.day < c.day ORDER BY p.day DESC LIMIT 1) p ON true
     WHERE (p.key IS NULL AND c.c1 = 0 AND c.c2 = 0 AND c.c3 = 0 AND c.c4 = 0 AND c.c5 = 0 AND c.c6 = 0 AND c.c7 = 0 AND c.c8 = 0
            AND c.h1 IS NULL AND c.h2 IS NULL)
        OR (p.key IS NOT NULL AND (c.c1, c.c2, c.c3, c.c4, c.c5, c.c6, c.c7, c.c8, c.h1, c.h2)
                                  IS NOT DISTINCT FROM (p.c1, p.c2, p.c3, p.c4, p.c5, p.c6, p.c7, p.c8, p.h1, p.h2))
  ) z
  WHERE e.key = z.key AND e.day = z.day;
END $$;
--> statement-breakpoint
-- The day a fact counts on: company-local, in the zone that applies to it (see report_state).
CREATE OR REPLACE FUNCTION reports_day_of(at timestamptz, st report_state) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE CASE WHEN st.cursor IS NOT NULL AND at <= st.cursor THEN st.to_tz ELSE st.from_tz END)::date
$$;
--> statement-breakpoint
-- Fold pending deltas (the caller holds report_state's row lock). Returns how many.
CREATE OR REPLACE FUNCTION reports_compact_locked(st report_state, max_n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
BEGIN
  SELECT array_agg(id) INTO ids FROM (SELECT id FROM report_deltas ORDER BY id LIMIT max_n) x;
  IF ids IS NULL THEN
    RETURN 0;
  END IF;
  INSERT INTO report_stage_facts (fam, sign, day, tech, method, profile, first, outcome, bucket, vendor, fixed, sig)
  SELECT fam, sign, reports_day_of(at, st), tech, method, profile, first, outcome, bucket, vendor, fixed, sig
    FROM report_deltas WHERE id = ANY (ids);
  PERFORM reports_fold();
  DELETE FROM report_deltas WHERE id = ANY (ids);
  RETURN cardinality(ids);
END $$;
--> statement-breakpoint
-- Fold up to max_n pending deltas; waits for a fold or step in progress. Returns how many were folded.
CREATE OR REPLACE FUNCTION reports_compact(max_n int DEFAULT 100000) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  st report_state;
BEGIN
  SELECT * INTO st FROM report_state WHERE id = 1 FOR UPDATE;
  RETURN reports_compact_locked(st, max_n);
END $$;
--> statement-breakpoint

-- ------------------------------------------------------- time-zone change
-- Settings trigger: a new company time zone starts (or queues) moving the facts whose day changes.
CREATE OR REPLACE FUNCTION reports_set_tz(p_tz text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  st report_state;
BEGIN
  SELECT * INTO st FROM report_state WHERE id = 1 FOR UPDATE;
  IF st.cursor IS NOT NULL THEN
    UPDATE report_state SET pending_tz = CASE WHEN p_tz = st.to_tz THEN NULL ELSE p_tz END WHERE id = 1;
    RETURN;
  END IF;
  IF p_tz = st.to_tz THEN
    RETURN;
  END IF;
  UPDATE report_state
     SET from_tz = st.to_tz, to_tz = p_tz, cursor = '-infinity', pending_tz = NULL, started_at = now(), updated_at = now(), step_by = NULL,
         lo = (SELECT min(t) FROM (SELECT min(at) AS t FROM report_attempts UNION ALL SELECT min(at) FROM report_visits
                                   UNION ALL SELECT min(at) FROM report_vendor_cases) x),
         hi = (SELECT max(t) FROM (SELECT max(at) AS t FROM report_attempts UNION ALL SELECT max(at) FROM report_visits
                                   UNION ALL SELECT max(at) FROM report_vendor_cases) x)
   WHERE id = 1;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reports_settings_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.value IS NOT DISTINCT FROM NEW.value THEN
      RETURN NULL;
    END IF;
  END IF;
  PERFORM reports_set_tz(NEW.value #>> '{}');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reports_settings AFTER INSERT OR UPDATE ON settings
  FOR EACH ROW WHEN (NEW.key = 'timeZone') EXECUTE FUNCTION reports_settings_trigger();
--> statement-breakpoint
-- One step of a time-zone change: fold pending deltas, then move the next facts
-- (at most max_rows of each kind) whose company-local day differs in the new zone.
-- Run it in a REPEATABLE READ transaction, so the deltas folded and the facts
-- read are the same moment. Returns true while there is more to do.
CREATE OR REPLACE FUNCTION reports_migrate_step(max_rows int DEFAULT 1000, who text DEFAULT NULL) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  st report_state;
  nxt timestamptz;
  n int;
BEGIN
  SELECT * INTO st FROM report_state WHERE id = 1 FOR UPDATE;
  IF st.cursor IS NULL THEN
    RETURN false;
  END IF;
  LOOP
    n := reports_compact_locked(st, 100000);
    EXIT WHEN n = 0;
  END LOOP;
  -- the window (cursor, nxt]: at most max_rows facts of each kind
  SELECT least(
           coalesce((SELECT at FROM report_attempts WHERE at > st.cursor ORDER BY at OFFSET max_rows - 1 LIMIT 1), 'infinity'),
           coalesce((SELECT at FROM report_visits WHERE at > st.cursor ORDER BY at OFFSET max_rows - 1 LIMIT 1), 'infinity'),
           coalesce((SELECT at FROM report_vendor_cases WHERE at > st.cursor ORDER BY at OFFSET max_rows - 1 LIMIT 1), 'infinity'))
    INTO nxt;
  INSERT INTO report_stage_facts (fam, sign, day, tech, method, profile, first, outcome, bucket)
  SELECT 'a', m.sign, m.day, r.tech, r.method, r.profile, r.first, r.outcome, r.bucket
    FROM report_attempts r
   CROSS JOIN LATERAL (SELECT (r.at AT TIME ZONE st.from_tz)::date AS d0, (r.at AT TIME ZONE st.to_tz)::date AS d1) d
   CROSS JOIN LATERAL (VALUES (-1, d.d0), (1, d.d1)) m(sign, day)
   WHERE r.at > st.cursor AND r.at <= nxt AND d.d0 <> d.d1;
  INSERT INTO report_stage_facts (fam, sign, day, tech, fixed, sig)
  SELECT 'v', m.sign, m.day, r.tech, r.fixed, r.sig
    FROM report_visits r
   CROSS JOIN LATERAL (SELECT (r.at AT TIME ZONE st.from_tz)::date AS d0, (r.at AT TIME ZONE st.to_tz)::date AS d1) d
   CROSS JOIN LATERAL (VALUES (-1, d.d0), (1, d.d1)) m(sign, day)
   WHERE r.at > st.cursor AND r.at <= nxt AND d.d0 <> d.d1;
  INSERT INTO report_stage_facts (fam, sign, day, tech, profile, vendor, bucket)
  SELECT 'c', m.sign, m.day, r.tech, r.profile, r.vendor, r.bucket
    FROM report_vendor_cases r
   CROSS JOIN LATERAL (SELECT (r.at AT TIME ZONE st.from_tz)::date AS d0, (r.at AT TIME ZONE st.to_tz)::date AS d1) d
   CROSS JOIN LATERAL (VALUES (-1, d.d0), (1, d.d1)) m(sign, day)
   WHERE r.at > st.cursor AND r.at <= nxt AND d.d0 <> d.d1;
  PERFORM reports_fold();
  IF nxt < 'infinity' THEN
    UPDATE report_state SET cursor = nxt, updated_at = now(), step_by = who WHERE id = 1;
    RETURN true;
  END IF;
  -- done: the new zone is the zone; a zone set meanwhile starts next
  UPDATE report_state SET from_tz = st.to_tz, cursor = NULL, updated_at = now(), step_by = who WHERE id = 1;
  IF st.pending_tz IS NOT NULL THEN
    UPDATE report_state SET pending_tz = NULL WHERE id = 1;
    PERFORM reports_set_tz(st.pending_tz);
    RETURN true;
  END IF;
  RETURN false;
END $$;
--> statement-breakpoint

-- ---------------------------------------------------------------- rebuild
-- Everything from the base tables, set-based (an independent path to the same
-- numbers: the property tests compare it with the triggers and the folding).
-- Every step is one statement over all rows: no per-row PL/pgSQL. Histograms
-- are spread into one column per bucket while they are summed (plain window
-- sums make the running totals) and packed into arrays only when written.

-- "tmpl" once per g in lo..hi, '#' replaced by g, comma-separated (the rebuild's wide column lists).
CREATE OR REPLACE FUNCTION reports_cols(tmpl text, lo int, hi int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT string_agg(replace(tmpl, '#', g::text), ', ' ORDER BY g) FROM generate_series(lo, hi) g
$$;
--> statement-breakpoint
-- An expression: the columns <prefix>1..<prefix>n as a histogram array, cut after the last
-- entry that is not zero and NULL when all are zero (what reports_vadd leaves).
CREATE OR REPLACE FUNCTION reports_hist_expr(prefix text, n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('CASE WHEN greatest(%1$s) IS NULL THEN NULL ELSE (ARRAY[%2$s]::int[])[1:greatest(%1$s)] END',
                reports_cols('CASE WHEN ' || prefix || '# <> 0 THEN # END', 1, n), reports_cols(prefix || '#', 1, n))
$$;
--> statement-breakpoint
-- Empty rollups (report_cum, report_weeks) from the facts as counted, in the zone tz: running sums per key.
CREATE OR REPLACE FUNCTION reports_rebuild_rollups(tz text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  all_t constant uuid := 'ffffffff-ffff-ffff-ffff-ffffffffffff';
  running constant text := ' WINDOW w AS (PARTITION BY k.id ORDER BY x.day ROWS UNBOUNDED PRECEDING)';
BEGIN
  -- the keys, from the distinct combinations (small)
  INSERT INTO report_keys (fam, devkey, method, tech, vendor)
  SELECT 'a', pd.devkey, c.method, c.tech, ''
    FROM (SELECT DISTINCT profile, method, tech FROM report_attempts) s
    JOIN report_profile_devkeys pd ON pd.profile = s.profile
   CROSS JOIN LATERAL (VALUES (s.method, all_t), ('', s.tech), (s.method, s.tech), ('', all_t)) c(method, tech)
  UNION
  SELECT 'w', pd.devkey, '', c.tech, ''
    FROM (SELECT DISTINCT profile, tech FROM report_attempts) s
    JOIN report_profile_devkeys pd ON pd.profile = s.profile
   CROSS JOIN LATERAL (VALUES (s.tech), (all_t)) c(tech)
  UNION
  SELECT 'v', sd.devkey, '', s.tech, ''
    FROM (SELECT DISTINCT sig, tech FROM report_visits) s JOIN report_sig_devkeys sd ON sd.sig = s.sig
  UNION
  SELECT 'c', pd.devkey, '', c.tech, s.vendor
    FROM (SELECT DISTINCT profile, tech, vendor FROM report_vendor_cases) s
    JOIN report_profile_devkeys pd ON pd.profile = s.profile
   CROSS JOIN LATERAL (VALUES (s.tech), (all_t)) c(tech)
  ON CONFLICT DO NOTHING;
  ANALYZE report_keys;

  -- attempts per (profile, method, technician, day): c1..c8 as in report_cum, and
  -- f1..f34 / l1..l34 the succeeded timed first / later attempts per duration bucket (bucket + 1)
  DROP TABLE IF EXISTS pg_temp.reports_rb_a;
  EXECUTE 'CREATE TEMP TABLE reports_rb_a ON COMMIT DROP AS SELECT profile, method, tech, (at AT TIME ZONE ' || quote_literal(tz) || ')::date AS day, '
    || reports_cols('count(*) FILTER (WHERE first AND outcome = # - 1)::int AS c#', 1, 4) || ', '
    || reports_cols('count(*) FILTER (WHERE NOT first AND outcome = # - 5)::int AS c#', 5, 8) || ', '
    || reports_cols('count(*) FILTER (WHERE first AND outcome = 0 AND bucket + 1 = #)::int AS f#', 1, 34) || ', '
    || reports_cols('count(*) FILTER (WHERE NOT first AND outcome = 0 AND bucket + 1 = #)::int AS l#', 1, 34)
    || ' FROM report_attempts GROUP BY 1, 2, 3, 4';
  ANALYZE pg_temp.reports_rb_a;

  -- each under its keys (device keys of its profile x method / technician / both / neither), running sums per key
  EXECUTE 'INSERT INTO report_cum (key, day, c1, c2, c3, c4, c5, c6, c7, c8, h1, h2) SELECT key, day, c1, c2, c3, c4, c5, c6, c7, c8, '
    || reports_hist_expr('f', 34) || ', ' || reports_hist_expr('l', 34)
    || ' FROM (SELECT k.id AS key, x.day, ' || reports_cols('sum(sum(x.c#)::int) OVER w AS c#', 1, 8) || ', '
    || reports_cols('sum(sum(x.f#)::int) OVER w AS f#', 1, 34) || ', ' || reports_cols('sum(sum(x.l#)::int) OVER w AS l#', 1, 34)
    || $q$ FROM pg_temp.reports_rb_a x
          JOIN report_profile_devkeys pd ON pd.profile = x.profile
         CROSS JOIN LATERAL (VALUES (x.method, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid), ('', x.tech), (x.method, x.tech),
                                    ('', 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)) c(method, tech)
          JOIN report_keys k ON k.fam = 'a' AND k.devkey = pd.devkey AND k.method = c.method AND k.tech = c.tech AND k.vendor = ''
         GROUP BY k.id, x.day$q$ || running || ') y';

  -- the weekly trend
  EXECUTE 'INSERT INTO report_weeks (key, week, c1, c2, c3, c4, c5, c6, c7, c8) SELECT k.id, reports_week_of(x.day), '
    || reports_cols('sum(x.c#)::int', 1, 8)
    || $q$ FROM pg_temp.reports_rb_a x
          JOIN report_profile_devkeys pd ON pd.profile = x.profile
         CROSS JOIN LATERAL (VALUES (x.tech), ('ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)) c(tech)
          JOIN report_keys k ON k.fam = 'w' AND k.devkey = pd.devkey AND k.method = '' AND k.tech = c.tech AND k.vendor = ''
         GROUP BY 1, 2$q$;
  DROP TABLE pg_temp.reports_rb_a;

  -- completed visits (c1) and first-visit fixes (c2), under their signature's device keys
  EXECUTE 'INSERT INTO report_cum (key, day, c1, c2) SELECT k.id, x.day, sum(sum(x.n)::int) OVER w, sum(sum(x.fx)::int) OVER w
     FROM (SELECT sig, tech, (at AT TIME ZONE ' || quote_literal(tz) || $q$)::date AS day, count(*)::int AS n, count(*) FILTER (WHERE fixed)::int AS fx
             FROM report_visits GROUP BY 1, 2, 3) x
     JOIN report_sig_devkeys sd ON sd.sig = x.sig
     JOIN report_keys k ON k.fam = 'v' AND k.devkey = sd.devkey AND k.method = '' AND k.tech = x.tech AND k.vendor = ''
    GROUP BY k.id, x.day$q$ || running;

  -- vendor cases: turnaround histogram v1..v16 (bucket + 2; 1 = no result yet)
  EXECUTE 'INSERT INTO report_cum (key, day, h1) SELECT key, day, ' || reports_hist_expr('v', 16)
    || ' FROM (SELECT k.id AS key, x.day, ' || reports_cols('sum(sum(x.v#)::int) OVER w AS v#', 1, 16)
    || ' FROM (SELECT profile, tech, vendor, (at AT TIME ZONE ' || quote_literal(tz) || ')::date AS day, '
    || reports_cols('count(*) FILTER (WHERE bucket + 2 = #)::int AS v#', 1, 16)
    || $q$ FROM report_vendor_cases GROUP BY 1, 2, 3, 4) x
          JOIN report_profile_devkeys pd ON pd.profile = x.profile
         CROSS JOIN LATERAL (VALUES (x.tech), ('ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)) c(tech)
          JOIN report_keys k ON k.fam = 'c' AND k.devkey = pd.devkey AND k.method = '' AND k.tech = c.tech AND k.vendor = x.vendor
         GROUP BY k.id, x.day$q$ || running || ') y';
END $$;
--> statement-breakpoint
-- Applies the settings' time zone at once (a change in progress is finished by it).
CREATE OR REPLACE FUNCTION reports_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tz text := reports_tz();
  st report_state;
BEGIN
  SELECT * INTO st FROM report_state WHERE id = 1 FOR UPDATE;
  UPDATE report_state SET from_tz = tz, to_tz = tz, cursor = NULL, pending_tz = NULL, updated_at = now() WHERE id = 1;
  TRUNCATE report_deltas, report_cum, report_weeks, report_stage_facts, report_stage_cum, report_attempts, report_visits, report_vendor_cases,
           report_device_first, report_device_profiles;

  -- device profiles (the dimension rows first, set-based)
  INSERT INTO report_models (brand, key, name)
  SELECT DISTINCT ON (brand, lower(btrim(model))) brand, lower(btrim(model)), btrim(model)
    FROM devices WHERE btrim(coalesce(model, '')) <> '' ORDER BY brand, lower(btrim(model)), created_at, id
  ON CONFLICT DO NOTHING;
  INSERT INTO report_firmwares (brand, key, name)
  SELECT DISTINCT ON (brand, lower(btrim(firmware))) brand, lower(btrim(firmware)), btrim(firmware)
    FROM devices WHERE btrim(coalesce(firmware, '')) <> '' ORDER BY brand, lower(btrim(firmware)), created_at, id
  ON CONFLICT DO NOTHING;
  CREATE TEMP TABLE IF NOT EXISTS reports_rebuild_dp (device_id uuid, brand text, kind text, model_id int, firmware_id int, options int, seal text) ON COMMIT DROP;
  DELETE FROM reports_rebuild_dp;
  INSERT INTO reports_rebuild_dp
  SELECT d.id, d.brand, d.kind, coalesce(m.id, 0), coalesce(f.id, 0), reports_options_mask(d.recovery_options), coalesce(d.warranty_seal, 'unknown')
    FROM devices d
    LEFT JOIN report_models m ON m.brand = d.brand AND m.key = lower(btrim(d.model))
    LEFT JOIN report_firmwares f ON f.brand = d.brand AND f.key = lower(btrim(d.firmware));
  PERFORM reports_profile_of_ids(x.brand, x.kind, x.model_id, x.firmware_id, x.options, x.seal)
    FROM (SELECT DISTINCT brand, kind, model_id, firmware_id, options, seal FROM reports_rebuild_dp) x
   WHERE NOT EXISTS (SELECT 1 FROM report_profiles p WHERE (p.brand, p.kind, p.model_id, p.firmware_id, p.options, p.seal)
                                                         = (x.brand, x.kind, x.model_id, x.firmware_id, x.options, x.seal));
  INSERT INTO report_device_profiles (device_id, profile)
  SELECT x.device_id, p.id FROM reports_rebuild_dp x
    JOIN report_profiles p ON (p.brand, p.kind, p.model_id, p.firmware_id, p.options, p.seal) = (x.brand, x.kind, x.model_id, x.firmware_id, x.options, x.seal);

  INSERT INTO report_device_first (device_id, attempt_id)
  SELECT DISTINCT ON (device_id) device_id, id FROM attempts ORDER BY device_id, coalesce(started_at, created_at), seq, id;

  INSERT INTO report_attempts (attempt_id, at, tech, method, profile, first, outcome, bucket)
  SELECT a.id, coalesce(a.started_at, a.created_at), a.technician_id, a.method_id, dp.profile, f.attempt_id IS NOT NULL,
         reports_outcome_code(a.outcome),
         CASE WHEN a.outcome = 'succeeded' AND a.duration_seconds IS NOT NULL THEN reports_duration_bucket(a.duration_seconds) ELSE -1 END
    FROM attempts a
    JOIN report_device_profiles dp ON dp.device_id = a.device_id
    LEFT JOIN report_device_first f ON f.attempt_id = a.id;

  INSERT INTO report_vendor_cases (case_id, at, tech, profile, vendor, bucket)
  SELECT c.id, c.sent_at, a.technician_id, dp.profile, c.vendor, reports_turnaround_bucket(c.sent_at, c.result_received_at)
    FROM vendor_cases c JOIN attempts a ON a.id = c.attempt_id JOIN report_device_profiles dp ON dp.device_id = c.device_id;

  -- completed visits: facts, then their signatures
  CREATE TEMP TABLE IF NOT EXISTS reports_rebuild_v (visit_id uuid, at timestamptz, tech uuid, fixed boolean, profiles int[]) ON COMMIT DROP;
  DELETE FROM reports_rebuild_v;
  INSERT INTO reports_rebuild_v
  SELECT v.id, v.starts_at, coalesce(v.technician_id, '00000000-0000-0000-0000-000000000000'::uuid),
         coalesce(dv.n_devices > 0 AND dv.n_devices = dv.n_ok, false)
           AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.visit_id = v.id AND a.outcome = 'waiting_vendor')
           AND NOT EXISTS (SELECT 1 FROM vendor_cases c WHERE c.visit_id = v.id)
           AND NOT EXISTS (SELECT 1 FROM visits f WHERE f.follow_up_of = v.id AND f.status <> 'cancelled'),
         coalesce(dv.profiles, '{}')
    FROM visits v
    LEFT JOIN (
      SELECT vd.visit_id, count(*) AS n_devices, count(*) FILTER (WHERE la.outcome = 'succeeded') AS n_ok,
             array_agg(DISTINCT dp.profile ORDER BY dp.profile) FILTER (WHERE dp.profile IS NOT NULL) AS profiles
        FROM visit_devices vd
        JOIN visits cv ON cv.id = vd.visit_id AND cv.status = 'completed'
        LEFT JOIN report_device_profiles dp ON dp.device_id = vd.device_id
        LEFT JOIN (
          SELECT DISTINCT ON (visit_id, device_id) visit_id, device_id, outcome
            FROM attempts ORDER BY visit_id, device_id, seq DESC
        ) la ON la.visit_id = vd.visit_id AND la.device_id = vd.device_id
       GROUP BY vd.visit_id
    ) dv ON dv.visit_id = v.id
   WHERE v.status = 'completed';
  PERFORM reports_sig_of(x.profiles) FROM (SELECT DISTINCT profiles FROM reports_rebuild_v) x
   WHERE NOT EXISTS (SELECT 1 FROM report_sigs s WHERE s.profiles = x.profiles);
  INSERT INTO report_visits (visit_id, at, tech, fixed, sig)
  SELECT x.visit_id, x.at, x.tech, x.fixed, s.id FROM reports_rebuild_v x JOIN report_sigs s ON s.profiles = x.profiles;

  ANALYZE report_device_profiles, report_device_first, report_attempts, report_visits, report_vendor_cases;
  PERFORM reports_rebuild_rollups(tz);
  ANALYZE report_cum, report_weeks;
END $$;
--> statement-breakpoint
SELECT reports_rebuild();
