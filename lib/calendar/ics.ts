import { createEvents, type EventAttributes } from "ics";
import { VISIT_STATUS_LABELS } from "@/lib/values/labels";
import type { VisitStatus } from "@/db/schema";

export type FeedVisit = {
  id: string;
  reference: string;
  status: VisitStatus;
  customerName: string;
  technicianName: string | null;
  siteLabel: string | null;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  region: string;
  postalCode: string;
  startsAt: Date;
  endsAt: Date;
  bookingNotes: string | null;
  updatedAt: Date;
};

const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1);

/** SEQUENCE grows whenever the visit changes (seconds since 2020 of its updated_at), so calendar apps take the newer copy. */
export const sequenceOf = (updatedAt: Date) => Math.max(0, Math.floor((updatedAt.getTime() - SEQUENCE_EPOCH) / 1000));

function eventOf(v: FeedVisit, withTechnician: boolean): EventAttributes {
  const address = [v.addressLine1, v.addressLine2, `${v.city}, ${v.region} ${v.postalCode}`].filter(Boolean).join(", ");
  return {
    uid: `visit-${v.id}@fieldkey`,
    sequence: sequenceOf(v.updatedAt),
    start: v.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: v.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: `${v.reference} · ${v.customerName}${withTechnician && v.technicianName ? ` (${v.technicianName})` : ""}`,
    location: v.siteLabel ? `${v.siteLabel}: ${address}` : address,
    description: [
      `Status: ${VISIT_STATUS_LABELS[v.status] ?? v.status}`,
      withTechnician ? `Technician: ${v.technicianName ?? "not assigned"}` : null,
      v.bookingNotes ? `Notes: ${v.bookingNotes}` : null,
    ]
      .filter(Boolean)
      .join("\n"),
    status: v.status === "cancelled" || v.status === "no_show" ? "CANCELLED" : v.status === "requested" ? "TENTATIVE" : "CONFIRMED",
    busyStatus: v.status === "cancelled" ? "FREE" : "BUSY",
    lastModified: v.updatedAt.getTime(),
    classification: "PRIVATE",
  };
}

/** An iCalendar document of these visits. */
export function visitsToIcs(visits: FeedVisit[], calName: string, withTechnician: boolean): string {
  const { error, value } = createEvents(
    visits.map((v) => eventOf(v, withTechnician)),
    { productId: "-//FieldKey//Visits//EN", calName, method: "PUBLISH" },
  );
  if (error || !value) throw error ?? new Error("Could not build the calendar.");
  return value;
}
