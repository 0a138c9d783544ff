"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { ActionResult } from "@/lib/platform/action-result";
import type { FieldWriteKind, PhotoKind } from "@/lib/values";

export type UploadSpec = {
  file: File;
  deviceId: string;
  kind: "config" | "guid" | "vendor_request" | "vendor_result" | "photo";
  firmware?: string;
  note?: string;
  /** Device photos: what the photo shows and the camera's shot time (read on the phone before compression). */
  photo?: { photoKind: PhotoKind; takenAt: string | null };
};

/**
 * How the job's forms write: on the technician's phone, into the queue
 * (saved at once, sent when possible, app/_field/offline); on the admin's
 * desktop, straight to POST /api/field/writes. Same lib functions either way.
 */
export type FieldWriter = {
  visitId: string;
  /** Queue (or send) one write; `ok` means saved (on the phone: waiting to sync). */
  write: (kind: FieldWriteKind, input: Record<string, unknown>) => Promise<ActionResult<{ id: string }>>;
  /** Queue (or send) a file for the vault; resolves with the id later writes use to refer to it. */
  upload: (spec: UploadSpec) => Promise<ActionResult<{ id: string }>>;
  /** Writes wait on the phone (shown as "waiting to sync") rather than going straight to the server. */
  queued: boolean;
  /** Files of this device waiting on the phone, with their upload progress (0-100) while they go. */
  uploadsFor: (deviceId: string) => QueuedUpload[];
};

export type QueuedUpload = { id: string; filename: string; size: number; kind: string; progress: number | null; error: string | null };

/**
 * What a field save says in its toast (app/_ui/notify.ts): on the phone the
 * write is saved there and sent when it can be (the sync bar counts what
 * waits), so the toast says so; for the admin it went straight to the server.
 */
export function savedText(queued: boolean, what: string) {
  return queued ? `${what} saved on this phone.` : `${what} saved.`;
}

const Ctx = createContext<FieldWriter | null>(null);

export function FieldWriterProvider({ writer, children }: { writer: FieldWriter; children: ReactNode }) {
  return <Ctx value={writer}>{children}</Ctx>;
}

export function useFieldWriter(): FieldWriter {
  const w = useContext(Ctx);
  if (!w) throw new Error("useFieldWriter needs a FieldWriterProvider (the job view sets one).");
  return w;
}
