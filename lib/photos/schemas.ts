/** A device photo's upload fields (the bytes travel as the request body). Client-safe: the phone checks them before it sends. */
import { z } from "zod";
import { PHOTO_KINDS } from "@/lib/values";

/**
 * When the camera took the photo, as the phone read it from EXIF before
 * compressing: `YYYY-MM-DDTHH:MM:SS`, with an offset when the camera wrote
 * one, else in the camera's (the company's) local time.
 */
export const takenAtSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/, "The shot time must look like 2026-10-30T09:14:59.")
  .optional();

export const photoUploadSchema = z.object({
  deviceId: z.uuid("Choose a device."),
  visitId: z.uuid("That visit id is not valid.").optional(),
  kind: z.enum(PHOTO_KINDS, "Choose what the photo shows."),
  takenAt: takenAtSchema,
  filename: z.string().trim().max(255, "That file name is too long.").optional(),
  /** The id the phone made for this upload (Idempotency-Key): a repeat with the same id returns the first upload and stores nothing. */
  clientId: z.uuid("The Idempotency-Key must be a UUID made by the phone.").optional(),
});
export type PhotoUpload = z.infer<typeof photoUploadSchema>;

/** Where a stored photo is served (full size, audited) and its thumbnail. */
export { photoUrl, thumbUrl } from "./limits";
