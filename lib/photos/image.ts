import "server-only";
import sharp, { type Metadata } from "sharp";
import { ValidationError } from "@/lib/platform/errors";
import { THUMB_SIZE } from "./limits";
import type { SniffedImage } from "./sniff";

/** Largest picture decoded (pixels): a 48 MP phone sensor fits; a decompression bomb does not. */
export const MAX_PIXELS = 50_000_000;

export type PreparedPhoto = { bytes: Buffer; contentType: SniffedImage; width: number; height: number; thumbnail: Buffer; reencoded: boolean };

const UNREADABLE = "This file looks like a picture but could not be read; it may be damaged. Take the photo again.";
const HEIC = "This photo is in HEIC format, which the server cannot read. Take it again from the job page (the phone converts it), or save it as JPEG first.";

/**
 * Decode the picture (the real check that it is one), measure it, make its
 * thumbnail, and drop any metadata. A phone compresses and strips EXIF before
 * it uploads (the shot time travels as its own field), so its file is kept
 * byte for byte; a file that still carries EXIF, XMP or IPTC (GPS position,
 * camera serial, owner name: e.g. an original picked on a computer) is
 * re-encoded without it, turned upright first.
 */
export async function preparePhoto(input: Buffer, type: SniffedImage): Promise<PreparedPhoto> {
  const open = () => sharp(input, { limitInputPixels: MAX_PIXELS, failOn: "error" });
  let meta: Metadata;
  try {
    meta = await open().metadata();
    if (!meta.width || !meta.height) throw new Error("no size");
  } catch (err) {
    const message = type === "image/heic" || type === "image/heif" ? HEIC : /pixel limit/i.test(String(err)) ? tooManyPixels() : UNREADABLE;
    throw new ValidationError(message, { file: [message] });
  }
  if (meta.width * meta.height > MAX_PIXELS) throw new ValidationError(tooManyPixels(), { file: [tooManyPixels()] });
  try {
    const needsStrip = !!(meta.exif || meta.xmp || meta.iptc);
    let bytes = input;
    let contentType = type;
    if (needsStrip) {
      const upright = open().rotate();
      if (type === "image/png") bytes = await upright.png().toBuffer();
      else if (type === "image/webp") bytes = await upright.webp({ quality: 90 }).toBuffer();
      else {
        bytes = await upright.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
        contentType = "image/jpeg";
      }
    }
    const thumbnail = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 72, mozjpeg: true })
      .toBuffer();
    const final = needsStrip ? await sharp(bytes).metadata() : meta;
    // EXIF orientations 5–8 turn the picture a quarter: what a person sees is the other way round.
    const turned = !needsStrip && (meta.orientation ?? 1) >= 5;
    return {
      bytes,
      contentType,
      width: turned ? final.height! : final.width!,
      height: turned ? final.width! : final.height!,
      thumbnail,
      reencoded: needsStrip,
    };
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new ValidationError(UNREADABLE, { file: [UNREADABLE] });
  }
}

function tooManyPixels() {
  return `This picture is too large to process (over ${MAX_PIXELS / 1_000_000} megapixels). Take it again from the job page, which shrinks it.`;
}
