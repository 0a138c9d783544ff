import { z } from "zod";
import { DEVICE_KINDS } from "@/lib/values";
import { ASKED_RECOVERY_OPTIONS, requireAddress, siteFieldsSchema } from "@/lib/booking/schemas";

const triState = z.enum(["yes", "no", "unknown"], { error: "Choose yes, no or not sure." });
const optionalText = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`).optional().default("");

/** The portal's site editor: the address is required. */
export const siteEditSchema = siteFieldsSchema.extend({ siteId: z.uuid("Unknown address.") }).superRefine(requireAddress);

/** The portal's device editor (brand stays as booked; the technician corrects it on site). */
export const deviceEditSchema = z.object({
  deviceId: z.uuid("Unknown device."),
  kind: z.enum(DEVICE_KINDS, { error: "Choose DVR, NVR or camera." }),
  model: optionalText(100),
  serial: optionalText(64).refine((s) => s === "" || /^[A-Za-z0-9-]+$/.test(s), "Use letters, digits and dashes only."),
  siteId: z
    .union([z.uuid("Pick one of your addresses."), z.literal("")])
    .optional()
    .default(""),
  notes: optionalText(1000),
  recovery: z.object(Object.fromEntries(ASKED_RECOVERY_OPTIONS.map((o) => [o, triState])) as Record<(typeof ASKED_RECOVERY_OPTIONS)[number], typeof triState>),
});
