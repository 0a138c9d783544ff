import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/app/_ui/guard";
import { TechAppLoader } from "@/app/_field/app/loader";
import { loadWorkVisit } from "@/lib/field/access";
import { getDb } from "@/db/client";
import { maxBackupBytes } from "@/lib/backups/store";
import { NotFoundError } from "@/lib/platform/errors";

export const metadata: Metadata = { title: "Job" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The job page is a shell: the job itself comes from the phone's store
 * (GET /api/field/jobs/:id fills it), the same screen the offline shell
 * shows. Only the gate is here: another technician's job is a 404.
 */
export default async function TechJobPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("area:tech");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  try {
    await loadWorkVisit(await getDb(), actor, id);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  return (
    <div className="space-y-3">
      <a href="/tech" className="inline-flex min-h-11 items-center">
        ← My day
      </a>
      <TechAppLoader user={{ id: actor.id, name: actor.name }} view={{ kind: "job", visitId: id.toLowerCase() }} maxBytes={maxBackupBytes()} />
    </div>
  );
}
