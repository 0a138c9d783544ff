/**
 * Opening a vendor case (the rest of its life: ./manage.ts). Opened inside the
 * transaction of the waiting_vendor attempt that sent the request.
 */
import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { configBackups, vendorCases, visits, type EvidenceItem, type Vendor, type VisitStatus } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/permissions";
import { enqueueMail } from "@/lib/mail/outbox";
import { getSettings } from "@/lib/settings/company";
import { assertTransition } from "@/lib/visits/lifecycle";
import { vendorCaseMail } from "./vendor-mail";
import { unsentRequestFiles } from "./evidence-data";

/** Cases that still block completion. */
export const OPEN_CASE_STATUSES = ["open", "result_received"] as const;

/**
 * Open a vendor case for a waiting_vendor attempt, inside the attempt's
 * transaction (the caller has checked the method's evidence), and move the
 * visit to waiting_vendor. Links this visit's exported request file when the
 * method sends one, and drafts the email to the vendor's support address
 * (settings) unless there is none or the technician sends it another way.
 */
export async function openVendorCase(
  tx: Executor,
  actor: Actor,
  c: {
    attemptId: string;
    visit: { id: string; status: VisitStatus; reference: string };
    deviceId: string;
    vendor: Vendor;
    whatWasSent: string;
    sentAt: Date;
    method: { id: string; name: string; evidence: EvidenceItem[] };
    emailVendor?: boolean;
  },
  ip: string | null,
) {
  const s = await getSettings(tx);
  const dueAt = new Date(c.sentAt.getTime() + s.vendorCaseDueHours * 3_600_000);
  // The newest request file stored on this visit and not already sent with another case.
  let requestBackupId: string | null = null;
  if (c.method.evidence.some((e) => e.item === "request_file")) {
    const [file] = await tx
      .select({ id: configBackups.id })
      .from(configBackups)
      .where(unsentRequestFiles(tx, c.visit.id, [c.deviceId]))
      .orderBy(desc(configBackups.uploadedAt))
      .limit(1);
    requestBackupId = file?.id ?? null;
  }
  const [row] = await tx
    .insert(vendorCases)
    .values({
      attemptId: c.attemptId,
      visitId: c.visit.id,
      deviceId: c.deviceId,
      vendor: c.vendor,
      whatWasSent: c.whatWasSent,
      sentAt: c.sentAt,
      dueAt,
      requestBackupId,
    })
    .returning({ id: vendorCases.id, dueAt: vendorCases.dueAt });
  const to = s.vendorSupportEmails[c.vendor];
  let vendorMailId: string | null = null;
  if (to && c.emailVendor !== false) {
    const mail = await vendorCaseMail(tx, {
      to,
      vendor: c.vendor,
      visit: c.visit,
      deviceId: c.deviceId,
      method: c.method,
      whatWasSent: c.whatWasSent,
      requestFileId: requestBackupId,
      settings: s,
    });
    vendorMailId = await enqueueMail(tx, mail);
    await tx.update(vendorCases).set({ vendorMailId }).where(eq(vendorCases.id, row!.id));
  }
  await audit(tx, {
    actorId: actor.id,
    action: "vendor_case.open",
    entityType: "vendor_case",
    entityId: row!.id,
    details: {
      visitId: c.visit.id,
      deviceId: c.deviceId,
      vendor: c.vendor,
      methodId: c.method.id,
      dueAt,
      emailedTo: vendorMailId ? to : null,
      requestBackupId,
    },
    ip,
  });
  if (c.visit.status !== "waiting_vendor") {
    assertTransition(c.visit.status, "waiting_vendor");
    await tx.update(visits).set({ status: "waiting_vendor", updatedAt: new Date() }).where(eq(visits.id, c.visit.id));
    await audit(tx, {
      actorId: actor.id,
      action: "visit.status",
      entityType: "visit",
      entityId: c.visit.id,
      details: { from: c.visit.status, to: "waiting_vendor" },
      ip,
    });
  }
  return { ...row!, vendorMailId, emailedTo: vendorMailId ? to : null };
}

/** Is there an open case on this device in this visit? */
export async function openCaseFor(db: Executor, visitId: string, deviceId: string) {
  const [row] = await db
    .select({ id: vendorCases.id, sentAt: vendorCases.sentAt })
    .from(vendorCases)
    .where(and(eq(vendorCases.visitId, visitId), eq(vendorCases.deviceId, deviceId), inArray(vendorCases.status, OPEN_CASE_STATUSES)));
  return row ?? null;
}
