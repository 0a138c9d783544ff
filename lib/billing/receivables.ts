/**
 * Receivables (admins): issued invoices with what is still owed, aged by days
 * past their due date (company time zone) into buckets, with totals per
 * bucket; the same rows as CSV.
 */
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, queryRows } from "@/db/client";
import { AGE_BUCKETS, type AgeBucket, type Currency, type InvoiceStatus } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { likePattern } from "@/lib/reports/queries";
import { toCsv, type Column } from "@/lib/reports/csv";
import { getSettings } from "@/lib/settings/company";
import { centsToDecimal } from "./money";

export const RECEIVABLE_STATUSES = ["open", "overdue", "paid", "all"] as const;
export const receivablesFilterSchema = z.object({
  status: z.enum(RECEIVABLE_STATUSES, "Use open, overdue, paid or all.").optional().default("open"),
  bucket: z.enum(AGE_BUCKETS, "Pick an age bucket from the list.").optional(),
  q: z.string().trim().max(100, "Use at most 100 characters.").optional().default(""),
});
export type ReceivablesFilter = z.output<typeof receivablesFilterSchema>;

export type ReceivableRow = {
  id: string;
  number: string;
  status: InvoiceStatus;
  customerId: string;
  customerName: string;
  visitReference: string;
  currency: Currency;
  issuedOn: string;
  dueOn: string;
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  balanceCents: number;
  daysOverdue: number;
  bucket: AgeBucket;
};

const MAX_ROWS = 500;

function bucketSql(today: string): SQL {
  return sql`CASE WHEN i.due_on >= ${today}::date THEN 'current' WHEN ${today}::date - i.due_on <= 30 THEN '1-30'
    WHEN ${today}::date - i.due_on <= 60 THEN '31-60' WHEN ${today}::date - i.due_on <= 90 THEN '61-90' ELSE '90+' END`;
}

export async function receivables(actor: Actor | null, filter: ReceivablesFilter, opts: { limit?: number; now?: Date } = {}) {
  requirePermission(actor, "billing:manage");
  const s = await getSettings();
  const db = await getDb();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: s.timeZone }).format(opts.now ?? new Date());
  const bucket = bucketSql(today);
  const where: SQL[] = [sql`i.number IS NOT NULL`, sql`i.status <> 'void'`];
  if (filter.status === "open") where.push(sql`i.status IN ('issued','partially_paid')`);
  if (filter.status === "overdue") where.push(sql`i.status IN ('issued','partially_paid') AND i.due_on < ${today}::date`);
  if (filter.status === "paid") where.push(sql`i.status = 'paid'`);
  if (filter.q) where.push(sql`(c.name ILIKE ${likePattern(filter.q)} OR i.number ILIKE ${likePattern(filter.q)})`);
  const base = sql.join(where, sql` AND `);
  const rows = await queryRows<ReceivableRow>(
    db,
    sql`SELECT i.id::text AS id, i.number, i.status, i.customer_id::text AS "customerId", c.name AS "customerName", v.reference AS "visitReference",
        i.currency, to_char((i.issued_at AT TIME ZONE ${s.timeZone})::date, 'YYYY-MM-DD') AS "issuedOn", i.due_on::text AS "dueOn",
        i.total_cents AS "totalCents", i.paid_cents AS "paidCents", i.credited_cents AS "creditedCents",
        (i.total_cents - i.paid_cents - i.credited_cents) AS "balanceCents",
        GREATEST(${today}::date - i.due_on, 0) AS "daysOverdue", ${bucket} AS bucket
      FROM invoices i JOIN customers c ON c.id = i.customer_id JOIN visits v ON v.id = i.visit_id
      WHERE ${base} ${filter.bucket ? sql`AND ${bucket} = ${filter.bucket}` : sql``}
      ORDER BY i.due_on, i.number
      LIMIT ${opts.limit ?? MAX_ROWS + 1}`,
  );
  // Totals per bucket over what is still owed (the filters on customer apply; status and bucket do not).
  const totals = await queryRows<{ bucket: AgeBucket; owed: number; count: number }>(
    db,
    sql`SELECT ${bucket} AS bucket, sum(i.total_cents - i.paid_cents - i.credited_cents)::bigint AS owed, count(*)::int AS count
      FROM invoices i JOIN customers c ON c.id = i.customer_id
      WHERE i.status IN ('issued','partially_paid') ${filter.q ? sql`AND (c.name ILIKE ${likePattern(filter.q)} OR i.number ILIKE ${likePattern(filter.q)})` : sql``}
      GROUP BY 1`,
  );
  const byBucket = Object.fromEntries(AGE_BUCKETS.map((b) => [b, { owedCents: 0, count: 0 }])) as Record<AgeBucket, { owedCents: number; count: number }>;
  for (const t of totals) byBucket[t.bucket] = { owedCents: Number(t.owed), count: Number(t.count) };
  const data = rows.map((r) => ({
    ...r,
    totalCents: Number(r.totalCents),
    paidCents: Number(r.paidCents),
    creditedCents: Number(r.creditedCents),
    balanceCents: Number(r.balanceCents),
    daysOverdue: Number(r.daysOverdue),
  }));
  const limit = opts.limit ?? MAX_ROWS + 1;
  return {
    rows: data.slice(0, limit === MAX_ROWS + 1 ? MAX_ROWS : limit),
    truncated: limit === MAX_ROWS + 1 && data.length > MAX_ROWS,
    buckets: byBucket,
    totalOwedCents: Object.values(byBucket).reduce((a, b) => a + b.owedCents, 0),
    currency: s.currency,
    today,
  };
}

const COLUMNS: Column<ReceivableRow>[] = [
  { header: "invoice", value: (r) => r.number },
  { header: "status", value: (r) => r.status },
  { header: "customer", value: (r) => r.customerName },
  { header: "visit", value: (r) => r.visitReference },
  { header: "issued_on", value: (r) => r.issuedOn },
  { header: "due_on", value: (r) => r.dueOn },
  { header: "currency", value: (r) => r.currency },
  { header: "total", value: (r) => centsToDecimal(r.totalCents) },
  { header: "paid", value: (r) => centsToDecimal(r.paidCents) },
  { header: "credited", value: (r) => centsToDecimal(r.creditedCents) },
  { header: "balance", value: (r) => centsToDecimal(r.balanceCents) },
  { header: "days_overdue", value: (r) => r.daysOverdue },
  { header: "age_bucket", value: (r) => r.bucket },
];

/** The receivables as CSV (the injection-safe helper of the reports). */
export async function receivablesCsv(actor: Actor | null, filter: ReceivablesFilter) {
  const r = await receivables(actor, filter, { limit: 100_000 });
  return toCsv(COLUMNS, r.rows);
}
