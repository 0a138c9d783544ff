-- More device keys (issue #19): the firmware as an attribute, like the model, and every pair of two device details.
-- A firmware-text filter, or two device details at once (a recovery option and a seal, a model and a firmware),
-- read the keys of every matching device profile (brand x kind x model x firmware x options x seal: thousands at 1M
-- attempts; firmware text 367 ms on PostgreSQL and 658 ms on PGlite, recovery email + seal intact 194 / 372 ms).
-- With 'f<firmware id>' and pair keys they read one key set per matching value, as a model-text filter does.
-- 1. reports_profile_attrs gains the firmware and the pairs; the two functions that call it are redefined.
-- 2. reports_rebuild_rollups takes the device keys to fill (NULL: all), so an upgrade fills only the new ones.
-- 3. Existing data: the new keys are mapped for every profile and visit signature, pending changes are folded,
--    and the new keys' rollups are built from the facts as counted (a time-zone move in progress: a full rebuild,
--    which finishes it). Measured in docs/reports.md.
DROP FUNCTION IF EXISTS reports_profile_attrs(int, int, text);
--> statement-breakpoint
-- The attributes a profile is counted under besides its own key: none (brand × kind), its model, its firmware,
-- each recovery option it had, its warranty seal, and every pair of those from two different details ('m3f7',
-- 'o2wintact': its model and firmware, an option it had and its seal, ...). A filter on one detail, or on two,
-- reads those keys only; three or more read the keys of every matching profile.
CREATE OR REPLACE FUNCTION reports_profile_attrs(m int, f int, o int, s text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  WITH d(dim, v) AS (
    SELECT 1, 'm' || m WHERE m > 0
    UNION ALL SELECT 2, 'f' || f WHERE f > 0
    UNION ALL SELECT 3, 'o' || b FROM generate_series(0, 5) b WHERE (o & (1 << b)) <> 0
    UNION ALL SELECT 4, 'w' || s
  )
  SELECT ARRAY[''] || ARRAY(SELECT v FROM d ORDER BY dim, v)
         || ARRAY(SELECT a.v || b.v FROM d a JOIN d b ON a.dim < b.dim ORDER BY a.dim, b.dim, a.v, b.v)
$$;
--> statement-breakpoint
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
  SELECT r, reports_devkey(p_brand, p_kind, a) FROM unnest(reports_profile_attrs(m, f, o, s)) a
  UNION SELECT r, dk
  ON CONFLICT DO NOTHING;
  RETURN r;
END $$;
--> statement-breakpoint
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
   CROSS JOIN LATERAL unnest(reports_profile_attrs(p.model_id, p.firmware_id, p.options, p.seal)) a(a)
   CROSS JOIN LATERAL (VALUES (p.brand), ('*')) b(b)
   CROSS JOIN LATERAL (VALUES (p.kind), ('*')) k(k)
   WHERE p.id = ANY (p_profiles)
  UNION SELECT r, reports_devkey('*', '*', '')
  UNION SELECT r, reports_devkey('*', '*', 'g' || r)
  ON CONFLICT DO NOTHING;
  RETURN r;
END $$;
--> statement-breakpoint
DROP FUNCTION IF EXISTS reports_rebuild_rollups(text);
--> statement-breakpoint
-- Empty rollups of these device keys (NULL: every key; report_cum and report_weeks hold none of them yet) from
-- the facts as counted, in the zone tz: running sums per key.
CREATE OR REPLACE FUNCTION reports_rebuild_rollups(tz text, only_devkeys int[] DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  all_t constant uuid := 'ffffffff-ffff-ffff-ffff-ffffffffffff';
  running constant text := ' WINDOW w AS (PARTITION BY k.id ORDER BY x.day ROWS UNBOUNDED PRECEDING)';
BEGIN
  -- the keys, from the distinct combinations (small)
  INSERT INTO report_keys (fam, devkey, method, tech, vendor)
  SELECT 'a', pd.devkey, c.method, c.tech, ''
    FROM (SELECT DISTINCT profile, method, tech FROM report_attempts) s
    JOIN report_profile_devkeys pd ON pd.profile = s.profile AND (only_devkeys IS NULL OR pd.devkey = ANY (only_devkeys))
   CROSS JOIN LATERAL (VALUES (s.method, all_t), ('', s.tech), (s.method, s.tech), ('', all_t)) c(method, tech)
  UNION
  SELECT 'w', pd.devkey, '', c.tech, ''
    FROM (SELECT DISTINCT profile, tech FROM report_attempts) s
    JOIN report_profile_devkeys pd ON pd.profile = s.profile AND (only_devkeys IS NULL OR pd.devkey = ANY (only_devkeys))
   CROSS JOIN LATERAL (VALUES (s.tech), (all_t)) c(tech)
  UNION
  SELECT 'v', sd.devkey, '', s.tech, ''
    FROM (SELECT DISTINCT sig, tech FROM report_visits) s JOIN report_sig_devkeys sd ON sd.sig = s.sig AND (only_devkeys IS NULL OR sd.devkey = ANY (only_devkeys))
  UNION
  SELECT 'c', pd.devkey, '', c.tech, s.vendor
    FROM (SELECT DISTINCT profile, tech, vendor FROM report_vendor_cases) s
    JOIN report_profile_devkeys pd ON pd.profile = s.profile AND (only_devkeys IS NULL OR pd.devkey = ANY (only_devkeys))
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
          JOIN report_profile_devkeys pd ON pd.profile = x.profile AND ($1::int[] IS NULL OR pd.devkey = ANY ($1::int[]))
         CROSS JOIN LATERAL (VALUES (x.method, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid), ('', x.tech), (x.method, x.tech),
                                    ('', 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)) c(method, tech)
          JOIN report_keys k ON k.fam = 'a' AND k.devkey = pd.devkey AND k.method = c.method AND k.tech = c.tech AND k.vendor = ''
         GROUP BY k.id, x.day$q$ || running || ') y' USING only_devkeys;

  -- the weekly trend
  EXECUTE 'INSERT INTO report_weeks (key, week, c1, c2, c3, c4, c5, c6, c7, c8) SELECT k.id, reports_week_of(x.day), '
    || reports_cols('sum(x.c#)::int', 1, 8)
    || $q$ FROM pg_temp.reports_rb_a x
          JOIN report_profile_devkeys pd ON pd.profile = x.profile AND ($1::int[] IS NULL OR pd.devkey = ANY ($1::int[]))
         CROSS JOIN LATERAL (VALUES (x.tech), ('ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)) c(tech)
          JOIN report_keys k ON k.fam = 'w' AND k.devkey = pd.devkey AND k.method = '' AND k.tech = c.tech AND k.vendor = ''
         GROUP BY 1, 2$q$ USING only_devkeys;
  DROP TABLE pg_temp.reports_rb_a;

  -- completed visits (c1) and first-visit fixes (c2), under their signature's device keys
  EXECUTE 'INSERT INTO report_cum (key, day, c1, c2) SELECT k.id, x.day, sum(sum(x.n)::int) OVER w, sum(sum(x.fx)::int) OVER w
     FROM (SELECT sig, tech, (at AT TIME ZONE ' || quote_literal(tz) || $q$)::date AS day, count(*)::int AS n, count(*) FILTER (WHERE fixed)::int AS fx
             FROM report_visits GROUP BY 1, 2, 3) x
     JOIN report_sig_devkeys sd ON sd.sig = x.sig AND ($1::int[] IS NULL OR sd.devkey = ANY ($1::int[]))
     JOIN report_keys k ON k.fam = 'v' AND k.devkey = sd.devkey AND k.method = '' AND k.tech = x.tech AND k.vendor = ''
    GROUP BY k.id, x.day$q$ || running USING only_devkeys;

  -- vendor cases: turnaround histogram v1..v16 (bucket + 2; 1 = no result yet)
  EXECUTE 'INSERT INTO report_cum (key, day, h1) SELECT key, day, ' || reports_hist_expr('v', 16)
    || ' FROM (SELECT k.id AS key, x.day, ' || reports_cols('sum(sum(x.v#)::int) OVER w AS v#', 1, 16)
    || ' FROM (SELECT profile, tech, vendor, (at AT TIME ZONE ' || quote_literal(tz) || ')::date AS day, '
    || reports_cols('count(*) FILTER (WHERE bucket + 2 = #)::int AS v#', 1, 16)
    || $q$ FROM report_vendor_cases GROUP BY 1, 2, 3, 4) x
          JOIN report_profile_devkeys pd ON pd.profile = x.profile AND ($1::int[] IS NULL OR pd.devkey = ANY ($1::int[]))
         CROSS JOIN LATERAL (VALUES (x.tech), ('ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)) c(tech)
          JOIN report_keys k ON k.fam = 'c' AND k.devkey = pd.devkey AND k.method = '' AND k.tech = c.tech AND k.vendor = x.vendor
         GROUP BY k.id, x.day$q$ || running || ') y' USING only_devkeys;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  st report_state;
  old_max int;
BEGIN
  -- No change may be logged meanwhile (writers wait for this upgrade): the facts the rebuild reads and the
  -- changes folded first must be the same moment, or a change would be counted twice under the new keys.
  LOCK TABLE report_deltas IN EXCLUSIVE MODE;
  SELECT * INTO st FROM report_state WHERE id = 1 FOR UPDATE;
  IF st.cursor IS NULL THEN
    PERFORM reports_compact_locked(st, 2147483647); -- pending changes, under the keys they had
  END IF;
  old_max := coalesce((SELECT max(id) FROM report_devkeys), 0);
  INSERT INTO report_profile_devkeys (profile, devkey)
  SELECT p.id, reports_devkey(p.brand, p.kind, a.a)
    FROM report_profiles p CROSS JOIN LATERAL unnest(reports_profile_attrs(p.model_id, p.firmware_id, p.options, p.seal)) a(a)
  ON CONFLICT DO NOTHING;
  -- a visit counts once under each (brand or any, kind or any, attribute) of its devices
  INSERT INTO report_sig_devkeys (sig, devkey)
  SELECT DISTINCT s.id, reports_devkey(b.b, k.k, a.a)
    FROM report_sigs s
    JOIN report_profiles p ON p.id = ANY (s.profiles)
   CROSS JOIN LATERAL unnest(reports_profile_attrs(p.model_id, p.firmware_id, p.options, p.seal)) a(a)
   CROSS JOIN LATERAL (VALUES (p.brand), ('*')) b(b)
   CROSS JOIN LATERAL (VALUES (p.kind), ('*')) k(k)
  ON CONFLICT DO NOTHING;
  IF NOT EXISTS (SELECT 1 FROM report_keys) THEN
    RETURN; -- nothing counted yet
  END IF;
  IF st.cursor IS NOT NULL THEN
    PERFORM reports_rebuild(); -- a time-zone move in progress: everything again, in the new zone
    RETURN;
  END IF;
  -- the attributes are new, so every device key made above is new and holds no rollups yet
  PERFORM reports_rebuild_rollups(st.to_tz, ARRAY(SELECT id FROM report_devkeys WHERE id > old_max));
  ANALYZE report_keys, report_cum, report_weeks;
END $$;
