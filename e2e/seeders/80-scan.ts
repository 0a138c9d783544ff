import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import {
  attempts,
  auditEvents,
  authorizations,
  checklists,
  configBackups,
  customers,
  devices,
  invoiceLines,
  invoices,
  sites,
  users,
  vendorCases,
  visitDevices,
  visits,
} from "@/db/schema";
import { seal, sha256Hex } from "@/lib/backups/crypto";
import { draftInvoiceForVisit } from "@/lib/billing/invoices";
import { AUTHORIZATION_STATEMENT } from "@/lib/field/labels";
import { SCAN } from "../support/scan-fixtures";
import type { Seeder } from "../support/seed";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Data for the page scans (e2e/a11y.spec.ts), part one: a customer whose records fill
 * the lists no other seeder fills in every run order (backup audit trails, an open
 * vendor case), with long texts where a layout can break. Past visits only, so no
 * journey's day, slots or counts change. Part two (the platform lists: a failed mail,
 * webhook deliveries, a calendar feed, holidays, technician time off) is 81-scan-platform.ts.
 */
const seed: Seeder = async ({ db, terry }) => {
  const now = Date.now();
  await db.transaction(async (tx) => {
    await tx.insert(customers).values({
      id: SCAN.customer,
      name: "Lena Lindqvist-Okonkwo",
      email: "lena.lindqvist-okonkwo@lakeside-dental-associates.example",
      phone: "216-555-0177",
    });
    await tx.insert(users).values({
      email: "lena.lindqvist-okonkwo@lakeside-dental-associates.example",
      name: "Lena Lindqvist-Okonkwo",
      role: "customer",
      customerId: SCAN.customer,
    });
    const [home, office] = await tx
      .insert(sites)
      .values([
        { customerId: SCAN.customer, label: "Home", addressLine1: "14 Lakeview Terrace", city: "Cleveland", region: "OH", postalCode: "44102" },
        {
          customerId: SCAN.customer,
          label: "Lakeside Dental Associates, second floor reception",
          addressLine1: "27500 Chagrin Boulevard, Suite 2200 (use the loading dock entrance)",
          addressLine2: "Building C, Unit 14",
          city: "Beachwood",
          region: "OH",
          postalCode: "44122",
          accessNotes: "Recorder in the comms closet behind reception; ask for the facilities manager, who has the only key.",
        },
      ])
      .returning({ id: sites.id });
    await tx.insert(devices).values([
      {
        id: SCAN.device,
        customerId: SCAN.customer,
        siteId: office!.id,
        brand: "dahua",
        kind: "nvr",
        model: "DHI-NVR5216-16P-4KS2E-EXTENDED",
        serial: "7J0A8B9C0D1E2F3G4H5I6J7K8L9M0N1",
        firmware: "V4.001.0000000.6.R.220923",
        mac: "3C:EF:8C:12:34:56",
        channels: 16,
        recoveryOptions: { recovery_email: "unknown", security_questions: "no" },
      },
      { id: SCAN.device2, customerId: SCAN.customer, siteId: home!.id, brand: "lorex", kind: "dvr", model: "D861A82B", lorexDeviceId: "ND0123456789ABCDEF" },
    ]);

    // Three weeks ago: Terry unlocked the NVR (QR first, then the reset button); the Lorex waited on support, who never answered.
    const start = new Date(Math.floor((now - 21 * DAY) / HOUR) * HOUR);
    await tx.insert(visits).values({
      id: SCAN.visit,
      reference: SCAN.visitRef,
      customerId: SCAN.customer,
      siteId: office!.id,
      technicianId: terry.id,
      startsAt: start,
      endsAt: new Date(start.getTime() + 1.5 * HOUR),
      busyUntil: new Date(start.getTime() + 2 * HOUR),
      status: "completed",
      completedAt: new Date(start.getTime() + 1.5 * HOUR),
      bookingNotes: "Both recorders locked after the practice changed its IT contractor; the old one never handed over any passwords.",
    });
    await tx.insert(visitDevices).values([
      { visitId: SCAN.visit, deviceId: SCAN.device, position: 0, problem: "Nobody knows the admin password since the contractor left." },
      {
        visitId: SCAN.visit,
        deviceId: SCAN.device2,
        position: 1,
        problem: "Locked after too many tries.",
        notAttemptedReason: "Lorex support never answered.",
      },
    ]);
    await tx.insert(authorizations).values({
      visitId: SCAN.visit,
      personName: "Lena Lindqvist-Okonkwo",
      relationship: "owner",
      statement: AUTHORIZATION_STATEMENT,
      typedAcknowledgement: "Lena Lindqvist-Okonkwo",
      recordedBy: terry.id,
      recordedAt: new Date(start.getTime() + 10 * 60_000),
    });
    const [, , lorexTry] = await tx
      .insert(attempts)
      .values([
        {
          visitId: SCAN.visit,
          deviceId: SCAN.device,
          methodId: "dahua_qr_dmss",
          seq: 1,
          technicianId: terry.id,
          outcome: "failed",
          durationSeconds: 540,
          startedAt: new Date(start.getTime() + 15 * 60_000),
          notes: "The registered email is a former employee's.",
        },
        {
          visitId: SCAN.visit,
          deviceId: SCAN.device,
          methodId: "dahua_reset_button",
          seq: 2,
          technicianId: terry.id,
          outcome: "succeeded",
          durationSeconds: 1500,
          startedAt: new Date(start.getTime() + 30 * 60_000),
        },
        {
          visitId: SCAN.visit,
          deviceId: SCAN.device2,
          methodId: "lorex_support_temp_password",
          seq: 1,
          technicianId: terry.id,
          outcome: "failed",
          durationSeconds: 900,
          startedAt: new Date(start.getTime() + 60 * 60_000),
        },
      ])
      .returning({ id: attempts.id });
    await tx.insert(vendorCases).values({
      attemptId: lorexTry!.id,
      visitId: SCAN.visit,
      deviceId: SCAN.device2,
      vendor: "lorex",
      whatWasSent: "Device ID, photos of the device-info screen and the label",
      sentAt: new Date(start.getTime() + 70 * 60_000),
      dueAt: new Date(start.getTime() + 70 * 60_000 + 48 * HOUR),
      status: "expired",
      closedAt: new Date(start.getTime() + 4 * DAY),
      closedReason: "no_answer",
      notes: "Result: no answer after four days",
    });
    await tx.insert(checklists).values({ visitId: SCAN.visit, patternLockSet: "yes", configExported: "yes", recoveryEmailUpdated: "na", answeredBy: terry.id });

    // Its draft invoice, made as completion makes it, under a fixed id for the route matrix (a draft's lines may be rewritten).
    const drafted = await draftInvoiceForVisit(tx, SCAN.visit, null);
    const lines = await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, drafted));
    await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, drafted));
    await tx.update(invoices).set({ id: SCAN.invoice }).where(eq(invoices.id, drafted));
    if (lines.length > 0) await tx.insert(invoiceLines).values(lines.map((l) => ({ ...l, id: undefined, invoiceId: SCAN.invoice })));

    // Three days ago: back for the Lorex, waiting on Lorex again (overdue).
    const again = new Date(Math.floor((now - 3 * DAY) / HOUR) * HOUR);
    await tx.insert(visits).values({
      id: SCAN.waitingVisit,
      reference: "FK-SCAN02",
      customerId: SCAN.customer,
      siteId: home!.id,
      technicianId: terry.id,
      startsAt: again,
      endsAt: new Date(again.getTime() + HOUR),
      busyUntil: new Date(again.getTime() + 1.5 * HOUR),
      status: "waiting_vendor",
      followUpOf: SCAN.visit,
    });
    await tx.insert(visitDevices).values({ visitId: SCAN.waitingVisit, deviceId: SCAN.device2, position: 0, problem: "Still locked." });
    await tx.insert(authorizations).values({
      visitId: SCAN.waitingVisit,
      personName: "Lena Lindqvist-Okonkwo",
      relationship: "owner",
      statement: AUTHORIZATION_STATEMENT,
      typedAcknowledgement: "Lena Lindqvist-Okonkwo",
      recordedBy: terry.id,
    });
    const [waiting] = await tx
      .insert(attempts)
      .values({
        visitId: SCAN.waitingVisit,
        deviceId: SCAN.device2,
        methodId: "lorex_support_temp_password",
        seq: 1,
        technicianId: terry.id,
        outcome: "waiting_vendor",
        durationSeconds: 600,
      })
      .returning({ id: attempts.id });
    await tx.insert(vendorCases).values({
      attemptId: waiting!.id,
      visitId: SCAN.waitingVisit,
      deviceId: SCAN.device2,
      vendor: "lorex",
      whatWasSent: "Device ID ND0123456789ABCDEF with photos of the device-information screen and of the serial and model sticker",
      sentAt: new Date(again.getTime() + 20 * 60_000),
      dueAt: new Date(again.getTime() + 20 * 60_000 + 48 * HOUR),
      overdueNotifiedAt: new Date(again.getTime() + 50 * HOUR), // already reported: no webhook from the overdue scan
    });

    // Two config backup versions of the NVR; the newest downloaded twice (its audit trail).
    for (const [version, id] of [
      [1, "5ca40000-0000-4000-8000-0000000000a1"],
      [2, SCAN.backup],
    ] as const) {
      const bytes = Buffer.from(`scan fixture config v${version} ${randomBytes(8).toString("hex")}`);
      await tx.insert(configBackups).values({
        id,
        deviceId: SCAN.device,
        visitId: SCAN.visit,
        version,
        kind: "config",
        filename: `configFileExport-DHI-NVR5216-16P-4KS2E-v${version}-before-and-after-reset.backup`,
        contentType: "application/octet-stream",
        sizeBytes: bytes.length,
        sha256: sha256Hex(bytes),
        ...seal(id, bytes),
        firmwareAtExport: "V4.001.0000000.6.R.220923",
        note: version === 2 ? "Exported after the reset, with the new admin password and the 16 channels named." : null,
        uploadedBy: terry.id,
        uploadedAt: new Date(start.getTime() + (50 + version) * 60_000),
      });
      await tx.insert(auditEvents).values({
        actorId: terry.id,
        action: "backup.upload",
        entityType: "config_backup",
        entityId: id,
        details: { deviceId: SCAN.device, version, kind: "config", sizeBytes: bytes.length },
        ip: "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        at: new Date(start.getTime() + (50 + version) * 60_000),
      });
    }
    await tx.insert(auditEvents).values(
      [2, 5].map((days) => ({
        actorId: terry.id,
        action: "backup.download",
        entityType: "config_backup",
        entityId: SCAN.backup,
        details: { deviceId: SCAN.device, version: 2 },
        ip: "198.51.100.23",
        at: new Date(now - days * DAY),
      })),
    );
  });
};

export default seed;
