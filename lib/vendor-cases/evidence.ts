/**
 * A vendor-pending method's evidence checklist (catalogue data) against what
 * is in hand for one device on one visit. Pure and client-safe: the server
 * refuses to send a case with anything missing, the phone shows the same list.
 */
import type { EvidenceItem, PhotoKind } from "@/lib/values";

export type EvidenceFacts = {
  device: { serial: string | null; model: string | null; mac: string | null; lorexDeviceId: string | null };
  authorized: boolean;
  /** Photos of the device: what each shows, and whether it was taken on this visit. */
  photos: { photoKind: PhotoKind; thisVisit: boolean }[];
  /** A vendor request file stored for the device on this visit. */
  requestFile: boolean;
};

export type EvidenceCheck = { item: EvidenceItem; present: boolean };

export function checkEvidence(items: readonly EvidenceItem[], f: EvidenceFacts): EvidenceCheck[] {
  return items.map((item) => {
    switch (item.item) {
      case "photo":
        return { item, present: f.photos.some((p) => p.photoKind === item.photoKind && (!item.thisVisit || p.thisVisit)) };
      case "fact":
        return { item, present: !!f.device[item.fact]?.trim() };
      case "authorization":
        return { item, present: f.authorized };
      case "request_file":
        return { item, present: f.requestFile };
    }
  });
}

/** The labels of what is still missing (empty: ready to send). */
export function missingEvidence(items: readonly EvidenceItem[], f: EvidenceFacts): string[] {
  return checkEvidence(items, f)
    .filter((c) => !c.present)
    .map((c) => c.item.label);
}

/** The refusal a technician reads when a case cannot be sent yet. */
export function missingEvidenceMessage(methodName: string, missing: string[]) {
  return `Not sent: ${methodName} needs ${missing.length === 1 ? "one more thing" : `${missing.length} more things`} first: ${missing.join("; ")}.`;
}

/** A checklist item as the job carries it: the catalogue's item and whether the server found it. */
export type EvidenceStatus = EvidenceItem & { present: boolean };

/**
 * The checklist as it stands on the phone: the server's answer, ticked again
 * from the device facts, the authorization and the photos the phone holds
 * (work saved on the phone and not yet synced counts, so the technician sees
 * where they stand offline). The request file is the server's word only (it
 * knows which files earlier cases used). The server checks again on send.
 */
export function recheckEvidence(
  server: readonly EvidenceStatus[],
  f: Omit<EvidenceFacts, "requestFile">,
): { label: string; item: EvidenceItem["item"]; present: boolean }[] {
  const again = checkEvidence(server, { ...f, requestFile: false });
  return server.map((s, i) => ({ label: s.label, item: s.item, present: s.item === "request_file" ? s.present : again[i]!.present }));
}
