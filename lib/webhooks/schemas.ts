import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/lib/values";

/**
 * The shape of a webhook URL (client-safe, for the form): https, or plain
 * http to this machine for a local receiver, and no user name or password in
 * it. Which hosts may receive deliveries is decided on the server
 * (lib/webhooks/target.ts): no loopback, private or reserved addresses.
 */
export function isAllowedWebhookUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === "https:") return true;
  return u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
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
