/** Pictures for tests, drawn with sharp (the server's own image library). */
import sharp from "sharp";

/** A JPEG of a flat colour, optionally with EXIF (camera make, shot time, GPS position) and an orientation. */
export async function makeJpeg(opts: { width?: number; height?: number; exif?: boolean; orientation?: number } = {}) {
  let img = sharp({ create: { width: opts.width ?? 800, height: opts.height ?? 600, channels: 3, background: "#336699" } }).jpeg({ quality: 80 });
  if (opts.exif)
    img = img.withExif({
      IFD0: { Make: "PhoneMaker", Model: "Pocket 12" },
      IFD2: { DateTimeOriginal: "2026:10:30 09:14:59" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "53/1 47/1 58/1", GPSLongitudeRef: "W", GPSLongitude: "1/1 32/1 57/1" },
    });
  if (opts.orientation) img = img.withMetadata({ orientation: opts.orientation });
  return img.toBuffer();
}

export async function makePng(width = 300, height = 200) {
  return sharp({ create: { width, height, channels: 3, background: "#ffffff" } })
    .png()
    .toBuffer();
}
