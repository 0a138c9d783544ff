import { notFound } from "next/navigation";
import { orNotFound, requirePagePermission } from "@/app/_ui/guard";
import { outboxMailExists } from "@/lib/mail/outbox-read";

/**
 * Says "not found" (a real 404) before this page's loading skeleton streams:
 * a layout renders outside its own segment's loading.tsx, a page does not
 * (Next streams a 200 as soon as the skeleton is shown, and a notFound() after
 * that cannot change it). test/coverage/loading-boundaries.test.ts checks it.
 */
export default async function OutboxMailLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("outbox:read");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  await orNotFound(outboxMailExists(actor, id));
  return children;
}
