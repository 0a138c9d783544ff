/**
 * Who may see which rows: the scoping rules, beside the permission table
 * (lib/auth/permissions.ts says WHAT a role may do; this file says WHICH
 * records). Each scope checks the read permission first (401 signed out,
 * 403 without it), then returns a SQL filter for the query's WHERE
 * (undefined = every row). A record outside the scope is "not found" to the
 * caller, never "forbidden": no hint that it exists.
 *
 *   visits     admin: all · technician: assigned to them · customer: their own
 *   customers  admin: all · customer: their own record
 *   devices    admin: all · customer: their own · technician: on a visit assigned to them that is
 *              active, or completed less than the grace ago (settings; the device's backups follow)
 *   backups    deleted versions: only for those who may delete backups (admins)
 */
import "server-only";
import { eq, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { ACTIVE_VISIT_STATUSES, configBackups, customers, devices, settings, visitDevices, visits } from "@/db/schema";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { can, requirePermission, type Actor } from "./permissions";

/** Matches no row: the customer id of a customer login without a customer record. */
const NO_ROW = "00000000-0000-0000-0000-000000000000";
const NOTHING = sql`false`;

/** Visits this actor may read: admins all, technicians those assigned to them, customers their own. */
export function visitScope(actor: Actor | null): SQL | undefined {
  if (can(actor, "visits:dispatch")) return undefined;
  if (can(actor, "visits:read-assigned")) return eq(visits.technicianId, actor!.id);
  requirePermission(actor, "visits:read-own");
  return eq(visits.customerId, actor.customerId ?? NO_ROW);
}

/** Customers this actor may read: admins all, a customer login only its own record. */
export function customerScope(actor: Actor | null): SQL | undefined {
  if (can(actor, "customers:manage")) return undefined;
  requirePermission(actor, "customers:read-own");
  return eq(customers.id, actor.customerId ?? NO_ROW);
}

/** Visit statuses during which the assigned technician works with the visit's devices. */
const WORKING_STATUSES = sql.raw(["requested", ...ACTIVE_VISIT_STATUSES].map((st) => `'${st}'`).join(", "));

/** The company's grace after completion (settings.backupAccessGraceHours), read in the query itself. */
const graceHours = sql`coalesce((SELECT CASE WHEN jsonb_typeof(fk_s.value) = 'number' THEN (fk_s.value)::numeric::int END
  FROM ${settings} fk_s WHERE fk_s.key = 'backupAccessGraceHours'), ${DEFAULT_SETTINGS.backupAccessGraceHours})`;

/**
 * Devices this actor may see, and so their backups (page, download route and
 * API alike): admins all, customers their own, technicians only while they
 * hold an active visit with the device, or for a grace after completing it
 * (settings, default 24 h). A cancelled or missed visit, or one completed
 * longer ago, gives nothing: a technician's access to a device ends with
 * their work on it.
 */
export function deviceScope(actor: Actor | null): SQL | undefined {
  requirePermission(actor, "devices:read");
  if (can(actor, "devices:manage")) return undefined;
  if (can(actor, "customers:read-own")) return eq(devices.customerId, actor.customerId ?? NO_ROW);
  if (can(actor, "visits:read-assigned")) {
    return sql`EXISTS (SELECT 1 FROM ${visitDevices} JOIN ${visits} ON ${visits.id} = ${visitDevices.visitId}
      WHERE ${visitDevices.deviceId} = ${devices.id} AND ${visits.technicianId} = ${actor.id}
        AND (${visits.status} IN (${WORKING_STATUSES})
          OR (${visits.status} = 'completed' AND ${visits.completedAt} > now() - make_interval(hours => ${graceHours}))))`;
  }
  return NOTHING;
}

/** Which versions of a visible device's backups this actor sees: deleted ones only if they may delete backups (admins). */
export function backupScope(actor: Actor): SQL | undefined {
  return can(actor, "backups:delete") ? undefined : isNull(configBackups.deletedAt);
}

/**
 * Billing documents (estimates, invoices, credit notes, payments): admins all,
 * customers their own, technicians those of visits assigned to them. `t` is
 * the table's customer and visit columns.
 */
export function billingScope(actor: Actor | null, t: { customerId: AnyColumn; visitId: AnyColumn }): SQL | undefined {
  if (can(actor, "billing:manage")) return undefined;
  if (can(actor, "billing:read-own")) return eq(t.customerId, actor!.customerId ?? NO_ROW);
  if (can(actor, "billing:take-on-site")) return sql`${t.visitId} IN (SELECT fk_v.id FROM visits fk_v WHERE fk_v.technician_id = ${actor!.id})`;
  requirePermission(actor, "billing:manage");
  return NOTHING;
}

/** Whether this actor reads every visit (admins), e.g. for a calendar feed of everyone's visits. */
export const seesAllVisits = (actor: Pick<Actor, "role"> | null) => can(actor, "visits:dispatch");
