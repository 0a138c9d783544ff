"use client";
import { useMemo, useSyncExternalStore } from "react";
import type { FieldJob } from "@/lib/field/sync";
import type { FieldWriter, QueuedUpload } from "../write-context";
import { CLIENT_KINDS, describeItem } from "../offline/kinds";
import { enqueue, syncState } from "../offline/runner";
import { isUpload } from "../offline/queue";
import type { OutboxItem } from "../offline/store";

export function useSyncState() {
  return useSyncExternalStore(syncState.subscribe, syncState.get, syncState.get);
}

/**
 * The phone's writer for one visit: each write is checked like the server
 * would where the phone can tell (its own words), saved in the queue at once
 * (the job shows it from the store) and sent when there is a connection.
 */
export function useTechWriter(userId: string, job: FieldJob | undefined, visitId: string, items: readonly OutboxItem[]): FieldWriter {
  const { uploads } = useSyncState();
  return useMemo<FieldWriter>(
    () => ({
      visitId,
      queued: true,
      async write(kind, input) {
        const full = "visitId" in input || !["attempt.correct", "vendor_case.close", "vendor_case.attach_file"].includes(kind) ? { ...input, visitId } : input;
        const refused = job ? CLIENT_KINDS[kind].check?.(job, full) : null;
        if (refused) return typeof refused === "string" ? { ok: false, status: 409, error: refused } : { ok: false, status: 409, ...refused };
        const id = await enqueue(userId, { kind, visitId, input: full, summary: CLIENT_KINDS[kind].summary(full, job) });
        return { ok: true, data: { id } };
      },
      async upload(spec) {
        if (spec.kind === "photo") {
          // A device photo: its own queued kind (POST /api/photos); its input lets the job show it (and count it as evidence) before it syncs.
          const photo = spec.photo ?? { photoKind: "other", takenAt: null };
          const input = { deviceId: spec.deviceId, photoKind: photo.photoKind, takenAt: photo.takenAt };
          const id = await enqueue(userId, { kind: "photo.upload", visitId, input, summary: CLIENT_KINDS["photo.upload"].summary(input, job) }, spec.file, {
            deviceId: spec.deviceId,
            kind: "photo",
            filename: spec.file.name,
            contentType: spec.file.type || "image/jpeg",
            size: spec.file.size,
            photoKind: photo.photoKind,
            takenAt: photo.takenAt,
          });
          return { ok: true, data: { id } };
        }
        const id = await enqueue(userId, { kind: "backup.upload", visitId, input: {}, summary: `File upload: ${spec.file.name}` }, spec.file, {
          deviceId: spec.deviceId,
          kind: spec.kind,
          filename: spec.file.name,
          contentType: spec.file.type || "application/octet-stream",
          size: spec.file.size,
          firmware: spec.firmware,
          note: spec.note,
        });
        return { ok: true, data: { id } };
      },
      uploadsFor(deviceId) {
        return items
          .filter((i) => isUpload(i.kind) && i.visitId === visitId && i.upload?.deviceId === deviceId && i.state !== "sent")
          .map<QueuedUpload>((i) => ({
            id: i.id,
            filename: i.upload!.filename,
            size: i.upload!.size,
            kind: i.upload!.kind,
            progress: uploads[i.id] ?? null,
            error: i.state === "attention" ? (i.lastError ?? "Refused.") : i.tries > 0 ? i.lastError : null,
          }));
      },
    }),
    [userId, job, visitId, items, uploads],
  );
}

export { describeItem };
