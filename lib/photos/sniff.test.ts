import { describe, expect, it } from "vitest";
import { makeJpeg, makePng } from "@/test/support/images";
import { sniffImage } from "./sniff";

const ftyp = (major: string, ...compatible: string[]) => {
  const brands = [major, "\0\0\0\0", ...compatible].join("");
  const size = 8 + brands.length;
  return Buffer.concat([Buffer.from([0, 0, 0, size]), Buffer.from("ftyp" + brands, "latin1")]);
};

describe("sniffImage: what a file is, from its bytes", () => {
  it("knows the picture formats phones and screenshots produce", async () => {
    expect(sniffImage(await makeJpeg())).toBe("image/jpeg");
    expect(sniffImage(await makePng())).toBe("image/png");
    expect(sniffImage(Buffer.from("RIFF\x10\0\0\0WEBPVP8 ", "latin1"))).toBe("image/webp");
    expect(sniffImage(ftyp("heic", "mif1", "miaf", "MiHB", "heic"))).toBe("image/heic");
    expect(sniffImage(ftyp("mif1", "heic"))).toBe("image/heic");
    expect(sniffImage(ftyp("avif", "mif1", "miaf"))).toBe("image/avif");
    expect(sniffImage(ftyp("mif1", "miaf"))).toBe("image/heif");
  });

  it("refuses everything else, whatever its name would say", () => {
    for (const text of [
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      "<!doctype html><img src=x onerror=alert(1)>",
      "%PDF-1.7\n",
      "GIF89a",
      "",
      "\xff\xd8", // a JPEG start cut short
      "\x89PNX\r\n\x1a\n",
    ])
      expect(sniffImage(Buffer.from(text, "latin1")), JSON.stringify(text)).toBeNull();
    expect(sniffImage(ftyp("isom", "mp41"))).toBeNull(); // an MP4 video
  });
});
