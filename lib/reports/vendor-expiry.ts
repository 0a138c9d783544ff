/**
 * How often vendors' answers died unused, per vendor and method: beside the
 * turnaround (how fast answers come), whether they were used in time. A small
 * query of its own over vendor_cases (thousands of rows, not millions), with
 * the report's filters: the local day the case was sent, the device's brand,
 * kind, model, firmware, recovery option and warranty seal, the technician who
 * sent it, the visit's customer, and whether its attempt was the device's first.
 */
import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import type { ReportFilters } from "./filters";
import { queryRows } from "./queries";
import { deviceConds, FIRST_OF_DEVICE } from "./raw";

export type VendorExpiryRow = {
  vendor: string;
  methodId: string;
  methodName: string;
  /** Cases whose answer came back. */
  answered: number;
  /** Answers used before they died. */
  used: number;
  /** Answers whose clock ran out before they were used. */
  expiredUnused: number;
  /** Answers voided on site (a reboot, an email change…). */
  voided: number;
  /** Answers in and still usable (not yet closed). */
  live: number;
};

export function vendorExpirySql(f: ReportFilters): SQL {
  const c: SQL[] = [sql`vc.result_received_at IS NOT NULL`];
  if (f.from) c.push(sql`vc.sent_at >= (${f.from}::date::timestamp AT TIME ZONE (SELECT reports_tz()))`);
  if (f.to) c.push(sql`vc.sent_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE (SELECT reports_tz()))`);
  // The device filters (brand, kind, model, firmware, recovery option, warranty seal) as the report's raw facts read them.
  c.push(...deviceConds(f));
  if (f.technician) c.push(sql`a.technician_id = ${f.technician}::uuid`);
  if (f.customer) c.push(sql`EXISTS (SELECT 1 FROM visits v WHERE v.id = vc.visit_id AND v.customer_id = ${f.customer}::uuid)`);
  if (f.attempt === "first") c.push(sql`a.id = ${FIRST_OF_DEVICE}`);
  if (f.attempt === "later") c.push(sql`a.id <> ${FIRST_OF_DEVICE}`);
  return sql`SELECT vc.vendor, a.method_id AS "methodId", m.name AS "methodName",
      count(*)::int AS answered,
      count(*) FILTER (WHERE vc.closed_reason = 'answered')::int AS used,
      count(*) FILTER (WHERE vc.closed_reason = 'expired_unused')::int AS "expiredUnused",
      count(*) FILTER (WHERE vc.closed_reason = 'voided')::int AS voided,
      count(*) FILTER (WHERE vc.status = 'result_received')::int AS live
    FROM vendor_cases vc
    JOIN attempts a ON a.id = vc.attempt_id
    JOIN recovery_methods m ON m.id = a.method_id
    JOIN devices d ON d.id = vc.device_id
    WHERE ${and(...c)}
    GROUP BY vc.vendor, a.method_id, m.name, m.sort_order
    ORDER BY vc.vendor, m.sort_order`;
}

export async function getVendorExpiry(actor: Actor | null, f: ReportFilters): Promise<VendorExpiryRow[]> {
  requirePermission(actor, "reports:read");
  const db = await getDb();
  return queryRows<VendorExpiryRow>(db, vendorExpirySql(f));
}
