/**
 * The booking form's one schema, used by react-hook-form on the client and
 * by the server action (and bookVisit) on the server. Field paths are what
 * the form names its inputs ("devices.0.brand").
 */
import { z } from "zod";
import { BRANDS, DEVICE_KINDS, type RecoveryOption } from "@/lib/values";
import { isRealDate, isSupportedInstant } from "@/lib/availability/time";
import { emailSchema, nameSchema, newPasswordSchema, phoneSchema } from "@/lib/auth/schemas";

export const MAX_DEVICES = 20;

/** What the customer can tell us was ever set up (asked as RECOVERY_OPTION_QUESTIONS); stored in devices.recovery_options. */
export const ASKED_RECOVERY_OPTIONS = [
  "recovery_email",
  "security_questions",
  "app_account",
  "guid_file",
  "reset_button",
] as const satisfies readonly RecoveryOption[];

const triState = z.enum(["yes", "no", "unknown"], { error: "Choose yes, no or not sure." });

const optionalText = (max: number) => z.string({ error: "Enter text." }).trim().max(max, `Use at most ${max} characters.`).optional().default("");
const optionalId = z
  .union([z.uuid("Unknown record."), z.literal("")])
  .optional()
  .default("");

export const bookingDeviceSchema = z.object({
  /** A saved device of this customer (signed-in customers and admins only). */
  deviceId: optionalId,
  brand: z.enum(BRANDS, { error: "Choose Dahua, Lorex or Hikvision." }),
  kind: z.enum(DEVICE_KINDS, { error: "Choose DVR, NVR or camera." }),
  model: optionalText(100),
  problem: optionalText(2000),
  recovery: z.object(Object.fromEntries(ASKED_RECOVERY_OPTIONS.map((o) => [o, triState])) as Record<(typeof ASKED_RECOVERY_OPTIONS)[number], typeof triState>),
});

export const siteFieldsSchema = z.object({
  label: optionalText(100),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  accessNotes: optionalText(1000),
});

export const requireAddress = (s: z.infer<typeof siteFieldsSchema>, ctx: z.RefinementCtx) => {
  const missing: [keyof typeof s, string][] = [
    ["addressLine1", "Enter the street address."],
    ["city", "Enter the city."],
    ["region", "Enter the state."],
    ["postalCode", "Enter the ZIP code."],
  ];
  for (const [key, message] of missing) if (!s[key]) ctx.addIssue({ code: "custom", path: [key], message });
  if (s.postalCode && !/^[A-Za-z0-9 -]{3,20}$/.test(s.postalCode)) ctx.addIssue({ code: "custom", path: ["postalCode"], message: "Enter a valid ZIP code." });
};

/** A saved site, or a new address (then the address fields are required). */
export const bookingSiteSchema = siteFieldsSchema.extend({ siteId: optionalId }).superRefine((s, ctx) => {
  if (!s.siteId) requireAddress(s, ctx);
});

/** An address on its own (the portal's site editor). */
export const siteAddressSchema = siteFieldsSchema.superRefine(requireAddress);

export const bookingAccountSchema = z
  .object({
    /** password: set one now; invite: email a link; none: no login (admin booking only); existing: already signed in. */
    mode: z.enum(["password", "invite", "none", "existing"], { error: "Choose how to sign in later." }),
    password: z.string().max(200, "Use at most 200 characters.").optional().default(""),
    confirmPassword: z.string().max(200).optional().default(""),
  })
  .superRefine((a, ctx) => {
    if (a.mode !== "password") return;
    const p = newPasswordSchema.safeParse(a.password);
    if (!p.success) ctx.addIssue({ code: "custom", path: ["password"], message: p.error.issues[0]!.message });
    else if (a.password !== a.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match." });
  });

const requiredPhone = phoneSchema.refine((p) => p !== "", "Enter a phone number so the technician can reach you.");

/**
 * Who the visit is for: a saved customer (`customerId`: the signed-in
 * customer, or one an admin picked; the other fields are then ignored), or a
 * new one, whose name, email and phone are required and checked.
 */
export const bookingContactSchema = z
  .object({
    customerId: optionalId,
    name: z.string({ error: "Enter a name." }).trim().max(120, "Use at most 120 characters."),
    email: z.string({ error: "Enter your email address." }).trim().max(254, "That email address is too long."),
    phone: z.string({ error: "Enter a phone number." }).trim().max(40, "That phone number is too long."),
  })
  .transform((c, ctx) => {
    if (c.customerId) return c;
    const name = nameSchema.safeParse(c.name);
    const email = emailSchema.safeParse(c.email);
    const phone = requiredPhone.safeParse(c.phone);
    if (name.success && email.success && phone.success) return { customerId: "", name: name.data, email: email.data, phone: phone.data };
    for (const [key, r] of [
      ["name", name],
      ["email", email],
      ["phone", phone],
    ] as const) {
      if (!r.success) ctx.addIssue({ code: "custom", path: [key], message: r.error.issues[0]!.message });
    }
    return z.NEVER;
  });

export const bookingSchema = z.object({
  /** Generated when the form opens; a repeated submit with it returns the first visit. */
  idempotencyKey: z.uuid("The form is out of date. Reload the page."),
  contact: bookingContactSchema,
  site: bookingSiteSchema,
  devices: z
    .array(bookingDeviceSchema, { error: "Add at least one device." })
    .min(1, "Add at least one device.")
    .max(MAX_DEVICES, `One visit covers at most ${MAX_DEVICES} devices. Call us for a bigger job.`),
  slotStart: z.iso
    .datetime({ offset: true, error: "Pick a time for the visit." })
    .refine(isSupportedInstant, "Pick a time for the visit.")
    .refine((s) => new Date(s).getTime() > Date.now(), "That time has already passed. Pick another."),
  notes: optionalText(2000),
  account: bookingAccountSchema,
});

export type BookingInput = z.input<typeof bookingSchema>;
export type BookingData = z.output<typeof bookingSchema>;

/** Slots for the devices chosen so far (public), or for moving one of my visits. */
export const slotQuerySchema = z.object({
  brands: z
    .array(z.enum(BRANDS, { error: "Unknown brand." }))
    .min(1, "Add a device first.")
    .max(3),
  deviceCount: z.number().int().min(1).max(MAX_DEVICES, `One visit covers at most ${MAX_DEVICES} devices.`),
  /** Only these local days (company time zone, inclusive); default: the whole booking horizon. */
  fromDay: z.string().refine(isRealDate, "Use a date like 2026-05-12.").optional(),
  toDay: z.string().refine(isRealDate, "Use a date like 2026-05-12.").optional(),
});

export const visitIdSchema = z.object({ visitId: z.uuid("Unknown visit.") });

export const rescheduleSchema = z.object({
  visitId: z.uuid("Unknown visit."),
  slotStart: z.iso.datetime({ offset: true, error: "Pick a new time." }).refine(isSupportedInstant, "Pick a new time."),
});

export const cancelSchema = z.object({
  visitId: z.uuid("Unknown visit."),
  reason: optionalText(500),
});
