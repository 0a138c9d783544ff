import "server-only";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { customers, devices, users, vendorCases, visits, type Brand, type DeviceKind, type Vendor, type VisitStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError, parseInput } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { assertTransition } from "@/lib/visits/lifecycle";
import { assertEditable, loadWorkVisit } from "./access";
import { closeVendorCaseSchema } from "./schemas";

export const DO_NOT_REBOOT = "Do not reboot or power-cycle this device until the vendor's answer is applied: a reboot voids the request.";
/** Cases that still block completion. */
export const OPEN_CASE_STATUSES = ["open", "result_received"] as const;

/**
 * Open a vendor case for a waiting_vendor attempt, inside the attempt's
 * transaction, and move the visit to waiting_vendor.
 */
export async function openVendorCase(
  tx: Executor,
  actor: Actor,
  c: { attemptId: string; visit: { id: string; status: VisitStatus }; deviceId: string; vendor: Vendor; whatWasSent: string; sentAt: Date },
  ip: string | null,
) {
  const s = await getSettings(tx);
  const dueAt = new Date(c.sentAt.getTime() + s.vendorCaseDueHours * 3_600_000);
  const [row] = await tx
    .insert(vendorCases)
    .values({ attemptId: c.attemptId, visitId: c.visit.id, deviceId: c.deviceId, vendor: c.vendor, whatWasSent: c.whatWasSent, sentAt: c.sentAt, dueAt })
    .returning({ id: vendorCases.id, dueAt: vendorCases.dueAt });
  await audit(tx, { actorId: actor.id, action: "vendor_case.open", entityType: "vendor_case", entityId: row!.id, details: { visitId: c.visit.id, deviceId: c.deviceId, vendor: c.vendor, dueAt }, ip });
  if (c.visit.status !== "waiting_vendor") {
    assertTransition(c.visit.status, "waiting_vendor");
    await tx.update(visits).set({ status: "waiting_vendor", updatedAt: new Date() }).where(eq(visits.id, c.visit.id));
    await audit(tx, { actorId: actor.id, action: "visit.status", entityType: "visit", entityId: c.visit.id, details: { from: c.visit.status, to: "waiting_vendor" }, ip });
  }
  return row!;
}

/** Is there an open case on this device in this visit? */
export async function openCaseFor(db: Executor, visitId: string, deviceId: string) {
  const [row] = await db
    .select({ id: vendorCases.id, sentAt: vendorCases.sentAt })
    .from(vendorCases)
    .where(and(eq(vendorCases.visitId, visitId), eq(vendorCases.deviceId, deviceId), inArray(vendorCases.status, OPEN_CASE_STATUSES)));
  return row ?? null;
}

/**
 * Record the vendor's answer (or that none came) and close the case. When no
 * case of the visit stays open, the visit goes back to on_site, where the
 * technician logs the final outcome and completes.
 */
export async function closeVendorCase(actor: Actor | null, input: unknown, ip: string | null = null, extra: { resultBackupId?: string | null } = {}) {
  const data = parseInput(closeVendorCaseSchema, input);
  requirePermission(actor, "jobs:work");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ visitId: vendorCases.visitId }).from(vendorCases).where(eq(vendorCases.id, data.caseId));
    if (!found) throw new NotFoundError("Vendor case not found.");
    const v = await loadWorkVisit(tx, actor, found.visitId, { lock: true });
    assertEditable(v);
    const [c] = await tx.select({ status: vendorCases.status, notes: vendorCases.notes }).from(vendorCases).where(eq(vendorCases.id, data.caseId)).for("update");
    if (!c || !(OPEN_CASE_STATUSES as readonly string[]).includes(c.status)) throw new ConflictError("This vendor case is already closed.");
    const now = new Date();
    const status = data.result === "received" ? "closed" : "expired";
    await tx
      .update(vendorCases)
      .set({
        status,
        resultReceivedAt: data.result === "received" ? now : null,
        closedAt: now,
        notes: [c.notes, `Result: ${data.resultNote}`].filter(Boolean).join("\n"),
        ...(extra.resultBackupId ? { resultBackupId: extra.resultBackupId } : {}),
      })
      .where(eq(vendorCases.id, data.caseId));
    await audit(tx, { actorId: actor.id, action: "vendor_case.close", entityType: "vendor_case", entityId: data.caseId, details: { result: data.result, status }, ip });
    const stillOpen = await tx
      .select({ id: vendorCases.id })
      .from(vendorCases)
      .where(and(eq(vendorCases.visitId, v.id), ne(vendorCases.id, data.caseId), inArray(vendorCases.status, OPEN_CASE_STATUSES)));
    if (stillOpen.length === 0 && v.status === "waiting_vendor") {
      await tx.update(visits).set({ status: "on_site", updatedAt: now }).where(eq(visits.id, v.id));
      await audit(tx, { actorId: actor.id, action: "visit.status", entityType: "visit", entityId: v.id, details: { from: "waiting_vendor", to: "on_site" }, ip });
    }
    return { status };
  });
}

export type OpenVendorCaseRow = {
  id: string;
  vendor: Vendor;
  whatWasSent: string;
  sentAt: Date;
  dueAt: Date;
  ageHours: number;
  overdue: boolean;
  visitId: string;
  visitReference: string;
  customerName: string;
  technicianName: string | null;
  device: { brand: Brand; kind: DeviceKind; model: string | null; serial: string | null };
};

/** Every open vendor case, oldest due first (admins). */
export async function listOpenVendorCases(actor: Actor | null, now = new Date()): Promise<OpenVendorCaseRow[]> {
  requirePermission(actor, "vendor-cases:read-all");
  const db = await getDb();
  const rows = await db
    .select({
      id: vendorCases.id,
      vendor: vendorCases.vendor,
      whatWasSent: vendorCases.whatWasSent,
      sentAt: vendorCases.sentAt,
      dueAt: vendorCases.dueAt,
      visitId: visits.id,
      visitReference: visits.reference,
      customerName: customers.name,
      technicianName: users.name,
      brand: devices.brand,
      kind: devices.kind,
      model: devices.model,
      serial: devices.serial,
    })
    .from(vendorCases)
    .innerJoin(visits, eq(visits.id, vendorCases.visitId))
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .innerJoin(devices, eq(devices.id, vendorCases.deviceId))
    .leftJoin(users, eq(users.id, visits.technicianId))
    .where(inArray(vendorCases.status, OPEN_CASE_STATUSES))
    .orderBy(asc(vendorCases.dueAt));
  return rows.map(({ brand, kind, model, serial, ...r }) => ({
    ...r,
    device: { brand, kind, model, serial },
    ageHours: Math.max(0, (now.getTime() - r.sentAt.getTime()) / 3_600_000),
    overdue: r.dueAt.getTime() < now.getTime(),
  }));
}
