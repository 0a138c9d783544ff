import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/db/schema";

/** HTTPS only; plain http is accepted only for this machine's loopback (trying a receiver locally). */
export function isAllowedWebhookUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === "https:") return true;
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
