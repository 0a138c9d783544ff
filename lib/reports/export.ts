/**
 * CSV exports (admin only): each report table, and the raw attempts with the
 * device facts, streamed in pages so a million rows never sit in memory.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { RECOVERY_OPTIONS } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { toCsv, type Column } from "./csv";
import { getReportData } from "./data";
import type { ReportFilters } from "./filters";
import { likePattern, queryRows } from "./queries";
import { REPORT_TABLES, type ReportTableName } from "./tables";

export async function exportReportTable(actor: Actor | null, table: ReportTableName, filters: ReportFilters): Promise<string> {
  requirePermission(actor, "reports:read");
  const data = await getReportData(actor, filters);
  const t = REPORT_TABLES[table] as { columns: Column<unknown>[]; rows: (d: typeof data) => unknown[] };
  return toCsv(t.columns, t.rows(data));
}

type AttemptExportRow = {
  id: string;
  createdAt: string;
  day: string;
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  outcome: string;
  methodId: string;
  methodName: string;
  seq: number;
  technician: string;
  visitReference: string;
  visitStatus: string;
  brand: string;
  kind: string;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  channels: number | null;
  warrantySeal: string;
  recoveryOptions: Record<string, string>;
  description: string | null;
  notes: string | null;
};

const ATTEMPT_COLUMNS: Column<AttemptExportRow>[] = [
  { header: "attempt_id", value: (r) => r.id },
  { header: "day", value: (r) => r.day },
  { header: "started_at", value: (r) => r.startedAt },
  { header: "ended_at", value: (r) => r.endedAt },
  { header: "duration_minutes", value: (r) => (r.durationSeconds === null ? null : Math.round(r.durationSeconds / 6) / 10) },
  { header: "outcome", value: (r) => r.outcome },
  { header: "method_id", value: (r) => r.methodId },
  { header: "method", value: (r) => r.methodName },
  { header: "order_on_device", value: (r) => r.seq },
  { header: "technician", value: (r) => r.technician },
  { header: "visit", value: (r) => r.visitReference },
  { header: "visit_status", value: (r) => r.visitStatus },
  { header: "brand", value: (r) => r.brand },
  { header: "kind", value: (r) => r.kind },
  { header: "model", value: (r) => r.model },
  { header: "firmware", value: (r) => r.firmware },
  { header: "serial", value: (r) => r.serial },
  { header: "channels", value: (r) => r.channels },
  { header: "warranty_seal", value: (r) => r.warrantySeal },
  ...RECOVERY_OPTIONS.map((o) => ({ header: o, value: (r: AttemptExportRow) => r.recoveryOptions?.[o] ?? "unknown" })),
  { header: "description", value: (r) => r.description },
  { header: "notes", value: (r) => r.notes },
];

const DAY = sql`(coalesce(a.started_at, a.created_at) AT TIME ZONE (SELECT reports_tz()))::date`;

function attemptPage(f: ReportFilters, after: { createdAt: string; id: string } | null, limit: number): SQL {
  const c: SQL[] = [];
  if (f.from) c.push(sql`${DAY} >= ${f.from}::date`);
  if (f.to) c.push(sql`${DAY} <= ${f.to}::date`);
  if (f.brand) c.push(sql`d.brand = ${f.brand}`);
  if (f.kind) c.push(sql`d.kind = ${f.kind}`);
  if (f.technician) c.push(sql`a.technician_id = ${f.technician}::uuid`);
  if (f.model) c.push(sql`d.model ILIKE ${likePattern(f.model)}`);
  if (after) c.push(sql`(a.created_at, a.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return sql`SELECT a.id::text AS id, a.created_at::text AS "createdAt", ${DAY}::text AS day,
      to_char(a.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startedAt",
      to_char(a.ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "endedAt",
      a.duration_seconds AS "durationSeconds", a.outcome, a.method_id AS "methodId", m.name AS "methodName", a.seq,
      coalesce(u.name, '') AS technician, v.reference AS "visitReference", v.status AS "visitStatus",
      d.brand, d.kind, d.model, d.firmware, d.serial, d.channels, d.warranty_seal AS "warrantySeal",
      d.recovery_options AS "recoveryOptions", a.description, a.notes
    FROM attempts a
    JOIN devices d ON d.id = a.device_id
    JOIN visits v ON v.id = a.visit_id
    JOIN recovery_methods m ON m.id = a.method_id
    LEFT JOIN users u ON u.id = a.technician_id
    WHERE ${c.length ? sql.join(c, sql` AND `) : sql`true`}
    ORDER BY a.created_at, a.id
    LIMIT ${limit}`;
}

/** The raw attempts matching the filters, as CSV chunks (header first). */
export async function* exportAttemptsCsv(actor: Actor | null, filters: ReportFilters, opts: { pageSize?: number; db?: Executor } = {}): AsyncGenerator<string> {
  requirePermission(actor, "reports:read");
  const db = opts.db ?? (await getDb());
  const pageSize = opts.pageSize ?? 2000;
  let after: { createdAt: string; id: string } | null = null;
  yield toCsv(ATTEMPT_COLUMNS, []) + "\r\n";
  for (;;) {
    const rows: AttemptExportRow[] = await queryRows<AttemptExportRow>(db, attemptPage(filters, after, pageSize));
    if (!rows.length) return;
    yield toCsv(ATTEMPT_COLUMNS, rows, { header: false }) + "\r\n";
    if (rows.length < pageSize) return;
    const last: AttemptExportRow = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
