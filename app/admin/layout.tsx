import { DateFormatProvider } from "@/app/_ui/date-format";
import { requirePagePermission } from "@/app/_ui/guard";
import { SiteHeader } from "@/app/_ui/site-header";
import { Toaster } from "@/app/_ui/toaster";
import { AdminNav } from "./admin-nav";
import { HeaderSearch } from "./search/header-search";
import { getSettings } from "@/lib/settings/company";
import { ADMIN_NAV } from "./nav";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("area:admin");
  const { timeZone, locale } = await getSettings();
  return (
    <DateFormatProvider timeZone={timeZone} locale={locale}>
      <SiteHeader search={<HeaderSearch />} />
      <div className="mx-auto max-w-7xl lg:flex lg:gap-6 lg:px-4 lg:py-6">
        <AdminNav items={ADMIN_NAV} />
        <main id="main" className="min-w-0 flex-1 px-4 py-6 lg:px-0 lg:py-0">
          {children}
        </main>
      </div>
      <Toaster />
    </DateFormatProvider>
  );
}
