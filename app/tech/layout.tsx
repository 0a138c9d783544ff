import { DateFormatProvider } from "@/app/_ui/date-format";
import { requirePagePermission } from "@/app/_ui/guard";
import { SiteHeader } from "@/app/_ui/site-header";
import { TechSignOut } from "@/app/_field/app/tech-sign-out";
import { Toaster } from "@/app/_ui/toaster";
import { getSettings } from "@/lib/settings/company";

export default async function TechLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePagePermission("area:tech");
  const { timeZone, locale } = await getSettings();
  return (
    <DateFormatProvider timeZone={timeZone} locale={locale}>
      {/* .fk-tech: dark when the phone is (app/globals.css) */}
      <div className="fk-tech min-h-dvh bg-slate-50 text-slate-900">
        <SiteHeader
          nav={[
            { href: "/tech", label: "My day" },
            { href: "/tech/calendar", label: "Calendar" },
            { href: "/two-factor/setup", label: "Sign-in security" },
          ]}
          signOut={<TechSignOut userId={actor.id} />}
        />
        <main id="main" className="mx-auto max-w-3xl px-3 py-4 sm:px-4">
          {children}
        </main>
        <Toaster />
      </div>
    </DateFormatProvider>
  );
}
