import { SiteHeader } from "@/app/_ui/site-header";
import { Toaster } from "@/app/_ui/toaster";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-md px-4 py-8 sm:py-12">
        {children}
      </main>
      <Toaster />
    </>
  );
}
