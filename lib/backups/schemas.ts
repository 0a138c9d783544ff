import { z } from "zod";
// Type-only: this file reaches the browser (the upload form), and a value import of db/schema would ship drizzle-orm with it (~20 KB gzip).
import type { BackupKind } from "@/db/schema";

import { BACKUP_KIND_LABELS } from "@/lib/values/labels";

export { BACKUP_KIND_LABELS };
/**
 * What the file upload takes: db/schema's BACKUP_KINDS (schemas.test.ts keeps them in step) except photos,
 * which arrive only through the photo upload (POST /api/photos), where the bytes are checked to be an image.
 */
export type UploadKind = Exclude<BackupKind, "photo">;
export const UPLOAD_KINDS = (Object.keys(BACKUP_KIND_LABELS) as BackupKind[]).filter((k): k is UploadKind => k !== "photo") as [UploadKind, ...UploadKind[]];

/** The upload form's own fields (checked in the browser before the bytes are sent). */
export const uploadFormSchema = z.object({
  kind: z.enum(UPLOAD_KINDS),
  firmware: z.string().trim().max(100, "Use at most 100 characters."),
  note: z
    .string()
    .trim()
    .max(500, "Use at most 500 characters.")
    .refine((n) => !/password\s*[:=]\s*\S/i.test(n), "Record a hint, never the password itself."),
});

/** Metadata sent with an upload (the bytes travel as the request body). */
export const uploadMetaSchema = z.object({
  deviceId: z.uuid("Choose a device."),
  visitId: z.uuid().optional(),
  kind: z.enum(UPLOAD_KINDS, { error: "Choose what kind of file this is." }).default("config"),
  filename: z.string().trim().min(1, "The file needs a name.").max(255, "That file name is too long."),
  contentType: z
    .string()
    .trim()
    .max(100)
    .regex(/^[\w.+-]+\/[\w.+-]+$/, "Unknown content type.")
    .catch("application/octet-stream"),
  firmwareAtExport: z.string().trim().max(100, "Use at most 100 characters.").optional(),
  note: z
    .string()
    .trim()
    .max(500, "Use at most 500 characters.")
    .optional()
    .refine((n) => !n || !/password\s*[:=]\s*\S/i.test(n), "Record a hint, never the password itself."),
});
export type UploadMeta = z.infer<typeof uploadMetaSchema>;

/**
 * A filename safe to show and to put in a download header: the last path
 * segment, no control or quote characters, at most 120 characters.
 */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "_")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 120);
  return cleaned || "backup.bin";
}

/** Content-Disposition for a download: ASCII fallback plus RFC 5987 UTF-8 name. */
export function contentDisposition(filename: string) {
  const safe = safeFilename(filename);
  const ascii = safe.replace(/[^\x20-\x7e]/g, "_").replace(/[%\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
