/**
 * What an uploaded file really is, from its first bytes (never from its name
 * or the Content-Type the client claims). Only the image formats a phone or a
 * screenshot produces; anything else (SVG, HTML, PDF, a renamed file) is null.
 */
export type SniffedImage = "image/jpeg" | "image/png" | "image/webp" | "image/heic" | "image/heif" | "image/avif";

export function sniffImage(b: Uint8Array): SniffedImage | null {
  const ascii = (s: number, e: number) => String.fromCharCode(...b.subarray(s, e));
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 8 && b[0] === 0x89 && ascii(1, 4) === "PNG" && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return "image/png";
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (b.length >= 12 && ascii(4, 8) === "ftyp") {
    // ISO-BMFF: box size, "ftyp", major brand, minor version, compatible brands…
    const size = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    const brands = [ascii(8, 12)];
    for (let i = 16; i + 4 <= Math.min(size, b.length); i += 4) brands.push(ascii(i, i + 4));
    if (brands[0] === "avif" || brands[0] === "avis") return "image/avif";
    if (brands.some((x) => ["heic", "heix", "heim", "heis", "hevc", "hevx"].includes(x))) return "image/heic";
    if (brands.includes("avif")) return "image/avif";
    if (brands.includes("mif1") || brands.includes("msf1")) return "image/heif";
  }
  return null;
}
