import { notFound } from "next/navigation";
import { orNotFound, requirePagePermission } from "@/app/_ui/guard";
import { getEstimate } from "@/lib/billing/read";

/**
 * Says "not found" (a real 404) before this page's loading skeleton streams:
 * a layout renders outside its own segment's loading.tsx, a page does not
 * (Next streams a 200 as soon as the skeleton is shown, and a notFound() after
 * that cannot change it). test/coverage/loading-boundaries.test.ts checks it.
 */
export default async function MyEstimateLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("billing:read-own");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  await orNotFound(getEstimate(actor, id));
  return children;
}
