import { DateFormatProvider } from "@/app/_ui/date-format";
import { requirePagePermission } from "@/app/_ui/guard";
import { SiteHeader } from "@/app/_ui/site-header";
import { Toaster } from "@/app/_ui/toaster";
import { getSettings } from "@/lib/settings/company";
import { PORTAL_NAV } from "./nav";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("area:portal");
  const { timeZone, locale } = await getSettings();
  return (
    <DateFormatProvider timeZone={timeZone} locale={locale}>
      <SiteHeader nav={PORTAL_NAV} />
      <main id="main" className="mx-auto max-w-4xl px-4 py-6">
        {children}
      </main>
      <Toaster />
    </DateFormatProvider>
  );
}
