/**
 * The .ics calendar file sent with booking mail (the `ics` library builds it).
 * One stable UID per visit; SEQUENCE grows with every change so calendar
 * apps replace the earlier version; METHOD:CANCEL removes it.
 */
import { createEvent } from "ics";
import type { MailAttachment } from "@/db/schema";

export type CalendarFacts = {
  visitId: string;
  reference: string;
  startsAt: Date;
  endsAt: Date;
  address: string;
  description: string;
  companyName: string;
  companyEmail: string;
  customerName: string;
  customerEmail: string | null;
  sequence: number;
  cancelled?: boolean;
};

export const visitUid = (visitId: string) => `visit-${visitId}@fieldkey`;

export function visitIcs(f: CalendarFacts): string {
  const { error, value } = createEvent({
    productId: "fieldkey/booking",
    method: f.cancelled ? "CANCEL" : "REQUEST",
    uid: visitUid(f.visitId),
    sequence: f.sequence,
    status: f.cancelled ? "CANCELLED" : "CONFIRMED",
    title: `${f.companyName} visit ${f.reference}`,
    description: f.description,
    location: f.address,
    start: f.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: f.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    organizer: { name: f.companyName, email: f.companyEmail },
    attendees: f.customerEmail ? [{ name: f.customerName, email: f.customerEmail, rsvp: false, role: "REQ-PARTICIPANT", partstat: "ACCEPTED" }] : [],
  });
  if (error || !value) throw error ?? new Error("could not build the calendar file");
  return value;
}

export function icsAttachment(reference: string, ics: string, cancelled = false): MailAttachment {
  return {
    filename: `visit-${reference}.ics`,
    contentType: `text/calendar; charset=utf-8; method=${cancelled ? "CANCEL" : "REQUEST"}`,
    contentBase64: Buffer.from(ics, "utf8").toString("base64"),
  };
}
