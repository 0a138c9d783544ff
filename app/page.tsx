import Link from "next/link";
import { CalendarCheck, FileLock2, ShieldCheck, Wrench } from "lucide-react";
import { SiteHeader } from "@/app/_ui/site-header";
import { getSettings } from "@/lib/settings/company";

export default async function Home() {
  const s = await getSettings();
  return (
    <>
      <SiteHeader />
      <main id="main">
        <section className="bg-brand-800 text-white">
          <div className="mx-auto max-w-6xl px-4 py-14 sm:py-20">
            <h1 className="max-w-3xl text-3xl font-bold leading-tight sm:text-5xl">
              Locked out of your security recorder? We come to you and get you back in.
            </h1>
            <p className="mt-4 max-w-2xl text-lg text-blue-100">
              {s.companyName} technicians recover access to Dahua, Lorex and Hikvision DVRs, NVRs and cameras on site, keep your footage and settings safe, and
              leave you set up so it does not happen again.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              {/* On the dark band the default blue focus ring would not show: a white one does. */}
              <Link href="/book" className="btn bg-white text-brand-800 hover:bg-blue-50 focus-visible:outline-white">
                <CalendarCheck aria-hidden className="size-5" /> Book a visit
              </Link>
              <Link href="/signin" className="btn border border-white/60 text-white hover:bg-white/10 focus-visible:outline-white">
                Sign in
              </Link>
            </div>
          </div>
        </section>
        <section className="mx-auto grid max-w-6xl gap-4 px-4 py-12 sm:grid-cols-3">
          <div className="card">
            <Wrench aria-hidden className="mb-2 size-6 text-brand-700" />
            <h2 className="text-lg font-semibold">The right method first</h2>
            <p className="mt-1 text-slate-700">
              Recovery email, security questions, app accounts, vendor unlock files: we try what keeps your configuration intact before anything that wipes it.
            </p>
          </div>
          <div className="card">
            <ShieldCheck aria-hidden className="mb-2 size-6 text-brand-700" />
            <h2 className="text-lg font-semibold">Only for the owner</h2>
            <p className="mt-1 text-slate-700">Before we touch a device, the person on site confirms they own or administer it and signs for the work.</p>
          </div>
          <div className="card">
            <FileLock2 aria-hidden className="mb-2 size-6 text-brand-700" />
            <h2 className="text-lg font-semibold">Your backup, kept safe</h2>
            <p className="mt-1 text-slate-700">We export your recorder’s configuration and keep it encrypted; download it any time from your account.</p>
          </div>
        </section>
        <section className="mx-auto max-w-6xl px-4 pb-16 text-slate-700">
          <h2 className="text-lg font-semibold text-slate-900">Prefer to call?</h2>
          <p>
            <a href={`tel:${s.companyPhone.replace(/[^\d+]/g, "")}`}>{s.companyPhone}</a> · {s.companyAddress}
          </p>
        </section>
      </main>
    </>
  );
}
