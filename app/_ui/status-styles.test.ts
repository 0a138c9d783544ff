import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { MAIL_STATUS_TONES, VISIT_STATUS_TONES, WEBHOOK_DELIVERY_STATUS_TONES, type StatusTone } from "./status-styles";

// Tailwind's own palette (oklch values), so the check follows the version we build with.
const themeCss = fs.readFileSync(createRequire(import.meta.url).resolve("tailwindcss/theme.css"), "utf8");
const palette = new Map([...themeCss.matchAll(/--color-([a-z]+-\d+|white|black):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));

/** oklch(L% C H) or #rgb(rrggbb) -> linear sRGB, clamped to the gamut as a browser shows it. */
function linearRgb(value: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join("") : hex[1]!;
    return [0, 2, 4].map((i) => {
      const c = parseInt(h.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
  }
  const m = /^oklch\(([\d.]+)%\s+([\d.]+)\s+([\d.]+)\)$/.exec(value);
  if (!m) throw new Error(`unknown colour ${value}`);
  const [L, C, H] = [Number(m[1]) / 100, Number(m[2]), (Number(m[3]) * Math.PI) / 180];
  const [a, b] = [C * Math.cos(H), C * Math.sin(H)];
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const mm = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return [
    clamp(4.0767416621 * l - 3.3077115913 * mm + 0.2309699292 * s),
    clamp(-1.2684380046 * l + 2.6097574011 * mm - 0.3413193965 * s),
    clamp(-0.0041960863 * l - 0.7034186147 * mm + 1.707614701 * s),
  ];
}

const luminance = (name: string) => {
  const value = palette.get(name);
  if (!value) throw new Error(`no Tailwind colour ${name}`);
  const [r, g, b] = linearRgb(value);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (x: string, y: string) => {
  const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (a + 0.05) / (b + 0.05);
};
const colour = (classes: string, prefix: "bg" | "text") => new RegExp(`(?:^|\\s)${prefix}-([a-z]+-\\d+|white|black)(?:\\s|$)`).exec(classes)?.[1];

describe("status colours", () => {
  it("compute contrast as WCAG does (known pairs)", () => {
    expect(contrast("white", "black")).toBeCloseTo(21, 5);
    // Tailwind 4's slate-500 on white is about 4.76:1, red-500 on white about 3.8:1.
    expect(contrast("slate-500", "white")).toBeGreaterThan(4.5);
    expect(contrast("red-500", "white")).toBeLessThan(4.5);
  });

  const tables: [string, Record<string, StatusTone>][] = [
    ["visit", VISIT_STATUS_TONES],
    ["mail", MAIL_STATUS_TONES],
    ["webhook delivery", WEBHOOK_DELIVERY_STATUS_TONES],
  ];
  for (const [what, tones] of tables) {
    it(`${what} badges keep text at WCAG AA (4.5:1) on their background`, () => {
      for (const [status, tone] of Object.entries(tones)) {
        const bg = colour(tone.badge, "bg");
        const fg = colour(tone.badge, "text");
        expect([status, bg, fg].every(Boolean), `${status}: ${tone.badge}`).toBe(true);
        expect(contrast(bg!, fg!), `${what} ${status}: ${tone.badge}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }

  it("gives every visit status its own colour", () => {
    const badges = Object.values(VISIT_STATUS_TONES).map((t) => t.badge);
    expect(new Set(badges).size).toBe(badges.length);
  });
});
