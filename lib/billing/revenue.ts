/**
 * Revenue (admins, reports:read): what issued invoices earned before tax,
 * less credit notes, by month (company time zone), by the brand and recovery
 * method of the recovered devices they charged for, by technician, and the
 * average per invoiced visit. Void invoices and drafts do not count.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, queryRows } from "@/db/client";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { getSettings } from "@/lib/settings/company";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-05.");
export const revenueFilterSchema = z
  .object({ from: month.optional(), to: month.optional() })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end month must not be before the start month." });
export type RevenueFilter = z.output<typeof revenueFilterSchema>;

export type RevenueData = {
  currency: string;
  from: string;
  to: string;
  totalCents: number;
  invoicedVisits: number;
  averagePerVisitCents: number;
  byMonth: { month: string; invoicedCents: number; creditedCents: number; netCents: number; invoices: number }[];
  byBrandMethod: { brand: string; methodId: string | null; methodName: string | null; devices: number; netCents: number }[];
  byTechnician: { technicianId: string | null; technicianName: string; visits: number; netCents: number; averageCents: number }[];
};

export async function revenueReport(actor: Actor | null, filter: RevenueFilter, now = new Date()): Promise<RevenueData> {
  requirePermission(actor, "reports:read");
  const s = await getSettings();
  const db = await getDb();
  const thisMonth = new Intl.DateTimeFormat("en-CA", { timeZone: s.timeZone, year: "numeric", month: "2-digit" }).format(now).slice(0, 7);
  const to = filter.to ?? thisMonth;
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  const from = filter.from ?? `${tm === 12 ? ty : ty - 1}-${String((tm % 12) + 1).padStart(2, "0")}`; // the 12 months up to `to`
  const tz = s.timeZone;
  const m = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE '${tz.replace(/'/g, "")}', 'YYYY-MM')`);
  const inRange = (col: string) => sql`${m(col)} BETWEEN ${from} AND ${to}`;
  const ISSUED = sql`i.number IS NOT NULL AND i.status <> 'void'`;

  const byMonth = await queryRows<{ month: string; invoiced: string; credited: string; invoices: number }>(
    db,
    sql`WITH inv AS (SELECT ${m("i.issued_at")} AS month, sum(i.subtotal_cents) AS invoiced, count(*)::int AS invoices
          FROM invoices i WHERE ${ISSUED} AND ${inRange("i.issued_at")} GROUP BY 1),
        cr AS (SELECT ${m("cn.issued_at")} AS month, sum(cn.subtotal_cents) AS credited
          FROM credit_notes cn JOIN invoices i ON i.id = cn.invoice_id WHERE i.status <> 'void' AND ${inRange("cn.issued_at")} GROUP BY 1)
      SELECT coalesce(inv.month, cr.month) AS month, coalesce(inv.invoiced, 0)::bigint AS invoiced, coalesce(cr.credited, 0)::bigint AS credited,
        coalesce(inv.invoices, 0) AS invoices
      FROM inv FULL JOIN cr ON cr.month = inv.month ORDER BY 1`,
  );
  const byBrandMethod = await queryRows<{ brand: string; methodId: string | null; methodName: string | null; devices: number; net: string }>(
    db,
    sql`SELECT d.brand, a.method_id AS "methodId", rm.name AS "methodName", count(*)::int AS devices, sum(l.net_cents)::bigint AS net
      FROM invoice_lines l
      JOIN invoices i ON i.id = l.invoice_id
      JOIN devices d ON d.id = l.device_id
      LEFT JOIN LATERAL (SELECT method_id FROM attempts WHERE visit_id = i.visit_id AND device_id = l.device_id AND outcome = 'succeeded' ORDER BY seq DESC LIMIT 1) a ON true
      LEFT JOIN recovery_methods rm ON rm.id = a.method_id
      WHERE ${ISSUED} AND l.kind = 'device' AND l.net_cents > 0 AND ${inRange("i.issued_at")}
      GROUP BY 1, 2, 3 ORDER BY net DESC, 1, 2`,
  );
  const byTech = await queryRows<{ technicianId: string | null; technicianName: string | null; visits: number; net: string }>(
    db,
    sql`SELECT v.technician_id::text AS "technicianId", u.name AS "technicianName", count(DISTINCT i.visit_id)::int AS visits,
        sum(i.subtotal_cents - coalesce((SELECT sum(cn.subtotal_cents) FROM credit_notes cn WHERE cn.invoice_id = i.id), 0))::bigint AS net
      FROM invoices i JOIN visits v ON v.id = i.visit_id LEFT JOIN users u ON u.id = v.technician_id
      WHERE ${ISSUED} AND ${inRange("i.issued_at")}
      GROUP BY 1, 2 ORDER BY net DESC`,
  );
  const months = byMonth.map((r) => ({
    month: r.month,
    invoicedCents: Number(r.invoiced),
    creditedCents: Number(r.credited),
    netCents: Number(r.invoiced) - Number(r.credited),
    invoices: r.invoices,
  }));
  const totalCents = months.reduce((a, r) => a + r.netCents, 0);
  const invoicedVisits = byTech.reduce((a, r) => a + r.visits, 0);
  return {
    currency: s.currency,
    from,
    to,
    totalCents,
    invoicedVisits,
    averagePerVisitCents: invoicedVisits ? Math.round(totalCents / invoicedVisits) : 0,
    byMonth: months,
    byBrandMethod: byBrandMethod.map((r) => ({ ...r, netCents: Number(r.net) })).map(({ net: _n, ...r }) => r),
    byTechnician: byTech.map((r) => ({
      technicianId: r.technicianId,
      technicianName: r.technicianName ?? "Not assigned",
      visits: r.visits,
      netCents: Number(r.net),
      averageCents: r.visits ? Math.round(Number(r.net) / r.visits) : 0,
    })),
  };
}
