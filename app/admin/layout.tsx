import { requirePagePermission } from "@/app/_ui/guard";
import { SiteHeader } from "@/app/_ui/site-header";
import { AdminNav } from "./admin-nav";
import { ADMIN_NAV } from "./nav";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("area:admin");
  return (
    <>
      <SiteHeader />
      <div className="mx-auto max-w-7xl lg:flex lg:gap-6 lg:px-4 lg:py-6">
        <AdminNav items={ADMIN_NAV} />
        <main id="main" className="min-w-0 flex-1 px-4 py-6 lg:px-0 lg:py-0">
          {children}
        </main>
      </div>
    </>
  );
}
