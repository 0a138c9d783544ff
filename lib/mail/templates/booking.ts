/**
 * Booking mail: confirmation, reschedule, cancellation, and the invite to
 * set a password. Plain text (every client shows it) with the facts the
 * customer needs: when (company time zone), where, who, what to prepare.
 */
import { formatVisitWindow } from "@/lib/format/dates";

export type VisitMailFacts = {
  reference: string;
  customerName: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  locale: string;
  address: string;
  technicianFirstName: string | null;
  devices: string[];
  companyName: string;
  companyPhone: string;
  portalUrl: string;
  cancelCutoffHours: number;
};

/** From domain.md: what the technician needs on site. */
export const WHAT_TO_PREPARE = [
  "Physical access to the recorder (DVR/NVR) or camera: we may need to reach its ports and, for some methods, its reset button.",
  "A monitor (HDMI or VGA) and a USB mouse connected to the recorder, so we can work on its own screen.",
  "Access to any recovery email inbox that was registered on the device (codes are sent there).",
  "The installer's details, if someone else set the system up (they may know the recovery options).",
];

function body(f: VisitMailFacts, opening: string, extra: string[] = []) {
  return [
    `Hello ${f.customerName},`,
    "",
    opening,
    "",
    `Reference: ${f.reference}`,
    `When: ${formatVisitWindow(f.startsAt, f.endsAt, f)}`,
    `Where: ${f.address}`,
    ...(f.technicianFirstName ? [`Technician: ${f.technicianFirstName}`] : []),
    ...(f.devices.length ? ["Devices:", ...f.devices.map((d) => `  - ${d}`)] : []),
    ...extra,
    "",
    `Questions? Call ${f.companyName} at ${f.companyPhone}.`,
  ].join("\n");
}

const prepare = (f: VisitMailFacts) => [
  "",
  "Please have ready:",
  ...WHAT_TO_PREPARE.map((p) => `  - ${p}`),
  "",
  `You can reschedule or cancel online until ${f.cancelCutoffHours} hours before the visit: ${f.portalUrl}`,
  "The attached calendar file adds the visit to your calendar.",
];

/**
 * Booked without signing in, with the email of an existing account: the booking was made (for a customer
 * record without a login, so nothing of the account changed) and the email tells its owner how to use the account.
 */
const accountExistsNote = (f: VisitMailFacts) => [
  "",
  `This email address already has an account with ${f.companyName}. This visit was booked without signing in, so it is not in that account`,
  "and nothing about the account changed (no new password was set). To see and manage your visits online, sign in:",
  f.portalUrl.replace(/\/portal$/, "/signin"),
  `Forgot the password? Choose a new one at ${f.portalUrl.replace(/\/portal$/, "/forgot-password")}. To change or cancel this visit, call us.`,
];

export function confirmationMail(f: VisitMailFacts, opts: { accountExists?: boolean } = {}) {
  const extra = opts.accountExists ? [...accountExistsNote(f), ...prepare(f).filter((l) => !l.startsWith("You can reschedule"))] : prepare(f);
  return { subject: `Your visit ${f.reference} is booked`, text: body(f, "Your on-site visit is booked.", extra) };
}

export function rescheduledMail(f: VisitMailFacts, previous: { startsAt: Date; endsAt: Date }) {
  return {
    subject: `Your visit ${f.reference} has a new time`,
    text: body(f, `Your visit has moved. It was ${formatVisitWindow(previous.startsAt, previous.endsAt, f)}.`, prepare(f)),
  };
}

export function cancelledMail(f: VisitMailFacts) {
  return {
    subject: `Your visit ${f.reference} is cancelled`,
    text: body(f, "Your visit is cancelled. The attached calendar file removes it from your calendar.", [
      "",
      `To book again: ${f.portalUrl.replace(/\/portal$/, "/book")}`,
    ]),
  };
}

export function inviteMail(p: { name: string; link: string; companyName: string; days: number }) {
  return {
    subject: `Set your ${p.companyName} password`,
    text: [
      `Hello ${p.name},`,
      "",
      `An account was made for you so you can see and manage your visits with ${p.companyName}.`,
      "Choose your password here:",
      "",
      p.link,
      "",
      `The link works once and expires in ${p.days} days. If you did not expect this, you can ignore this email.`,
    ].join("\n"),
  };
}
