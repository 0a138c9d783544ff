import { requirePagePermission } from "@/app/_ui/guard";
import { SiteHeader } from "@/app/_ui/site-header";

export default async function TechLayout({ children }: { children: React.ReactNode }) {
  await requirePagePermission("area:tech");
  return (
    <>
      <SiteHeader
        nav={[
          { href: "/tech", label: "My day" },
          { href: "/tech/calendar", label: "Calendar" },
        ]}
      />
      <main id="main" className="mx-auto max-w-3xl px-3 py-4 sm:px-4">
        {children}
      </main>
    </>
  );
}
