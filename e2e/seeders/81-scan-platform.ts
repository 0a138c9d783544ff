import { randomBytes } from "node:crypto";
import {
  calendarFeedTokens,
  holidays,
  mailOutbox,
  technicianHours,
  technicianProfiles,
  technicianTimeOff,
  users,
  webhookDeliveries,
  webhookEndpoints,
} from "@/db/schema";
import { tokenHash } from "@/lib/platform/secret-tokens";
import { SCAN } from "../support/scan-fixtures";
import type { Seeder } from "../support/seed";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const LONG = "a receiver that answered with a long, unhelpful error message which goes on and on without a single space to break it: ";

/**
 * Data for the page scans (e2e/a11y.spec.ts), part two: the platform lists no other seeder
 * fills in every run order (a failed mail, webhook deliveries, a calendar feed, holidays,
 * technician time off), with long texts where a layout can break. A technician with no
 * brands, so no journey's day, slots or counts change. Runs after 80-scan.ts (the mail
 * belongs to its visit).
 */
const seed: Seeder = async ({ db, terry }) => {
  const now = Date.now();
  await db.transaction(async (tx) => {
    // A mail that failed, with a long error and an attachment.
    await tx.insert(mailOutbox).values({
      id: SCAN.mail,
      kind: "booking.confirmation",
      toAddress: "lena.lindqvist-okonkwo@lakeside-dental-associates.example",
      subject: `Your visit ${SCAN.visitRef} is booked: Lakeside Dental Associates, second floor reception`,
      textBody: "Hello Lena,\n\nYour visit is booked.\n",
      attachments: [
        {
          filename: `visit-${SCAN.visitRef}.ics`,
          contentType: "text/calendar; charset=utf-8; method=REQUEST",
          contentBase64: Buffer.from("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").toString("base64"),
        },
      ],
      visitId: SCAN.visit,
      status: "failed",
      attempts: 10,
      lastError: `550 5.1.1 <lena.lindqvist-okonkwo@lakeside-dental-associates.example>: Recipient address rejected: ${LONG}${"x".repeat(120)}`,
      nextAttemptAt: new Date(now - 20 * DAY),
    });

    // A disabled webhook endpoint (nothing new is delivered to it) with its history.
    const [hook] = await tx
      .insert(webhookEndpoints)
      .values({
        url: "https://integrations.lakeside-dental-associates.example/webhooks/fieldkey/visits-and-backups/receiver-v2",
        description: "Practice management system (retired)",
        secret: `whsec_${randomBytes(24).toString("base64url")}`,
        events: ["visit.booked", "visit.completed", "backup.uploaded"],
        active: false,
        disabledAt: new Date(now - DAY),
      })
      .returning({ id: webhookEndpoints.id });
    await tx.insert(webhookDeliveries).values([
      {
        eventId: crypto.randomUUID(),
        endpointId: hook!.id,
        event: "visit.booked",
        payload: { visitId: SCAN.visit },
        status: "delivered",
        attempts: 1,
        lastStatusCode: 200,
        deliveredAt: new Date(now - 22 * DAY),
      },
      {
        eventId: crypto.randomUUID(),
        endpointId: hook!.id,
        event: "visit.completed",
        payload: { visitId: SCAN.visit },
        status: "failed",
        attempts: 8,
        lastStatusCode: 502,
        lastError: `HTTP 502 from ${LONG}`,
      },
    ]);

    // Terry's calendar feed; a holiday and time off far enough out to change no booking.
    await tx.insert(calendarFeedTokens).values({ tokenHash: tokenHash(`fkcal_${randomBytes(24).toString("base64url")}`), userId: terry.id, scope: "own" });
    await tx
      .insert(holidays)
      .values({ day: new Date(now + 333 * DAY).toISOString().slice(0, 10), name: "Company retreat (the office and every technician away)" })
      .onConflictDoNothing();

    // Sky Scanner: working hours and time off, but no brands, so never offered or assigned.
    await tx.insert(users).values({ id: SCAN.technician, email: "sky.scanner@fieldkey.test", name: "Sky Scanner", role: "technician", phone: "216-555-0188" });
    await tx.insert(technicianProfiles).values({ userId: SCAN.technician, brands: [] });
    await tx
      .insert(technicianHours)
      .values([1, 2, 3, 4, 5].map((weekday) => ({ technicianId: SCAN.technician, weekday, startMinute: 8 * 60, endMinute: 16 * 60 + 30 })));
    await tx.insert(technicianTimeOff).values({
      technicianId: SCAN.technician,
      startsAt: new Date(now + 200 * DAY),
      endsAt: new Date(now + 214 * DAY),
      reason: "Parental leave, two weeks (covered by Terry Tech for Dahua and Hikvision jobs)",
    });
  });
};

export default seed;
