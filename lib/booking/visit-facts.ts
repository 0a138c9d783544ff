/**
 * What a customer is told about a visit (confirmation page, mail, .ics),
 * read in the caller's transaction so it matches what was just written.
 */
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { customers, devices, mailOutbox, sites, users, visitDevices, visits, type VisitStatus } from "@/db/schema";
import { enqueueMail } from "@/lib/mail/outbox";
import { formatVisitWindow, type ZoneAndLocale } from "@/lib/format/dates";
import { cancelledMail, confirmationMail, rescheduledMail, WHAT_TO_PREPARE, type VisitMailFacts } from "@/lib/mail/templates/booking";
import type { CompanySettings } from "@/lib/settings/schema";
import { deviceLabel } from "@/lib/values/labels";
import { icsAttachment, visitIcs } from "../calendar/visit-ics";
import { appUrl } from "./invite";

export type VisitSummary = {
  visitId: string;
  reference: string;
  status: VisitStatus;
  startsAt: string;
  endsAt: string;
  /** The time window in the company time zone. */
  window: string;
  technicianFirstName: string | null;
  address: string;
  devices: string[];
};

export type VisitFacts = VisitSummary & {
  customerId: string;
  customerName: string;
  customerEmail: string | null;
  technicianId: string | null;
  start: Date;
  end: Date;
};

/** Mails that carry the visit's .ics: each one raises the calendar event's SEQUENCE. */
export const BOOKING_MAIL_KINDS = ["booking.confirmation", "booking.rescheduled", "booking.cancelled", "visit.moved"] as const;

export const firstName = (name: string | null | undefined) => (name ? name.trim().split(/\s+/)[0]! : null);

export function formatAddress(s: { addressLine1: string; addressLine2: string | null; city: string; region: string; postalCode: string }) {
  return [s.addressLine1, s.addressLine2, `${s.city}, ${s.region} ${s.postalCode}`].filter(Boolean).join(", ");
}

export async function loadVisitFacts(db: Executor, visitId: string, zone: ZoneAndLocale): Promise<VisitFacts | null> {
  const [v] = await db
    .select({
      id: visits.id,
      reference: visits.reference,
      status: visits.status,
      startsAt: visits.startsAt,
      endsAt: visits.endsAt,
      customerId: visits.customerId,
      technicianId: visits.technicianId,
      technicianName: users.name,
      customerName: customers.name,
      customerEmail: sql<
        string | null
      >`coalesce(${customers.email}, (select u.email from users u where u.customer_id = ${customers.id} order by u.created_at limit 1))`,
      addressLine1: sites.addressLine1,
      addressLine2: sites.addressLine2,
      city: sites.city,
      region: sites.region,
      postalCode: sites.postalCode,
    })
    .from(visits)
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .innerJoin(sites, eq(sites.id, visits.siteId))
    .leftJoin(users, eq(users.id, visits.technicianId))
    .where(eq(visits.id, visitId));
  if (!v) return null;
  const devs = await db
    .select({ brand: devices.brand, kind: devices.kind, model: devices.model })
    .from(visitDevices)
    .innerJoin(devices, eq(devices.id, visitDevices.deviceId))
    .where(eq(visitDevices.visitId, visitId))
    .orderBy(visitDevices.position, devices.createdAt, devices.id);
  return {
    visitId: v.id,
    reference: v.reference,
    status: v.status,
    startsAt: v.startsAt.toISOString(),
    endsAt: v.endsAt.toISOString(),
    window: formatVisitWindow(v.startsAt, v.endsAt, zone),
    technicianFirstName: firstName(v.technicianName),
    address: formatAddress(v),
    devices: devs.map(deviceLabel),
    customerId: v.customerId,
    customerName: v.customerName,
    customerEmail: v.customerEmail,
    technicianId: v.technicianId,
    start: v.startsAt,
    end: v.endsAt,
  };
}

function mailFacts(f: VisitFacts, s: CompanySettings): VisitMailFacts {
  return {
    reference: f.reference,
    customerName: f.customerName,
    startsAt: f.start,
    endsAt: f.end,
    timeZone: s.timeZone,
    locale: s.locale,
    address: f.address,
    technicianFirstName: f.technicianFirstName,
    devices: f.devices,
    companyName: s.companyName,
    companyPhone: s.companyPhone,
    portalUrl: `${appUrl()}/portal`,
    cancelCutoffHours: s.cancelCutoffHours,
  };
}

/** How many booking mails (each with an .ics) this visit already has: the next SEQUENCE. */
async function nextSequence(db: Executor, visitId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.visitId, visitId), inArray(mailOutbox.kind, [...BOOKING_MAIL_KINDS])));
  return Number(row?.n ?? 0);
}

export function calendarFor(f: VisitFacts, s: CompanySettings, sequence: number, cancelled = false) {
  return visitIcs({
    visitId: f.visitId,
    reference: f.reference,
    startsAt: f.start,
    endsAt: f.end,
    address: f.address,
    description: [
      `Reference ${f.reference}`,
      ...f.devices,
      "",
      "Please have ready:",
      ...WHAT_TO_PREPARE.map((p) => `- ${p}`),
      "",
      `Questions: ${s.companyPhone}`,
    ].join("\n"),
    companyName: s.companyName,
    companyEmail: s.companyEmail,
    customerName: f.customerName,
    customerEmail: f.customerEmail,
    sequence,
    cancelled,
  });
}

/** The .ics as last sent for this visit (for the download link). */
export async function currentCalendar(db: Executor, f: VisitFacts, s: CompanySettings) {
  const sent = await nextSequence(db, f.visitId);
  return calendarFor(f, s, Math.max(0, sent - 1), f.status === "cancelled");
}

/** Queue the confirmation / reschedule / cancellation mail with its .ics, in the caller's transaction. */
export async function queueVisitMail(
  tx: Executor,
  visitId: string,
  s: CompanySettings,
  what: { kind: "confirmation"; accountExists?: boolean } | { kind: "rescheduled"; previous: { startsAt: Date; endsAt: Date } } | { kind: "cancelled" },
) {
  const f = await loadVisitFacts(tx, visitId, s);
  if (!f?.customerEmail) return null;
  const sequence = await nextSequence(tx, visitId);
  const cancelled = what.kind === "cancelled";
  const ics = calendarFor(f, s, sequence, cancelled);
  const m = mailFacts(f, s);
  const content =
    what.kind === "confirmation"
      ? confirmationMail(m, { accountExists: what.accountExists })
      : what.kind === "rescheduled"
        ? rescheduledMail(m, what.previous)
        : cancelledMail(m);
  return enqueueMail(tx, {
    kind: `booking.${what.kind}`,
    to: f.customerEmail,
    subject: content.subject,
    text: content.text,
    attachments: [icsAttachment(f.reference, ics, cancelled)],
    visitId,
  });
}

/** The visit's updated .ics (next SEQUENCE) for a mail queued in the caller's transaction, e.g. a dispatcher's move. */
export async function updatedCalendarAttachment(tx: Executor, visitId: string, s: CompanySettings) {
  const f = await loadVisitFacts(tx, visitId, s);
  if (!f) return null;
  return icsAttachment(f.reference, calendarFor(f, s, await nextSequence(tx, visitId)));
}

export function publicSummary(f: VisitFacts): VisitSummary {
  return {
    visitId: f.visitId,
    reference: f.reference,
    status: f.status,
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    window: f.window,
    technicianFirstName: f.technicianFirstName,
    address: f.address,
    devices: f.devices,
  };
}
