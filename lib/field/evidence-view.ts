import "server-only";
import type { Executor } from "@/db/client";
import type { EvidenceItem } from "@/db/schema";
import type { Brand, DeviceKind } from "@/lib/values";
import { methodApplies, type PlaybookMethod } from "./playbook";
import { photosOfDevices } from "@/lib/photos/read";
import { checkEvidence, type EvidenceFacts } from "@/lib/vendor-cases/evidence";
import { devicesWithUnsentRequest } from "@/lib/vendor-cases/evidence-data";

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
  devices: { id: string; brand: Brand; kind: DeviceKind; serial: string | null; model: string | null; mac: string | null; lorexDeviceId: string | null }[],
  authorized: boolean,
  methods: (Pick<PlaybookMethod, "brands" | "kinds" | "active"> & { id: string; vendorPending: boolean; evidence: EvidenceItem[] })[],
) {
  const pending = methods.filter((m) => m.vendorPending && m.evidence.length > 0);
  const deviceIds = devices.map((d) => d.id);
  // The device facts and the authorization are the job's own (getJob read them); photos and request files in one query each.
  const [photos, withRequest] = await Promise.all([photosOfDevices(db, deviceIds), devicesWithUnsentRequest(db, visitId, deviceIds)]);
  const facts = devices.map((d): EvidenceFacts => ({
    device: { serial: d.serial, model: d.model, mac: d.mac, lorexDeviceId: d.lorexDeviceId },
    authorized,
    photos: photos.filter((p) => p.deviceId === d.id).map((p) => ({ photoKind: p.photoKind, thisVisit: p.visitId === visitId })),
    requestFile: withRequest.has(d.id),
  }));
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
        // Only the methods of this device's playbook (its brand and kind), not every brand's on the visit.
        evidence: Object.fromEntries(
          pending
            .filter((m) => methodApplies(m, devices[i]!))
            .map((m) => [m.id, checkEvidence(m.evidence, facts[i]!).map((c) => ({ ...c.item, present: c.present }))]),
        ),
      },
    ]),
  );
}
