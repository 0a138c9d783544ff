/**
 * One zod schema per field form: used by react-hook-form on the phone and by
 * the server action (and the lib function) on the server. Client-safe.
 */
import { z } from "zod";
import { isSupportedInstant } from "@/lib/availability/time";
import { ATTEMPT_OUTCOMES, AUTH_RELATIONSHIPS, BRANDS, CHECKLIST_ANSWERS, DEVICE_KINDS, RECOVERY_OPTIONS, VENDORS, WARRANTY_SEALS } from "@/lib/values";

const id = (what: string) => z.uuid(`That ${what} id is not valid.`);
const optionalText = (max: number, tooLong = `Use at most ${max} characters.`) => z.string().trim().max(max, tooLong).optional().default("");

/** Longest attempt we believe: anything over a day is a typo. */
export const MAX_ATTEMPT_SECONDS = 24 * 60 * 60;
/** Largest signature image accepted (PNG bytes). */
export const MAX_SIGNATURE_BYTES = 200 * 1024;

export { AUTHORIZATION_STATEMENT } from "./labels";

export const advanceVisitSchema = z.object({
  visitId: id("visit"),
  to: z.enum(["en_route", "on_site"], "Choose where the visit moves to."),
});

export const undoVisitStatusSchema = z.object({ visitId: id("visit") });

export const authorizationSchema = z
  .object({
    visitId: id("visit"),
    personName: z
      .string({ error: "Enter the name of the person authorizing." })
      .trim()
      .min(2, "Enter the name of the person authorizing.")
      .max(120, "Use at most 120 characters."),
    relationship: z.enum(AUTH_RELATIONSHIPS, "Choose how they relate to the equipment."),
    mode: z.enum(["signature", "typed"]),
    /** data:image/png;base64,... from the signature pad. */
    signature: z
      .string()
      .max(Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 64, "The signature image is too large.")
      .optional()
      .default(""),
    typedAcknowledgement: optionalText(120),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "signature" && !/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(v.signature)) {
      ctx.addIssue({ code: "custom", path: ["signature"], message: "Ask them to sign in the box." });
    }
    if (v.mode === "typed" && v.typedAcknowledgement.toLowerCase().replace(/\s+/g, " ") !== v.personName.toLowerCase().replace(/\s+/g, " ")) {
      ctx.addIssue({ code: "custom", path: ["typedAcknowledgement"], message: "They must type their full name exactly as entered above." });
    }
  });
export type AuthorizationInput = z.input<typeof authorizationSchema>;

const durationSchema = z
  .number({ error: "Enter how long it took." })
  .int("Use whole seconds.")
  .min(0, "A duration cannot be negative.")
  .max(MAX_ATTEMPT_SECONDS, "That is longer than 24 hours: check the time.");

export const vendorCaseInputSchema = z.object({
  vendor: z.enum(VENDORS, "Choose the vendor."),
  whatWasSent: z
    .string({ error: "Say what was sent to the vendor." })
    .trim()
    .min(3, "Say what was sent to the vendor.")
    .max(500, "Use at most 500 characters."),
  /** Draft the email to the vendor's support address (settings); false when it goes another way (phone, portal). */
  emailVendor: z.boolean().optional().default(true),
});

export const logAttemptSchema = z
  .object({
    visitId: id("visit"),
    deviceId: id("device"),
    methodId: z.string({ error: "Choose a method." }).trim().min(1, "Choose a method.").max(64, "Unknown recovery method."),
    outcome: z.enum(ATTEMPT_OUTCOMES, "Choose an outcome."),
    durationSeconds: durationSchema,
    /** When the on-screen timer started (ISO time, the phone's clock), if it was used. */
    startedAt: z.iso.datetime({ offset: true, error: "Not a valid time." }).refine(isSupportedInstant, "Not a valid time.").optional(),
    /** When the attempt was saved on the phone (ISO time, the phone's clock): it may reach the server much later. */
    endedAt: z.iso.datetime({ offset: true, error: "Not a valid time." }).refine(isSupportedInstant, "Not a valid time.").optional(),
    notes: optionalText(2000),
    description: optionalText(500),
    vendorCase: vendorCaseInputSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "waiting_vendor" && !v.vendorCase) {
      ctx.addIssue({ code: "custom", path: ["vendorCase", "whatWasSent"], message: "Say what was sent to the vendor." });
    }
  });
export type LogAttemptInput = z.input<typeof logAttemptSchema>;

export const correctAttemptSchema = z.object({
  attemptId: id("attempt"),
  methodId: z.string().trim().min(1, "Choose a method.").max(64, "Unknown recovery method."),
  outcome: z.enum(ATTEMPT_OUTCOMES, "Choose an outcome."),
  durationSeconds: durationSchema,
  notes: optionalText(2000),
  description: optionalText(500),
});
export type CorrectAttemptInput = z.input<typeof correctAttemptSchema>;

const nullableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .nullish()
    .transform((s) => (s ? s : null));

export const deviceFactsSchema = z.object({
  visitId: id("visit"),
  deviceId: id("device"),
  brand: z.enum(BRANDS, "Choose the brand on the label."),
  kind: z.enum(DEVICE_KINDS, "Choose the kind of device."),
  model: nullableText(80),
  serial: nullableText(80),
  firmware: nullableText(80),
  mac: z
    .string()
    .trim()
    .nullish()
    .refine((m) => !m || /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/.test(m), "Enter a MAC address like 3C:EF:8C:12:34:56.")
    .transform((m) => (m ? m.toUpperCase().replace(/-/g, ":") : null)),
  channels: z
    .union([z.number(), z.nan(), z.null()])
    .optional()
    .transform((n) => (n == null || Number.isNaN(n) ? null : n))
    .refine((n) => n === null || (Number.isInteger(n) && n >= 1 && n <= 256), "Channels must be a whole number from 1 to 256."),
  lorexDeviceId: nullableText(80),
  warrantySeal: z.enum(WARRANTY_SEALS, "Choose the warranty seal state."),
  recoveryOptions: z.object(
    Object.fromEntries(RECOVERY_OPTIONS.map((o) => [o, z.enum(["yes", "no", "unknown"])])) as Record<
      (typeof RECOVERY_OPTIONS)[number],
      z.ZodEnum<{ yes: "yes"; no: "no"; unknown: "unknown" }>
    >,
  ),
  notes: nullableText(2000),
});
export type DeviceFactsInput = z.input<typeof deviceFactsSchema>;

const answer = z.enum(CHECKLIST_ANSWERS, "Answer yes, no or not applicable.");
export const completeVisitSchema = z.object({
  visitId: id("visit"),
  patternLockSet: answer,
  configExported: answer,
  recoveryEmailUpdated: answer,
  notes: optionalText(2000),
  /** A reason for each device left without success (not attempted, or tried and not recovered). */
  devices: z
    .array(z.object({ deviceId: id("device"), reason: optionalText(500) }))
    .max(50)
    .optional()
    .default([]),
});
export type CompleteVisitInput = z.input<typeof completeVisitSchema>;

/** The lockout-prevention checklist on its own (saved before completion; completion answers it again). */
export const answerChecklistSchema = z.object({
  visitId: id("visit"),
  patternLockSet: answer,
  configExported: answer,
  recoveryEmailUpdated: answer,
  notes: optionalText(2000),
});
export type AnswerChecklistInput = z.input<typeof answerChecklistSchema>;

export const attachVendorFileSchema = z.object({
  caseId: id("vendor case"),
  backupId: id("file"),
  which: z.enum(["request", "result"], "Say which file this is."),
});
export type AttachVendorFileInput = z.input<typeof attachVendorFileSchema>;
