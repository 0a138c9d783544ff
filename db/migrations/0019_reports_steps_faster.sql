-- Time-zone steps in less time (issue #19: a step must not hold the embedded database for long; every request
-- waits for the step in progress there). Measured at 15,000 attempts on PostgreSQL: a 1,000-fact step took 1.2 s.
-- 1. reports_fold_cum: both bounds of a stretch are in the index condition; the upper one was a filter, so each
--    changed stretch read every later day of its key (106 rows read per row written).
-- 2. No JIT in the folding: its statements' cost estimates pass jit_above_cost, and compiling them took 25-67 ms
--    per statement per step, more than running them (PGlite has no JIT: the setting changes nothing there).
-- lib/reports/engine.ts also moves 250 facts a step instead of 1,000.
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
      JOIN report_cum c ON c.key = nz.key AND c.day >= nz.day AND c.day < coalesce(nz.until, 'infinity'::date)
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
ALTER FUNCTION reports_fold() SET jit = off;
--> statement-breakpoint
ALTER FUNCTION reports_migrate_step(int, text) SET jit = off;
--> statement-breakpoint
ALTER FUNCTION reports_compact(int) SET jit = off;
