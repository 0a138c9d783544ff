import type { Metadata } from "next";
import { TechAppLoader } from "@/app/_field/app/loader";
import { OfflineHeader } from "@/app/_field/app/offline-header";

/**
 * The offline shell: prerendered at build time (no request, no nonce, no user
 * data). The service worker precaches it and answers /tech navigations with
 * it when the network does not, stamping a fresh nonce into its tags and CSP.
 * Everything shown comes from the phone's store.
 */
export const dynamic = "force-static";
export const metadata: Metadata = { title: "FieldKey", robots: { index: false } };

export default function TechShell() {
  return (
    <div className="fk-tech min-h-dvh bg-slate-50 text-slate-900">
      <OfflineHeader />
      <main id="main" className="mx-auto max-w-3xl px-3 py-4 sm:px-4">
        <TechAppLoader />
      </main>
    </div>
  );
}
