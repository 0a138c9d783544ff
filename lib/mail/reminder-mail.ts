import "server-only";
import { formatTime, formatVisitWindow } from "@/lib/format/dates";
import type { CompanySettings } from "@/lib/settings/company";
import type { OutgoingMail } from "./outbox";

/** The day-before reminder, with what to have ready (domain.md). */
export function reminderMail(v: {
  to: string;
  visitId: string;
  customerName: string;
  reference: string;
  startsAt: Date;
  endsAt: Date;
  technicianName: string | null;
  address: string;
  settings: CompanySettings;
}): OutgoingMail {
  const text = [
    `Hello ${v.customerName},`,
    "",
    `A reminder: your visit ${v.reference} is tomorrow.`,
    "",
    `When: ${formatVisitWindow(v.startsAt, v.endsAt, v.settings)}`,
    ...(v.technicianName ? [`Technician: ${v.technicianName}`] : []),
    `Where: ${v.address}`,
    "",
    "Please have ready:",
    "- physical access to the recorder (DVR/NVR) and any cameras we are working on",
    "- a monitor and a mouse connected to the recorder",
    "- access to any recovery email inbox that was set up on the device",
    "- the installer's details, if someone else set the system up",
    "",
    `To change or cancel, use your account or call us on ${v.settings.companyPhone}.`,
    "",
    v.settings.companyName,
  ].join("\n");
  return {
    kind: "visit.reminder",
    to: v.to,
    subject: `Reminder: your visit ${v.reference} is tomorrow at ${formatTime(v.startsAt, v.settings)}`,
    text,
    visitId: v.visitId,
  };
}
