import { orNotFound, requirePagePermission } from "@/app/_ui/guard";
import { getTechnicianAvailability } from "@/lib/availability/technicians";

/**
 * Says "not found" (a real 404) before this page's loading skeleton streams:
 * a layout renders outside its own segment's loading.tsx, a page does not
 * (Next streams a 200 as soon as the skeleton is shown, and a notFound() after
 * that cannot change it). test/coverage/loading-boundaries.test.ts checks it.
 */
export default async function TechnicianLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("availability:manage");
  await orNotFound(getTechnicianAvailability(actor, (await params).id));
  return children;
}
