/**
 * A photo made ready to upload, on the phone: the camera's shot time read
 * first (the re-encode drops it), then the picture shrunk to at most
 * PHONE_MAX_SIDE pixels on its longer side (iOS gives blank canvases for very
 * large ones) and about 0.5 MB as JPEG. EXIF, GPS included, is not copied
 * across (preserveExif stays false). No web worker: the library's worker
 * would load its code from a CDN (the CSP blocks it anyway); a photo takes a
 * fraction of a second on the main thread. Both libraries load on first use.
 * A picture the browser cannot decode (HEIC outside Safari) goes as it is:
 * the server decides whether it can read it.
 */
import { PHONE_MAX_SIDE } from "@/lib/photos/limits";

export type ReadyPhoto = { file: File; takenAt: string | null; compressed: boolean };

/** DateTimeOriginal as `YYYY-MM-DDTHH:MM:SS` (+ the offset when the camera wrote one): camera-local time, the server places it. */
async function shotTime(file: File): Promise<string | null> {
  try {
    const { default: exifr } = await import("exifr/dist/lite.esm.mjs");
    const tags = (await exifr.parse(file, { tiff: false, exif: { pick: ["DateTimeOriginal", "OffsetTimeOriginal"] }, reviveValues: false })) as
      { DateTimeOriginal?: string; OffsetTimeOriginal?: string } | undefined;
    const t = tags?.DateTimeOriginal;
    if (typeof t !== "string" || !/^\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}$/.test(t)) return null;
    const offset = typeof tags?.OffsetTimeOriginal === "string" && /^[+-]\d{2}:\d{2}$/.test(tags.OffsetTimeOriginal) ? tags.OffsetTimeOriginal : "";
    return t.replace(/^(\d{4}):(\d{2}):(\d{2}) /, "$1-$2-$3T") + offset;
  } catch {
    return null;
  }
}

export async function preparePhoto(original: File, onProgress?: (percent: number) => void): Promise<ReadyPhoto> {
  const takenAt = await shotTime(original);
  try {
    const { default: imageCompression } = await import("browser-image-compression");
    const small = await imageCompression(original, {
      maxWidthOrHeight: PHONE_MAX_SIDE,
      maxSizeMB: 0.5,
      initialQuality: 0.8,
      fileType: "image/jpeg",
      preserveExif: false,
      useWebWorker: false,
      onProgress,
    });
    const name = original.name.replace(/\.[^.]+$/, "") || "photo";
    return { file: new File([small], `${name}.jpg`, { type: "image/jpeg" }), takenAt, compressed: true };
  } catch {
    return { file: original, takenAt, compressed: false };
  }
}
