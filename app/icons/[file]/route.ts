import { createElement } from "react";
import { ImageResponse } from "next/og";

/** The app icons of the web app manifest, drawn at build time (prerendered PNGs, stable URLs). */
export const dynamic = "force-static";
export const dynamicParams = false;

const ICONS: Record<string, { size: number; maskable: boolean }> = {
  "icon-192.png": { size: 192, maskable: false },
  "icon-512.png": { size: 512, maskable: false },
  "maskable-512.png": { size: 512, maskable: true },
};

export function generateStaticParams() {
  return Object.keys(ICONS).map((file) => ({ file }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const icon = ICONS[(await params).file]!;
  const { size, maskable } = icon;
  // Maskable: full-bleed background, the mark inside the 80 % safe zone.
  const mark = createElement(
    "div",
    {
      style: {
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        width: maskable ? size * 0.8 : size,
        height: maskable ? size * 0.8 : size,
        borderRadius: maskable ? 0 : size * 0.2,
        background: "#1e40af",
        color: "#ffffff",
        fontSize: size * 0.42,
        fontWeight: 700,
      },
    },
    "FK",
  );
  return new ImageResponse(
    createElement(
      "div",
      {
        style: { display: "flex", alignItems: "center", justifyContent: "center", width: size, height: size, background: maskable ? "#1e40af" : "transparent" },
      },
      mark,
    ),
    { width: size, height: size },
  );
}
