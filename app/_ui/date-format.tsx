"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { ZoneAndLocale } from "@/lib/format/dates";

const ZoneAndLocaleContext = createContext<ZoneAndLocale | null>(null);

/**
 * The company's time zone and locale for client components that format dates
 * (lib/format/dates). Set by the layouts (admin, portal, technician) and the
 * booking page from the company settings.
 */
export function DateFormatProvider({ timeZone, locale, children }: ZoneAndLocale & { children: ReactNode }) {
  return <ZoneAndLocaleContext value={{ timeZone, locale }}>{children}</ZoneAndLocaleContext>;
}

/** `{ timeZone, locale }` for lib/format/dates, from the nearest DateFormatProvider. */
export function useZoneAndLocale(): ZoneAndLocale {
  const value = useContext(ZoneAndLocaleContext);
  if (!value) throw new Error("useZoneAndLocale needs a DateFormatProvider above it (set in the layout).");
  return value;
}
