import "server-only";
import { formatDateTime, formatVisitWindow } from "@/lib/format/dates";
import type { CompanySettings } from "@/lib/settings/company";
import type { OutgoingMail } from "@/lib/mail/outbox";

/** "Your visit was moved" (new time and/or technician), written in the same transaction as the move. */
export function visitMovedMail(v: {
  to: string;
  visitId: string;
  customerName: string;
  reference: string;
  startsAt: Date;
  endsAt: Date;
  technicianName: string;
  address: string;
  timeChanged: boolean;
  settings: CompanySettings;
}): OutgoingMail {
  const when = formatVisitWindow(v.startsAt, v.endsAt, v.settings);
  const subject = v.timeChanged
    ? `Your visit ${v.reference} has a new time: ${formatDateTime(v.startsAt, v.settings)}`
    : `Your visit ${v.reference} has a new technician`;
  const text = [
    `Hello ${v.customerName},`,
    "",
    v.timeChanged ? `We have moved your visit ${v.reference}.` : `A different technician will come to your visit ${v.reference}.`,
    "",
    `When: ${when}`,
    `Technician: ${v.technicianName}`,
    `Where: ${v.address}`,
    "",
    `If this does not suit you, call us on ${v.settings.companyPhone} or reply to this email.`,
    "",
    v.settings.companyName,
  ].join("\n");
  return { kind: "visit.moved", to: v.to, subject, text, visitId: v.visitId };
}
