import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull, notInArray, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { authorizations, configBackups, devices, recoveryMethods, vendorCases } from "@/db/schema";
import type { EvidenceFacts } from "./evidence";

/** A method's vendor-case data from the catalogue. */
export const methodClockColumns = {
  id: recoveryMethods.id,
  name: recoveryMethods.name,
  answerValidity: recoveryMethods.answerValidity,
  voidedBy: recoveryMethods.voidedBy,
  doNotReboot: recoveryMethods.doNotReboot,
  evidence: recoveryMethods.evidence,
};

/** The vault files that can serve as evidence for one device on one visit: its photos (any visit) and this visit's request files, newest first. */
export async function evidenceFiles(db: Executor, visitId: string, deviceId: string) {
  const rows = await db
    .select({
      id: configBackups.id,
      kind: configBackups.kind,
      photoKind: configBackups.photoKind,
      visitId: configBackups.visitId,
      filename: configBackups.filename,
      contentType: configBackups.contentType,
      sizeBytes: configBackups.sizeBytes,
    })
    .from(configBackups)
    .where(and(eq(configBackups.deviceId, deviceId), isNull(configBackups.deletedAt)))
    .orderBy(desc(configBackups.uploadedAt), desc(configBackups.version));
  const photos = rows.filter((r) => r.kind === "photo" && r.photoKind).map((r) => ({ ...r, photoKind: r.photoKind!, thisVisit: r.visitId === visitId }));
  const requests = rows.filter((r) => r.kind === "vendor_request" && r.visitId === visitId);
  return { photos, requests };
}

/**
 * The request files stored on this visit for these devices that no case has
 * been sent with yet: a request already sent does not count again (a new
 * request needs a new export). The one rule behind the phone's evidence
 * lists, the server's check and the file a new case links.
 */
export function unsentRequestFiles(db: Executor, visitId: string, deviceIds: string[]): SQL {
  // (NOT IN over a list with a NULL matches nothing: only cases that have a request file.)
  const sent = db
    .select({ id: vendorCases.requestBackupId })
    .from(vendorCases)
    .where(and(inArray(vendorCases.deviceId, deviceIds), isNotNull(vendorCases.requestBackupId)));
  return and(
    eq(configBackups.visitId, visitId),
    inArray(configBackups.deviceId, deviceIds),
    eq(configBackups.kind, "vendor_request"),
    isNull(configBackups.deletedAt),
    notInArray(configBackups.id, sent),
  )!;
}

/** What is in hand for one device on one visit, to check a method's evidence list against. Callers scope the visit. */
export async function evidenceFactsFor(db: Executor, visitId: string, deviceId: string): Promise<EvidenceFacts> {
  const [[device], [auth], files, unsent] = await Promise.all([
    db
      .select({ serial: devices.serial, model: devices.model, mac: devices.mac, lorexDeviceId: devices.lorexDeviceId })
      .from(devices)
      .where(eq(devices.id, deviceId)),
    db.select({ id: authorizations.id }).from(authorizations).where(eq(authorizations.visitId, visitId)),
    evidenceFiles(db, visitId, deviceId),
    devicesWithUnsentRequest(db, visitId, [deviceId]),
  ]);
  return {
    device: device ?? { serial: null, model: null, mac: null, lorexDeviceId: null },
    authorized: !!auth,
    photos: files.photos.map((p) => ({ photoKind: p.photoKind, thisVisit: p.thisVisit })),
    requestFile: unsent.has(deviceId),
  };
}

/** Which of these devices have an unsent request file stored on this visit, in one query. Callers scope the visit. */
export async function devicesWithUnsentRequest(db: Executor, visitId: string, deviceIds: string[]): Promise<Set<string>> {
  if (deviceIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ deviceId: configBackups.deviceId })
    .from(configBackups)
    .where(unsentRequestFiles(db, visitId, deviceIds));
  return new Set(rows.map((r) => r.deviceId));
}
