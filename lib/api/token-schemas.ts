import { z } from "zod";
import { API_SCOPES } from "@/lib/values";

/** The admin form that creates an API token (client and server). */
export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name, e.g. the system that will use it.").max(100, "Use at most 100 characters."),
  userId: z.uuid("Choose the person this token acts as."),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope."),
  /** A date (YYYY-MM-DD, company time zone): the token stops working at the end of that day. Empty = no expiry. */
  expiresOn: z
    .string()
    .trim()
    .refine((s) => s === "" || /^\d{4}-\d{2}-\d{2}$/.test(s), "Use a date like 2030-12-31.")
    .default(""),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

export const apiTokenIdSchema = z.object({ id: z.uuid() });
