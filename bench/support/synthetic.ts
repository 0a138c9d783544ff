/**
 * Realistic synthetic history for benchmarks (npm run bench:seed / bench:reports).
 * Set-based SQL (INSERT ... SELECT generate_series) in chunks, with the rollup
 * triggers switched off for the load (fieldkey.reports_bulk) and one
 * reports_rebuild() at the end, which computes exactly what the triggers would.
 *
 * Shape: 2 attempts per visit, 1 device per visit, each device visited ~1.5
 * times, 40 attempts per customer; brands 45% Dahua / 35% Hikvision / 20% Lorex;
 * kinds 40% DVR / 45% NVR / 15% camera; three models and three firmware versions
 * per brand; warranty seal 85% unknown, 10% intact, 5% broken; each of four
 * recovery options 'yes' on a quarter of devices; methods weighted towards the top of the
 * catalogue with a hidden success probability per method; visits spread over
 * `months` months before now; every visit completed, 1 in 25 a follow-up;
 * vendor cases for vendor-pending methods with 6–106 h turnaround (the last
 * 4 days still waiting). Ids are md5-derived so chunks can refer to each other.
 */
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { queryRows } from "@/lib/reports/queries";

export type SyntheticOptions = { attempts: number; technicians?: number; months?: number; chunk?: number; log?: (msg: string) => void };

const P_SUCCESS = sql.raw(`CASE id
  WHEN 'dahua_qr_dmss' THEN 0.86 WHEN 'dahua_security_questions' THEN 0.72 WHEN 'dahua_reset_button' THEN 0.83
  WHEN 'dahua_configtool_xml' THEN 0.93 WHEN 'dahua_support_serial_date' THEN 0.8 WHEN 'dahua_reset_button_ipc' THEN 0.9
  WHEN 'hik_guid_file' THEN 0.75 WHEN 'hik_security_questions' THEN 0.68 WHEN 'hik_reserved_email_qr' THEN 0.78
  WHEN 'hik_hikconnect_verify' THEN 0.6 WHEN 'hik_sadp_export' THEN 0.88 WHEN 'hik_sadp_security_code' THEN 0.55
  WHEN 'lorex_app_temp_password' THEN 0.8 WHEN 'lorex_support_temp_password' THEN 0.9 WHEN 'lorex_default_credentials' THEN 0.35
  ELSE 0.6 END`);

/** Device n's brand and kind, from its number (so attempts need no join to know them). */
const brandOf = (d: string) =>
  `(CASE WHEN (${d}::bigint * 7919) % 100 < 45 THEN 'dahua' WHEN (${d}::bigint * 7919) % 100 < 80 THEN 'hikvision' ELSE 'lorex' END)`;
const BRAND_OF = (d: string) => sql.raw(brandOf(d));
const KIND_OF = (d: string) =>
  sql.raw(`(CASE WHEN (${d}::bigint * 104729) % 100 < 40 THEN 'dvr' WHEN (${d}::bigint * 104729) % 100 < 85 THEN 'nvr' ELSE 'camera' END)`);
const OPT = sql.raw(`(ARRAY['yes','no','unknown','unknown'])[1 + floor(random() * 4)::int]`);
const FIRMWARE_OF = (d: string) =>
  sql.raw(`(CASE ${brandOf(d)} WHEN 'dahua' THEN (ARRAY['V4.001.0000003.1','V4.001.0000000.0','V3.216.0000006.0'])[1 + (${d} / 7) % 3]
    WHEN 'hikvision' THEN (ARRAY['V4.30.005','V4.62.210','V4.74.210'])[1 + (${d} / 7) % 3] ELSE (ARRAY['v2.800','v1.0.13','v2.100'])[1 + (${d} / 7) % 3] END)`);
const SEAL = sql.raw(`(CASE WHEN random() < 0.85 THEN 'unknown' WHEN random() < 0.67 THEN 'intact' ELSE 'broken' END)`);

export async function seedSyntheticHistory(db: Database, o: SyntheticOptions) {
  const N = Math.max(2, Math.floor(o.attempts));
  const T = o.technicians ?? 12;
  const M = o.months ?? 24;
  const chunk = o.chunk ?? 100_000;
  const log = o.log ?? (() => {});
  const V = Math.ceil(N / 2);
  const D = Math.ceil(V / 1.5);
  const C = Math.ceil(N / 40);
  const bulk = async (label: string, total: number, step: (lo: number, hi: number) => ReturnType<typeof sql>) => {
    for (let lo = 1; lo <= total; lo += chunk) {
      const hi = Math.min(total, lo + chunk - 1);
      await db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL fieldkey.reports_bulk = 'on'`);
        await tx.execute(step(lo, hi));
      });
      log(`${label} ${hi}/${total}`);
    }
  };

  await db.execute(sql`SELECT setseed(0.4242)`);
  await db.execute(sql`INSERT INTO users (id, email, name, role)
    SELECT md5('bench-tech' || i)::uuid, 'bench-tech-' || i || '@bench.test', 'Bench Tech ' || lpad(i::text, 2, '0'), 'technician'
    FROM generate_series(1, ${T}::int) i ON CONFLICT DO NOTHING`);
  await bulk(
    "customers",
    C,
    (lo, hi) => sql`INSERT INTO customers (id, name) SELECT md5('c' || i)::uuid, 'Bench customer ' || i FROM generate_series(${lo}::int, ${hi}::int) i`,
  );
  await bulk(
    "sites",
    C,
    (lo, hi) => sql`INSERT INTO sites (id, customer_id, address_line1, city, region, postal_code)
      SELECT md5('s' || i)::uuid, md5('c' || i)::uuid, i || ' Bench St', 'Cleveland', 'OH', '44101' FROM generate_series(${lo}::int, ${hi}::int) i`,
  );
  await bulk(
    "devices",
    D,
    (lo, hi) => sql`INSERT INTO devices (id, customer_id, site_id, brand, kind, model, firmware, warranty_seal, recovery_options)
      SELECT md5('d' || i)::uuid, md5('c' || (1 + (i - 1) % ${C}::int))::uuid, md5('s' || (1 + (i - 1) % ${C}::int))::uuid, ${BRAND_OF("i")}, ${KIND_OF("i")},
        CASE ${BRAND_OF("i")} WHEN 'dahua' THEN (ARRAY['DHI-NVR4108HS','XVR5108HS','DH-IPC-HDW2431'])[1 + i % 3]
          WHEN 'hikvision' THEN (ARRAY['DS-7608NI-K2','DS-7208HGHI','DS-2CD2143G2'])[1 + i % 3] ELSE (ARRAY['N841','D241','LNB8005'])[1 + i % 3] END,
        ${FIRMWARE_OF("i")}, ${SEAL},
        jsonb_build_object('recovery_email', ${OPT}, 'security_questions', ${OPT}, 'app_account', ${OPT}, 'guid_file', ${OPT})
      FROM generate_series(${lo}::int, ${hi}::int) i`,
  );
  await bulk(
    "visits",
    V,
    (lo, hi) => sql`INSERT INTO visits (id, reference, customer_id, site_id, technician_id, starts_at, ends_at, busy_until, status, follow_up_of, completed_at)
      SELECT md5('v' || i)::uuid, 'B-' || i, md5('c' || c)::uuid, md5('s' || c)::uuid, md5('bench-tech' || (1 + i % ${T}::int))::uuid,
             s, s + interval '1 hour', s + interval '90 minutes', 'completed',
             CASE WHEN i % 25 = 0 THEN md5('v' || (i - 1))::uuid END, s + interval '1 hour'
      FROM (SELECT i, 1 + ((1 + (i - 1) % ${D}::int) - 1) % ${C}::int AS c,
                   date_trunc('hour', now() - random() * ${M * 30.4} * interval '1 day') AS s
            FROM generate_series(${lo}::int, ${hi}::int) i) x`,
  );
  await bulk(
    "visit devices",
    V,
    (lo, hi) => sql`INSERT INTO visit_devices (visit_id, device_id)
      SELECT md5('v' || i)::uuid, md5('d' || (1 + (i - 1) % ${D}::int))::uuid FROM generate_series(${lo}::int, ${hi}::int) i`,
  );
  // Methods a device of each brand and kind can get, weighted towards the top of the catalogue.
  await db.execute(sql`DROP TABLE IF EXISTS bench_choice`);
  await db.execute(sql`CREATE TABLE bench_choice AS
    SELECT brand, kind, (row_number() OVER (PARTITION BY brand, kind ORDER BY id, w) - 1)::int AS idx, id AS method_id, p, typical, vendor_pending
    FROM (SELECT m.id, b AS brand, k AS kind, ${P_SUCCESS} AS p, coalesce(m.typical_minutes, 20) AS typical, m.vendor_pending,
                 greatest(1, 6 - (m.sort_order % 100) / 20) AS weight
          FROM recovery_methods m, unnest(m.brands) b, unnest(ARRAY['dvr','nvr','camera']) k
          WHERE m.id <> 'other' AND (m.kinds = '{}' OR k = ANY (m.kinds))) x, generate_series(1, weight) w`);
  await db.execute(sql`CREATE UNIQUE INDEX ON bench_choice (brand, kind, idx)`);
  await bulk(
    "attempts",
    N,
    (
      lo,
      hi,
    ) => sql`INSERT INTO attempts (id, visit_id, device_id, method_id, seq, technician_id, started_at, ended_at, duration_seconds, outcome, created_at, updated_at)
      SELECT md5('a' || g)::uuid, md5('v' || v)::uuid, md5('d' || d)::uuid, c.method_id, seq, vi.technician_id,
             vi.starts_at + seq * interval '15 minutes', vi.starts_at + seq * interval '15 minutes' + dur * interval '1 second', dur, outcome,
             vi.starts_at + seq * interval '15 minutes', vi.starts_at + seq * interval '15 minutes'
      FROM (SELECT g, v, d, seq, r, z,
                   ${BRAND_OF("d")} AS brand, ${KIND_OF("d")} AS kind
            FROM (SELECT g, 1 + (g - 1) / 2 AS v, 1 + ((1 + (g - 1) / 2) - 1) % ${D}::int AS d, 1 + (g - 1) % 2 AS seq, random() AS r,
                         sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
                  FROM generate_series(${lo}::int, ${hi}::int) g) s) a
      JOIN (SELECT brand, kind, count(*)::int AS n FROM bench_choice GROUP BY 1, 2) cn ON cn.brand = a.brand AND cn.kind = a.kind
      JOIN bench_choice c ON c.brand = a.brand AND c.kind = a.kind AND c.idx = (a.g * 2654435761::bigint % cn.n)::int
      JOIN visits vi ON vi.id = md5('v' || a.v)::uuid
      CROSS JOIN LATERAL (SELECT CASE WHEN c.vendor_pending AND vi.starts_at > now() - interval '4 days' THEN 'waiting_vendor'
                                      WHEN a.r < c.p THEN 'succeeded' WHEN a.r < c.p + 0.04 THEN 'abandoned' ELSE 'failed' END AS outcome) o
      CROSS JOIN LATERAL (SELECT CASE WHEN o.outcome = 'abandoned' AND a.r > c.p + 0.02 THEN NULL
                                      ELSE least(86400, greatest(30, round(c.typical * 60 * exp(0.45 * a.z))))::int END AS dur) t`,
  );
  await bulk(
    "vendor cases",
    N,
    (lo, hi) => sql`INSERT INTO vendor_cases (attempt_id, visit_id, device_id, vendor, what_was_sent, sent_at, due_at, status, result_received_at)
      SELECT a.id, a.visit_id, a.device_id, d.brand, 'export file', a.started_at, a.started_at + interval '48 hours',
             CASE WHEN a.outcome = 'waiting_vendor' THEN 'open' ELSE 'result_received' END,
             CASE WHEN a.outcome = 'waiting_vendor' THEN NULL ELSE a.started_at + (6 + random() * 100) * interval '1 hour' END
      FROM generate_series(${lo}::int, ${hi}::int) g
      JOIN attempts a ON a.id = md5('a' || g)::uuid
      JOIN recovery_methods m ON m.id = a.method_id AND m.vendor_pending
      JOIN devices d ON d.id = a.device_id`,
  );
  await db.execute(sql`DROP TABLE bench_choice`);
  log("rebuilding the rollups");
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT reports_rebuild()`);
  });
  await db.execute(sql`VACUUM ANALYZE`); // so autovacuum does not run during measurements
  const [counts] = await queryRows<{ attempts: number; visits: number; devices: number; cases: number; rollup: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM attempts)::int AS attempts, (SELECT count(*) FROM visits)::int AS visits, (SELECT count(*) FROM devices)::int AS devices,
        (SELECT count(*) FROM vendor_cases)::int AS cases, (SELECT count(*) FROM report_cum)::int AS rollup`,
  );
  return counts!;
}
