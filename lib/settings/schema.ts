import { z } from "zod";
import { canonicalLocale, DEFAULT_LOCALE } from "@/lib/format/dates";

const supportAddress = z
  .string()
  .trim()
  .max(254, "Use at most 254 characters.")
  .refine((v) => v === "" || z.email().safeParse(v).success, "Enter an email address such as support@vendor.example, or leave it empty.");

/** Company settings: one typed object, stored as key/value rows in `settings`. */
export const companySettingsSchema = z.object({
  companyName: z.string().trim().min(1).max(120).default("FieldKey Security"),
  companyPhone: z.string().trim().max(40).default("216-333-8245"),
  companyEmail: z.string().trim().max(254).default("service@fieldkey.local"),
  companyAddress: z.string().trim().max(300).default("Cleveland, OH"),
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "Unknown time zone")
    .default("America/New_York"),
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
  /** Sites allowed to embed the booking widget in a frame (exact origins, e.g. https://www.example.com). */
  widgetAllowedOrigins: z
    .array(z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i))
    .max(20)
    .default([]),
});

export type CompanySettings = z.infer<typeof companySettingsSchema>;
export const DEFAULT_SETTINGS: CompanySettings = companySettingsSchema.parse({});
