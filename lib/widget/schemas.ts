import { z } from "zod";

/** An exact origin (scheme, host, port), as frame-ancestors wants it; https, or http for localhost. */
export function toOrigin(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.includes("://") ? raw : `https://${raw}`);
  } catch {
    return null;
  }
  const local = u.hostname === "localhost" || u.hostname === "127.0.0.1";
  if (u.protocol !== "https:" && !(u.protocol === "http:" && local)) return null;
  if (u.username || u.password || !/^[a-z0-9.-]+$/i.test(u.hostname)) return null;
  if (!local && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(u.hostname)) return null; // a real domain name
  return u.origin;
}

const lines = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The admin form: one site per line. */
export const widgetOriginsSchema = z.object({
  origins: z
    .string()
    .max(4000, "That is too long.")
    .superRefine((s, ctx) => {
      const all = lines(s);
      if (all.length > 20) ctx.addIssue({ code: "custom", message: "List at most 20 sites." });
      for (const l of all)
        if (!toOrigin(l)) ctx.addIssue({ code: "custom", message: `“${l.slice(0, 80)}” is not a site address like https://www.example.com` });
    }),
});
export type WidgetOriginsInput = z.input<typeof widgetOriginsSchema>;

/** The normalised, de-duplicated origins of a valid form value. */
export const originsOf = (s: string) => [
  ...new Set(
    lines(s)
      .map((l) => toOrigin(l))
      .filter((o): o is string => !!o),
  ),
];

/** The frame-ancestors source list for the widget: the allowed sites, or 'none'. */
export function frameAncestors(origins: string[]): string {
  return origins.length ? origins.join(" ") : "'none'";
}
