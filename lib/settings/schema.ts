import { z } from "zod";
import { canonicalLocale, DEFAULT_LOCALE, isTimeZone } from "@/lib/format/dates";
import { CURRENCIES, PAYMENT_TERMS } from "@/lib/values";
import { percentToRate } from "@/lib/billing/money";

const supportAddress = z
  .string()
  .trim()
  .max(254, "Use at most 254 characters.")
  .refine((v) => v === "" || z.email().safeParse(v).success, "Enter an email address such as support@vendor.example, or leave it empty.");

/** The company and booking rules (the main settings form). */
export const generalSettingsSchema = z.object({
  companyName: z.string().trim().min(1).max(120).default("FieldKey Security"),
  companyPhone: z.string().trim().max(40).default("216-333-8245"),
  /** Every confirmation's calendar file names it as the organizer, and invoices print it: an address, not any text. */
  companyEmail: z
    .string()
    .trim()
    .max(254, "Use at most 254 characters.")
    .refine((v) => z.email().safeParse(v).success, "Enter the company's email address, such as service@yourcompany.example.")
    .default("service@fieldkey.local"),
  companyAddress: z.string().trim().max(300).default("Cleveland, OH"),
  timeZone: z.string().refine(isTimeZone, "Unknown time zone").default("America/New_York"),
  /** How dates and times read on every page and email (a BCP 47 tag: en-US, en-GB, fr-CA…), stored in its canonical form. */
  locale: z
    .string()
    .trim()
    .max(35, "Use a language tag such as en-US or en-GB.")
    .refine((tag) => canonicalLocale(tag) !== null, "Use a language tag such as en-US or en-GB (this one is unknown).")
    .transform((tag) => canonicalLocale(tag)!)
    .default(DEFAULT_LOCALE),
  slotStepMinutes: z.number().int().min(5).max(240).default(30),
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(14 * 24 * 60)
    .default(120),
  horizonDays: z.number().int().min(1).max(365).default(30),
  travelBufferMinutes: z.number().int().min(0).max(240).default(30),
  visitBaseMinutes: z.number().int().min(15).max(480).default(60),
  visitPerDeviceMinutes: z.number().int().min(0).max(240).default(30),
  cancelCutoffHours: z
    .number()
    .int()
    .min(0)
    .max(14 * 24)
    .default(24),
  vendorCaseDueHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(48),
  /**
   * Where a vendor case's email goes, per vendor (empty: no email is drafted; the case is sent another way).
   * The seed guide names Dahua's password-reset desk; no public source names the others'.
   */
  vendorSupportEmails: z
    .object({ dahua: supportAddress, hikvision: supportAddress, lorex: supportAddress })
    .default({ dahua: "support_rpwd@dahuatech.com", hikvision: "", lorex: "" }),
  /** Security: the longest a staff sign-in lasts, counted from sign-in (not from the last request). */
  staffSessionHours: z.number().int().min(1).max(72).default(12),
  /** Security: the longest a customer's sign-in lasts, counted from sign-in. */
  customerSessionDays: z.number().int().min(1).max(90).default(30),
  /** Security: how long a technician keeps a device's backups after completing the visit with it. */
  backupAccessGraceHours: z.number().int().min(0).max(168).default(24),
  /** Sites allowed to embed the booking widget in a frame (exact origins, e.g. https://www.example.com). */
  widgetAllowedOrigins: z
    .array(z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i))
    .max(20)
    .default([]),
});

const hhmm = (label: string) =>
  z.string({ error: `Enter the ${label} as HH:MM.` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter the ${label} as HH:MM, e.g. 08:00.`);

/** Billing rules (the billing settings form): what the price function and invoices need. */
export const billingSettingsSchema = z
  .object({
    currency: z.enum(CURRENCIES, "Choose a currency from the list.").default("USD"),
    taxName: z.string().trim().min(1, "Name the tax, e.g. Sales tax.").max(40, "Use at most 40 characters.").default("Sales tax"),
    /** Percent, up to 3 decimals (8.875). Applied to taxable lines. */
    taxRatePercent: z
      .number({ error: "Enter the tax rate in percent, e.g. 8 or 8.875." })
      .refine((p) => percentToRate(p) !== null, "Use a rate from 0 to 100 with at most 3 decimals, e.g. 8.875.")
      .default(8),
    /** Days after issue an invoice is due (0 = due on receipt). */
    paymentTermsDays: z
      .number({ error: "Choose the payment terms." })
      .int()
      .refine((d) => (PAYMENT_TERMS as readonly number[]).includes(d), "Choose the payment terms from the list.")
      .default(15),
    /** "No fix, no fee": devices that could not be recovered are not charged. */
    noFixNoFee: z.boolean({ error: "Say whether unrecovered devices are charged." }).default(true),
    /** The overdue reminder is emailed this many days after the due date. */
    overdueReminderDays: z
      .number({ error: "Enter a number of days." })
      .int("Use whole days.")
      .min(1, "Use at least 1 day.")
      .max(90, "Use at most 90 days.")
      .default(7),
    /** Estimates are valid for this many days after they are sent. */
    estimateValidDays: z
      .number({ error: "Enter a number of days." })
      .int("Use whole days.")
      .min(1, "Use at least 1 day.")
      .max(365, "Use at most 365 days.")
      .default(30),
    /** Business hours (company time zone): a visit starting outside them gets the after-hours surcharge. */
    businessHoursStart: hhmm("opening time").default("08:00"),
    businessHoursEnd: hhmm("closing time").default("18:00"),
  })
  .refine((b) => b.businessHoursStart < b.businessHoursEnd, { path: ["businessHoursEnd"], message: "Closing time must be after opening time." });

/** Company settings: one typed object, stored as key/value rows in `settings`. */
export const companySettingsSchema = generalSettingsSchema.extend(billingSettingsSchema.shape);

export type CompanySettings = z.infer<typeof companySettingsSchema>;
export type BillingSettings = z.infer<typeof billingSettingsSchema>;
export const DEFAULT_SETTINGS: CompanySettings = companySettingsSchema.parse({});

/**
 * One stored value as the app reads it: checked on its own, and the default
 * when it is absent or not valid (written by an older version, or by hand;
 * said in the log), so one bad value never takes the others down.
 */
export function storedSetting<K extends keyof CompanySettings>(key: K, raw: unknown): CompanySettings[K] {
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS[key];
  const parsed = companySettingsSchema.shape[key].safeParse(raw);
  if (parsed.success) return parsed.data as CompanySettings[K];
  console.warn(`[fieldkey] setting ${key}: the stored value ${JSON.stringify(raw)} is not valid (${parsed.error.issues[0]?.message}); using the default`);
  return DEFAULT_SETTINGS[key];
}
