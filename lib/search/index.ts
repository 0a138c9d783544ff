/**
 * The office's search box: one text, three kinds of record, grouped.
 *   visits     by reference (FK-…), from its start
 *   customers  by name, email or phone
 *   devices    by serial, MAC or Lorex Device ID
 * Each group is scoped by its own rule (lib/auth/scopes.ts) after the
 * search:office permission, and matches on the exact expressions the search
 * indexes are built on (db/migrations/0009_search_indexes.sql): the SQL text
 * of each expression below must stay identical to its index, or the search
 * falls back to reading every row. lib/search/search.test.ts checks the plans.
 */
import "server-only";
import { and, asc, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers, devices, visits } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { customerScope, deviceScope, visitScope } from "@/lib/auth/scopes";
import { visitTechnician } from "@/lib/visits/read";
import { cleanQuery, customerPatterns, devicePattern, referencePrefixes } from "./terms";

/** The indexed expressions (literal SQL: a bound parameter inside them would not match the index). */
export const customerSearchText = sql`(lower(${customers.name}) || ' ' || lower(coalesce(${customers.email}, '')) || ' ' || regexp_replace(coalesce(${customers.phone}, ''), '[^0-9]', '', 'g'))`;
export const deviceSearchText = sql`(regexp_replace(upper(coalesce(${devices.serial}, '') || ' ' || coalesce(${devices.mac}, '') || ' ' || coalesce(${devices.lorexDeviceId}, '')), '[^0-9A-Z ]', '', 'g'))`;
export const visitReferenceText = sql`(regexp_replace(upper(${visits.reference}), '[^0-9A-Z]', '', 'g'))`;

const anyLike = (expr: SQL, patterns: string[]) => or(...patterns.map((p) => sql`${expr} LIKE ${p}`));

export type SearchResults = Awaited<ReturnType<typeof searchOffice>>;

/**
 * Up to `limit` of each kind (and whether there are more), best first: a
 * reference typed in full, then the latest visits; customers and devices by
 * name and serial.
 */
export async function searchOffice(actor: Actor | null, text: string, opts: { limit?: number } = {}) {
  requirePermission(actor, "search:office");
  const q = cleanQuery(text);
  const limit = Math.min(Math.max(opts.limit ?? 5, 1), 50);
  const refs = referencePrefixes(q);
  const people = customerPatterns(q);
  const serial = devicePattern(q);
  const db = await getDb();
  const [visitRows, customerRows, deviceRows] = await Promise.all([
    refs
      ? db
          .select({
            id: visits.id,
            reference: visits.reference,
            status: visits.status,
            startsAt: visits.startsAt,
            endsAt: visits.endsAt,
            customerName: customers.name,
            technicianName: visitTechnician.name,
          })
          .from(visits)
          .innerJoin(customers, eq(customers.id, visits.customerId))
          .leftJoin(visitTechnician, eq(visitTechnician.id, visits.technicianId))
          .where(and(visitScope(actor), anyLike(visitReferenceText, refs)))
          .orderBy(sql`${visitReferenceText} = ${refs[0]!.slice(0, -1)} DESC`, desc(visits.startsAt), asc(visits.id))
          .limit(limit + 1)
      : [],
    people
      ? db
          .select({ id: customers.id, name: customers.name, email: customers.email, phone: customers.phone })
          .from(customers)
          .where(and(customerScope(actor), anyLike(customerSearchText, people)))
          .orderBy(asc(customers.name), asc(customers.id))
          .limit(limit + 1)
      : [],
    serial
      ? db
          .select({
            id: devices.id,
            brand: devices.brand,
            kind: devices.kind,
            model: devices.model,
            serial: devices.serial,
            mac: devices.mac,
            lorexDeviceId: devices.lorexDeviceId,
            customerId: devices.customerId,
            customerName: customers.name,
          })
          .from(devices)
          .innerJoin(customers, eq(customers.id, devices.customerId))
          .where(and(deviceScope(actor), sql`${deviceSearchText} LIKE ${serial}`))
          .orderBy(asc(devices.serial), asc(devices.id))
          .limit(limit + 1)
      : [],
  ]);
  return {
    q,
    /** False when the text is too short to search. */
    searched: !!(refs || people || serial),
    visits: visitRows.slice(0, limit),
    customers: customerRows.slice(0, limit),
    devices: deviceRows.slice(0, limit),
    more: { visits: visitRows.length > limit, customers: customerRows.length > limit, devices: deviceRows.length > limit },
  };
}
