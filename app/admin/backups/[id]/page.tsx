import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { AuditTrail } from "@/app/_ui/backups/audit-trail";
import { backupAuditTrail } from "@/lib/backups/read";
import { getSettings } from "@/lib/settings/company";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Backup audit trail" };

export default async function BackupAuditPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("audit:read");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const [trail, s] = await Promise.all([backupAuditTrail(actor, { backupId: id }), getSettings()]);
  if (trail.length === 0) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Backup audit trail</h1>
      <div className="card">
        <AuditTrail events={trail} zone={s} />
      </div>
    </div>
  );
}
