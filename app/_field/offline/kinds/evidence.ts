/** The evidence a vendor asks for, on the phone: device photos and each vendor-pending method's checklist ticked from them. */
import type { PhotoKind, QueuedWriteKind } from "@/lib/values";
import { PHOTO_KIND_LABELS } from "@/lib/values/labels";
import { recheckEvidence } from "@/lib/vendor-cases/evidence";
import { type ClientKind, type Device, type Job, deviceOf, pendingOf, str } from "./shared";

export const EVIDENCE_KINDS = {
  "photo.upload": {
    summary: (i, job) => {
      const d = job ? deviceOf(job, i.deviceId) : undefined;
      return `Photo: ${PHOTO_KIND_LABELS[i.photoKind as PhotoKind] ?? "device"}${d ? ` of ${d.label}` : ""}`;
    },
    // Shown at once (as waiting) and counted for the vendor's evidence checklist.
    apply: (job, item) => {
      const d = deviceOf(job, item.input.deviceId);
      const stored = (item.result as { id?: string } | undefined)?.id;
      if (!d || (stored && d.photos.some((p) => p.id === stored))) return;
      d.photos.unshift(
        Object.assign(
          {
            id: item.id,
            photoKind: item.input.photoKind as PhotoKind,
            width: 1,
            height: 1,
            takenAt: str(item.input.takenAt) || null,
            uploadedAt: item.madeAt,
            thisVisit: true,
            visitReference: job.visit.reference,
          },
          { pending: pendingOf(item) },
        ),
      );
    },
  },
} satisfies Partial<Record<QueuedWriteKind, ClientKind>>;

/**
 * A vendor-pending method's evidence checklist for a device as it stands on
 * the phone (the server's answer ticked again from unsynced facts and photos).
 */
export function evidenceOf(job: Job, d: Device, methodId: string) {
  const server = d.evidence[methodId];
  if (!server) return [];
  return recheckEvidence(server, {
    device: { serial: d.serial, model: d.model, mac: d.mac, lorexDeviceId: d.lorexDeviceId },
    authorized: !!job.authorization,
    photos: d.photos.map((p) => ({ photoKind: p.photoKind, thisVisit: p.thisVisit })),
  });
}
