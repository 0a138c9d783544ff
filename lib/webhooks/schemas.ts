import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/lib/values";

/** An IP literal in a private, link-local or loopback range (cloud metadata, the office network): not a receiver on the internet. */
export function isPrivateAddressLiteral(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  return h.includes(":") && (h === "::1" || h === "::" || h.startsWith("fc") || h.startsWith("fd") || h.startsWith("fe80") || h.startsWith("::ffff:"));
}

/**
 * HTTPS to a host on the internet, as the form says. With
 * FIELDKEY_WEBHOOKS_ALLOW_PRIVATE=1 on the server (`allowPrivate`), also
 * https to the local network and plain http to this machine (a receiver being
 * tried out; the database's webhook_endpoints_url_https allows no other http).
 * Never a user name or password in the URL.
 */
export function isAllowedWebhookUrl(raw: string, opts: { allowPrivate?: boolean } = {}): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (isPrivateAddressLiteral(u.hostname)) {
    if (!opts.allowPrivate) return false;
    return u.protocol === "https:" || (u.protocol === "http:" && (u.hostname === "127.0.0.1" || u.hostname === "localhost"));
  }
  return u.protocol === "https:";
}

/** What the form says about the URL; the schema below enforces exactly this. */
export const webhookUrlHint = (allowPrivate: boolean) =>
  allowPrivate ? "HTTPS (the local network allowed on this server); plain http only to this machine." : "HTTPS only.";

/** The endpoint form's schema, for the server's setting (lib/webhooks/endpoints.ts webhooksAllowPrivate). */
export function createWebhookSchemaFor(allowPrivate: boolean) {
  return z.object({
    url: z
      .string()
      .trim()
      .min(1, "Enter the URL that should receive the events.")
      .max(2000, "Use a shorter URL.")
      .refine(
        (url) => isAllowedWebhookUrl(url, { allowPrivate }),
        allowPrivate
          ? "Use an https:// URL, or http:// to this machine (127.0.0.1 or localhost), without a user name or password in it."
          : "Use an https:// URL on the internet (without a user name or password in it).",
      ),
    description: z.string().trim().max(200, "Use at most 200 characters.").default(""),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event."),
  });
}
export const createWebhookSchema = createWebhookSchemaFor(false);
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const webhookIdSchema = z.object({ id: z.uuid() });
