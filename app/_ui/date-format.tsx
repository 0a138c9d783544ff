"use client";
import { createContext, useContext, useMemo, type ReactNode } from "react";
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

/**
 * The zone and locale for what it wraps once they are known (the technician's
 * app learns them from its first sync), the outer provider's until then. The
 * same element either way: switching from no provider to a provider would
 * re-mount everything below it (an open sheet, what was being typed).
 */
export function DateFormatScope({ zone, children }: { zone: ZoneAndLocale | null; children: ReactNode }) {
  const outer = useContext(ZoneAndLocaleContext);
  const timeZone = zone?.timeZone ?? outer?.timeZone;
  const locale = zone?.locale ?? outer?.locale;
  const value = useMemo(() => (timeZone && locale ? { timeZone, locale } : null), [timeZone, locale]);
  return <ZoneAndLocaleContext value={value}>{children}</ZoneAndLocaleContext>;
}

/** `{ timeZone, locale }` for lib/format/dates, from the nearest DateFormatProvider. */
export function useZoneAndLocale(): ZoneAndLocale {
  const value = useContext(ZoneAndLocaleContext);
  if (!value) throw new Error("useZoneAndLocale needs a DateFormatProvider above it (set in the layout).");
  return value;
}
