import { DateFormatProvider } from "@/app/_ui/date-format";
import { requirePagePermission } from "@/app/_ui/guard";
import { SiteHeader } from "@/app/_ui/site-header";
import { Toaster } from "@/app/_ui/toaster";
import { getSettings } from "@/lib/settings/company";

export default async function TechLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("area:tech");
  const { timeZone, locale } = await getSettings();
  return (
    <DateFormatProvider timeZone={timeZone} locale={locale}>
      <SiteHeader
        nav={[
          { href: "/tech", label: "My day" },
          { href: "/tech/calendar", label: "Calendar" },
          { href: "/two-factor/setup", label: "Sign-in security" },
        ]}
      />
      <main id="main" className="mx-auto max-w-3xl px-3 py-4 sm:px-4">
        {children}
      </main>
      <Toaster />
    </DateFormatProvider>
  );
}
