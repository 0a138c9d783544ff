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

export const STATUS_BADGE: Record<VisitStatus, string> = {
  requested: "bg-slate-200 text-slate-800",
  scheduled: "bg-blue-100 text-blue-900",
  en_route: "bg-amber-100 text-amber-900",
  on_site: "bg-green-100 text-green-900",
  waiting_vendor: "bg-purple-100 text-purple-900",
  completed: "bg-slate-800 text-white",
  cancelled: "bg-red-100 text-red-900",
  no_show: "bg-red-100 text-red-900",
};

/** The next one-tap move of a visit on the technician's screens, if any. */
export function nextMove(status: VisitStatus): { to: "en_route" | "on_site"; label: string } | null {
  if (status === "scheduled") return { to: "en_route", label: "On my way" };
  if (status === "en_route") return { to: "on_site", label: "Arrived on site" };
  return null;
}
