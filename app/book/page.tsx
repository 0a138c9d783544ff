import type { Metadata } from "next";
import Link from "next/link";
import { BookingForm } from "@/app/_ui/booking/booking-form";
import { DateFormatProvider } from "@/app/_ui/date-format";
import { SiteHeader } from "@/app/_ui/site-header";
import { PORTAL_NAV } from "@/app/portal/nav";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { myBookingProfile } from "@/lib/booking/profile";
import { getSettings } from "@/lib/settings/company";
import { publicPricing } from "@/lib/billing/price-list";
import { bookAction, slotsAction } from "./actions";
import { Toaster } from "@/app/_ui/toaster";

export const metadata: Metadata = { title: "Book a visit" };

export default async function BookPage() {
  const [actor, s] = await Promise.all([getActor(), getSettings()]);
  // Customers book for themselves (their saved details filled in); the office books from /admin/book; technicians do not book.
  const customer = can(actor, "visits:book-own");
  const [profile, pricing] = await Promise.all([customer ? myBookingProfile(actor) : null, publicPricing()]);
  return (
    <>
      <SiteHeader nav={customer ? PORTAL_NAV : []} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        <h1 className="text-2xl font-bold">Book an on-site visit</h1>
        {actor && !customer ? (
          <p className="card mt-4">
            {can(actor, "visits:dispatch") ? (
              <>
                Booking for a customer? Use <Link href="/admin/book">Book for a customer</Link>.
              </>
            ) : (
              <>Technicians do not book visits here. Ask the office, or call {s.companyPhone}.</>
            )}
          </p>
        ) : (
          <>
            <p className="mb-4 mt-1 text-slate-700">
              {profile ? (
                <>Booking as {profile.contact.name}. Your saved addresses and devices are filled in.</>
              ) : (
                <>
                  No account needed: you will make one as you book. Already a customer? <Link href="/signin?next=/book">Sign in</Link> first.
                </>
              )}{" "}
              Prefer the phone? Call <a href={`tel:${s.companyPhone.replace(/[^\d+]/g, "")}`}>{s.companyPhone}</a>.
            </p>
            <DateFormatProvider timeZone={s.timeZone} locale={s.locale}>
              <BookingForm mode={profile ? "customer" : "public"} book={bookAction} slots={slotsAction} profile={profile} pricing={pricing} />
            </DateFormatProvider>
          </>
        )}
      </main>
      <Toaster />
    </>
  );
}
