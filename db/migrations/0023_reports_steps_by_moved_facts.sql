-- Time-zone steps bounded by the facts they move (issue #19). A step used to take the next max_rows facts of each
-- kind, whether or not their local day changes. Most do not (America/New_York -> America/Chicago moves the facts of
-- one hour a day), so most steps folded nothing (7 ms) and the few that crossed those hours folded up to 150 facts
-- into every key of each: at 1,000,000 attempts on PGlite, 9 ms a moved fact, steps up to 1.1 s, and every request
-- waits for the step in progress there.
-- Now a step ends at the max_rows-th fact (all kinds together) whose local day changes, and scans at most
-- 10 * max_rows facts of each kind to find them: the folding's work is bounded by max_rows whatever the zones, and
-- the steps that move nothing cover ten times the ground. Same window semantics as before: every fact in
-- (cursor, nxt] moves in this step, and the cursor advances to nxt.
CREATE OR REPLACE FUNCTION reports_migrate_step(max_rows int DEFAULT 1000, who text DEFAULT NULL) RETURNS boolean
LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  st report_state;
  scan int := 10 * greatest(max_rows, 1);
  lim timestamptz;
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
  -- how far this step may look: at most `scan` facts of each kind
  SELECT least(
           coalesce((SELECT at FROM report_attempts WHERE at > st.cursor ORDER BY at OFFSET scan - 1 LIMIT 1), 'infinity'),
           coalesce((SELECT at FROM report_visits WHERE at > st.cursor ORDER BY at OFFSET scan - 1 LIMIT 1), 'infinity'),
           coalesce((SELECT at FROM report_vendor_cases WHERE at > st.cursor ORDER BY at OFFSET scan - 1 LIMIT 1), 'infinity'))
    INTO lim;
  -- the window (cursor, nxt]: up to the max_rows-th fact in it whose local day changes
  SELECT coalesce((
    SELECT m.at FROM (
      SELECT at FROM report_attempts WHERE at > st.cursor AND at <= lim AND (at AT TIME ZONE st.from_tz)::date <> (at AT TIME ZONE st.to_tz)::date
      UNION ALL
      SELECT at FROM report_visits WHERE at > st.cursor AND at <= lim AND (at AT TIME ZONE st.from_tz)::date <> (at AT TIME ZONE st.to_tz)::date
      UNION ALL
      SELECT at FROM report_vendor_cases WHERE at > st.cursor AND at <= lim AND (at AT TIME ZONE st.from_tz)::date <> (at AT TIME ZONE st.to_tz)::date
    ) m ORDER BY m.at OFFSET greatest(max_rows, 1) - 1 LIMIT 1), lim)
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
