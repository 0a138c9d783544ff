"use client";
import { useRouter } from "next/navigation";
import { useMemo, type ReactNode } from "react";
import { v7 as uuidv7 } from "uuid";
import type { ActionResult } from "@/lib/platform/action-result";
import { UNREACHABLE_MESSAGE } from "@/app/_ui/use-server-action";
import { FieldWriterProvider, type FieldWriter } from "./write-context";

/** A problem+json answer as the forms read it: the message, and messages per field. */
export function problemResult(status: number, body: unknown): ActionResult<never> {
  const p = (body ?? {}) as { detail?: string; errors?: { field: string; detail: string }[] };
  const fieldErrors: Record<string, string[]> = {};
  for (const e of Array.isArray(p.errors) ? p.errors : []) (fieldErrors[e.field] ??= []).push(e.detail);
  return { ok: false, status, error: p.detail ?? "The server refused this.", fieldErrors };
}

/**
 * The job's writes at a desk with a connection (admins): straight to
 * POST /api/field/writes (each with its own id, so a double submit applies
 * once), then the page is rendered again.
 */
export function DirectWriter({ visitId, children }: { visitId: string; children: ReactNode }) {
  const router = useRouter();
  const writer = useMemo<FieldWriter>(
    () => ({
      visitId,
      queued: false,
      uploadsFor: () => [],
      async write(kind, input) {
        const id = uuidv7();
        try {
          const res = await fetch("/api/field/writes", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ id, kind, visitId, madeAt: new Date().toISOString(), input }),
          });
          const body = await res.json().catch(() => null);
          if (!res.ok) return problemResult(res.status, body);
          router.refresh();
          return { ok: true, data: { id } };
        } catch {
          return { ok: false, status: 0, error: UNREACHABLE_MESSAGE };
        }
      },
      async upload(spec) {
        // Device photos go straight to POST /api/photos (other files: the backup upload form).
        if (spec.kind !== "photo" || !spec.photo) return { ok: false, status: 400, error: "Use the upload form." };
        const id = uuidv7();
        const q = new URLSearchParams({ deviceId: spec.deviceId, visitId, kind: spec.photo.photoKind });
        if (spec.photo.takenAt) q.set("takenAt", spec.photo.takenAt);
        try {
          const res = await fetch(`/api/photos?${q}`, {
            method: "POST",
            headers: { "Content-Type": spec.file.type || "image/jpeg", "X-Filename": encodeURIComponent(spec.file.name), "Idempotency-Key": id },
            body: spec.file,
          });
          const body = await res.json().catch(() => null);
          if (!res.ok) return problemResult(res.status, body);
          router.refresh();
          return { ok: true, data: { id: (body as { id: string }).id } };
        } catch {
          return { ok: false, status: 0, error: UNREACHABLE_MESSAGE };
        }
      },
    }),
    [visitId, router],
  );
  return <FieldWriterProvider writer={writer}>{children}</FieldWriterProvider>;
}
