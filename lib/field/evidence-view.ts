import "server-only";
import type { Executor } from "@/db/client";
import type { EvidenceItem } from "@/db/schema";
import { photosOfDevices } from "@/lib/photos/read";
import { checkEvidence } from "@/lib/vendor-cases/evidence";
import { evidenceFactsFor } from "@/lib/vendor-cases/evidence-data";

/**
 * What the job page shows of the evidence on each device: its photos across
 * visits (newest first, marked when taken on this visit) and, for each
 * vendor-pending method of its playbook, the checklist with what is present
 * (each item whole, so the phone can tick it again from work not yet synced).
 * Callers scope the visit (lib/field/access.ts).
 */
export async function evidenceForJob(
  db: Executor,
  visitId: string,
  deviceIds: string[],
  methods: { id: string; vendorPending: boolean; evidence: EvidenceItem[] }[],
) {
  const pending = methods.filter((m) => m.vendorPending && m.evidence.length > 0);
  const [photos, facts] = await Promise.all([photosOfDevices(db, deviceIds), Promise.all(deviceIds.map((d) => evidenceFactsFor(db, visitId, d)))]);
  return new Map(
    deviceIds.map((deviceId, i) => [
      deviceId,
      {
        photos: photos
          .filter((p) => p.deviceId === deviceId)
          .map((p) => ({
            id: p.id,
            photoKind: p.photoKind,
            width: p.width,
            height: p.height,
            takenAt: p.takenAt,
            uploadedAt: p.uploadedAt,
            thisVisit: p.visitId === visitId,
            visitReference: p.visitReference,
          })),
        evidence: Object.fromEntries(pending.map((m) => [m.id, checkEvidence(m.evidence, facts[i]!).map((c) => ({ ...c.item, present: c.present }))])),
      },
    ]),
  );
}
