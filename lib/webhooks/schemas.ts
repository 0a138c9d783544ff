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

/** HTTPS only; plain http is accepted only for this machine's loopback (trying a receiver locally). */
export function isAllowedWebhookUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === "https:") return !isPrivateAddressLiteral(u.hostname);
  return u.protocol === "http:" && (u.hostname === "127.0.0.1" || u.hostname === "localhost");
}

export const createWebhookSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the URL that should receive the events.")
    .max(2000, "Use a shorter URL.")
    .refine(isAllowedWebhookUrl, "Use an https:// URL (without a user name or password in it)."),
  description: z.string().trim().max(200, "Use at most 200 characters.").default(""),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event."),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const webhookIdSchema = z.object({ id: z.uuid() });
