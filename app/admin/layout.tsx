import { requireRole } from "@/app/_ui/guard";
import { SiteHeader } from "@/app/_ui/site-header";
import { ADMIN_NAV } from "./nav";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireRole("admin");
  return (
    <>
      <SiteHeader nav={ADMIN_NAV} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
