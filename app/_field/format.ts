import { DateTime } from "luxon";
import type { VisitStatus } from "@/db/schema";

/** Times on field screens are in the company's time zone, whatever the phone says. */
export const fmtTime = (d: Date, tz: string) => DateTime.fromJSDate(d, { zone: tz }).toFormat("h:mm a");
export const fmtWindow = (a: Date, b: Date, tz: string) => `${fmtTime(a, tz)} – ${fmtTime(b, tz)}`;
export const fmtDay = (d: Date, tz: string) => DateTime.fromJSDate(d, { zone: tz }).toFormat("ccc, LLL d");
export const fmtDateTime = (d: Date, tz: string) => DateTime.fromJSDate(d, { zone: tz }).toFormat("LLL d, h:mm a");

export function fullAddress(s: { addressLine1: string; addressLine2?: string | null; city: string; region: string; postalCode: string }) {
  return [s.addressLine1, s.addressLine2, `${s.city}, ${s.region} ${s.postalCode}`].filter(Boolean).join(", ");
}

/** The next one-tap move of a visit on the technician's screens, if any. */
export function nextMove(status: VisitStatus): { to: "en_route" | "on_site"; label: string } | null {
  if (status === "scheduled") return { to: "en_route", label: "On my way" };
  if (status === "en_route") return { to: "on_site", label: "Arrived on site" };
  return null;
}
